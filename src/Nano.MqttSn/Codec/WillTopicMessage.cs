namespace Nano.MqttSn.Codec
{
    /// <summary>
    /// WILLTOPIC and WILLTOPICUPD (§5.4.8, §5.4.22): Will QoS and Retain, Will topic. With an empty
    /// topic the message is the 2-octet form that deletes Will topic and message.
    /// </summary>
    public sealed class WillTopicMessage
    {
        /// <summary>WillTopic or WillTopicUpd.</summary>
        public byte MsgType;

        /// <summary>Will QoS 0–2.</summary>
        public int Qos;

        /// <summary>Will retain.</summary>
        public bool Retain;

        /// <summary>Buffer holding the Will topic.</summary>
        public byte[] Topic;

        /// <summary>Offset of the Will topic.</summary>
        public int TopicOffset;

        /// <summary>Length of the Will topic; 0 = the empty (delete) form.</summary>
        public int TopicLength;

        /// <summary>Encoded size in octets.</summary>
        public int GetSize() => TopicLength == 0 ? 2 : SnWire.MessageSize(1 + TopicLength);

        /// <summary>Writes the message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            int size = GetSize();
            if (!SnWire.Fits(dst, off, size))
            {
                return SnWire.DoesNotFit;
            }

            int p = off + SnWire.WriteHeader(dst, off, size, MsgType);
            if (TopicLength > 0)
            {
                dst[p] = (byte)(SnFlags.QosBits(Qos) | (Retain ? SnFlags.Retain : 0));
                SnWire.Copy(Topic, TopicOffset, dst, p + 1, TopicLength);
            }

            return size;
        }

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            MsgType = 0;
            Qos = 0;
            Retain = false;
            Topic = null;
            TopicOffset = 0;
            TopicLength = 0;
        }

        /// <summary>Decodes one datagram into this instance of either type; the topic is a slice of <paramref name="buf"/>.</summary>
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

            if (type != SnMessageType.WillTopic && type != SnMessageType.WillTopicUpd)
            {
                return SnError.UnexpectedMessageType;
            }

            MsgType = type;
            Topic = buf;
            if (len == h)
            {
                TopicOffset = off + h;
                return SnError.None;
            }

            int p = off + h;
            int qos = SnFlags.GetQos(buf[p]);
            if (qos < 0)
            {
                return SnError.InvalidQos;
            }

            e = SnTopic.ValidateName(buf, p + 1, len - h - 1);
            if (e != SnError.None)
            {
                return e;
            }

            Qos = qos;
            Retain = (buf[p] & SnFlags.Retain) != 0;
            TopicOffset = p + 1;
            TopicLength = len - h - 1;
            return SnError.None;
        }
    }
}
