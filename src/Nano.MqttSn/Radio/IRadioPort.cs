namespace Nano.MqttSn.Radio
{
    /// <summary>
    /// A radio module as its host sees it: received frames decoded by a <see cref="RadioFraming"/>,
    /// payloads sent to radio addresses. Implemented over a UART (Nano.Serial.SerialRadioPort) and
    /// in memory (<see cref="MemoryRadioPort"/>).
    /// </summary>
    public interface IRadioPort
    {
        /// <summary>The framing; after <see cref="Poll"/> returns true it holds the received frame.</summary>
        RadioFraming Framing { get; }

        /// <summary>
        /// Decodes received octets without blocking; true when a frame is ready in
        /// <see cref="Framing"/> (valid until the next call). Call again until it returns false.
        /// </summary>
        bool Poll();

        /// <summary>Sends the payload to the radio address; false when the framing refuses the payload.</summary>
        bool Send(byte[] address, int addressOffset, byte[] payload, int payloadOffset, int payloadLength);
    }
}
