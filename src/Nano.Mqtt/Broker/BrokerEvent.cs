namespace Nano.Mqtt.Broker
{
    /// <summary>What an <see cref="IBrokerDiagnostics"/> sink is told about; the reason code's meaning depends on the event.</summary>
    public enum BrokerEvent
    {
        /// <summary>CONNECT accepted. Reason: protocol level | clean session &lt;&lt; 8 | keep-alive seconds &lt;&lt; 16; detail: the user name.</summary>
        ClientConnected,

        /// <summary>CONNECT refused. Reason: the CONNACK return code.</summary>
        ConnectRefused,

        /// <summary>CONNECT refused for a wrong or missing user name or password. Reason: the CONNACK return code (4 or 5); detail: the user name.</summary>
        AuthenticationFailed,

        /// <summary>The client sent DISCONNECT; its Will is discarded [MQTT-3.14.4-3].</summary>
        ClientDisconnected,

        /// <summary>The socket closed or failed without DISCONNECT.</summary>
        ConnectionLost,

        /// <summary>Nothing received within one and a half keep-alive periods [MQTT-3.1.2-24].</summary>
        KeepAliveTimeout,

        /// <summary>No CONNECT within the connect timeout.</summary>
        ConnectTimeout,

        /// <summary>The connection is closed for a protocol violation. Reason: the <see cref="Codec.MqttError"/> value.</summary>
        ProtocolError,

        /// <summary>A PUBLISH was dropped by the ACL after its acknowledgement. Detail: the topic.</summary>
        PublishDenied,

        /// <summary>A SUBSCRIBE filter was refused by the ACL (0x80). Detail: the filter.</summary>
        SubscribeDenied,

        /// <summary>CONNECT refused because the ACL forbids the Will topic. Reason: the CONNACK return code; detail: the Will topic.</summary>
        WillDenied,

        /// <summary>A CONNECT with the same client identifier closed this connection [MQTT-3.1.4-2].</summary>
        SessionTakenOver,

        /// <summary>The connection's Will was published [MQTT-3.1.2-8]. Detail: the Will topic.</summary>
        WillPublished,

        /// <summary>A message for this client was dropped because its queue was full. Reason: the QoS; detail: the topic.</summary>
        QueueFull,

        /// <summary>The client is disconnected because its full queue held a PUBLISH back for longer than
        /// <see cref="BrokerOptions.SlowConsumerTimeoutMs"/>; its Will is published. Reason: the seconds waited; detail: the topic.</summary>
        SlowConsumer,

        /// <summary>A message was dropped because the message pool had no room (no client). Reason: the QoS; detail: the topic.</summary>
        PoolFull,

        /// <summary>A SUBSCRIBE filter was granted or refused for capacity. Reason: the SUBACK code; detail: the filter.</summary>
        Subscribed,

        /// <summary>An UNSUBSCRIBE filter. Detail: the filter.</summary>
        Unsubscribed,

        /// <summary>The listener's TLS handshake failed or the session broke (reported by the listener, before any CONNECT).
        /// Reason: the listener's TlsFailure value (Nano.Net).</summary>
        TlsFailed,
    }
}
