namespace Nano.Mqtt.Codec
{
    /// <summary>MQTT control packet types: the high nibble of the first fixed-header byte (§2.2.1).</summary>
    public enum PacketType : byte
    {
        /// <summary>Reserved, forbidden.</summary>
        Reserved = 0,

        /// <summary>Client request to connect.</summary>
        Connect = 1,

        /// <summary>Connect acknowledgment.</summary>
        ConnAck = 2,

        /// <summary>Publish message.</summary>
        Publish = 3,

        /// <summary>QoS 1 publish acknowledgment.</summary>
        PubAck = 4,

        /// <summary>QoS 2 publish received (part 1).</summary>
        PubRec = 5,

        /// <summary>QoS 2 publish release (part 2).</summary>
        PubRel = 6,

        /// <summary>QoS 2 publish complete (part 3).</summary>
        PubComp = 7,

        /// <summary>Client subscribe request.</summary>
        Subscribe = 8,

        /// <summary>Subscribe acknowledgment.</summary>
        SubAck = 9,

        /// <summary>Unsubscribe request.</summary>
        Unsubscribe = 10,

        /// <summary>Unsubscribe acknowledgment.</summary>
        UnsubAck = 11,

        /// <summary>Ping request.</summary>
        PingReq = 12,

        /// <summary>Ping response.</summary>
        PingResp = 13,

        /// <summary>Client is disconnecting.</summary>
        Disconnect = 14,

        /// <summary>AUTH in MQTT 5.0; reserved in 3.1.1 and rejected by this codec.</summary>
        Auth = 15,
    }
}
