namespace Nano.MqttSn.Codec
{
    /// <summary>
    /// SUBSCRIBE and UNSUBSCRIBE (§5.4.15, §5.4.17): flags, MsgId, then a topic filter (TopicIdType
    /// normal) or a 2-octet predefined id or short name. UNSUBSCRIBE uses no DUP or QoS.
    /// </summary>
    public sealed class SubscribeMessage
    {
        /// <summary>Subscribe or Unsubscribe.</summary>
        public byte MsgType;

        /// <summary>Re-sent SUBSCRIBE.</summary>
        public bool Dup;

        /// <summary>Requested QoS 0–2 (SUBSCRIBE only).</summary>
        public int Qos;

        /// <summary>See <see cref="SnTopicIdType"/>.</summary>
        public int TopicIdType;

        /// <summary>Message id, non-zero.</summary>
        public int MsgId;

        /// <summary>Predefined id or short name (big-endian) when TopicIdType is not normal.</summary>
        public int TopicId;

        /// <summary>Buffer holding the topic filter.</summary>
        public byte[] TopicName;

        /// <summary>Offset of the topic filter.</summary>
        public int TopicNameOffset;

        /// <summary>Length of the topic filter; 0 unless TopicIdType is normal.</summary>
        public int TopicNameLength;

        /// <summary>Encoded size in octets, or <see cref="SnWire.DoesNotFit"/> when too large.</summary>
        public int GetSize() => SnWire.MessageSize(3 + (TopicIdType == SnTopicIdType.Normal ? TopicNameLength : 2));

        /// <summary>Writes the message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            int size = GetSize();
            if (!SnWire.Fits(dst, off, size))
            {
                return SnWire.DoesNotFit;
            }

            int p = off + SnWire.WriteHeader(dst, off, size, MsgType);
            int flags = TopicIdType & SnFlags.TopicIdTypeMask;
            if (MsgType == SnMessageType.Subscribe)
            {
                flags |= (Dup ? SnFlags.Dup : 0) | SnFlags.QosBits(Qos);
            }

            dst[p] = (byte)flags;
            SnWire.WriteUInt16(dst, p + 1, MsgId);
            if (TopicIdType == SnTopicIdType.Normal)
            {
                SnWire.Copy(TopicName, TopicNameOffset, dst, p + 3, TopicNameLength);
            }
            else
            {
                SnWire.WriteUInt16(dst, p + 3, TopicId);
            }

            return size;
        }

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            MsgType = 0;
            Dup = false;
            Qos = 0;
            TopicIdType = 0;
            MsgId = 0;
            TopicId = 0;
            TopicName = null;
            TopicNameOffset = 0;
            TopicNameLength = 0;
        }

        /// <summary>Decodes one datagram into this instance of either type; the filter is a slice of <paramref name="buf"/>.</summary>
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

            if (type != SnMessageType.Subscribe && type != SnMessageType.Unsubscribe)
            {
                return SnError.UnexpectedMessageType;
            }

            if (len - h < 3)
            {
                return SnError.BadLength;
            }

            int p = off + h;
            byte flags = buf[p];
            MsgType = type;
            TopicIdType = SnFlags.GetTopicIdType(flags);
            MsgId = SnWire.ReadUInt16(buf, p + 1);
            if (type == SnMessageType.Subscribe)
            {
                Dup = (flags & SnFlags.Dup) != 0;
                Qos = SnFlags.GetQos(flags);
                if (Qos < 0)
                {
                    return SnError.InvalidQos;
                }
            }

            if (TopicIdType == SnTopicIdType.Reserved)
            {
                return SnError.ReservedTopicIdType;
            }

            if (MsgId == 0)
            {
                return SnError.ZeroMsgId;
            }

            int topicLength = len - h - 3;
            TopicName = buf;
            TopicNameOffset = p + 3;
            if (TopicIdType == SnTopicIdType.Normal)
            {
                e = SnTopic.ValidateFilter(buf, p + 3, topicLength);
                if (e != SnError.None)
                {
                    return e;
                }

                TopicNameLength = topicLength;
                return SnError.None;
            }

            if (topicLength != 2)
            {
                return TopicIdType == SnTopicIdType.Short ? SnError.BadShortTopicName : SnError.BadLength;
            }

            TopicId = SnWire.ReadUInt16(buf, p + 3);
            if (TopicIdType == SnTopicIdType.Predefined && (TopicId == 0 || TopicId == 0xFFFF))
            {
                return SnError.ReservedTopicId;
            }

            return SnError.None;
        }
    }
}
