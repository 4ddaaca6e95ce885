namespace Nano.Mqtt.Persistence
{
    /// <summary>Why the log was cut at start-up.</summary>
    public enum StoreDamage
    {
        /// <summary>Every record was whole and intact.</summary>
        None = 0,

        /// <summary>The last record runs past the end of the log: a write was cut off.</summary>
        Torn = 1,

        /// <summary>A record's CRC-32 or length field is wrong.</summary>
        Corrupt = 2,
    }
}
