namespace Nano.MqttSn.Codec
{
    /// <summary>PINGREQ (§5.4.19): ClientId present only when a sleeping client wakes.</summary>
    public sealed class PingReqMessage
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

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            ClientId = null;
            ClientIdOffset = 0;
            ClientIdLength = 0;
        }

        /// <summary>Decodes one datagram into this instance; the ClientId is a slice of <paramref name="buf"/>.</summary>
        public SnError Decode(byte[] buf, int off, int count)
        {
            Clear();
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

            ClientId = buf;
            ClientIdOffset = off + h;
            ClientIdLength = idLength;
            return SnError.None;
        }
    }
}
