namespace Nano.DeviceTests.Gateway
{
    /// <summary>MQTT 3.1.1 packets written out octet by octet for a raw-byte peer of the broker (remaining length below 128).</summary>
    internal static class MqttPackets
    {
        /// <summary>CONNECT, clean session, keep-alive 0 (the fake clock never expires it) [MQTT-3.1].</summary>
        public static byte[] Connect(string clientId)
        {
            byte[] b = new byte[14 + clientId.Length];
            b[0] = 0x10;
            b[1] = (byte)(12 + clientId.Length);
            b[2] = 0;
            b[3] = 4;
            b[4] = (byte)'M';
            b[5] = (byte)'Q';
            b[6] = (byte)'T';
            b[7] = (byte)'T';
            b[8] = 4;
            b[9] = 0x02;
            b[10] = 0;
            b[11] = 0;
            b[12] = 0;
            b[13] = (byte)clientId.Length;
            Text(clientId, b, 14);
            return b;
        }

        public static byte[] Subscribe(int packetId, string filter, int qos)
        {
            byte[] b = new byte[7 + filter.Length];
            b[0] = 0x82;
            b[1] = (byte)(b.Length - 2);
            b[2] = (byte)(packetId >> 8);
            b[3] = (byte)packetId;
            b[4] = 0;
            b[5] = (byte)filter.Length;
            Text(filter, b, 6);
            b[6 + filter.Length] = (byte)qos;
            return b;
        }

        public static byte[] Publish(string topic, string payload, int qos, bool retain, int packetId)
        {
            int idLength = qos > 0 ? 2 : 0;
            byte[] b = new byte[4 + topic.Length + idLength + payload.Length];
            b[0] = (byte)(0x30 | (qos << 1) | (retain ? 1 : 0));
            b[1] = (byte)(b.Length - 2);
            b[2] = 0;
            b[3] = (byte)topic.Length;
            Text(topic, b, 4);
            int at = 4 + topic.Length;
            if (qos > 0)
            {
                b[at++] = (byte)(packetId >> 8);
                b[at++] = (byte)packetId;
            }
            Text(payload, b, at);
            return b;
        }

        /// <summary>PUBACK 0x40, PUBREC 0x50, PUBREL 0x62, PUBCOMP 0x70.</summary>
        public static byte[] Ack(int firstOctet, int packetId)
        {
            return new byte[] { (byte)firstOctet, 2, (byte)(packetId >> 8), (byte)packetId };
        }

        private static void Text(string s, byte[] b, int at)
        {
            for (int i = 0; i < s.Length; i++)
            {
                b[at + i] = (byte)s[i];
            }
        }
    }
}
