namespace Nano.MqttSn.Radio
{
    /// <summary>
    /// SLIP (RFC 1055) frames for address-less transparent radios (Ebyte E32/E22/E220, HC-12):
    /// END · payload · CRC-16/CCITT-FALSE of the payload (big-endian) · END, with 0xC0 sent as
    /// 0xDB 0xDC and 0xDB as 0xDB 0xDD. The sender's node address travels inside the payload in the
    /// MQTT-SN forwarder encapsulation (0xFE), so <see cref="RadioFraming.AddressLength"/> is 0.
    /// </summary>
    public sealed class SlipFraming : DelimitedCrcFraming
    {
        /// <summary>SLIP END.</summary>
        public const byte End = 0xC0;

        /// <summary>SLIP ESC.</summary>
        public const byte Esc = 0xDB;

        /// <summary>SLIP ESC_END: ESC then this stands for a data 0xC0.</summary>
        public const byte EscEnd = 0xDC;

        /// <summary>SLIP ESC_ESC: ESC then this stands for a data 0xDB.</summary>
        public const byte EscEsc = 0xDD;

        private bool _escapePending;

        /// <summary>Creates a SLIP framing for payloads up to <paramref name="maxPayload"/> octets.</summary>
        public SlipFraming(int maxPayload)
            : base(maxPayload, End)
        {
        }

        /// <inheritdoc />
        protected override bool FrameStarted
        {
            get { return Length > 0 || _escapePending; }
        }

        /// <inheritdoc />
        protected override void Decode(byte value)
        {
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
                    Dropping = true;
                    return;
                }
            }
            else if (value == Esc)
            {
                _escapePending = true;
                return;
            }

            Append(value);
        }

        /// <inheritdoc />
        protected override void Restart()
        {
            base.Restart();
            _escapePending = false;
        }

        /// <inheritdoc />
        protected override bool EndOfFrame()
        {
            int length = Length;
            bool dropped = Dropping;
            if (_escapePending)
            {
                if (!dropped)
                {
                    MalformedFrames++;
                }

                dropped = true;
            }

            Restart();
            return !dropped && length > 0 && CompleteFrame(length);
        }

        /// <inheritdoc />
        protected override int Encode(byte[] address, int addressOffset, byte[] payload, int payloadOffset,
            int payloadLength, byte[] destination, int destinationOffset)
        {
            int position = destinationOffset;
            int crc = Crc16CcittFalse.Compute(payload, payloadOffset, payloadLength);
            PutOctet(destination, position++, End);
            for (int i = 0; i < payloadLength; i++)
            {
                Put(destination, ref position, payload[payloadOffset + i]);
            }

            Put(destination, ref position, (byte)(crc >> 8));
            Put(destination, ref position, (byte)crc);
            PutOctet(destination, position++, End);
            return position - destinationOffset;
        }

        private static void Put(byte[] destination, ref int position, byte value)
        {
            if (value == End)
            {
                PutOctet(destination, position++, Esc);
                PutOctet(destination, position++, EscEnd);
            }
            else if (value == Esc)
            {
                PutOctet(destination, position++, Esc);
                PutOctet(destination, position++, EscEsc);
            }
            else
            {
                PutOctet(destination, position++, value);
            }
        }
    }
}
