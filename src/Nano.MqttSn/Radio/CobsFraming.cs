namespace Nano.MqttSn.Radio
{
    /// <summary>
    /// COBS (Cheshire &amp; Baker, 1999) frames for address-less transparent radios: 0x00 · COBS of
    /// (payload · CRC-16/CCITT-FALSE of the payload, big-endian) · 0x00. Overhead is at most one octet
    /// per 254 plus the two delimiters and the CRC. As with SLIP the node address travels inside the
    /// payload in the MQTT-SN forwarder encapsulation (0xFE).
    /// </summary>
    public sealed class CobsFraming : DelimitedCrcFraming
    {
        /// <summary>The frame delimiter.</summary>
        public const byte Delimiter = 0x00;

        private const int LongestRun = 0xFF;
        private int _remaining;
        private int _lastCode;
        private bool _started;

        /// <summary>Creates a COBS framing for payloads up to <paramref name="maxPayload"/> octets.</summary>
        public CobsFraming(int maxPayload)
            : base(maxPayload, Delimiter)
        {
        }

        /// <inheritdoc />
        protected override bool FrameStarted
        {
            get { return _started; }
        }

        /// <inheritdoc />
        protected override void Decode(byte value)
        {
            if (_remaining == 0)
            {
                if (_started && _lastCode != LongestRun && !Append(0))
                {
                    return;
                }

                _started = true;
                _lastCode = value;
                _remaining = value - 1;
                return;
            }

            _remaining--;
            Append(value);
        }

        /// <inheritdoc />
        protected override void Restart()
        {
            base.Restart();
            _remaining = 0;
            _started = false;
        }

        /// <inheritdoc />
        protected override bool EndOfFrame()
        {
            bool started = _started;
            bool complete = !Dropping && _remaining == 0;
            bool dropped = Dropping;
            int length = Length;
            Restart();
            if (!started || dropped)
            {
                return false;
            }

            if (!complete)
            {
                MalformedFrames++;
                return false;
            }

            return CompleteFrame(length);
        }

        /// <inheritdoc />
        protected override int Encode(byte[] address, int addressOffset, byte[] payload, int payloadOffset,
            int payloadLength, byte[] destination, int destinationOffset)
        {
            int crc = Crc16CcittFalse.Compute(payload, payloadOffset, payloadLength);
            int total = payloadLength + CrcLength;
            int position = destinationOffset;
            PutOctet(destination, position++, Delimiter);
            int codePosition = position++;
            int code = 1;
            for (int i = 0; i < total; i++)
            {
                byte value = i < payloadLength
                    ? payload[payloadOffset + i]
                    : (byte)(i == payloadLength ? crc >> 8 : crc);
                if (value != 0)
                {
                    PutOctet(destination, position++, value);
                    code++;
                }

                if (value == 0 || (code == LongestRun && i + 1 < total))
                {
                    PutOctet(destination, codePosition, (byte)code);
                    codePosition = position++;
                    code = 1;
                }
            }

            PutOctet(destination, codePosition, (byte)code);
            PutOctet(destination, position++, Delimiter);
            return position - destinationOffset;
        }
    }
}
