namespace Nano.MqttSn.Codec
{
    /// <summary>CONNACK, WILLTOPICRESP and WILLMSGRESP (§5.4.6, §5.4.23, §5.4.25): a ReturnCode only.</summary>
    public sealed class ReturnCodeMessage
    {
        /// <summary>ConnAck, WillTopicResp or WillMsgResp.</summary>
        public byte MsgType;

        /// <summary>See <see cref="SnReturnCode"/>.</summary>
        public byte ReturnCode;

        /// <summary>Encoded size in octets.</summary>
        public int GetSize() => 3;

        /// <summary>Writes the message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            if (!SnWire.Fits(dst, off, 3))
            {
                return SnWire.DoesNotFit;
            }

            SnWire.WriteHeader(dst, off, 3, MsgType);
            dst[off + 2] = ReturnCode;
            return 3;
        }

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            MsgType = 0;
            ReturnCode = 0;
        }

        /// <summary>Decodes one datagram into this instance of any of the three types.</summary>
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

            if (type != SnMessageType.ConnAck && type != SnMessageType.WillTopicResp && type != SnMessageType.WillMsgResp)
            {
                return SnError.UnexpectedMessageType;
            }

            if (len - h != 1)
            {
                return SnError.BadLength;
            }

            if (!SnReturnCode.IsDefined(buf[off + h]))
            {
                return SnError.ReservedReturnCode;
            }

            MsgType = type;
            ReturnCode = buf[off + h];
            return SnError.None;
        }
    }
}
