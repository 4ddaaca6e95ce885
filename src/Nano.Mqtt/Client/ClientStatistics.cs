namespace Nano.Mqtt.Client
{
    /// <summary>Counters kept by the <see cref="MqttClientEngine"/>; the host reads them, the engine writes them.</summary>
    public sealed class ClientStatistics
    {
        /// <summary>Connections that reached <see cref="ClientState.Connected"/>.</summary>
        public long Connections;

        /// <summary>Connection attempts started with <see cref="MqttClientEngine.Connect"/>.</summary>
        public long ConnectAttempts;

        /// <summary>PUBLISH packets written to the output (re-sends included).</summary>
        public long MessagesSent;

        /// <summary>PUBLISH packets re-sent with DUP=1.</summary>
        public long MessagesResent;

        /// <summary>QoS 1/2 messages acknowledged (PUBACK, PUBCOMP, or PUBREC before a new session).</summary>
        public long MessagesAcknowledged;

        /// <summary>Messages handed to the application.</summary>
        public long MessagesDelivered;

        /// <summary>QoS 2 PUBLISH re-sends answered with PUBREC but not delivered again [MQTT-4.3.3-2].</summary>
        public long DuplicatesSuppressed;

        /// <summary>Queued QoS 0 messages dropped to make room for a newer message.</summary>
        public long Qos0Dropped;

        /// <summary>Publishes rejected with <see cref="PublishResult.QueueFull"/>.</summary>
        public long PublishesRejected;

        /// <summary>Connections closed because the server broke the protocol or a bound.</summary>
        public long ProtocolErrors;

        /// <summary>PINGREQ packets sent.</summary>
        public long PingsSent;
    }
}
