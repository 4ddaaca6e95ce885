using Nano.Mqtt.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// The registration table of one client (§6.5, §7.3: ids are per client). The id of entry i is i + 1, so ids
    /// are never 0x0000 or 0xFFFF; names are kept in fixed slots of one array. <see cref="Known"/> records
    /// whether the client learned the id in its current connection (REGISTER, REGACK or SUBACK); the gateway
    /// REGISTERs unknown ids before using them (§6.10).
    /// </summary>
    internal sealed class SnClientTopics
    {
        private readonly int _maxName;
        private readonly byte[] _names;
        private readonly int[] _lengths;
        private readonly bool[] _known;
        private readonly bool[] _rejected;

        public SnClientTopics(int capacity, int maxTopicLength)
        {
            _maxName = maxTopicLength;
            _names = new byte[capacity * maxTopicLength];
            _lengths = new int[capacity];
            _known = new bool[capacity];
            _rejected = new bool[capacity];
        }

        /// <summary>The id of <paramref name="name"/>, or 0 when it has none.</summary>
        public int Find(byte[] name, int offset, int length)
        {
            for (int i = 0; i < _lengths.Length; i++)
            {
                if (length > 0 && Bytes.Equal(_names, i * _maxName, _lengths[i], name, offset, length))
                {
                    return i + 1;
                }
            }
            return 0;
        }

        /// <summary>The id of <paramref name="name"/>, assigned when new; 0 when the table is full or the name too long.</summary>
        public int Assign(byte[] name, int offset, int length)
        {
            int id = Find(name, offset, length);
            if (id != 0)
            {
                return id;
            }
            if (length > _maxName)
            {
                return 0;
            }
            for (int i = 0; i < _lengths.Length; i++)
            {
                if (_lengths[i] == 0)
                {
                    System.Array.Copy(name, offset, _names, i * _maxName, length);
                    _lengths[i] = length;
                    _known[i] = false;
                    _rejected[i] = false;
                    return i + 1;
                }
            }
            return 0;
        }

        /// <summary>True when <paramref name="id"/> is assigned.</summary>
        public bool Exists(int id) => id >= 1 && id <= _lengths.Length && _lengths[id - 1] > 0;

        /// <summary>The array holding the name of <paramref name="id"/>, at <see cref="NameOffset"/>.</summary>
        public byte[] Names => _names;

        public int NameOffset(int id) => (id - 1) * _maxName;

        public int NameLength(int id) => _lengths[id - 1];

        public bool Known(int id) => _known[id - 1];

        public bool Rejected(int id) => _rejected[id - 1];

        /// <summary>The client knows the id (and wants the topic again, should it have rejected it).</summary>
        public void MarkKnown(int id)
        {
            _known[id - 1] = true;
            _rejected[id - 1] = false;
        }

        /// <summary>The client refused the REGISTER: deliveries on this name stop until it registers or subscribes it (§6.10).</summary>
        public void MarkRejected(int id)
        {
            _known[id - 1] = false;
            _rejected[id - 1] = true;
        }

        /// <summary>The client answered a PUBLISH with "invalid topic ID": register it again before the next use.</summary>
        public void MarkUnknown(int id) => _known[id - 1] = false;

        /// <summary>A new connection: the client must be told every id again.</summary>
        public void ForgetKnown()
        {
            for (int i = 0; i < _known.Length; i++)
            {
                _known[i] = false;
            }
        }

        public void Clear()
        {
            for (int i = 0; i < _lengths.Length; i++)
            {
                _lengths[i] = 0;
                _known[i] = false;
                _rejected[i] = false;
            }
        }
    }
}
