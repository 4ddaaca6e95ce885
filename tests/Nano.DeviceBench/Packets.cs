namespace Nano.DeviceBench
{
    /// <summary>
    /// MQTT 3.1.1 packets written byte by byte, so the bench depends only on the engine's byte-level
    /// API and not on the codec's C# types. Built once per scenario; the timed loop only rewrites
    /// packet identifiers in place.
    /// </summary>
    public static class Packets
    {
        public const int Connack = 2;
        public const int Publish = 3;
        public const int Puback = 4;
        public const int Suback = 9;

        /// <summary>CONNECT at level 4 with clean session and keep-alive 0 (no timeout) [MQTT-3.1].</summary>
        public static byte[] Connect(string clientId)
        {
            int variable = 10 + 2 + clientId.Length;
            byte[] p = new byte[HeaderLength(variable) + variable];
            int i = WriteHeader(p, 0x10, variable);
            i = WriteString(p, i, "MQTT");
            p[i++] = 4;
            p[i++] = 0x02;
            p[i++] = 0;
            p[i++] = 0;
            WriteString(p, i, clientId);
            return p;
        }

        /// <summary>SUBSCRIBE to one filter at the given QoS [MQTT-3.8].</summary>
        public static byte[] Subscribe(int packetId, string filter, int qos)
        {
            int variable = 2 + 2 + filter.Length + 1;
            byte[] p = new byte[HeaderLength(variable) + variable];
            int i = WriteHeader(p, 0x82, variable);
            i = WritePacketId(p, i, packetId);
            i = WriteString(p, i, filter);
            p[i] = (byte)qos;
            return p;
        }

        /// <summary>PUBLISH of a payload of the given length, packet identifier 1 when QoS &gt; 0 [MQTT-3.3].</summary>
        public static byte[] PublishPacket(string topic, int qos, int payloadLength)
        {
            int variable = 2 + topic.Length + (qos > 0 ? 2 : 0) + payloadLength;
            byte[] p = new byte[HeaderLength(variable) + variable];
            int i = WriteHeader(p, 0x30 | (qos << 1), variable);
            i = WriteString(p, i, topic);
            if (qos > 0)
            {
                i = WritePacketId(p, i, 1);
            }
            for (int k = 0; i < p.Length; k++)
            {
                p[i++] = (byte)('a' + k % 26);
            }
            return p;
        }

        /// <summary>Where the packet identifier of a QoS 1 PUBLISH built by <see cref="PublishPacket"/> starts.</summary>
        public static int PublishPacketIdOffset(byte[] publish)
        {
            int i = 1;
            while ((publish[i] & 0x80) != 0)
            {
                i++;
            }
            i++;
            return i + 2 + ((publish[i] << 8) | publish[i + 1]);
        }

        /// <summary>PUBACK for packet identifier 1; the identifier is rewritten before each send [MQTT-3.4].</summary>
        public static byte[] PubAck()
        {
            return new byte[] { 0x40, 0x02, 0x00, 0x01 };
        }

        /// <summary>Writes a packet identifier, most significant byte first [MQTT-2.3.1].</summary>
        public static int WritePacketId(byte[] p, int offset, int packetId)
        {
            p[offset] = (byte)(packetId >> 8);
            p[offset + 1] = (byte)packetId;
            return offset + 2;
        }

        /// <summary>Octets taken by the fixed header of a packet with this remaining length [MQTT-2.2.3].</summary>
        private static int HeaderLength(int remaining)
        {
            int n = 2;
            while (remaining > 127)
            {
                remaining >>= 7;
                n++;
            }
            return n;
        }

        private static int WriteHeader(byte[] p, int first, int remaining)
        {
            p[0] = (byte)first;
            int i = 1;
            do
            {
                int digit = remaining & 0x7F;
                remaining >>= 7;
                p[i++] = (byte)(remaining > 0 ? digit | 0x80 : digit);
            }
            while (remaining > 0);
            return i;
        }

        /// <summary>A length-prefixed string; the bench uses ASCII only, so one octet per character [MQTT-1.5.3].</summary>
        private static int WriteString(byte[] p, int offset, string s)
        {
            p[offset++] = (byte)(s.Length >> 8);
            p[offset++] = (byte)s.Length;
            for (int k = 0; k < s.Length; k++)
            {
                p[offset++] = (byte)s[k];
            }
            return offset;
        }
    }
}
