namespace Nano.Mqtt.Client
{
    /// <summary>Where a stored outgoing message stands in its QoS flow.</summary>
    internal enum OutboundState : byte
    {
        /// <summary>The slot holds no message.</summary>
        Free = 0,

        /// <summary>PUBLISH to be sent (first time, or again after a reconnect or retry).</summary>
        Queued = 1,

        /// <summary>QoS 1 PUBLISH sent; waiting for PUBACK.</summary>
        AwaitingPubAck = 2,

        /// <summary>QoS 2 PUBLISH sent; waiting for PUBREC.</summary>
        AwaitingPubRec = 3,

        /// <summary>PUBREC received; PUBREL to be sent (again).</summary>
        ReleasePending = 4,

        /// <summary>PUBREL sent; waiting for PUBCOMP.</summary>
        AwaitingPubComp = 5,
    }
}
