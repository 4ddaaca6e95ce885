namespace Nano.MqttSn.Codec
{
    /// <summary>ADVERTISE (§5.4.2): GwId and Duration in seconds until the next ADVERTISE.</summary>
    public sealed class AdvertiseMessage
    {
        /// <summary>Gateway id.</summary>
        public byte GwId;

        /// <summary>Seconds until the next ADVERTISE.</summary>
        public int Duration;

        /// <summary>Encoded size in octets.</summary>
        public int GetSize() => 5;

        /// <summary>Writes the message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            if (!SnWire.Fits(dst, off, 5))
            {
                return SnWire.DoesNotFit;
            }

            SnWire.WriteHeader(dst, off, 5, SnMessageType.Advertise);
            dst[off + 2] = GwId;
            SnWire.WriteUInt16(dst, off + 3, Duration);
            return 5;
        }

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            GwId = 0;
            Duration = 0;
        }

        /// <summary>Decodes one datagram into this instance.</summary>
        public SnError Decode(byte[] buf, int off, int count)
        {
            Clear();
            int h, len;
            SnError e = SnWire.ReadHeader(buf, off, count, SnMessageType.Advertise, out h, out len);
            if (e != SnError.None)
            {
                return e;
            }

            if (len - h != 3)
            {
                return SnError.BadLength;
            }

            GwId = buf[off + h];
            Duration = SnWire.ReadUInt16(buf, off + h + 1);
            return SnError.None;
        }
    }
}
