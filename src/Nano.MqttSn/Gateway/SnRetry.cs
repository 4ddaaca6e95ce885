namespace Nano.MqttSn.Gateway
{
    /// <summary>What the T_RETRY timer of a delivery asks for (§6.13).</summary>
    internal enum SnRetry
    {
        /// <summary>Nothing is due.</summary>
        None = 0,
        /// <summary>The awaited message was sent again.</summary>
        Resent,
        /// <summary>N_RETRY re-sends went unanswered.</summary>
        Exhausted,
    }
}
