namespace Nano.MqttSn.Codec
{
    /// <summary>PINGREQ (§5.4.19): ClientId present only when a sleeping client wakes.</summary>
    public struct PingReqMessage
    {
        /// <summary>Buffer holding the ClientId.</summary>
        public byte[] ClientId;

        /// <summary>Offset of the ClientId.</summary>
        public int ClientIdOffset;

        /// <summary>Length of the ClientId; 0 when absent.</summary>
        public int ClientIdLength;

        /// <summary>Encoded size in octets.</summary>
        public int GetSize() => SnWire.MessageSize(ClientIdLength);

        /// <summary>Writes the message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            int size = GetSize();
            if (!SnWire.Fits(dst, off, size))
            {
                return SnWire.DoesNotFit;
            }

            int p = off + SnWire.WriteHeader(dst, off, size, SnMessageType.PingReq);
            SnWire.Copy(ClientId, ClientIdOffset, dst, p, ClientIdLength);
            return size;
        }

        /// <summary>Decodes one datagram; the ClientId is a slice of <paramref name="buf"/>.</summary>
        public static SnError Decode(byte[] buf, int off, int count, out PingReqMessage msg)
        {
            msg = new PingReqMessage();
            int h, len;
            SnError e = SnWire.ReadHeader(buf, off, count, SnMessageType.PingReq, out h, out len);
            if (e != SnError.None)
            {
                return e;
            }

            int idLength = len - h;
            if (idLength > ConnectMessage.MaxClientIdLength)
            {
                return SnError.BadClientIdLength;
            }

            e = SnTopic.ValidateUtf8(buf, off + h, idLength);
            if (e != SnError.None)
            {
                return e;
            }

            msg.ClientId = buf;
            msg.ClientIdOffset = off + h;
            msg.ClientIdLength = idLength;
            return SnError.None;
        }
    }
}
