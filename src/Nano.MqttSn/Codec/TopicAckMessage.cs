namespace Nano.MqttSn.Codec
{
    /// <summary>REGACK and PUBACK (§5.4.12, §5.4.13): TopicId, MsgId, ReturnCode.</summary>
    public sealed class TopicAckMessage
    {
        /// <summary>RegAck or PubAck.</summary>
        public byte MsgType;

        /// <summary>Assigned id (REGACK) or the PUBLISH's TopicId (PUBACK).</summary>
        public int TopicId;

        /// <summary>Message id of the acknowledged message; 0 allowed in an error PUBACK for QoS 0.</summary>
        public int MsgId;

        /// <summary>See <see cref="SnReturnCode"/>.</summary>
        public byte ReturnCode;

        /// <summary>Encoded size in octets.</summary>
        public int GetSize() => 7;

        /// <summary>Writes the message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            if (!SnWire.Fits(dst, off, 7))
            {
                return SnWire.DoesNotFit;
            }

            SnWire.WriteHeader(dst, off, 7, MsgType);
            SnWire.WriteUInt16(dst, off + 2, TopicId);
            SnWire.WriteUInt16(dst, off + 4, MsgId);
            dst[off + 6] = ReturnCode;
            return 7;
        }

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            MsgType = 0;
            TopicId = 0;
            MsgId = 0;
            ReturnCode = 0;
        }

        /// <summary>Decodes one datagram into this instance of either type.</summary>
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

            if (type != SnMessageType.RegAck && type != SnMessageType.PubAck)
            {
                return SnError.UnexpectedMessageType;
            }

            if (len - h != 5)
            {
                return SnError.BadLength;
            }

            int p = off + h;
            MsgType = type;
            TopicId = SnWire.ReadUInt16(buf, p);
            MsgId = SnWire.ReadUInt16(buf, p + 2);
            ReturnCode = buf[p + 4];
            if (!SnReturnCode.IsDefined(ReturnCode))
            {
                return SnError.ReservedReturnCode;
            }

            if (type == SnMessageType.RegAck)
            {
                if (MsgId == 0)
                {
                    return SnError.ZeroMsgId;
                }

                if (ReturnCode == SnReturnCode.Accepted && (TopicId == 0 || TopicId == 0xFFFF))
                {
                    return SnError.ReservedTopicId;
                }
            }

            return SnError.None;
        }
    }
}
