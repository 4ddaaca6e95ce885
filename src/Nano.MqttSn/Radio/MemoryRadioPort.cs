namespace Nano.MqttSn.Radio
{
    /// <summary>
    /// The host side of one module of a <see cref="MemoryRadioNetwork"/>: frames are encoded and
    /// decoded by a real <see cref="RadioFraming"/>, exactly as over a UART.
    /// </summary>
    public sealed class MemoryRadioPort : IRadioPort
    {
        private readonly MemoryRadioNetwork _network;
        private readonly int _module;
        private readonly byte[] _receive;
        private readonly byte[] _transmit;
        private int _receiveOffset;
        private int _receiveCount;

        /// <summary>Attaches a host with <paramref name="framing"/> to module <paramref name="module"/>.</summary>
        public MemoryRadioPort(MemoryRadioNetwork network, int module, RadioFraming framing)
        {
            _network = network;
            _module = module;
            Framing = framing;
            _receive = new byte[256];
            _transmit = new byte[2 * (framing.MaxPayload + framing.AddressLength + 24)];
        }

        /// <inheritdoc />
        public RadioFraming Framing { get; }

        /// <summary>Frames written.</summary>
        public int FramesSent { get; private set; }

        /// <summary>Sends refused because the payload was empty or too long for the radio.</summary>
        public int SendsRejected { get; private set; }

        /// <inheritdoc />
        public bool Poll()
        {
            if (Feed())
            {
                return true;
            }

            if (_network.Available(_module) == 0)
            {
                return false;
            }

            _receiveCount = _network.Read(_module, _receive, 0, _receive.Length);
            _receiveOffset = 0;
            return Feed();
        }

        /// <inheritdoc />
        public bool Send(byte[] address, int addressOffset, byte[] payload, int payloadOffset, int payloadLength)
        {
            int length = Framing.WriteFrame(address, addressOffset, payload, payloadOffset, payloadLength, _transmit, 0);
            if (length < 0)
            {
                SendsRejected++;
                return false;
            }

            _network.Write(_module, _transmit, 0, length);
            FramesSent++;
            return true;
        }

        private bool Feed()
        {
            _receiveOffset += Framing.Feed(_receive, _receiveOffset, _receiveCount - _receiveOffset);
            return Framing.FrameKind != RadioFrameKind.None;
        }
    }
}
