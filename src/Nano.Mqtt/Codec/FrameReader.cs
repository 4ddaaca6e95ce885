using System;

namespace Nano.Mqtt.Codec
{
    /// <summary>
    /// Finds packet boundaries in a byte stream that arrives in arbitrary chunks. Its buffer is allocated
    /// once, at the maximum packet size (or, for a growing reader, at an initial size and enlarged to fit a
    /// larger packet as it is announced); a packet announced larger than the maximum is rejected from its
    /// remaining length, before any of its body is buffered. Loop over a received chunk:
    /// <code>
    /// while (count > 0) {
    ///     int used = reader.Feed(data, offset, count, out FrameStatus status);
    ///     offset += used; count -= used;
    ///     if (status == FrameStatus.PacketReady) { /* decode reader.PacketBuffer/PacketOffset/PacketLength */ }
    ///     else if (status != FrameStatus.NeedMore) { /* close */ break; }
    /// }
    /// </code>
    /// </summary>
    public sealed class FrameReader
    {
        private byte[] buffer;
        private readonly int maxPacketSize;
        private int filled;
        private int expected;
        private FrameStatus failure;

        /// <summary>Creates a reader accepting packets of up to <paramref name="maxPacketSize"/> bytes, fixed
        /// header included (at least 2).</summary>
        public FrameReader(int maxPacketSize)
            : this(maxPacketSize, maxPacketSize)
        {
        }

        /// <summary>Creates a growing reader: its buffer starts at <paramref name="initialSize"/> bytes and is enlarged
        /// when a packet of up to <paramref name="maxPacketSize"/> bytes needs more.</summary>
        public FrameReader(int maxPacketSize, int initialSize)
        {
            this.maxPacketSize = maxPacketSize < 2 ? 2 : maxPacketSize;
            buffer = new byte[initialSize < 5 ? 5 : initialSize];
        }

        /// <summary>Largest whole packet accepted, in bytes.</summary>
        public int MaxPacketSize
        {
            get { return maxPacketSize; }
        }

        /// <summary>After <see cref="FrameStatus.PacketReady"/>: the array holding the packet (the reader's own
        /// buffer, or the caller's data when the packet arrived whole). Valid until the next Feed and while the
        /// caller leaves its data untouched.</summary>
        public byte[] PacketBuffer { get; private set; }

        /// <summary>After <see cref="FrameStatus.PacketReady"/>: index of the packet's first byte.</summary>
        public int PacketOffset { get; private set; }

        /// <summary>After <see cref="FrameStatus.PacketReady"/>: whole packet length, fixed header included.</summary>
        public int PacketLength { get; private set; }

        /// <summary>After <see cref="FrameStatus.PacketReady"/>: the packet's type.</summary>
        public PacketType PacketType
        {
            get { return (PacketType)(PacketBuffer[PacketOffset] >> 4); }
        }

        /// <summary>True while part of a packet is buffered.</summary>
        public bool HasPartialPacket
        {
            get { return filled > 0; }
        }

        /// <summary>
        /// Takes bytes until one packet is complete or the bytes run out. Returns the number of bytes
        /// consumed; offer the rest in the next call. After <see cref="FrameStatus.TooLarge"/> or
        /// <see cref="FrameStatus.Malformed"/> the reader keeps reporting it (consuming nothing) until
        /// <see cref="Reset"/>.
        /// </summary>
        public int Feed(byte[] data, int offset, int count, out FrameStatus status)
        {
            PacketBuffer = null;
            PacketOffset = 0;
            PacketLength = 0;
            status = failure;
            if (failure != FrameStatus.NeedMore || Wire.RangeInvalid(data, offset, count))
            {
                return 0;
            }

            if (filled == 0)
            {
                int whole = WholePacketSize(data, offset, count);
                if (whole > 0)
                {
                    PacketBuffer = data;
                    PacketOffset = offset;
                    PacketLength = whole;
                    status = FrameStatus.PacketReady;
                    return whole;
                }

                if (failure != FrameStatus.NeedMore)
                {
                    status = failure;
                    return 0;
                }
            }

            int consumed = 0;
            while (consumed < count)
            {
                if (expected == 0)
                {
                    byte b = data[offset + consumed];
                    consumed++;
                    buffer[filled++] = b;
                    if (filled > 1)
                    {
                        int digits = Wire.ReadRemainingLength(buffer, 1, filled - 1, out int remaining);
                        if (digits < 0)
                        {
                            return Fail(FrameStatus.Malformed, consumed, out status);
                        }

                        if (digits > 0)
                        {
                            int total = filled + remaining;
                            if (total > maxPacketSize)
                            {
                                return Fail(FrameStatus.TooLarge, consumed, out status);
                            }

                            expected = total;
                            if (total > buffer.Length)
                            {
                                byte[] larger = new byte[total];
                                Array.Copy(buffer, 0, larger, 0, filled);
                                buffer = larger;
                            }
                        }
                    }
                }
                else
                {
                    int n = expected - filled;
                    if (n > count - consumed)
                    {
                        n = count - consumed;
                    }

                    Array.Copy(data, offset + consumed, buffer, filled, n);
                    filled += n;
                    consumed += n;
                }

                if (expected != 0 && filled == expected)
                {
                    PacketBuffer = buffer;
                    PacketLength = expected;
                    filled = 0;
                    expected = 0;
                    status = FrameStatus.PacketReady;
                    return consumed;
                }
            }

            status = FrameStatus.NeedMore;
            return consumed;
        }

        /// <summary>Discards any partial packet and a reported failure.</summary>
        public void Reset()
        {
            filled = 0;
            expected = 0;
            failure = FrameStatus.NeedMore;
            PacketBuffer = null;
            PacketOffset = 0;
            PacketLength = 0;
        }

        /// <summary>Size of the packet at the start of <paramref name="data"/> when it is all there, else 0
        /// (and <see cref="failure"/> set when the header already shows it is unacceptable).</summary>
        private int WholePacketSize(byte[] data, int offset, int count)
        {
            int digits = Wire.ReadRemainingLength(data, offset + 1, count - 1, out int remaining);
            if (digits <= 0)
            {
                if (digits < 0)
                {
                    failure = FrameStatus.Malformed;
                }

                return 0;
            }

            int total = 1 + digits + remaining;
            if (total > maxPacketSize)
            {
                failure = FrameStatus.TooLarge;
                return 0;
            }

            return total <= count ? total : 0;
        }

        private int Fail(FrameStatus reason, int consumed, out FrameStatus status)
        {
            failure = reason;
            status = reason;
            return consumed;
        }
    }
}
