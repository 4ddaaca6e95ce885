namespace Nano.Mqtt.Bridge
{
    /// <summary>Which way a bridge topic line forwards messages (Mosquitto's <c>in</c>, <c>out</c>, <c>both</c>).</summary>
    public enum BridgeDirection
    {
        /// <summary>From the remote broker to the local one.</summary>
        In = 1,

        /// <summary>From the local broker to the remote one.</summary>
        Out = 2,

        /// <summary>Both ways.</summary>
        Both = 3,
    }
}
