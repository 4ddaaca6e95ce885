namespace Nano.Mqtt.Broker
{
    /// <summary>The life of a connection slot.</summary>
    internal enum ConnectionState
    {
        /// <summary>No socket uses the slot.</summary>
        Free,

        /// <summary>Accepted; the first packet must be CONNECT [MQTT-3.1.0-1].</summary>
        AwaitingConnect,

        /// <summary>CONNECT accepted: the connection is bound to a session.</summary>
        Connected,

        /// <summary>No more input is processed; output drains until the host closes the socket.</summary>
        Closing,
    }
}
