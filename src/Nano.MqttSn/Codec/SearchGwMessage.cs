namespace Nano.MqttSn.Codec
{
    /// <summary>SEARCHGW (§5.4.3): broadcast radius.</summary>
    public sealed class SearchGwMessage
    {
        /// <summary>Broadcast radius; 0 = all nodes.</summary>
        public byte Radius;

        /// <summary>Encoded size in octets.</summary>
        public int GetSize() => 3;

        /// <summary>Writes the message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            if (!SnWire.Fits(dst, off, 3))
            {
                return SnWire.DoesNotFit;
            }

            SnWire.WriteHeader(dst, off, 3, SnMessageType.SearchGw);
            dst[off + 2] = Radius;
            return 3;
        }

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            Radius = 0;
        }

        /// <summary>Decodes one datagram into this instance.</summary>
        public SnError Decode(byte[] buf, int off, int count)
        {
            Clear();
            int h, len;
            SnError e = SnWire.ReadHeader(buf, off, count, SnMessageType.SearchGw, out h, out len);
            if (e != SnError.None)
            {
                return e;
            }

            if (len - h != 1)
            {
                return SnError.BadLength;
            }

            Radius = buf[off + h];
            return SnError.None;
        }
    }
}
