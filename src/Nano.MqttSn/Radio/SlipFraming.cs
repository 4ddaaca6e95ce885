namespace Nano.MqttSn.Radio
{
    /// <summary>
    /// SLIP (RFC 1055) frames for address-less transparent radios (Ebyte E32/E22/E220, HC-12):
    /// END · payload · CRC-16/CCITT-FALSE of the payload (big-endian) · END, with 0xC0 sent as
    /// 0xDB 0xDC and 0xDB as 0xDB 0xDD. The sender's node address travels inside the payload in the
    /// MQTT-SN forwarder encapsulation (0xFE), so <see cref="RadioFraming.AddressLength"/> is 0.
    /// </summary>
    public sealed class SlipFraming : RadioFraming
    {
        /// <summary>SLIP END.</summary>
        public const byte End = 0xC0;

        /// <summary>SLIP ESC.</summary>
        public const byte Esc = 0xDB;

        /// <summary>SLIP ESC_END: ESC then this stands for a data 0xC0.</summary>
        public const byte EscEnd = 0xDC;

        /// <summary>SLIP ESC_ESC: ESC then this stands for a data 0xDB.</summary>
        public const byte EscEsc = 0xDD;

        private const int CrcLength = 2;
        private int _length;
        private bool _escapePending;
        private bool _dropping;
        private bool _held;

        /// <summary>Creates a SLIP framing for payloads up to <paramref name="maxPayload"/> octets.</summary>
        public SlipFraming(int maxPayload)
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
                if (value == End)
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

                if (_escapePending)
                {
                    _escapePending = false;
                    if (value == EscEnd)
                    {
                        value = End;
                    }
                    else if (value == EscEsc)
                    {
                        value = Esc;
                    }
                    else
                    {
                        MalformedFrames++;
                        _dropping = true;
                        continue;
                    }
                }
                else if (value == Esc)
                {
                    _escapePending = true;
                    continue;
                }

                if (_length == Buffer.Length)
                {
                    OversizeFrames++;
                    _dropping = true;
                    continue;
                }

                Buffer[_length++] = value;
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
            else if (_length > 0 || _escapePending)
            {
                MalformedFrames++;
            }

            FrameKind = RadioFrameKind.None;
            _length = 0;
            _escapePending = false;
            _dropping = false;
        }

        private bool EndOfFrame()
        {
            int length = _length;
            bool dropped = _dropping;
            _dropping = false;
            if (_escapePending)
            {
                _escapePending = false;
                if (!dropped)
                {
                    MalformedFrames++;
                }

                dropped = true;
            }

            _length = 0;
            if (dropped || length == 0)
            {
                return false;
            }

            if (length <= CrcLength)
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

            _held = true;
            DataFrame(0, 0, payloadLength);
            return true;
        }

        /// <inheritdoc />
        protected override int Encode(byte[] address, int addressOffset, byte[] payload, int payloadOffset,
            int payloadLength, byte[] destination, int destinationOffset)
        {
            int position = destinationOffset;
            int crc = Crc16CcittFalse.Compute(payload, payloadOffset, payloadLength);
            PutRaw(destination, ref position, End);
            for (int i = 0; i < payloadLength; i++)
            {
                Put(destination, ref position, payload[payloadOffset + i]);
            }

            Put(destination, ref position, (byte)(crc >> 8));
            Put(destination, ref position, (byte)crc);
            PutRaw(destination, ref position, End);
            return position - destinationOffset;
        }

        private static void Put(byte[] destination, ref int position, byte value)
        {
            if (value == End)
            {
                PutRaw(destination, ref position, Esc);
                PutRaw(destination, ref position, EscEnd);
            }
            else if (value == Esc)
            {
                PutRaw(destination, ref position, Esc);
                PutRaw(destination, ref position, EscEsc);
            }
            else
            {
                PutRaw(destination, ref position, value);
            }
        }

        private static void PutRaw(byte[] destination, ref int position, byte value)
        {
            if (destination != null)
            {
                destination[position] = value;
            }

            position++;
        }
    }
}
