namespace Nano.Mqtt.Codec
{
    /// <summary>CONNACK return codes (§3.2.2.3), identical at levels 3 and 4.</summary>
    public enum ConnectReturnCode : byte
    {
        /// <summary>Connection accepted.</summary>
        Accepted = 0,

        /// <summary>The server does not support the requested protocol level [MQTT-3.1.2-2].</summary>
        UnacceptableProtocolVersion = 1,

        /// <summary>Client identifier not allowed [MQTT-3.1.3-9].</summary>
        IdentifierRejected = 2,

        /// <summary>The MQTT service is unavailable.</summary>
        ServerUnavailable = 3,

        /// <summary>Malformed user name or password.</summary>
        BadUserNameOrPassword = 4,

        /// <summary>The client is not authorized to connect.</summary>
        NotAuthorized = 5,
    }
}
