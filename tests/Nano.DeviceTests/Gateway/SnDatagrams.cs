namespace Nano.DeviceTests.Gateway
{
    /// <summary>MQTT-SN 1.2 datagrams written out octet by octet (one-octet Length form, §5.2.1), independent of the codec.</summary>
    internal static class SnDatagrams
    {
        public static byte[] Connect(string clientId, int keepAliveSeconds, bool clean, bool will)
        {
            int flags = (will ? 0x08 : 0) | (clean ? 0x04 : 0);
            return Message(0x04, new byte[] { (byte)flags, 0x01, (byte)(keepAliveSeconds >> 8), (byte)keepAliveSeconds }, clientId);
        }

        public static byte[] WillTopic(int qos, bool retain, string topic)
        {
            return Message(0x07, new byte[] { (byte)((qos << 5) | (retain ? 0x10 : 0)) }, topic);
        }

        public static byte[] WillMsg(string message)
        {
            return Message(0x09, new byte[0], message);
        }

        public static byte[] Register(int msgId, string topic)
        {
            return Message(0x0A, new byte[] { 0, 0, (byte)(msgId >> 8), (byte)msgId }, topic);
        }

        /// <summary>PUBLISH; <paramref name="qos"/> -1 is encoded as 0b11; <paramref name="topicIdType"/> 0 normal, 1 predefined, 2 short.</summary>
        public static byte[] Publish(int qos, int topicIdType, int topicId, int msgId, string data, bool retain, bool dup)
        {
            int flags = (dup ? 0x80 : 0) | ((qos < 0 ? 3 : qos) << 5) | (retain ? 0x10 : 0) | topicIdType;
            return Message(0x0C, new byte[] { (byte)flags, (byte)(topicId >> 8), (byte)topicId, (byte)(msgId >> 8), (byte)msgId }, data);
        }

        public static byte[] Publish(int qos, int topicIdType, int topicId, int msgId, string data)
        {
            return Publish(qos, topicIdType, topicId, msgId, data, false, false);
        }

        /// <summary>The TopicId of a two-character short topic name.</summary>
        public static int Short(string name)
        {
            return (name[0] << 8) | name[1];
        }

        public static byte[] Subscribe(int qos, int msgId, string filter)
        {
            return Message(0x12, new byte[] { (byte)(qos << 5), (byte)(msgId >> 8), (byte)msgId }, filter);
        }

        public static byte[] SubscribeId(int qos, int topicIdType, int msgId, int topicId)
        {
            return Message(0x12, new byte[] { (byte)((qos << 5) | topicIdType), (byte)(msgId >> 8), (byte)msgId, (byte)(topicId >> 8), (byte)topicId }, "");
        }

        public static byte[] Unsubscribe(int msgId, string filter)
        {
            return Message(0x14, new byte[] { 0, (byte)(msgId >> 8), (byte)msgId }, filter);
        }

        public static byte[] PubAck(int topicId, int msgId, int returnCode)
        {
            return Message(0x0D, new byte[] { (byte)(topicId >> 8), (byte)topicId, (byte)(msgId >> 8), (byte)msgId, (byte)returnCode }, "");
        }

        public static byte[] RegAck(int topicId, int msgId, int returnCode)
        {
            return Message(0x0B, new byte[] { (byte)(topicId >> 8), (byte)topicId, (byte)(msgId >> 8), (byte)msgId, (byte)returnCode }, "");
        }

        /// <summary>PUBREC (0x0F), PUBREL (0x10), PUBCOMP (0x0E), UNSUBACK...: type and MsgId only.</summary>
        public static byte[] MsgId(int type, int msgId)
        {
            return Message(type, new byte[] { (byte)(msgId >> 8), (byte)msgId }, "");
        }

        public static byte[] PingReq(string clientId)
        {
            return Message(0x16, new byte[0], clientId);
        }

        public static byte[] Disconnect()
        {
            return new byte[] { 0x02, 0x18 };
        }

        /// <summary>DISCONNECT with a Duration: the client goes to sleep (§6.14).</summary>
        public static byte[] Sleep(int seconds)
        {
            return Message(0x18, new byte[] { (byte)(seconds >> 8), (byte)seconds }, "");
        }

        public static byte[] SearchGw(int radius)
        {
            return new byte[] { 0x03, 0x01, (byte)radius };
        }

        /// <summary>Length, MsgType, the fixed fields, then the ASCII text.</summary>
        public static byte[] Message(int type, byte[] fields, string text)
        {
            int length = 2 + fields.Length + text.Length;
            byte[] b = new byte[length];
            b[0] = (byte)length;
            b[1] = (byte)type;
            System.Array.Copy(fields, 0, b, 2, fields.Length);
            for (int i = 0; i < text.Length; i++)
            {
                b[2 + fields.Length + i] = (byte)text[i];
            }
            return b;
        }
    }
}
