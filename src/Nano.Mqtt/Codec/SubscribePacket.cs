namespace Nano.Mqtt.Codec
{
    /// <summary>
    /// SUBSCRIBE (§3.8). Decoding validates every entry and records <see cref="Count"/> and the payload
    /// range <see cref="Entries"/>, read with <see cref="GetReader"/>. Encoding takes the filters from
    /// <see cref="Filters"/> and <see cref="RequestedQos"/> (first <see cref="Count"/> elements).
    /// MQTT 5.0 would add properties after the packet identifier and option bits in the QoS byte.
    /// </summary>
    public sealed class SubscribePacket : IPacket
    {
        /// <summary>Packet identifier (non-zero) [MQTT-2.3.1-1].</summary>
        public ushort PacketId;

        /// <summary>Number of topic filters.</summary>
        public int Count;

        /// <summary>Decoded: the payload holding the entries (length-prefixed filter + requested QoS byte).</summary>
        public ByteSlice Entries = new ByteSlice();

        /// <summary>To encode: the topic filters.</summary>
        public ByteSlice[] Filters;

        /// <summary>To encode: the requested QoS of each filter.</summary>
        public byte[] RequestedQos;

        /// <summary>Decoded: largest number of filters accepted; more yields <see cref="MqttError.TooManyTopicFilters"/>.</summary>
        public int MaxFilters = Wire.MaxRemainingLength;

        private readonly TopicFilterReader reader = new TopicFilterReader(true);

        /// <summary>Creates a packet to decode into.</summary>
        public SubscribePacket()
        {
        }

        /// <summary>Creates a packet to encode up to <paramref name="capacity"/> filters: <see cref="Filters"/> and <see cref="RequestedQos"/>
        /// are allocated here; point each filter with <see cref="ByteSlice.Set"/>.</summary>
        public SubscribePacket(int capacity)
        {
            Filters = ByteSlice.NewArray(capacity);
            RequestedQos = new byte[capacity];
        }

        /// <summary>Decodes one whole SUBSCRIBE packet (fixed header included) into this instance and validates every
        /// entry; <see cref="PacketId"/>, <see cref="Count"/> and <see cref="Entries"/> are overwritten. Allocates nothing.</summary>
        /// <param name="protocolLevel">Level negotiated by CONNECT (3 or 4).</param>
        public MqttError Decode(byte[] buffer, int offset, int count, byte protocolLevel)
        {
            MqttError error = TopicFilterReader.Decode(buffer, offset, count, protocolLevel, MaxFilters, true,
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
        /// arrays shorter than <see cref="Count"/>, QoS above 2).</summary>
        public int GetSize()
        {
            return Wire.PacketSize(RemainingLength());
        }

        /// <summary>Encodes at <paramref name="offset"/> with flags 0010; returns bytes written, or -1 (nothing
        /// written) when it does not fit or cannot be encoded.</summary>
        public int Encode(byte[] dst, int offset)
        {
            int p = Wire.BeginPacket(dst, offset, ((int)PacketType.Subscribe << 4) | 0x02, RemainingLength());
            if (p < 0)
            {
                return -1;
            }

            p = Wire.WriteUInt16(dst, p, PacketId);
            for (int i = 0; i < Count; i++)
            {
                p = Wire.WriteField(dst, p, Filters[i]);
                dst[p++] = RequestedQos[i];
            }

            return p - offset;
        }

        private int RemainingLength()
        {
            if (Count <= 0 || Filters == null || RequestedQos == null || Filters.Length < Count || RequestedQos.Length < Count)
            {
                return -1;
            }

            int length = 2;
            for (int i = 0; i < Count; i++)
            {
                int field = Wire.FieldSize(Filters[i]);
                if (field < 0 || RequestedQos[i] > 2)
                {
                    return -1;
                }

                length += field + 1;
                if (length > Wire.MaxRemainingLength)
                {
                    return -1;
                }
            }

            return length;
        }
    }
}
