namespace Nano.Mqtt.Client
{
    /// <summary>How a stored message left the client, reported through <see cref="MqttClientEngine.PublishCompleted"/>.
    /// MQTT 3.1.1 has no negative acknowledgment of a PUBLISH: a message the client cannot take is refused at once by
    /// <see cref="MqttClientEngine.Publish"/> (<see cref="PublishResult"/>), never later.</summary>
    public enum PublishOutcome
    {
        /// <summary>QoS 1: PUBACK arrived. QoS 2: PUBCOMP arrived, or PUBREC arrived and the server then started a
        /// new session (it had the message) [MQTT-4.3.3-1].</summary>
        Acknowledged = 0,

        /// <summary>The message waited longer than <see cref="MqttClientOptions.MessageExpiryMs"/> for its first send
        /// (e.g. while offline) and was discarded unsent.</summary>
        Expired = 1,

        /// <summary>A queued QoS 0 message was discarded unsent to make room for a newer message (packet id 0).</summary>
        Dropped = 2,
    }
}
