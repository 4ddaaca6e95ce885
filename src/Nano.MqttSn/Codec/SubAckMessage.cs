namespace Nano.MqttSn.Codec
{
    /// <summary>SUBACK (§5.4.16): granted QoS, TopicId (0x0000 for wildcard filters), MsgId, ReturnCode.</summary>
    public sealed class SubAckMessage
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

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            Qos = 0;
            TopicId = 0;
            MsgId = 0;
            ReturnCode = 0;
        }

        /// <summary>Decodes one datagram into this instance.</summary>
        public SnError Decode(byte[] buf, int off, int count)
        {
            Clear();
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
            Qos = SnFlags.GetQos(buf[p]);
            TopicId = SnWire.ReadUInt16(buf, p + 1);
            MsgId = SnWire.ReadUInt16(buf, p + 3);
            ReturnCode = buf[p + 5];
            if (!SnReturnCode.IsDefined(ReturnCode))
            {
                return SnError.ReservedReturnCode;
            }

            if (MsgId == 0)
            {
                return SnError.ZeroMsgId;
            }

            if (ReturnCode == SnReturnCode.Accepted && Qos < 0)
            {
                return SnError.InvalidQos;
            }

            return TopicId == 0xFFFF ? SnError.ReservedTopicId : SnError.None;
        }
    }
}
