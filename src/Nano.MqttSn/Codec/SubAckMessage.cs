namespace Nano.MqttSn.Codec
{
    /// <summary>SUBACK (§5.4.16): granted QoS, TopicId (0x0000 for wildcard filters), MsgId, ReturnCode.</summary>
    public struct SubAckMessage
    {
        /// <summary>Granted QoS 0–2.</summary>
        public int Qos;

        /// <summary>Assigned topic id; 0x0000 for a wildcard filter.</summary>
        public int TopicId;

        /// <summary>Message id of the SUBSCRIBE.</summary>
        public int MsgId;

        /// <summary>See <see cref="SnReturnCode"/>.</summary>
        public byte ReturnCode;

        /// <summary>Encoded size in octets.</summary>
        public int GetSize() => 8;

        /// <summary>Writes the message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            if (!SnWire.Fits(dst, off, 8))
            {
                return SnWire.DoesNotFit;
            }

            SnWire.WriteHeader(dst, off, 8, SnMessageType.SubAck);
            dst[off + 2] = SnFlags.QosBits(Qos);
            SnWire.WriteUInt16(dst, off + 3, TopicId);
            SnWire.WriteUInt16(dst, off + 5, MsgId);
            dst[off + 7] = ReturnCode;
            return 8;
        }

        /// <summary>Decodes one datagram.</summary>
        public static SnError Decode(byte[] buf, int off, int count, out SubAckMessage msg)
        {
            msg = new SubAckMessage();
            int h, len;
            SnError e = SnWire.ReadHeader(buf, off, count, SnMessageType.SubAck, out h, out len);
            if (e != SnError.None)
            {
                return e;
            }

            if (len - h != 6)
            {
                return SnError.BadLength;
            }

            int p = off + h;
            msg.Qos = SnFlags.GetQos(buf[p]);
            msg.TopicId = SnWire.ReadUInt16(buf, p + 1);
            msg.MsgId = SnWire.ReadUInt16(buf, p + 3);
            msg.ReturnCode = buf[p + 5];
            if (!SnReturnCode.IsDefined(msg.ReturnCode))
            {
                return SnError.ReservedReturnCode;
            }

            if (msg.MsgId == 0)
            {
                return SnError.ZeroMsgId;
            }

            if (msg.ReturnCode == SnReturnCode.Accepted && msg.Qos < 0)
            {
                return SnError.InvalidQos;
            }

            return msg.TopicId == 0xFFFF ? SnError.ReservedTopicId : SnError.None;
        }
    }
}
