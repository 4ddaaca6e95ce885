namespace Nano.Net
{
    /// <summary>Why the listener ended a TLS connection before it reached the engine (the reason of a TlsFailed event).</summary>
    public enum TlsFailure
    {
        /// <summary>The handshake failed or the peer closed before sending any MQTT bytes.</summary>
        HandshakeFailed = 1,

        /// <summary>No MQTT bytes arrived within <see cref="BrokerListener.HandshakeTimeoutMs"/> of the accept.</summary>
        HandshakeTimeout = 2,

        /// <summary>Every handshake slot (<see cref="BrokerListener.MaxHandshakes"/>) was in use.</summary>
        TooManyHandshakes = 3,

        /// <summary>The platform adapter could not set up a session for the socket.</summary>
        SetupFailed = 4,
    }
}
