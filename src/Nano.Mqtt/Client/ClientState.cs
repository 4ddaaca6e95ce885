namespace Nano.Mqtt.Client
{
    /// <summary>Connection state of a <see cref="MqttClientEngine"/>.</summary>
    public enum ClientState
    {
        /// <summary>No connection and none wanted (before <see cref="MqttClientEngine.Start"/>, after
        /// <see cref="MqttClientEngine.Disconnect"/>, or after a loss with auto-reconnect off).</summary>
        Disconnected = 0,

        /// <summary>CONNECT produced; waiting for CONNACK.</summary>
        Connecting = 1,

        /// <summary>CONNACK accepted.</summary>
        Connected = 2,

        /// <summary>A connection is wanted; the transport dials at <see cref="MqttClientEngine.NextConnectAt"/>.</summary>
        WaitingToReconnect = 3,
    }
}
