namespace Nano.MqttSn.Codec
{
    /// <summary>The flags octet (§5.3.4): DUP, QoS, Retain, Will, CleanSession, TopicIdType.</summary>
    public static class SnFlags
    {
        /// <summary>Bit 7: re-sent PUBLISH or SUBSCRIBE.</summary>
        public const byte Dup = 0x80;
        /// <summary>Bit 4: retain.</summary>
        public const byte Retain = 0x10;
        /// <summary>Bit 3: CONNECT asks to be prompted for a Will.</summary>
        public const byte Will = 0x08;
        /// <summary>Bit 2: clean session.</summary>
        public const byte CleanSession = 0x04;
        /// <summary>Bits 1–0: TopicIdType.</summary>
        public const byte TopicIdTypeMask = 0x03;

        /// <summary>QoS from bits 6–5; 0b11 reads as -1.</summary>
        public static int GetQos(byte flags)
        {
            int bits = (flags >> 5) & 0x03;
            return bits == 3 ? SnQos.MinusOne : bits;
        }

        /// <summary>QoS -1..2 as bits 6–5.</summary>
        public static byte QosBits(int qos) => (byte)((qos < 0 ? 3 : qos & 0x03) << 5);

        /// <summary>TopicIdType from bits 1–0.</summary>
        public static int GetTopicIdType(byte flags) => flags & TopicIdTypeMask;
    }
}
