namespace Nano.Mqtt.Bridge
{
    /// <summary>When a bridge connects to the remote broker (Mosquitto's <c>start_type</c>).</summary>
    public enum BridgeStartType
    {
        /// <summary>At start, and again after every loss with the restart backoff.</summary>
        Automatic = 0,

        /// <summary>When the first message is waiting for the remote; then as <see cref="Automatic"/>.</summary>
        Lazy = 1,

        /// <summary>At start, once: no reconnect after a loss.</summary>
        Once = 2,
    }
}
