namespace Nano.Mqtt.Persistence
{
    /// <summary>
    /// The record format of the store: [length: 4][kind: 1][content: length - 1][CRC-32 of the preceding bytes: 4],
    /// integers little-endian. Builds one record at a time in a buffer that grows to the largest record, and reads a
    /// log back up to its first torn or corrupt record, which it cuts off.
    /// </summary>
    public sealed class RecordLog
    {
        private const int Header = 5;
        private const int Trailer = 4;

        private readonly IStoreMedium _medium;
        private byte[] _record;
        private int _length;

        /// <summary>Records were appended since the last <see cref="IStoreMedium.Sync"/>.</summary>
        public bool Unsynced;

        /// <summary>Records appended since the log was opened.</summary>
        public long RecordsWritten;

        public RecordLog(IStoreMedium medium, int capacity)
        {
            _medium = medium;
            _record = new byte[capacity < 16 ? 16 : capacity];
        }

        public IStoreMedium Medium => _medium;

        /// <summary>Starts a record of <paramref name="kind"/>.</summary>
        public void Begin(RecordKind kind)
        {
            _record[4] = (byte)kind;
            _length = Header;
        }

        public void PutByte(int value)
        {
            Reserve(1);
            _record[_length++] = (byte)value;
        }

        public void PutInt(int value)
        {
            Reserve(4);
            WriteInt(_record, _length, value);
            _length += 4;
        }

        public void PutBytes(byte[] data, int offset, int count)
        {
            Reserve(count);
            System.Array.Copy(data, offset, _record, _length, count);
            _length += count;
        }

        /// <summary>Seals the record with its length and CRC-32 and appends it to the medium.</summary>
        public void End()
        {
            WriteInt(_record, 0, _length - 4);
            Reserve(Trailer);
            WriteInt(_record, _length, (int)Crc32.Compute(_record, 0, _length));
            _medium.Append(_record, 0, _length + Trailer);
            Unsynced = true;
            RecordsWritten++;
        }

        /// <summary>
        /// Hands every intact record of <paramref name="medium"/> to <paramref name="sink"/> in order, stops at the first
        /// torn or corrupt one and cuts the log there; fills the counters and damage of <paramref name="report"/>.
        /// Never throws on the log's content.
        /// </summary>
        public static void Recover(IStoreMedium medium, IRecordSink sink, RecoveryReport report)
        {
            int end = medium.Length;
            int position = 0;
            byte[] buffer = new byte[256];
            StoreDamage damage = StoreDamage.None;
            while (position < end)
            {
                if (end - position < Header + Trailer || medium.Read(position, buffer, 0, 4) < 4)
                {
                    damage = StoreDamage.Torn;
                    break;
                }
                int length = ReadInt(buffer, 0);
                if (length < 1)
                {
                    damage = StoreDamage.Corrupt;
                    break;
                }
                if (length > end - position - 4 - Trailer)
                {
                    damage = StoreDamage.Torn;
                    break;
                }
                int total = 4 + length + Trailer;
                if (buffer.Length < total)
                {
                    buffer = new byte[total];
                }
                if (medium.Read(position, buffer, 0, total) < total)
                {
                    damage = StoreDamage.Torn;
                    break;
                }
                if ((uint)ReadInt(buffer, 4 + length) != Crc32.Compute(buffer, 0, 4 + length))
                {
                    damage = StoreDamage.Corrupt;
                    break;
                }
                sink.Apply((RecordKind)buffer[4], buffer, Header, length - 1);
                report.Records++;
                position += total;
            }
            report.ValidBytes = position;
            report.DiscardedBytes = end - position;
            report.Damage = damage;
            if (position < end)
            {
                medium.Truncate(position);
            }
        }

        public static int ReadInt(byte[] data, int offset)
        {
            return data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24);
        }

        private static void WriteInt(byte[] data, int offset, int value)
        {
            data[offset] = (byte)value;
            data[offset + 1] = (byte)(value >> 8);
            data[offset + 2] = (byte)(value >> 16);
            data[offset + 3] = (byte)(value >> 24);
        }

        private void Reserve(int count)
        {
            if (_length + count + Trailer > _record.Length)
            {
                byte[] larger = new byte[(_length + count + Trailer) * 2];
                System.Array.Copy(_record, 0, larger, 0, _length);
                _record = larger;
            }
        }
    }
}
