namespace Nano.MqttSn.Codec
{
    /// <summary>
    /// The MQTT-SN header (§5.2): a 1-octet Length (2–255) or 0x01 followed by a 2-octet Length, then
    /// MsgType; Length counts the whole message. Also big-endian integer helpers.
    /// </summary>
    public static class SnWire
    {
        /// <summary>Returned by Encode when the message does not fit in the destination or exceeds 65,535 octets.</summary>
        public const int DoesNotFit = -1;

        /// <summary>Largest message the long length form can carry.</summary>
        public const int MaxMessageSize = 65535;

        /// <summary>Total size of a message with <paramref name="bodyLength"/> octets after MsgType, using the minimal length form; -1 when too large.</summary>
        public static int MessageSize(int bodyLength)
        {
            int shortForm = 2 + bodyLength;
            if (shortForm <= 255)
            {
                return shortForm;
            }

            int longForm = 4 + bodyLength;
            return longForm <= MaxMessageSize ? longForm : DoesNotFit;
        }

        /// <summary>True when <paramref name="size"/> octets fit in <paramref name="dst"/> at <paramref name="off"/>.</summary>
        public static bool Fits(byte[] dst, int off, int size)
            => dst != null && size >= 0 && off >= 0 && off <= dst.Length - size;

        /// <summary>Writes the header for a message of <paramref name="size"/> octets; returns the header length (2 or 4).</summary>
        public static int WriteHeader(byte[] dst, int off, int size, byte msgType)
        {
            if (size <= 255)
            {
                dst[off] = (byte)size;
                dst[off + 1] = msgType;
                return 2;
            }

            dst[off] = 0x01;
            dst[off + 1] = (byte)(size >> 8);
            dst[off + 2] = (byte)size;
            dst[off + 3] = msgType;
            return 4;
        }

        /// <summary>
        /// Reads the header of a datagram that must hold exactly one message; checks that the message
        /// type is known and that Length equals <paramref name="count"/> (except for the 0xFE envelope,
        /// whose Length covers only the envelope header).
        /// </summary>
        public static SnError ReadHeader(byte[] buf, int off, int count, out int headerLength, out int length, out byte msgType)
        {
            headerLength = 0;
            length = 0;
            msgType = 0;
            if (buf == null || off < 0 || count < 0 || off > buf.Length - count)
            {
                return SnError.InvalidArgument;
            }

            if (count < 2)
            {
                return SnError.TooShort;
            }

            if (buf[off] == 0x01)
            {
                if (count < 4)
                {
                    return SnError.TooShort;
                }

                headerLength = 4;
                length = (buf[off + 1] << 8) | buf[off + 2];
                msgType = buf[off + 3];
            }
            else
            {
                headerLength = 2;
                length = buf[off];
                msgType = buf[off + 1];
            }

            if (length < headerLength)
            {
                return SnError.BadLength;
            }

            if (!SnMessageType.IsKnown(msgType))
            {
                return SnError.UnknownMessageType;
            }

            if (length > count)
            {
                return SnError.LengthExceedsDatagram;
            }

            if (length < count && msgType != SnMessageType.Encapsulated)
            {
                return SnError.TrailingBytes;
            }

            return SnError.None;
        }

        /// <summary>Reads the header and checks the message type is <paramref name="expected"/>.</summary>
        public static SnError ReadHeader(byte[] buf, int off, int count, byte expected, out int headerLength, out int length)
        {
            byte type;
            SnError e = ReadHeader(buf, off, count, out headerLength, out length, out type);
            if (e == SnError.None && type != expected)
            {
                return SnError.UnexpectedMessageType;
            }

            return e;
        }

        /// <summary>Reads a big-endian 16-bit value.</summary>
        public static int ReadUInt16(byte[] buf, int off) => (buf[off] << 8) | buf[off + 1];

        /// <summary>Writes a big-endian 16-bit value.</summary>
        public static void WriteUInt16(byte[] dst, int off, int value)
        {
            dst[off] = (byte)(value >> 8);
            dst[off + 1] = (byte)value;
        }

        /// <summary>Copies <paramref name="count"/> octets when count is positive.</summary>
        public static void Copy(byte[] src, int srcOff, byte[] dst, int dstOff, int count)
        {
            if (count > 0)
            {
                System.Array.Copy(src, srcOff, dst, dstOff, count);
            }
        }
    }
}
