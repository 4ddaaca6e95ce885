using Nano.Mqtt.Topics;

namespace Nano.Mqtt.Codec
{
    /// <summary>
    /// Forward-only cursor over the topic filters of a decoded SUBSCRIBE or UNSUBSCRIBE payload.
    /// Yields at most the entries that lie inside the payload; it never reads past it. Each packet owns
    /// one reader, rewound by its GetReader.
    /// </summary>
    public sealed class TopicFilterReader
    {
        private readonly bool withQos;
        private byte[] buffer;
        private int end;
        private int position;

        /// <summary>Creates a reader; <paramref name="withQos"/> is true for SUBSCRIBE (each filter followed by
        /// a requested QoS byte).</summary>
        internal TopicFilterReader(bool withQos)
        {
            this.withQos = withQos;
        }

        /// <summary>Moves the reader to the first entry of <paramref name="entries"/>; returns this reader.</summary>
        internal TopicFilterReader Rewind(ByteSlice entries)
        {
            buffer = entries.Buffer;
            position = entries.Offset;
            end = entries.Offset + entries.Length;
            return this;
        }

        /// <summary>
        /// Decodes one whole SUBSCRIBE (<paramref name="withQos"/>) or UNSUBSCRIBE packet and validates
        /// every entry; <paramref name="entries"/> is set once the packet identifier is read,
        /// <paramref name="filters"/> only on success.
        /// </summary>
        internal static MqttError Decode(byte[] buffer, int offset, int count, byte protocolLevel, int maxFilters, bool withQos,
            out ushort packetId, ByteSlice entries, out int filters)
        {
            packetId = 0;
            entries.Clear();
            filters = 0;
            PacketType type = withQos ? PacketType.Subscribe : PacketType.Unsubscribe;
            MqttError error = Wire.ReadFixedHeader(buffer, offset, count, type, protocolLevel, out int flags, out int p, out int end);
            if (error != MqttError.None)
            {
                return error;
            }

            if (Wire.RequiredFlagsInvalid(flags, protocolLevel))
            {
                return MqttError.FixedHeaderFlagsInvalid; // [MQTT-3.8.1-1], [MQTT-3.10.1-1]
            }

            error = Wire.ReadPacketId(buffer, ref p, end, out packetId);
            if (error != MqttError.None)
            {
                return error;
            }

            entries.Set(buffer, p, end - p);
            if (p == end)
            {
                return withQos ? MqttError.SubscribeNoTopicFilters : MqttError.UnsubscribeNoTopicFilters; // [MQTT-3.8.3-3], [MQTT-3.10.3-2]
            }

            int found = 0;
            while (p < end)
            {
                int filterOffset = Wire.SkipField(buffer, ref p, end, out int filterLength);
                if (filterOffset < 0)
                {
                    return MqttError.FieldOverrunsPacket;
                }

                if (withQos && p == end)
                {
                    return MqttError.FieldOverrunsPacket;
                }

                error = TopicFilter.Validate(buffer, filterOffset, filterLength); // [MQTT-3.8.3-1], [MQTT-3.10.3-1]
                if (error != MqttError.None)
                {
                    return error;
                }

                if (withQos)
                {
                    int qos = buffer[p++];
                    if ((qos & 0xFC) != 0)
                    {
                        return MqttError.SubscribeRequestedQosReservedBits; // [MQTT-3.8.3-4]
                    }

                    if (qos == 3)
                    {
                        return MqttError.SubscribeRequestedQos3; // [MQTT-3.8.3-4]
                    }
                }

                found++;
                if (found > maxFilters)
                {
                    return MqttError.TooManyTopicFilters;
                }
            }

            filters = found;
            return MqttError.None;
        }

        /// <summary>Array the filter offsets refer to.</summary>
        public byte[] Buffer
        {
            get { return buffer; }
        }

        /// <summary>Moves to the next entry.</summary>
        /// <param name="filterOffset">Offset of the filter in <see cref="Buffer"/>.</param>
        /// <param name="filterLength">Filter length in bytes.</param>
        /// <param name="requestedQos">Requested QoS (0 for UNSUBSCRIBE).</param>
        /// <returns>False when no entry is left.</returns>
        public bool Next(out int filterOffset, out int filterLength, out byte requestedQos)
        {
            filterOffset = 0;
            filterLength = 0;
            requestedQos = 0;
            int tail = withQos ? 1 : 0;
            if (buffer == null)
            {
                return false;
            }

            int p = position;
            int start = Wire.SkipField(buffer, ref p, end - tail, out int length);
            if (start < 0)
            {
                return false;
            }

            filterOffset = start;
            filterLength = length;
            position = p;
            if (withQos)
            {
                requestedQos = buffer[position];
                position++;
            }

            return true;
        }
    }
}
