using System;

namespace Nano.Mqtt.Codec
{
    /// <summary>Shared reading and writing of the wire primitives (§1.5, §2.2).</summary>
    internal static class Wire
    {
        /// <summary>Largest remaining length that four bytes can carry.</summary>
        internal const int MaxRemainingLength = 268435455;

        /// <summary>Largest UTF-8 string or binary field (2-byte length prefix).</summary>
        internal const int MaxFieldLength = 65535;

        internal static bool RangeInvalid(byte[] buffer, int offset, int count)
        {
            return buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count;
        }

        /// <summary>Checks a topic name or filter to validate: inside its buffer, not empty (else
        /// <paramref name="empty"/>) and short enough for a length-prefixed field.</summary>
        internal static MqttError CheckTopicRange(byte[] buffer, int offset, int length, MqttError empty)
        {
            if (RangeInvalid(buffer, offset, length))
            {
                return MqttError.InvalidBufferRange;
            }

            if (length == 0)
            {
                return empty;
            }

            return length > MaxFieldLength ? MqttError.StringTooLong : MqttError.None;
        }

        /// <summary>Bytes used by the remaining-length field for <paramref name="value"/>.</summary>
        internal static int RemainingLengthSize(int value)
        {
            if (value < 128)
            {
                return 1;
            }

            if (value < 16384)
            {
                return 2;
            }

            return value < 2097152 ? 3 : 4;
        }

        /// <summary>
        /// Reads the remaining length that starts at <paramref name="offset"/> (after the first header byte)
        /// [MQTT-2.2.3]: returns the number of its bytes (1 to 4) and sets <paramref name="value"/>; 0 when
        /// <paramref name="count"/> bytes end before it does; -1 when it has a fifth byte.
        /// </summary>
        internal static int ReadRemainingLength(byte[] data, int offset, int count, out int value)
        {
            value = 0;
            for (int i = 0; i < 4; i++)
            {
                if (i >= count)
                {
                    return 0;
                }

                int digit = data[offset + i];
                value |= (digit & 0x7F) << (7 * i);
                if ((digit & 0x80) == 0)
                {
                    return i + 1;
                }
            }

            return -1;
        }

        /// <summary>Whole packet size for a remaining length, or -1 when it cannot be encoded.</summary>
        internal static int PacketSize(int remainingLength)
        {
            if (remainingLength < 0 || remainingLength > MaxRemainingLength)
            {
                return -1;
            }

            return 1 + RemainingLengthSize(remainingLength) + remainingLength;
        }

        /// <summary>Writes the fixed header at <paramref name="offset"/>; returns the offset after it.</summary>
        internal static int WriteFixedHeader(byte[] dst, int offset, int firstByte, int remainingLength)
        {
            dst[offset] = (byte)firstByte;
            if (remainingLength < 128)
            {
                dst[offset + 1] = (byte)remainingLength; // one byte, the common case: no loop
                return offset + 2;
            }

            offset++;
            do
            {
                int digit = remainingLength & 0x7F;
                remainingLength >>= 7;
                if (remainingLength > 0)
                {
                    digit |= 0x80;
                }

                dst[offset++] = (byte)digit;
            }
            while (remainingLength > 0);
            return offset;
        }

        /// <summary>
        /// Reserves a whole packet of <paramref name="remainingLength"/> at <paramref name="offset"/> and writes
        /// its fixed header; returns the offset after the header, or -1 (nothing written) when the length
        /// cannot be encoded or the packet does not fit.
        /// </summary>
        internal static int BeginPacket(byte[] dst, int offset, int firstByte, int remainingLength)
        {
            return Fits(dst, offset, PacketSize(remainingLength)) ? WriteFixedHeader(dst, offset, firstByte, remainingLength) : -1;
        }

        /// <summary>
        /// Validates the span as one whole packet of type <paramref name="expected"/> at a supported
        /// <paramref name="protocolLevel"/> (checked after the header) and returns its flags nibble and the
        /// range of its variable header + payload.
        /// </summary>
        internal static MqttError ReadFixedHeader(byte[] buffer, int offset, int count, PacketType expected, byte protocolLevel, out int flags, out int bodyStart, out int bodyEnd)
        {
            MqttError error = ReadFixedHeader(buffer, offset, count, expected, out flags, out bodyStart, out bodyEnd);
            return error != MqttError.None ? error : CheckLevel(protocolLevel);
        }

        /// <summary>
        /// Validates the span as one whole packet of type <paramref name="expected"/> and returns its
        /// flags nibble and the range of its variable header + payload.
        /// </summary>
        internal static MqttError ReadFixedHeader(byte[] buffer, int offset, int count, PacketType expected, out int flags, out int bodyStart, out int bodyEnd)
        {
            MqttError error = ReadFixedHeader(buffer, offset, count, out PacketType type, out flags, out bodyStart, out bodyEnd);
            if (error == MqttError.None && type != expected)
            {
                error = MqttError.PacketTypeUnexpected;
            }

            return error;
        }

