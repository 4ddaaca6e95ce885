namespace Nano.Mqtt.Codec
{
    /// <summary>Outcome of <see cref="FrameReader.Feed"/>.</summary>
    public enum FrameStatus
    {
        /// <summary>All offered bytes were taken; the packet is not complete yet.</summary>
        NeedMore = 0,

        /// <summary>A whole packet is available (<see cref="FrameReader.PacketBuffer"/>).</summary>
        PacketReady = 1,

        /// <summary>The remaining length announces a packet above the configured maximum: close the connection.</summary>
        TooLarge = 2,

        /// <summary>The remaining length has a fifth byte: close the connection.</summary>
        Malformed = 3,
    }
}
