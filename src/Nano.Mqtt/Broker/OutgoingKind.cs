namespace Nano.Mqtt.Broker
{
    /// <summary>The packet a connection is part-way through sending.</summary>
    internal enum OutgoingKind
    {
        /// <summary>Nothing: the next read selects a packet.</summary>
        None,

        /// <summary>A PUBLISH encoded on demand from a pooled message.</summary>
        Publish,

        /// <summary>A PUBREL of an outgoing QoS 2 message.</summary>
        PubRel,
    }
}
