namespace Nano.Mqtt.Codec
{
    /// <summary>
    /// Forward-only cursor over the topic filters of a decoded SUBSCRIBE or UNSUBSCRIBE payload.
    /// Yields at most the entries that lie inside the payload; it never reads past it.
    /// </summary>
    public struct TopicFilterReader
    {
        private readonly byte[] buffer;
        private readonly int end;
        private readonly bool withQos;
        private int position;

        /// <summary>Creates a reader over <paramref name="entries"/>; <paramref name="withQos"/> is true for
        /// SUBSCRIBE (each filter followed by a requested QoS byte).</summary>
        public TopicFilterReader(ByteSlice entries, bool withQos)
        {
            buffer = entries.Buffer;
            position = entries.Offset;
            end = entries.Offset + entries.Length;
            this.withQos = withQos;
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
            if (buffer == null || end - position < 2 + tail)
            {
                return false;
            }

            int length = Wire.ReadUInt16(buffer, position);
            if (length > end - position - 2 - tail)
            {
                return false;
            }

            filterOffset = position + 2;
            filterLength = length;
            position = filterOffset + length;
            if (withQos)
            {
                requestedQos = buffer[position];
                position++;
            }

            return true;
        }
    }
}
