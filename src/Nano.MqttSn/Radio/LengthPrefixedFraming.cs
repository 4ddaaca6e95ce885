namespace Nano.MqttSn.Radio
{
    /// <summary>
    /// Decoder for frames that open with a start octet and carry their own length and checksum (XBee
    /// API, TWELITE binary). Received octets are kept in a window over <see cref="RadioFraming.Buffer"/>;
    /// a candidate frame that turns out invalid drops only its start octet and the window is searched
    /// again, so a valid frame that a false start ran into is still found.
    /// </summary>
    public abstract class LengthPrefixedFraming : RadioFraming
    {
        private readonly byte _start;
        private readonly int _headerLength;
        private readonly bool _escaped;
        private int _windowStart;
        private int _windowEnd;
        private int _heldLength;
        private bool _escapePending;
        private bool _afterFrame;

        /// <summary>
        /// Creates the decoder. With <paramref name="escaped"/> (XBee AP = 2) the start octet never
        /// occurs inside a frame: it always begins a new one, and octets after 0x7D are XORed with 0x20.
        /// </summary>
        protected LengthPrefixedFraming(int maxPayload, int addressLength, int bufferLength, byte start,
            int headerLength, bool escaped)
            : base(maxPayload, addressLength, bufferLength)
        {
            _start = start;
            _headerLength = headerLength;
            _escaped = escaped;
        }

        /// <summary>Octet escaping the next one in escaped mode.</summary>
        protected const byte EscapeOctet = 0x7D;

        /// <summary>Whether the octet must be escaped in escaped mode.</summary>
        protected static bool NeedsEscape(int value)
        {
            return value == 0x7E || value == EscapeOctet || value == 0x11 || value == 0x13;
        }

        /// <summary>
        /// Total frame length (start octet to checksum) from the header at <paramref name="at"/>, or
        /// -1 when the header is not valid.
        /// </summary>
        protected abstract int FrameLength(byte[] window, int at);

        /// <summary>Whether the complete frame at <paramref name="at"/> has a valid checksum.</summary>
        protected abstract bool ChecksumValid(byte[] window, int at, int length);

        /// <summary>
        /// Interprets a valid frame: calls DataFrame/StatusFrame, or counts it as skipped and leaves
        /// <see cref="RadioFraming.FrameKind"/> None.
        /// </summary>
        protected abstract void Interpret(byte[] window, int at, int length);

        /// <summary>An octet silently allowed right after a frame (TWELITE EOT), or -1.</summary>
        protected virtual int Trailer => -1;

        /// <inheritdoc />
        public override int Feed(byte[] data, int offset, int count)
        {
            Release();
            if (Parse())
            {
                return 0;
            }

            int used = 0;
            while (used < count)
            {
                byte value = data[offset + used];
                used++;
                if (Accept(value) && Parse())
                {
                    return used;
                }
            }

            return used;
        }

        /// <inheritdoc />
        public override void AbandonPartialFrame()
        {
            Release();
            if (_windowEnd == _windowStart)
            {
                return;
            }

            MalformedFrames++;
            _escapePending = false;
            if (_escaped)
            {
                _windowStart = _windowEnd = 0;
            }
            else
            {
                _windowStart++;
            }
        }

        private void Release()
        {
            if (_heldLength > 0)
            {
                _windowStart += _heldLength;
                _heldLength = 0;
            }

            FrameKind = RadioFrameKind.None;
        }

        private bool Accept(byte value)
        {
            if (_escaped)
            {
                if (value == _start)
                {
                    if (_windowEnd > _windowStart)
                    {
                        MalformedFrames++;
                    }

                    _windowStart = _windowEnd = 0;
                    _escapePending = false;
                }
                else if (_windowEnd == _windowStart)
                {
                    DiscardedBytes++;
                    return false;
                }
                else if (_escapePending)
                {
                    value ^= 0x20;
                    _escapePending = false;
                }
                else if (value == EscapeOctet)
                {
                    _escapePending = true;
                    return false;
                }
            }

            if (_windowEnd == Buffer.Length)
            {
                Compact();
            }

            Buffer[_windowEnd++] = value;
            return true;
        }

        private void Compact()
        {
            int length = _windowEnd - _windowStart;
            if (_windowStart > 0)
            {
                System.Array.Copy(Buffer, _windowStart, Buffer, 0, length);
            }
            else
            {
                // A full window always resolves in Parse; this only guards the invariant.
                OversizeFrames++;
                length = 0;
            }

            _windowStart = 0;
            _windowEnd = length;
        }

        private bool Parse()
        {
            while (true)
            {
                int available = _windowEnd - _windowStart;
                if (available == 0)
                {
                    return false;
                }

                byte[] window = Buffer;
                int at = _windowStart;
                if (window[at] != _start)
                {
                    if (!(_afterFrame && window[at] == Trailer))
                    {
                        DiscardedBytes++;
                    }

                    _afterFrame = false;
                    _windowStart++;
                    continue;
                }

                if (available < _headerLength)
                {
                    return false;
                }

                int length = FrameLength(window, at);
                if (length < 0)
                {
                    DiscardedBytes++;
                    Reject();
                    continue;
                }

                if (length > Buffer.Length)
                {
                    OversizeFrames++;
                    Reject();
                    continue;
                }

                if (available < length)
                {
                    return false;
                }

                if (!ChecksumValid(window, at, length))
                {
                    ChecksumErrors++;
                    Reject();
                    continue;
                }

                _afterFrame = true;
                Interpret(window, at, length);
                if (FrameKind != RadioFrameKind.None)
                {
                    _heldLength = length;
                    return true;
                }

                _windowStart += length;
            }
        }

        private void Reject()
        {
            _afterFrame = false;
            if (_escaped)
            {
                _windowStart = _windowEnd = 0;
            }
            else
            {
                _windowStart++;
            }
        }
    }
}
