namespace Nano.Mqtt.Codec
{
    /// <summary>
    /// UNSUBSCRIBE (§3.10). Decoding validates every filter and records <see cref="Count"/> and the
    /// payload range <see cref="Entries"/>, read with <see cref="GetReader"/>. Encoding takes the first
    /// <see cref="Count"/> elements of <see cref="Filters"/>. MQTT 5.0 would add properties after the
    /// packet identifier.
    /// </summary>
    public sealed class UnsubscribePacket : IPacket
    {
        /// <summary>Packet identifier (non-zero) [MQTT-2.3.1-1].</summary>
        public ushort PacketId;

        /// <summary>Number of topic filters.</summary>
        public int Count;

        /// <summary>Decoded: the payload holding the length-prefixed filters.</summary>
        public ByteSlice Entries = new ByteSlice();

        /// <summary>To encode: the topic filters.</summary>
        public ByteSlice[] Filters;

        /// <summary>Decoded: largest number of filters accepted; more yields <see cref="MqttError.TooManyTopicFilters"/>.</summary>
        public int MaxFilters = Wire.MaxRemainingLength;

        private readonly TopicFilterReader reader = new TopicFilterReader(false);

        /// <summary>Creates a packet to decode into.</summary>
        public UnsubscribePacket()
        {
        }

        /// <summary>Creates a packet to encode up to <paramref name="capacity"/> filters: <see cref="Filters"/>
        /// are allocated here; point each filter with <see cref="ByteSlice.Set"/>.</summary>
        public UnsubscribePacket(int capacity)
        {
            Filters = ByteSlice.NewArray(capacity);
        }

        /// <summary>Decodes one whole UNSUBSCRIBE packet (fixed header included) into this instance and validates every
        /// entry; <see cref="PacketId"/>, <see cref="Count"/> and <see cref="Entries"/> are overwritten. Allocates nothing.</summary>
        /// <param name="protocolLevel">Level negotiated by CONNECT (3 or 4).</param>
        public MqttError Decode(byte[] buffer, int offset, int count, byte protocolLevel)
        {
            MqttError error = TopicFilterReader.Decode(buffer, offset, count, protocolLevel, MaxFilters, false,
                out ushort packetId, Entries, out int filters);
            PacketId = packetId;
            Count = filters;
            return error;
        }

        /// <summary>Rewinds and returns this packet's own cursor over the decoded entries (one reader per packet:
        /// reading again restarts it).</summary>
        public TopicFilterReader GetReader()
        {
            return reader.Rewind(Entries);
        }

        /// <summary>Exact encoded size in bytes, or -1 when it cannot be encoded (no filters, a filter too long,
        /// array shorter than <see cref="Count"/>).</summary>
        public int GetSize()
        {
            return Wire.PacketSize(RemainingLength());
        }

        /// <summary>Encodes at <paramref name="offset"/> with flags 0010; returns bytes written, or -1 (nothing
        /// written) when it does not fit or cannot be encoded.</summary>
        public int Encode(byte[] dst, int offset)
        {
            int p = Wire.BeginPacket(dst, offset, ((int)PacketType.Unsubscribe << 4) | 0x02, RemainingLength());
            if (p < 0)
            {
                return -1;
            }

            p = Wire.WriteUInt16(dst, p, PacketId);
            for (int i = 0; i < Count; i++)
            {
                p = Wire.WriteField(dst, p, Filters[i]);
            }

            return p - offset;
        }

        private int RemainingLength()
        {
            if (Count <= 0 || Filters == null || Filters.Length < Count)
            {
                return -1;
            }

            int length = 2;
            for (int i = 0; i < Count; i++)
            {
                int field = Wire.FieldSize(Filters[i]);
                if (field < 0)
                {
                    return -1;
                }

                length += field;
                if (length > Wire.MaxRemainingLength)
                {
                    return -1;
                }
            }

            return length;
        }
    }
}
