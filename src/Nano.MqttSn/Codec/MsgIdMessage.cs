namespace Nano.MqttSn.Codec
{
    /// <summary>PUBREC, PUBREL, PUBCOMP and UNSUBACK (§5.4.14, §5.4.18): a MsgId only.</summary>
    public sealed class MsgIdMessage
    {
        /// <summary>PubRec, PubRel, PubComp or UnsubAck.</summary>
        public byte MsgType;

        /// <summary>Message id, non-zero.</summary>
        public int MsgId;

        /// <summary>Encoded size in octets.</summary>
        public int GetSize() => 4;

        /// <summary>Writes the message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            if (!SnWire.Fits(dst, off, 4))
            {
                return SnWire.DoesNotFit;
            }

            SnWire.WriteHeader(dst, off, 4, MsgType);
            SnWire.WriteUInt16(dst, off + 2, MsgId);
            return 4;
        }

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            MsgType = 0;
            MsgId = 0;
        }

        /// <summary>Decodes one datagram into this instance of any of the four types.</summary>
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

            if (type != SnMessageType.PubRec && type != SnMessageType.PubRel && type != SnMessageType.PubComp && type != SnMessageType.UnsubAck)
            {
                return SnError.UnexpectedMessageType;
            }

            if (len - h != 2)
            {
                return SnError.BadLength;
            }

            MsgType = type;
            MsgId = SnWire.ReadUInt16(buf, off + h);
            return MsgId == 0 ? SnError.ZeroMsgId : SnError.None;
        }
    }
}
