namespace Nano.MqttSn.Gateway
{
    /// <summary>States of a client as the gateway sees it (§6.14).</summary>
    public enum SnClientStatus
    {
        /// <summary>No client in this slot.</summary>
        Free = 0,
        /// <summary>CONNECT with the Will flag received; waiting for WILLTOPIC.</summary>
        AwaitingWillTopic,
        /// <summary>WILLTOPIC received; waiting for WILLMSG.</summary>
        AwaitingWillMessage,
        /// <summary>Connected; supervised by its keep-alive.</summary>
        Active,
        /// <summary>DISCONNECT with a Duration; messages are buffered; supervised by the sleep Duration.</summary>
        Asleep,
        /// <summary>Woken by PINGREQ with its ClientId; buffered messages are being delivered.</summary>
        Awake,
        /// <summary>DISCONNECT without Duration; remembered for a later CONNECT without CleanSession.</summary>
        Disconnected,
        /// <summary>Keep-alive or sleep timer expired; its Will was published.</summary>
        Lost,
    }
}
