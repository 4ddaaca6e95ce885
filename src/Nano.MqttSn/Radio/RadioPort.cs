namespace Nano.MqttSn.Radio
{
    /// <summary>
    /// A radio module as its host sees it: received octets decoded by a <see cref="RadioFraming"/>,
    /// payloads sent to radio addresses. Subclasses supply only the byte pipe (a UART in
    /// Nano.Serial.SerialRadioPort, memory in Nano.Radio.Simulation.MemoryRadioPort); buffers are allocated once.
    /// </summary>
    public abstract class RadioPort
    {
        private readonly byte[] _receive;
        private readonly byte[] _transmit;
        private int _receiveOffset;
        private int _receiveCount;
        private long _lastOctetMs;

        /// <summary>Creates the port's receive buffer and a transmit buffer for the largest frame.</summary>
        protected RadioPort(RadioFraming framing, int receiveBufferSize)
        {
            Framing = framing;
            _receive = new byte[receiveBufferSize];
            _transmit = new byte[2 * (framing.MaxPayload + framing.AddressLength + 24)];
        }

        /// <summary>The framing; after <see cref="Poll"/> returns true it holds the received frame.</summary>
        public RadioFraming Framing { get; }

        /// <summary>
        /// How long a partly received frame may wait for its next octet before it is abandoned (counted
        /// as malformed) and the octets behind its start are searched again. Without it a start
        /// delimiter in line noise (unescaped XBee API, TWELITE) would hold back the real frames
        /// behind it until more octets arrive. Long enough for a radio's pauses inside one frame
        /// (an E32 at 2.4 kbit/s delivers 58-octet sub-packets about 200 ms apart).
        /// </summary>
        public int IdleTimeoutMs = 1000;

        /// <summary>Frames written.</summary>
        public int FramesSent { get; private set; }

        /// <summary>Payloads the framing refused (empty, or longer than the radio's maximum).</summary>
        public int SendsRejected { get; private set; }

        /// <summary>
        /// Decodes received octets without blocking; true when a frame is ready in
        /// <see cref="Framing"/> (valid until the next call). Call again until it returns false.
        /// </summary>
        public bool Poll(long nowMs)
        {
            if (Feed())
            {
                return true;
            }

            int read = ReadAvailable(_receive, 0, _receive.Length);
            if (read > 0)
            {
                _receiveCount = read;
                _receiveOffset = 0;
                _lastOctetMs = nowMs;
                return Feed();
            }

            if (nowMs - _lastOctetMs >= IdleTimeoutMs)
            {
                Framing.AbandonPartialFrame();
                return Feed();
            }

            return false;
        }

        /// <summary>Encodes the payload for the radio address and writes it; false when the framing refuses the payload.</summary>
        public bool Send(byte[] address, int addressOffset, byte[] payload, int payloadOffset, int payloadLength)
        {
            int length = Framing.WriteFrame(address, addressOffset, payload, payloadOffset, payloadLength, _transmit, 0);
            if (length < 0)
            {
                SendsRejected++;
                return false;
            }

            Write(_transmit, 0, length);
            FramesSent++;
            return true;
        }

        /// <summary>Reads at most <paramref name="count"/> octets that have already arrived; 0 when none. Never blocks.</summary>
        protected abstract int ReadAvailable(byte[] buffer, int offset, int count);

        /// <summary>Writes one encoded frame.</summary>
        protected abstract void Write(byte[] buffer, int offset, int count);

        private bool Feed()
        {
            _receiveOffset += Framing.Feed(_receive, _receiveOffset, _receiveCount - _receiveOffset);
            return Framing.FrameKind != RadioFrameKind.None;
        }
    }
}
