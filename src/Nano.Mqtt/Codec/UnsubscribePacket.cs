namespace Nano.Mqtt.Codec
{
    /// <summary>
    /// UNSUBSCRIBE (§3.10). Decoding validates every filter and records <see cref="Count"/> and the
    /// payload range <see cref="Entries"/>, read with <see cref="GetReader"/>. Encoding takes the first
    /// <see cref="Count"/> elements of <see cref="Filters"/>. MQTT 5.0 would add properties after the
    /// packet identifier.
    /// </summary>
    public struct UnsubscribePacket
    {
        /// <summary>Packet identifier (non-zero) [MQTT-2.3.1-1].</summary>
        public ushort PacketId;

        /// <summary>Number of topic filters.</summary>
        public int Count;

        /// <summary>Decoded: the payload holding the length-prefixed filters.</summary>
        public ByteSlice Entries;

        /// <summary>To encode: the topic filters.</summary>
        public ByteSlice[] Filters;

        /// <summary>Decodes one whole UNSUBSCRIBE packet (fixed header included) and validates every filter.</summary>
        /// <param name="protocolLevel">Level negotiated by CONNECT (3 or 4).</param>
        /// <param name="maxFilters">Largest number of filters accepted; more yields <see cref="MqttError.TooManyTopicFilters"/>.</param>
        public static MqttError Decode(byte[] buffer, int offset, int count, byte protocolLevel, int maxFilters, out UnsubscribePacket packet)
        {
            packet = new UnsubscribePacket();
            return TopicFilterReader.Decode(buffer, offset, count, protocolLevel, maxFilters, false,
                out packet.PacketId, out packet.Entries, out packet.Count);
        }

        /// <summary>Cursor over the decoded filters (requested QoS reads as 0).</summary>
        public TopicFilterReader GetReader()
        {
            return new TopicFilterReader(Entries, false);
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
