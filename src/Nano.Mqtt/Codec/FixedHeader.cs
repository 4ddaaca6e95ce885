namespace Nano.Mqtt.Codec
{
    /// <summary>Reads the fixed header (§2.2) to dispatch a packet to its decoder.</summary>
    public static class FixedHeader
    {
        /// <summary>
        /// Reads packet type, flags nibble and remaining length from the start of the span.
        /// Does not require the span to hold the whole packet.
        /// </summary>
        /// <param name="buffer">Bytes starting with a fixed header.</param>
        /// <param name="offset">Index of the first header byte.</param>
        /// <param name="count">Bytes available from <paramref name="offset"/>.</param>
        /// <param name="type">Packet type (high nibble).</param>
        /// <param name="flags">Flags (low nibble).</param>
        /// <param name="remainingLength">Bytes after the fixed header.</param>
        /// <param name="headerLength">Fixed header size: 2 to 5 bytes.</param>
        /// <returns><see cref="MqttError.None"/>, <see cref="MqttError.FixedHeaderTruncated"/>,
        /// <see cref="MqttError.RemainingLengthMalformed"/> or <see cref="MqttError.PacketTypeReserved"/>.</returns>
        public static MqttError Read(byte[] buffer, int offset, int count, out PacketType type, out byte flags, out int remainingLength, out int headerLength)
        {
            type = PacketType.Reserved;
            flags = 0;
            remainingLength = 0;
            headerLength = 0;
            if (Wire.RangeInvalid(buffer, offset, count))
            {
                return MqttError.InvalidBufferRange;
            }

            if (count < 2)
            {
                return MqttError.FixedHeaderTruncated;
            }

            int first = buffer[offset];
            int digits = Wire.ReadRemainingLength(buffer, offset + 1, count - 1, out int value);
            if (digits == 0)
            {
                return MqttError.FixedHeaderTruncated;
            }

            if (digits < 0)
            {
                return MqttError.RemainingLengthMalformed;
            }

            type = (PacketType)(first >> 4);
            flags = (byte)(first & 0x0F);
            remainingLength = value;
            headerLength = 1 + digits;
            if (type == PacketType.Reserved || type == PacketType.Auth)
            {
                return MqttError.PacketTypeReserved;
            }

            return MqttError.None;
        }

        /// <summary>Size of a fixed header announcing <paramref name="remainingLength"/>: 2 to 5 bytes, or -1
        /// above 268,435,455.</summary>
        public static int GetSize(int remainingLength)
        {
            return remainingLength < 0 || remainingLength > Wire.MaxRemainingLength ? -1 : 1 + Wire.RemainingLengthSize(remainingLength);
        }

        /// <summary>
        /// Writes a fixed header (minimal remaining-length encoding) so a caller can stream a large body
        /// after it. Returns bytes written, or -1 (nothing written) when it does not fit, the length is
        /// out of range or <paramref name="flags"/> exceeds 4 bits.
        /// </summary>
        public static int Write(byte[] dst, int offset, PacketType type, byte flags, int remainingLength)
        {
            int size = GetSize(remainingLength);
            if (flags > 0x0F || !Wire.Fits(dst, offset, size))
            {
                return -1;
            }

            Wire.WriteFixedHeader(dst, offset, ((int)type << 4) | flags, remainingLength);
            return size;
        }
    }
}
