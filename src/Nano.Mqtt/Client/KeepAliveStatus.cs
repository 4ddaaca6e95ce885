namespace Nano.Mqtt.Client
{
    /// <summary>What the keep-alive timing asks for at a given time.</summary>
    internal enum KeepAliveStatus
    {
        /// <summary>Nothing to do.</summary>
        Quiet = 0,

        /// <summary>One keep-alive passed without sending or receiving: send PINGREQ [MQTT-3.1.2-23].</summary>
        PingDue = 1,

        /// <summary>Nothing received for 1.5 keep-alives: the connection is dead.</summary>
        Dead = 2,
    }
}
