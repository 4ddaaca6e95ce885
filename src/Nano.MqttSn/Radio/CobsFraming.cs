namespace Nano.MqttSn.Radio
{
    /// <summary>
    /// COBS (Cheshire &amp; Baker, 1999) frames for address-less transparent radios: 0x00 · COBS of
    /// (payload · CRC-16/CCITT-FALSE of the payload, big-endian) · 0x00. Overhead is at most one octet
    /// per 254 plus the two delimiters and the CRC. As with SLIP the node address travels inside the
    /// payload in the MQTT-SN forwarder encapsulation (0xFE).
    /// </summary>
    public sealed class CobsFraming : RadioFraming
    {
        /// <summary>The frame delimiter.</summary>
        public const byte Delimiter = 0x00;

        private const int CrcLength = 2;
        private const int LongestRun = 0xFF;
        private int _length;
        private int _remaining;
        private int _lastCode;
        private bool _started;
        private bool _dropping;
        private bool _held;

        /// <summary>Creates a COBS framing for payloads up to <paramref name="maxPayload"/> octets.</summary>
        public CobsFraming(int maxPayload)
            : base(maxPayload, 0, maxPayload + CrcLength)
        {
        }

        /// <inheritdoc />
        public override int Feed(byte[] data, int offset, int count)
        {
            if (_held)
            {
                _held = false;
                _length = 0;
            }

            FrameKind = RadioFrameKind.None;
            int used = 0;
            while (used < count)
            {
                byte value = data[offset + used];
                used++;
                if (value == Delimiter)
                {
                    if (EndOfFrame())
                    {
                        return used;
                    }

                    continue;
                }

                if (_dropping)
                {
                    continue;
                }

                if (_remaining == 0)
                {
                    if (_started && _lastCode != LongestRun && !Append(0))
                    {
                        continue;
                    }

                    _started = true;
                    _lastCode = value;
                    _remaining = value - 1;
                    continue;
                }

                _remaining--;
                Append(value);
            }

            return used;
        }

        /// <inheritdoc />
        public override void AbandonPartialFrame()
        {
            if (_held)
            {
                _held = false;
            }
            else if (_started)
            {
                MalformedFrames++;
            }

            FrameKind = RadioFrameKind.None;
            Restart();
        }

        private bool Append(byte value)
        {
            if (_length == Buffer.Length)
            {
                OversizeFrames++;
                _dropping = true;
                return false;
            }

            Buffer[_length++] = value;
            return true;
        }

        private void Restart()
        {
            _length = 0;
            _remaining = 0;
            _started = false;
            _dropping = false;
        }

        private bool EndOfFrame()
        {
            bool started = _started;
            bool complete = !_dropping && _remaining == 0;
            bool dropped = _dropping;
            int length = _length;
            Restart();
            if (!started || dropped)
            {
                return false;
            }

            if (!complete || length <= CrcLength)
            {
                MalformedFrames++;
                return false;
            }

            int payloadLength = length - CrcLength;
            int crc = Crc16CcittFalse.Compute(Buffer, 0, payloadLength);
            if (Buffer[payloadLength] != (byte)(crc >> 8) || Buffer[payloadLength + 1] != (byte)crc)
            {
                ChecksumErrors++;
                return false;
            }

            _length = length;
            _held = true;
            DataFrame(0, 0, payloadLength);
            return true;
        }

        /// <inheritdoc />
        protected override int Encode(byte[] address, int addressOffset, byte[] payload, int payloadOffset,
            int payloadLength, byte[] destination, int destinationOffset)
        {
            int crc = Crc16CcittFalse.Compute(payload, payloadOffset, payloadLength);
            int total = payloadLength + CrcLength;
            int position = destinationOffset;
            Put(destination, position++, Delimiter);
            int codePosition = position++;
            int code = 1;
            for (int i = 0; i < total; i++)
            {
                byte value = i < payloadLength
                    ? payload[payloadOffset + i]
                    : (byte)(i == payloadLength ? crc >> 8 : crc);
                if (value != 0)
                {
                    Put(destination, position++, value);
                    code++;
                }

                if (value == 0 || (code == LongestRun && i + 1 < total))
                {
                    Put(destination, codePosition, (byte)code);
                    codePosition = position++;
                    code = 1;
                }
            }

            Put(destination, codePosition, (byte)code);
            Put(destination, position++, Delimiter);
            return position - destinationOffset;
        }

        private static void Put(byte[] destination, int position, byte value)
        {
            if (destination != null)
            {
                destination[position] = value;
            }
        }
    }
}
