namespace Nano.MqttSn.Codec
{
    /// <summary>TopicIdType values, flags bits 1–0 (§5.3.4, §6.7).</summary>
    public static class SnTopicIdType
    {
        /// <summary>Normal topic id; in SUBSCRIBE/UNSUBSCRIBE a topic name follows.</summary>
        public const int Normal = 0;
        /// <summary>Predefined topic id.</summary>
        public const int Predefined = 1;
        /// <summary>Two-character short topic name carried in the TopicId field.</summary>
        public const int Short = 2;
        /// <summary>Reserved.</summary>
        public const int Reserved = 3;
    }
}
