namespace Nano.MqttSn.Radio
{
    /// <summary>What the last call to <see cref="RadioFraming.Feed"/> completed.</summary>
    public enum RadioFrameKind
    {
        /// <summary>No complete frame: feed more bytes.</summary>
        None = 0,

        /// <summary>An MQTT-SN payload from a radio address.</summary>
        Data = 1,

        /// <summary>The radio's report on an earlier transmission (XBee 0x8B).</summary>
        TransmitStatus = 2
    }
}
