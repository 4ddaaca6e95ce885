namespace Nano.MqttSn.Codec
{
    /// <summary>ReturnCode values (§5.3.10); 0x04–0xFF are reserved.</summary>
    public static class SnReturnCode
    {
        /// <summary>Accepted.</summary>
        public const byte Accepted = 0x00;
        /// <summary>Rejected: congestion (retry after T_WAIT).</summary>
        public const byte Congestion = 0x01;
        /// <summary>Rejected: invalid topic ID.</summary>
        public const byte InvalidTopicId = 0x02;
        /// <summary>Rejected: not supported.</summary>
        public const byte NotSupported = 0x03;

        /// <summary>True for the four defined codes.</summary>
        public static bool IsDefined(int code) => code >= 0 && code <= NotSupported;
    }
}
