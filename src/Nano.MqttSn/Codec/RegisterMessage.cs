namespace Nano.MqttSn.Codec
{
    /// <summary>REGISTER (§5.4.11): TopicId (0x0000 from a client), MsgId, TopicName.</summary>
    public sealed class RegisterMessage
    {
        /// <summary>0x0000 from a client; the assigned id from a gateway.</summary>
        public int TopicId;

        /// <summary>Message id, non-zero.</summary>
        public int MsgId;

        /// <summary>Buffer holding the topic name.</summary>
        public byte[] TopicName;

        /// <summary>Offset of the topic name.</summary>
        public int TopicNameOffset;

        /// <summary>Length of the topic name.</summary>
        public int TopicNameLength;

        /// <summary>Encoded size in octets, or <see cref="SnWire.DoesNotFit"/> when too large.</summary>
        public int GetSize() => SnWire.MessageSize(4 + TopicNameLength);

        /// <summary>Writes the message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            int size = GetSize();
            if (!SnWire.Fits(dst, off, size))
            {
                return SnWire.DoesNotFit;
            }

            int p = off + SnWire.WriteHeader(dst, off, size, SnMessageType.Register);
            SnWire.WriteUInt16(dst, p, TopicId);
            SnWire.WriteUInt16(dst, p + 2, MsgId);
            SnWire.Copy(TopicName, TopicNameOffset, dst, p + 4, TopicNameLength);
            return size;
        }

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            TopicId = 0;
            MsgId = 0;
            TopicName = null;
            TopicNameOffset = 0;
            TopicNameLength = 0;
        }

        /// <summary>Decodes one datagram into this instance; the topic name is a slice of <paramref name="buf"/>.</summary>
        public SnError Decode(byte[] buf, int off, int count)
        {
            Clear();
            int h, len;
            SnError e = SnWire.ReadHeader(buf, off, count, SnMessageType.Register, out h, out len);
            if (e != SnError.None)
            {
                return e;
            }

            int p = off + h;
            if (len - h < 4)
            {
                return SnError.BadLength;
            }

            TopicId = SnWire.ReadUInt16(buf, p);
            MsgId = SnWire.ReadUInt16(buf, p + 2);
            if (TopicId == 0xFFFF)
            {
                return SnError.ReservedTopicId;
            }

            if (MsgId == 0)
            {
                return SnError.ZeroMsgId;
            }

            e = SnTopic.ValidateName(buf, p + 4, len - h - 4);
            if (e != SnError.None)
            {
                return e;
            }

            TopicName = buf;
            TopicNameOffset = p + 4;
            TopicNameLength = len - h - 4;
            return SnError.None;
        }
    }
}