        /// <summary>Validates the span as one whole packet of any type.</summary>
        internal static MqttError ReadFixedHeader(byte[] buffer, int offset, int count, out PacketType type, out int flags, out int bodyStart, out int bodyEnd)
        {
            flags = 0;
            bodyStart = 0;
            bodyEnd = 0;
            MqttError error = FixedHeader.Read(buffer, offset, count, out type, out byte f, out int remaining, out int headerLength);
            if (error != MqttError.None)
            {
                return error;
            }

            if (remaining != count - headerLength)
            {
                return MqttError.RemainingLengthMismatch;
            }

            flags = f;
            bodyStart = offset + headerLength;
            bodyEnd = offset + count;
            return MqttError.None;
        }

        /// <summary>
        /// Checks the flags of PUBREL, SUBSCRIBE and UNSUBSCRIBE: 0010 [MQTT-2.2.2-1]; level 3 clients may
        /// also set DUP on a re-send (1010).
        /// </summary>
        internal static bool RequiredFlagsInvalid(int flags, byte protocolLevel)
        {
            return flags != 0x02 && !(flags == 0x0A && protocolLevel == ProtocolLevel.V31);
        }

        internal static MqttError CheckLevel(byte protocolLevel)
        {
            return protocolLevel == ProtocolLevel.V31 || protocolLevel == ProtocolLevel.V311
                ? MqttError.None
                : MqttError.ProtocolLevelUnsupported;
        }

        internal static int ReadUInt16(byte[] buffer, int offset)
        {
            return (buffer[offset] << 8) | buffer[offset + 1];
        }

        internal static int WriteUInt16(byte[] dst, int offset, int value)
        {
            dst[offset] = (byte)(value >> 8);
            dst[offset + 1] = (byte)value;
            return offset + 2;
        }

        /// <summary>Reads a packet identifier, advancing <paramref name="position"/>; it must be present and
        /// non-zero [MQTT-2.3.1-1].</summary>
        internal static MqttError ReadPacketId(byte[] buffer, ref int position, int end, out ushort packetId)
        {
            packetId = 0;
            if (end - position < 2)
            {
                return MqttError.FieldOverrunsPacket;
            }

            packetId = (ushort)ReadUInt16(buffer, position);
            position += 2;
            return packetId == 0 ? MqttError.PacketIdZero : MqttError.None;
        }

        /// <summary>Reads a body that is exactly a packet identifier (PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK).</summary>
        internal static MqttError ReadPacketIdBody(byte[] buffer, int position, int end, out ushort packetId)
        {
            packetId = 0;
            if (end - position != 2)
            {
                return MqttError.RemainingLengthInvalidForType;
            }

            packetId = (ushort)ReadUInt16(buffer, position);
            return packetId == 0 ? MqttError.PacketIdZero : MqttError.None;
        }

        /// <summary>Writes a whole 4-byte packet whose body is a packet identifier; returns 4.</summary>
        internal static int WritePacketIdPacket(byte[] dst, int offset, int firstByte, ushort packetId)
        {
            dst[offset] = (byte)firstByte;
            dst[offset + 1] = 2;
            WriteUInt16(dst, offset + 2, packetId);
            return 4;
        }

        /// <summary>Reads a 2-byte length prefix and points <paramref name="field"/> at the bytes after it,
        /// advancing <paramref name="position"/>.</summary>
        internal static MqttError ReadField(byte[] buffer, ref int position, int end, ByteSlice field)
        {
            int start = SkipField(buffer, ref position, end, out int length);
            if (start < 0)
            {
                field.Set(buffer, position, 0);
                return MqttError.FieldOverrunsPacket;
            }

            field.Set(buffer, start, length);
            return MqttError.None;
        }

        /// <summary>Skips a 2-byte length prefix and the field after it; returns the field's offset, or -1 when
        /// it overruns <paramref name="end"/>.</summary>
        internal static int SkipField(byte[] buffer, ref int position, int end, out int length)
        {
            length = 0;
            if (end - position < 2)
            {
                return -1;
            }

            int n = ReadUInt16(buffer, position);
            if (n > end - position - 2)
            {
                return -1;
            }

            int start = position + 2;
            length = n;
            position = start + n;
            return start;
        }

        /// <summary>Writes a 2-byte length prefix and the field's bytes; returns the offset after them.</summary>
        internal static int WriteField(byte[] dst, int offset, ByteSlice field)
        {
            offset = WriteUInt16(dst, offset, field.Length);
            return WriteBytes(dst, offset, field);
        }

        /// <summary>Copies raw bytes; returns the offset after them.</summary>
        internal static int WriteBytes(byte[] dst, int offset, ByteSlice bytes)
        {
            if (bytes.Length > 0)
            {
                Array.Copy(bytes.Buffer, bytes.Offset, dst, offset, bytes.Length);
            }

            return offset + bytes.Length;
        }

        /// <summary>Size of a length-prefixed field, or -1 when the field cannot be encoded.</summary>
        internal static int FieldSize(ByteSlice field)
        {
            return field.Length > MaxFieldLength || SliceInvalid(field) ? -1 : 2 + field.Length;
        }

        /// <summary>True when a slice to encode does not lie inside its buffer.</summary>
        internal static bool SliceInvalid(ByteSlice slice)
        {
            return slice.Length < 0 || (slice.Length > 0 && RangeInvalid(slice.Buffer, slice.Offset, slice.Length));
        }

        /// <summary>True when <paramref name="size"/> bytes fit at <paramref name="offset"/>.</summary>
        internal static bool Fits(byte[] dst, int offset, int size)
        {
            return size >= 0 && dst != null && offset >= 0 && offset <= dst.Length - size;
        }
    }
}
