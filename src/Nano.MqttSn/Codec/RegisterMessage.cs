namespace Nano.MqttSn.Codec
{
    /// <summary>REGISTER (§5.4.11): TopicId (0x0000 from a client), MsgId, TopicName.</summary>
    public struct RegisterMessage
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

        /// <summary>Decodes one datagram; the topic name is a slice of <paramref name="buf"/>.</summary>
        public static SnError Decode(byte[] buf, int off, int count, out RegisterMessage msg)
        {
            msg = new RegisterMessage();
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

            msg.TopicId = SnWire.ReadUInt16(buf, p);
            msg.MsgId = SnWire.ReadUInt16(buf, p + 2);
            if (msg.TopicId == 0xFFFF)
            {
                return SnError.ReservedTopicId;
            }

            if (msg.MsgId == 0)
            {
                return SnError.ZeroMsgId;
            }

            e = SnTopic.ValidateName(buf, p + 4, len - h - 4);
            if (e != SnError.None)
            {
                return e;
            }

            msg.TopicName = buf;
            msg.TopicNameOffset = p + 4;
            msg.TopicNameLength = len - h - 4;
            return SnError.None;
        }
    }
}
