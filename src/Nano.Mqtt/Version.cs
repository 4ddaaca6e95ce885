namespace Nano.Mqtt
{
    /// <summary>Protocol levels carried in CONNECT.</summary>
    public static class ProtocolLevel
    {
        /// <summary>MQTT 3.1, protocol name "MQIsdp".</summary>
        public const byte V31 = 3;

        /// <summary>MQTT 3.1.1, protocol name "MQTT".</summary>
        public const byte V311 = 4;

        /// <summary>MQTT 5.0: recognised, not served yet.</summary>
        public const byte V50 = 5;
    }
}
