namespace Nano.MqttSn.Radio
{
    /// <summary>
    /// Decoder shared by the delimited framings for address-less transparent radios (SLIP, COBS):
    /// a delimiter octet ends each frame, and the decoded content is payload · CRC-16/CCITT-FALSE of
    /// the payload (big-endian). Subclasses undo their byte stuffing in <see cref="Decode"/> and
    /// <see cref="EndOfFrame"/>; this class keeps the decoded octets, drops oversize frames and checks
    /// the CRC.
    /// </summary>
    public abstract class DelimitedCrcFraming : RadioFraming
    {
        /// <summary>Octets of the CRC after the payload.</summary>
        protected const int CrcLength = 2;

        private readonly byte _delimiter;
        private int _length;
        private bool _held;

        /// <summary>Creates a framing for payloads up to <paramref name="maxPayload"/> octets whose frames end
        /// with <paramref name="delimiter"/>.</summary>
        protected DelimitedCrcFraming(int maxPayload, byte delimiter)
            : base(maxPayload, 0, maxPayload + CrcLength)
        {
            _delimiter = delimiter;
        }

        /// <summary>Octets of the current frame decoded into <see cref="RadioFraming.Buffer"/>.</summary>
        protected int Length
        {
            get { return _length; }
        }

        /// <summary>Whether the rest of the current frame is ignored (too long or malformed).</summary>
        protected bool Dropping { get; set; }

        /// <summary>Whether a frame has begun since the last delimiter, for <see cref="AbandonPartialFrame"/>.</summary>
        protected abstract bool FrameStarted { get; }

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
                if (value == _delimiter)
                {
                    if (EndOfFrame())
                    {
                        return used;
                    }

                    continue;
                }

                if (!Dropping)
                {
                    Decode(value);
                }
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
            else if (FrameStarted)
            {
                MalformedFrames++;
            }

            FrameKind = RadioFrameKind.None;
            Restart();
        }

        /// <summary>Takes one octet of a frame that is not being dropped.</summary>
        protected abstract void Decode(byte value);

        /// <summary>Handles a delimiter; returns true when it completed a valid frame (see <see cref="CompleteFrame"/>).</summary>
        protected abstract bool EndOfFrame();

        /// <summary>Forgets the current frame so the next octet starts a new one.</summary>
        protected virtual void Restart()
        {
            _length = 0;
            Dropping = false;
        }

        /// <summary>Appends a decoded octet; when the buffer is full, counts the frame as oversize, drops the
        /// rest of it and returns false.</summary>
        protected bool Append(byte value)
        {
            if (_length == Buffer.Length)
            {
                OversizeFrames++;
                Dropping = true;
                return false;
            }

            Buffer[_length++] = value;
            return true;
        }

        /// <summary>
        /// Checks the CRC of a frame of <paramref name="length"/> decoded octets and records it as a Data frame,
        /// held until the next <see cref="Feed"/>; returns false (counted) when it is too short or the CRC
        /// does not match.
        /// </summary>
        protected bool CompleteFrame(int length)
        {
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
    }
}
