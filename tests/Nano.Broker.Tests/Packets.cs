using System;
using System.Collections.Generic;
using System.Text;

namespace Nano.Broker.Tests
{
    /// <summary>Client-side packet bytes written by hand from the specification, independent of the codec under test.</summary>
    internal static class Packets
    {
        public static byte[] Connect(string clientId, bool clean = true, int keepAlive = 0, string willTopic = null, byte[] willMessage = null,
            int willQos = 0, bool willRetain = false, string user = null, byte[] password = null, int level = 4)
        {
            var body = new List<byte>();
            AddString(body, level == 3 ? "MQIsdp" : "MQTT");
            body.Add((byte)level);
            int flags = (clean ? 0x02 : 0) | (user != null ? 0x80 : 0) | (password != null ? 0x40 : 0);
            if (willTopic != null)
            {
                flags |= 0x04 | (willQos << 3) | (willRetain ? 0x20 : 0);
            }
            body.Add((byte)flags);
            body.Add((byte)(keepAlive >> 8));
            body.Add((byte)keepAlive);
            AddString(body, clientId);
            if (willTopic != null)
            {
                AddString(body, willTopic);
                AddBinary(body, willMessage ?? Array.Empty<byte>());
            }
            if (user != null)
            {
                AddString(body, user);
            }
            if (password != null)
            {
                AddBinary(body, password);
            }
            return Frame(0x10, body);
        }

        public static byte[] Publish(string topic, string payload, int qos = 0, int packetId = 0, bool retain = false, bool dup = false)
        {
            return Publish(topic, Encoding.UTF8.GetBytes(payload), qos, packetId, retain, dup);
        }

        public static byte[] Publish(string topic, byte[] payload, int qos = 0, int packetId = 0, bool retain = false, bool dup = false)
        {
            var body = new List<byte>();
            AddString(body, topic);
            if (qos > 0)
            {
                body.Add((byte)(packetId >> 8));
                body.Add((byte)packetId);
            }
            body.AddRange(payload);
            return Frame(0x30 | (dup ? 0x08 : 0) | (qos << 1) | (retain ? 1 : 0), body);
        }

        public static byte[] Subscribe(int packetId, params object[] filtersAndQos)
        {
            var body = new List<byte> { (byte)(packetId >> 8), (byte)packetId };
            for (int i = 0; i < filtersAndQos.Length; i += 2)
            {
                AddString(body, (string)filtersAndQos[i]);
                body.Add((byte)(int)filtersAndQos[i + 1]);
            }
            return Frame(0x82, body);
        }

        public static byte[] Unsubscribe(int packetId, params string[] filters)
        {
            var body = new List<byte> { (byte)(packetId >> 8), (byte)packetId };
            foreach (string f in filters)
            {
                AddString(body, f);
            }
            return Frame(0xA2, body);
        }

        public static byte[] PubAck(int id) => new byte[] { 0x40, 2, (byte)(id >> 8), (byte)id };

        public static byte[] PubRec(int id) => new byte[] { 0x50, 2, (byte)(id >> 8), (byte)id };

        public static byte[] PubRel(int id) => new byte[] { 0x62, 2, (byte)(id >> 8), (byte)id };

        public static byte[] PubComp(int id) => new byte[] { 0x70, 2, (byte)(id >> 8), (byte)id };

        public static readonly byte[] PingReq = { 0xC0, 0 };

        public static readonly byte[] Disconnect = { 0xE0, 0 };

        public static byte[] Concat(params byte[][] parts)
        {
            var all = new List<byte>();
            foreach (byte[] p in parts)
            {
                all.AddRange(p);
            }
            return all.ToArray();
        }

        public static string Hex(byte[] bytes) => Convert.ToHexString(bytes);

        private static byte[] Frame(int first, List<byte> body)
        {
            var packet = new List<byte> { (byte)first };
            int length = body.Count;
            do
            {
                int digit = length & 0x7F;
                length >>= 7;
                packet.Add((byte)(length > 0 ? digit | 0x80 : digit));
            }
            while (length > 0);
            packet.AddRange(body);
            return packet.ToArray();
        }

        private static void AddString(List<byte> body, string s) => AddBinary(body, Encoding.UTF8.GetBytes(s));

        private static void AddBinary(List<byte> body, byte[] b)
        {
            body.Add((byte)(b.Length >> 8));
            body.Add((byte)b.Length);
            body.AddRange(b);
        }
    }
}
