namespace Nano.MqttSn.Codec
{
    /// <summary>CONNECT (§5.4.5): Will and CleanSession flags, ProtocolId, keep-alive Duration, ClientId.</summary>
    public sealed class ConnectMessage
    {
        /// <summary>The only ProtocolId of v1.2; v2.0 uses 0x02 with renumbered messages.</summary>
        public const byte ProtocolIdV12 = 0x01;

        /// <summary>Longest ClientId (§5.3.1).</summary>
        public const int MaxClientIdLength = 23;

        /// <summary>Ask the gateway to prompt for Will topic and message.</summary>
        public bool Will;

        /// <summary>Clean session, covering subscriptions and Will data.</summary>
        public bool CleanSession;

        /// <summary>Keep-alive in seconds.</summary>
        public int Duration;

        /// <summary>Buffer holding the ClientId.</summary>
        public byte[] ClientId;

        /// <summary>Offset of the ClientId.</summary>
        public int ClientIdOffset;

        /// <summary>Length of the ClientId, 1–23.</summary>
        public int ClientIdLength;

        /// <summary>Encoded size in octets.</summary>
        public int GetSize() => SnWire.MessageSize(4 + ClientIdLength);

        /// <summary>Writes the message; returns octets written or <see cref="SnWire.DoesNotFit"/>.</summary>
        public int Encode(byte[] dst, int off)
        {
            int size = GetSize();
            if (!SnWire.Fits(dst, off, size))
            {
                return SnWire.DoesNotFit;
            }

            int p = off + SnWire.WriteHeader(dst, off, size, SnMessageType.Connect);
            dst[p] = (byte)((Will ? SnFlags.Will : 0) | (CleanSession ? SnFlags.CleanSession : 0));
            dst[p + 1] = ProtocolIdV12;
            SnWire.WriteUInt16(dst, p + 2, Duration);
            SnWire.Copy(ClientId, ClientIdOffset, dst, p + 4, ClientIdLength);
            return size;
        }

        /// <summary>Resets every field to its default; each decode starts here.</summary>
        public void Clear()
        {
            Will = false;
            CleanSession = false;
            Duration = 0;
            ClientId = null;
            ClientIdOffset = 0;
            ClientIdLength = 0;
        }

        /// <summary>Decodes one datagram into this instance; ClientId is a slice of <paramref name="buf"/>.</summary>
        public SnError Decode(byte[] buf, int off, int count)
        {
            Clear();
            int h, len;
            SnError e = SnWire.ReadHeader(buf, off, count, SnMessageType.Connect, out h, out len);
            if (e != SnError.None)
            {
                return e;
            }

            int p = off + h;
            if (len - h < 4)
            {
                return SnError.BadLength;
            }

            if (buf[p + 1] != ProtocolIdV12)
            {
                return SnError.UnsupportedProtocolId;
            }

            int idLength = len - h - 4;
            if (idLength < 1 || idLength > MaxClientIdLength)
            {
                return SnError.BadClientIdLength;
            }

            e = SnTopic.ValidateUtf8(buf, p + 4, idLength);
            if (e != SnError.None)
            {
                return e;
            }

            Will = (buf[p] & SnFlags.Will) != 0;
            CleanSession = (buf[p] & SnFlags.CleanSession) != 0;
            Duration = SnWire.ReadUInt16(buf, p + 2);
            ClientId = buf;
            ClientIdOffset = p + 4;
            ClientIdLength = idLength;
            return SnError.None;
        }
    }
}
