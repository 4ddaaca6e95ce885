namespace Nano.MqttSn.Codec
{
    /// <summary>REGACK and PUBACK (§5.4.12, §5.4.13): TopicId, MsgId, ReturnCode.</summary>
    public struct TopicAckMessage
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

        /// <summary>Decodes one datagram of either type.</summary>
        public static SnError Decode(byte[] buf, int off, int count, out TopicAckMessage msg)
        {
            msg = new TopicAckMessage();
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
            msg.MsgType = type;
            msg.TopicId = SnWire.ReadUInt16(buf, p);
            msg.MsgId = SnWire.ReadUInt16(buf, p + 2);
            msg.ReturnCode = buf[p + 4];
            if (!SnReturnCode.IsDefined(msg.ReturnCode))
            {
                return SnError.ReservedReturnCode;
            }

            if (type == SnMessageType.RegAck)
            {
                if (msg.MsgId == 0)
                {
                    return SnError.ZeroMsgId;
                }

                if (msg.ReturnCode == SnReturnCode.Accepted && (msg.TopicId == 0 || msg.TopicId == 0xFFFF))
                {
                    return SnError.ReservedTopicId;
                }
            }

            return SnError.None;
        }
    }
}
