namespace Nano.MqttSn.Codec
{
    /// <summary>
    /// PUBLISH (§5.4.12): flags (DUP, QoS, Retain, TopicIdType), TopicId or short name, MsgId, Data.
    /// A QoS -1 PUBLISH with TopicIdType normal is read as the Paho extended form, whose TopicId field
    /// holds the length of a topic name that precedes the data (v2.0 Annex C.6).
    /// </summary>
    public sealed class PublishMessage
    {
        /// <summary>Re-sent message.</summary>
        public bool Dup;

        /// <summary>QoS -1..2.</summary>
        public int Qos;

        /// <summary>Retain.</summary>
        public bool Retain;

        /// <summary>See <see cref="SnTopicIdType"/>.</summary>
        public int TopicIdType;

        /// <summary>Topic id, or the two short-name characters big-endian; unused in the extended form.</summary>
        public int TopicId;

        /// <summary>Message id; 0x0000 unless QoS 1 or 2.</summary>
        public int MsgId;

        /// <summary>Buffer holding the topic name of the extended QoS -1 form.</summary>
        public byte[] TopicName;

        /// <summary>Offset of the extended-form topic name.</summary>
        public int TopicNameOffset;

        /// <summary>Length of the extended-form topic name; 0 otherwise.</summary>
        public int TopicNameLength;

        /// <summary>Buffer holding the payload.</summary>
        public byte[] Data;

        /// <summary>Offset of the payload.</summary>
        public int DataOffset;

        /// <summary>Length of the payload.</summary>
        public int DataLength;

        private bool IsExtended => Qos == SnQos.MinusOne && TopicIdType == SnTopicIdType.Normal;

        /// <summary>Encoded size in octets, or <see cref="SnWire.DoesNotFit"/> when too large.</summary>
        public int GetSize() => SnWire.MessageSize(5 + (IsExtended ? TopicNameLength : 0) + DataLength);

        /// <summary>Writes the message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            int size = GetSize();
            if (!SnWire.Fits(dst, off, size))
            {
                return SnWire.DoesNotFit;
            }

            int p = off + SnWire.WriteHeader(dst, off, size, SnMessageType.Publish);
            dst[p] = (byte)((Dup ? SnFlags.Dup : 0) | SnFlags.QosBits(Qos) | (Retain ? SnFlags.Retain : 0) | (TopicIdType & SnFlags.TopicIdTypeMask));
            SnWire.WriteUInt16(dst, p + 3, MsgId);
            p += 5;
            if (IsExtended)
            {
                SnWire.WriteUInt16(dst, p - 4, TopicNameLength);
                SnWire.Copy(TopicName, TopicNameOffset, dst, p, TopicNameLength);
                p += TopicNameLength;
            }
            else
            {
                SnWire.WriteUInt16(dst, p - 4, TopicId);
            }

            SnWire.Copy(Data, DataOffset, dst, p, DataLength);
            return size;
        }

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            Dup = false;
            Qos = 0;
            Retain = false;
            TopicIdType = 0;
            TopicId = 0;
            MsgId = 0;
            TopicName = null;
            TopicNameOffset = 0;
            TopicNameLength = 0;
            Data = null;
            DataOffset = 0;
            DataLength = 0;
        }

        /// <summary>Decodes one datagram into this instance; topic name and data are slices of <paramref name="buf"/>.</summary>
        public SnError Decode(byte[] buf, int off, int count)
        {
            Clear();
            int h, len;
            SnError e = SnWire.ReadHeader(buf, off, count, SnMessageType.Publish, out h, out len);
            if (e != SnError.None)
            {
                return e;
            }

            if (len - h < 5)
            {
                return SnError.BadLength;
            }

            int p = off + h;
            byte flags = buf[p];
            Dup = (flags & SnFlags.Dup) != 0;
            Qos = SnFlags.GetQos(flags);
            Retain = (flags & SnFlags.Retain) != 0;
            TopicIdType = SnFlags.GetTopicIdType(flags);
            TopicId = SnWire.ReadUInt16(buf, p + 1);
            MsgId = SnWire.ReadUInt16(buf, p + 3);
            if (TopicIdType == SnTopicIdType.Reserved)
            {
                return SnError.ReservedTopicIdType;
            }

            if (Dup && Qos <= 0)
            {
                return SnError.ForbiddenFlags;
            }

            if (Qos > 0 && MsgId == 0)
            {
                return SnError.ZeroMsgId;
            }

            int end = off + len;
            p += 5;
            TopicName = buf;
            TopicNameOffset = p;
            if (IsExtended)
            {
                int nameLength = TopicId;
                if (nameLength > end - p)
                {
                    return SnError.BadLength;
                }

                e = SnTopic.ValidateName(buf, p, nameLength);
                if (e != SnError.None)
                {
                    return e;
                }

                TopicId = 0;
                TopicNameLength = nameLength;
                p += nameLength;
            }
            else if (TopicIdType != SnTopicIdType.Short && (TopicId == 0 || TopicId == 0xFFFF))
            {
                return SnError.ReservedTopicId;
            }

            Data = buf;
            DataOffset = p;
            DataLength = end - p;
            return SnError.None;
        }
    }
}
