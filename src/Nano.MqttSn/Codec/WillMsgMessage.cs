namespace Nano.MqttSn.Codec
{
    /// <summary>WILLMSG and WILLMSGUPD (§5.4.10, §5.4.24): the Will message octets.</summary>
    public sealed class WillMsgMessage
    {
        /// <summary>WillMsg or WillMsgUpd.</summary>
        public byte MsgType;

        /// <summary>Buffer holding the Will message.</summary>
        public byte[] Data;

        /// <summary>Offset of the Will message.</summary>
        public int DataOffset;

        /// <summary>Length of the Will message.</summary>
        public int DataLength;

        /// <summary>Encoded size in octets, or <see cref="SnWire.DoesNotFit"/> when too large.</summary>
        public int GetSize() => SnWire.MessageSize(DataLength);

        /// <summary>Writes the message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            int size = GetSize();
            if (!SnWire.Fits(dst, off, size))
            {
                return SnWire.DoesNotFit;
            }

            int p = off + SnWire.WriteHeader(dst, off, size, MsgType);
            SnWire.Copy(Data, DataOffset, dst, p, DataLength);
            return size;
        }

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            MsgType = 0;
            Data = null;
            DataOffset = 0;
            DataLength = 0;
        }

        /// <summary>Decodes one datagram into this instance of either type; the data is a slice of <paramref name="buf"/>.</summary>
        public SnError Decode(byte[] buf, int off, int count)
        {
            Clear();
            int h, len;
            byte type;
            SnError e = SnWire.ReadHeader(buf, off, count, out h, out len, out type);
            if (e != SnError.None)
            {
                return e;
            }

            if (type != SnMessageType.WillMsg && type != SnMessageType.WillMsgUpd)
            {
                return SnError.UnexpectedMessageType;
            }

            MsgType = type;
            Data = buf;
            DataOffset = off + h;
            DataLength = len - h;
            return SnError.None;
        }
    }
}
