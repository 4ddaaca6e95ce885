namespace Nano.MqttSn.Codec
{
    /// <summary>GWINFO (§5.4.4): GwId, and GwAdd only when a client answers for a gateway.</summary>
    public sealed class GwInfoMessage
    {
        /// <summary>Gateway id.</summary>
        public byte GwId;

        /// <summary>Buffer holding GwAdd.</summary>
        public byte[] GwAdd;

        /// <summary>Offset of GwAdd.</summary>
        public int GwAddOffset;

        /// <summary>Length of GwAdd; 0 when sent by a gateway.</summary>
        public int GwAddLength;

        /// <summary>Encoded size in octets, or <see cref="SnWire.DoesNotFit"/> when too large.</summary>
        public int GetSize() => SnWire.MessageSize(1 + GwAddLength);

        /// <summary>Writes the message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            int size = GetSize();
            if (!SnWire.Fits(dst, off, size))
            {
                return SnWire.DoesNotFit;
            }

            int p = off + SnWire.WriteHeader(dst, off, size, SnMessageType.GwInfo);
            dst[p] = GwId;
            SnWire.Copy(GwAdd, GwAddOffset, dst, p + 1, GwAddLength);
            return size;
        }

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            GwId = 0;
            GwAdd = null;
            GwAddOffset = 0;
            GwAddLength = 0;
        }

        /// <summary>Decodes one datagram into this instance; GwAdd is a slice of <paramref name="buf"/>.</summary>
        public SnError Decode(byte[] buf, int off, int count)
        {
            Clear();
            int h, len;
            SnError e = SnWire.ReadHeader(buf, off, count, SnMessageType.GwInfo, out h, out len);
            if (e != SnError.None)
            {
                return e;
            }

            if (len - h < 1)
            {
                return SnError.BadLength;
            }

            GwId = buf[off + h];
            GwAdd = buf;
            GwAddOffset = off + h + 1;
            GwAddLength = len - h - 1;
            return SnError.None;
        }
    }
}
