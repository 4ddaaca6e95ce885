using static Nano.MqttSn.Tests.Bytes;

namespace Nano.MqttSn.Tests.Gateway
{
    /// <summary>MQTT-SN datagrams written out by hand for the gateway tests (short length form).</summary>
    internal static class Sn
    {
        public static string Connect(string clientId, int keepAliveSeconds, bool clean, bool will)
        {
            int flags = (will ? 0x08 : 0) | (clean ? 0x04 : 0);
            return Message(0x04, new[] { (byte)flags, (byte)0x01, (byte)(keepAliveSeconds >> 8), (byte)keepAliveSeconds }, Ascii(clientId));
        }

        public static string WillTopic(int qos, bool retain, string topic)
            => Message(0x07, new[] { (byte)((qos << 5) | (retain ? 0x10 : 0)) }, Ascii(topic));

        public static string WillMsg(string message) => Message(0x09, Ascii(message));

        public static string Register(int msgId, string topic) => Message(0x0A, new byte[] { 0, 0, (byte)(msgId >> 8), (byte)msgId }, Ascii(topic));

        /// <summary>PUBLISH; qos -1 encodes as 0b11; topicIdType 0 normal, 1 predefined, 2 short.</summary>
        public static string Publish(int qos, int topicIdType, int topicId, int msgId, string data, bool retain = false, bool dup = false)
        {
            int flags = (dup ? 0x80 : 0) | ((qos < 0 ? 3 : qos) << 5) | (retain ? 0x10 : 0) | topicIdType;
            return Message(0x0C, new[] { (byte)flags, (byte)(topicId >> 8), (byte)topicId, (byte)(msgId >> 8), (byte)msgId }, Ascii(data));
        }

        public static int Short(string twoChars) => (twoChars[0] << 8) | twoChars[1];

        public static string Subscribe(int qos, int msgId, string filter)
            => Message(0x12, new[] { (byte)(qos << 5), (byte)(msgId >> 8), (byte)msgId }, Ascii(filter));

        public static string SubscribeId(int qos, int topicIdType, int msgId, int topicId)
            => Message(0x12, new[] { (byte)((qos << 5) | topicIdType), (byte)(msgId >> 8), (byte)msgId, (byte)(topicId >> 8), (byte)topicId });

        public static string Unsubscribe(int msgId, string filter) => Message(0x14, new[] { (byte)0, (byte)(msgId >> 8), (byte)msgId }, Ascii(filter));

        public static string PubAck(int topicId, int msgId, int returnCode)
            => Message(0x0D, new[] { (byte)(topicId >> 8), (byte)topicId, (byte)(msgId >> 8), (byte)msgId, (byte)returnCode });

        public static string RegAck(int topicId, int msgId, int returnCode)
            => Message(0x0B, new[] { (byte)(topicId >> 8), (byte)topicId, (byte)(msgId >> 8), (byte)msgId, (byte)returnCode });

        public static string MsgId(int type, int msgId) => Message(type, new[] { (byte)(msgId >> 8), (byte)msgId });

        public static string PingReq(string clientId = "") => Message(0x16, Ascii(clientId));

        public static string Disconnect() => "02 18";

        public static string Sleep(int seconds) => Message(0x18, new[] { (byte)(seconds >> 8), (byte)seconds });

        public static string Message(int type, params byte[][] parts)
        {
            int length = 2;
            foreach (byte[] p in parts)
            {
                length += p.Length;
            }
            int i = 2;
            if (length > 255)
            {
                length += 2;
                i = 4; // the 3-octet Length form [§5.2.1]
            }
            var b = new byte[length];
            if (i == 4)
            {
                b[0] = 0x01;
                b[1] = (byte)(length >> 8);
                b[2] = (byte)length;
                b[3] = (byte)type;
            }
            else
            {
                b[0] = (byte)length;
                b[1] = (byte)type;
            }
            foreach (byte[] p in parts)
            {
                p.CopyTo(b, i);
                i += p.Length;
            }
            return Bytes.ToHex(b, 0, b.Length);
        }

        /// <summary>Hex of an ASCII string, to write expected payloads.</summary>
        public static string Hex(string s)
        {
            byte[] b = Ascii(s);
            return Bytes.ToHex(b, 0, b.Length);
        }
    }
}
