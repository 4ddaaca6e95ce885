namespace Nano.MqttSn.Codec
{
    /// <summary>MQTT-SN QoS levels as carried in the flags octet (§5.3.4).</summary>
    public static class SnQos
    {
        /// <summary>QoS -1: publish without connection, client to GW only, flags bits 0b11.</summary>
        public const int MinusOne = -1;
        /// <summary>QoS 0.</summary>
        public const int AtMostOnce = 0;
        /// <summary>QoS 1.</summary>
        public const int AtLeastOnce = 1;
        /// <summary>QoS 2.</summary>
        public const int ExactlyOnce = 2;
    }
}
