namespace Nano.Mqtt.Client
{
    /// <summary>Why the engine left <see cref="ClientState.Connecting"/> or <see cref="ClientState.Connected"/>.</summary>
    public enum DisconnectReason
    {
        /// <summary>No connection has ended yet.</summary>
        None = 0,

        /// <summary>The application called <see cref="MqttClientEngine.Disconnect"/> (DISCONNECT sent when connected).</summary>
        ClientDisconnect = 1,

        /// <summary>The transport reported a failed dial, a socket error or a peer close.</summary>
        TransportLost = 2,

        /// <summary>No CONNACK within <see cref="MqttClientOptions.ConnectTimeoutMs"/>.</summary>
        ConnAckTimeout = 3,

        /// <summary>Nothing received for 1.5 times the keep-alive (PINGREQ goes out after one keep-alive of silence).</summary>
        KeepAliveTimeout = 4,

        /// <summary>CONNACK carried a non-zero return code (see <see cref="MqttClientEngine.LastReturnCode"/>).</summary>
        Refused = 5,

        /// <summary>The server sent a malformed or unexpected packet [MQTT-4.8.0-1].</summary>
        ProtocolError = 6,

        /// <summary>The server announced a packet above <see cref="MqttClientOptions.MaxPacketSize"/>.</summary>
        PacketTooLarge = 7,

        /// <summary>More QoS 2 messages received and not released than <see cref="MqttClientOptions.MaxAwaitingRelease"/>.</summary>
        AwaitingReleaseFull = 8,

        /// <summary>The application called <see cref="MqttClientEngine.Abort"/>: closed without DISCONNECT, so the server publishes the Will.</summary>
        ClientAbort = 9,
    }
}
