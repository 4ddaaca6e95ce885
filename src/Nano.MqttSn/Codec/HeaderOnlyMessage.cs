namespace Nano.MqttSn.Codec
{
    /// <summary>WILLTOPICREQ, WILLMSGREQ and PINGRESP: a header and nothing else.</summary>
    public sealed class HeaderOnlyMessage
    {
        /// <summary>WillTopicReq, WillMsgReq or PingResp.</summary>
        public byte MsgType;

        /// <summary>Encoded size in octets.</summary>
        public int GetSize() => 2;

        /// <summary>Writes the message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            if (!SnWire.Fits(dst, off, 2))
            {
                return SnWire.DoesNotFit;
            }

            SnWire.WriteHeader(dst, off, 2, MsgType);
            return 2;
        }

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            MsgType = 0;
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

            if (type != SnMessageType.WillTopicReq && type != SnMessageType.WillMsgReq && type != SnMessageType.PingResp)
            {
                return SnError.UnexpectedMessageType;
            }

            if (len != h)
            {
                return SnError.BadLength;
            }

            MsgType = type;
            return SnError.None;
        }
    }
}
