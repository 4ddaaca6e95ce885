namespace Nano.MqttSn.Client
{
    /// <summary>Connection state of an <see cref="SnClient"/> (§6.14 from the client's side).</summary>
    public enum SnClientState
    {
        /// <summary>No connection; discovery and QoS -1 publishing are possible.</summary>
        Disconnected = 0,

        /// <summary>CONNECT sent, Will prompts being answered, CONNACK awaited.</summary>
        Connecting,

        /// <summary>Connected and supervised by keep-alive.</summary>
        Active,

        /// <summary>DISCONNECT sent, the gateway's DISCONNECT awaited.</summary>
        Disconnecting,

        /// <summary>Asleep: the gateway buffers messages for this client.</summary>
        Asleep,

        /// <summary>PINGREQ with ClientId sent; buffered messages arrive until PINGRESP.</summary>
        Awake
    }
}
