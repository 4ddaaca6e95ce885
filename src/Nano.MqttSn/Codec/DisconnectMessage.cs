namespace Nano.MqttSn.Codec
{
    /// <summary>DISCONNECT (§5.4.21): Duration present only when a client goes to sleep.</summary>
    public sealed class DisconnectMessage
    {
        /// <summary>True when the sleep Duration is present.</summary>
        public bool HasDuration;

        /// <summary>Sleep duration in seconds.</summary>
        public int Duration;

        /// <summary>Encoded size in octets.</summary>
        public int GetSize() => HasDuration ? 4 : 2;

        /// <summary>Writes the message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            int size = GetSize();
            if (!SnWire.Fits(dst, off, size))
            {
                return SnWire.DoesNotFit;
            }

            SnWire.WriteHeader(dst, off, size, SnMessageType.Disconnect);
            if (HasDuration)
            {
                SnWire.WriteUInt16(dst, off + 2, Duration);
            }

            return size;
        }

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            HasDuration = false;
            Duration = 0;
        }

        /// <summary>Decodes one datagram into this instance.</summary>
        public SnError Decode(byte[] buf, int off, int count)
        {
            Clear();
            int h, len;
            SnError e = SnWire.ReadHeader(buf, off, count, SnMessageType.Disconnect, out h, out len);
            if (e != SnError.None)
            {
                return e;
            }

            if (len == h)
            {
                return SnError.None;
            }

            if (len - h != 2)
            {
                return SnError.BadLength;
            }

            HasDuration = true;
            Duration = SnWire.ReadUInt16(buf, off + h);
            return SnError.None;
        }
    }
}
