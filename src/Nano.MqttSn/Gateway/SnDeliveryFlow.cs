namespace Nano.MqttSn.Gateway
{
    /// <summary>The answer a gateway-to-client delivery awaits (§6.6, §6.10).</summary>
    internal enum SnDeliveryFlow
    {
        /// <summary>No delivery in progress.</summary>
        None = 0,
        /// <summary>REGISTER sent; waiting for REGACK.</summary>
        RegAck,
        /// <summary>QoS 1 PUBLISH sent; waiting for PUBACK.</summary>
        PubAck,
        /// <summary>QoS 2 PUBLISH sent; waiting for PUBREC.</summary>
        PubRec,
        /// <summary>PUBREL sent; waiting for PUBCOMP.</summary>
        PubComp,
    }
}
