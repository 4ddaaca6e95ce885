namespace Nano.Mqtt.Bridge
{
    /// <summary>Counters of a <see cref="BridgeEngine"/>.</summary>
    public sealed class BridgeStatistics
    {
        /// <summary>Messages forwarded from the local broker to the remote one (stored for the remote).</summary>
        public long MessagesOut;

        /// <summary>Messages forwarded from the remote broker to the local one.</summary>
        public long MessagesIn;

        /// <summary>Messages no topic line mapped, or whose mapped topic or size did not fit.</summary>
        public long MessagesDropped;

        /// <summary>Messages the remote broker sent back on a <c>both</c> line that the bridge had just sent it (without
        /// try_private the remote cannot tell the bridge from a client), dropped by the hop check.</summary>
        public long EchoesDropped;
    }
}
