namespace Nano.Mqtt.Client
{
    /// <summary>Outcome of <see cref="MqttClientEngine.Publish"/>.</summary>
    public enum PublishResult
    {
        /// <summary>Written to the output or stored for sending; delivery follows the QoS.</summary>
        Accepted = 0,

        /// <summary>Every slot holds a message in flight or a queued QoS 1/2 message: the new message is
        /// rejected (a queued QoS 0 message would have been dropped instead).</summary>
        QueueFull = 1,

        /// <summary>Topic name invalid, QoS not 0..2, or payload range outside its array.</summary>
        Invalid = 2,

        /// <summary>Topic plus payload exceed <see cref="MqttClientOptions.MaxMessageSize"/>.</summary>
        TooLarge = 3,
    }
}
