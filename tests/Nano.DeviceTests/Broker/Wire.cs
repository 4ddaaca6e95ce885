namespace Nano.DeviceTests.Broker
{
    /// <summary>
    /// Client packets written by hand from the specification, independent of the codec under test, and
    /// hexadecimal text for comparing bytes. ASCII only: the device has no Encoding class.
    /// </summary>
    public static class Wire
    {
        public static readonly byte[] PingReq = new byte[] { 0xC0, 0 };

        public static readonly byte[] Disconnect = new byte[] { 0xE0, 0 };

        public static byte[] Ascii(string s)
        {
            byte[] b = new byte[s.Length];
            for (int i = 0; i < s.Length; i++)
            {
                b[i] = (byte)s[i];
            }
            return b;
        }

        public static byte[] Connect(string clientId, bool clean, int keepAlive)
        {
            return Connect(clientId, clean, keepAlive, null, null, 0, false, null, 4);
        }

        public static byte[] Connect(string clientId, bool clean, int keepAlive, string willTopic, string willMessage, int willQos, bool willRetain, string user, int level)
        {
            byte[] name = Ascii(level == 3 ? "MQIsdp" : "MQTT");
            byte[] id = Ascii(clientId);
            int flags = (clean ? 0x02 : 0) | (user != null ? 0x80 : 0);
            int body = 2 + name.Length + 4 + 2 + id.Length;
            byte[] wt = null;
            byte[] wm = null;
            byte[] u = null;
            if (willTopic != null)
            {
                flags |= 0x04 | (willQos << 3) | (willRetain ? 0x20 : 0);
                wt = Ascii(willTopic);
                wm = Ascii(willMessage);
                body += 4 + wt.Length + wm.Length;
            }
            if (user != null)
            {
                u = Ascii(user);
                body += 2 + u.Length;
            }
            byte[] p = Frame(0x10, body, out int o);
            o = PutString(p, o, name);
            p[o++] = (byte)level;
            p[o++] = (byte)flags;
            p[o++] = (byte)(keepAlive >> 8);
            p[o++] = (byte)keepAlive;
            o = PutString(p, o, id);
            if (wt != null)
            {
                o = PutString(p, o, wt);
                o = PutString(p, o, wm);
            }
            if (u != null)
            {
                PutString(p, o, u);
            }
            return p;
        }

        public static byte[] Publish(string topic, string payload, int qos, int packetId, bool retain)
        {
            return Publish(topic, payload, qos, packetId, retain, false);
        }

        public static byte[] Publish(string topic, string payload, int qos, int packetId, bool retain, bool dup)
        {
            byte[] t = Ascii(topic);
            byte[] m = Ascii(payload);
            byte[] p = Frame(0x30 | (dup ? 0x08 : 0) | (qos << 1) | (retain ? 1 : 0), 2 + t.Length + (qos > 0 ? 2 : 0) + m.Length, out int o);
            o = PutString(p, o, t);
            if (qos > 0)
            {
                p[o++] = (byte)(packetId >> 8);
                p[o++] = (byte)packetId;
            }
            System.Array.Copy(m, 0, p, o, m.Length);
            return p;
        }

        public static byte[] Subscribe(int packetId, string filter, int qos)
        {
            return Subscribe(packetId, filter, qos, null, 0);
        }

        public static byte[] Subscribe(int packetId, string filter, int qos, string filter2, int qos2)
        {
            byte[] f = Ascii(filter);
            byte[] f2 = filter2 == null ? null : Ascii(filter2);
            byte[] p = Frame(0x82, 2 + 3 + f.Length + (f2 == null ? 0 : 3 + f2.Length), out int o);
            p[o++] = (byte)(packetId >> 8);
            p[o++] = (byte)packetId;
            o = PutString(p, o, f);
            p[o++] = (byte)qos;
            if (f2 != null)
            {
                o = PutString(p, o, f2);
                p[o] = (byte)qos2;
            }
            return p;
        }

        public static byte[] Unsubscribe(int packetId, string filter)
        {
            byte[] f = Ascii(filter);
            byte[] p = Frame(0xA2, 2 + 2 + f.Length, out int o);
            p[o++] = (byte)(packetId >> 8);
            p[o++] = (byte)packetId;
            PutString(p, o, f);
            return p;
        }

        public static byte[] PubAck(int id) { return Ack(0x40, id); }

        public static byte[] PubRec(int id) { return Ack(0x50, id); }

        public static byte[] PubRel(int id) { return Ack(0x62, id); }

        public static byte[] PubComp(int id) { return Ack(0x70, id); }

        /// <summary>The expected hexadecimal text of a PUBLISH the broker sends.</summary>
        public static string PublishHex(string topic, string payload, int qos, int packetId, bool retain, bool dup)
        {
            byte[] p = Publish(topic, payload, qos, packetId, retain, dup);
            return Hex(p, 0, p.Length);
        }

        public static string Hex(byte[] b, int offset, int count)
        {
            const string digits = "0123456789ABCDEF";
            char[] c = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                c[2 * i] = digits[b[offset + i] >> 4];
                c[2 * i + 1] = digits[b[offset + i] & 0xF];
            }
            return new string(c);
        }

        private static byte[] Ack(int first, int id)
        {
            return new byte[] { (byte)first, 2, (byte)(id >> 8), (byte)id };
        }

        private static byte[] Frame(int first, int body, out int offset)
        {
            int lengthBytes = body < 128 ? 1 : (body < 16384 ? 2 : 3);
            byte[] p = new byte[1 + lengthBytes + body];
            p[0] = (byte)first;
            int o = 1;
            int length = body;
            do
            {
                int digit = length & 0x7F;
                length >>= 7;
                p[o++] = (byte)(length > 0 ? digit | 0x80 : digit);
            }
            while (length > 0);
            offset = o;
            return p;
        }

        private static int PutString(byte[] p, int o, byte[] s)
        {
            p[o++] = (byte)(s.Length >> 8);
            p[o++] = (byte)s.Length;
            System.Array.Copy(s, 0, p, o, s.Length);
            return o + s.Length;
        }
    }
}
