using Nano.Mqtt.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// The registration table of one client (§6.5, §7.3: ids are per client). The id of entry i is i + 1, so ids
    /// are never 0x0000 or 0xFFFF; names are kept in fixed slots of an array shared by all clients. <see cref="Known"/> records
    /// whether the client learned the id in its current connection (REGISTER, REGACK or SUBACK); the gateway
    /// REGISTERs unknown ids before using them (§6.10).
    /// </summary>
    internal sealed class SnClientTopics
    {
        private readonly int _maxName;
        private readonly int _first;
        private readonly int _capacity;
        private readonly byte[] _names;
        private readonly int[] _lengths;
        private readonly byte[] _states;

        /// <summary>Entries <paramref name="first"/> to <paramref name="first"/> + <paramref name="capacity"/> - 1 of
        /// arrays shared by every client (no arrays of its own): <paramref name="names"/> holds
        /// <paramref name="maxTopicLength"/> octets per entry.</summary>
        public SnClientTopics(byte[] names, int[] lengths, byte[] states, int first, int capacity, int maxTopicLength)
        {
            _names = names;
            _lengths = lengths;
            _states = states;
            _first = first;
            _capacity = capacity;
            _maxName = maxTopicLength;
        }

        /// <summary>The id of <paramref name="name"/>, or 0 when it has none.</summary>
        public int Find(byte[] name, int offset, int length)
        {
            for (int i = 0; i < _capacity; i++)
            {
                int e = _first + i;
                if (length > 0 && Bytes.Equal(_names, e * _maxName, _lengths[e], name, offset, length))
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
            for (int i = 0; i < _capacity; i++)
            {
                int e = _first + i;
                if (_lengths[e] == 0)
                {
                    System.Array.Copy(name, offset, _names, e * _maxName, length);
                    _lengths[e] = length;
                    _states[e] = (byte)SnTopicRegistration.Unknown;
                    return i + 1;
                }
            }
            return 0;
        }

        /// <summary>True when <paramref name="id"/> is assigned.</summary>
        public bool Exists(int id) => id >= 1 && id <= _capacity && _lengths[_first + id - 1] > 0;

        /// <summary>The array holding the name of <paramref name="id"/>, at <see cref="NameOffset"/>.</summary>
        public byte[] Names => _names;

        public int NameOffset(int id) => (_first + id - 1) * _maxName;

        public int NameLength(int id) => _lengths[_first + id - 1];

        public bool Known(int id) => _states[_first + id - 1] == (byte)SnTopicRegistration.Known;

        public bool Rejected(int id) => _states[_first + id - 1] == (byte)SnTopicRegistration.Rejected;

        /// <summary>The client knows the id (and wants the topic again, should it have rejected it).</summary>
        public void MarkKnown(int id)
        {
            _states[_first + id - 1] = (byte)SnTopicRegistration.Known;
        }

        /// <summary>The client refused the REGISTER: deliveries on this name stop until it registers or subscribes it (§6.10).</summary>
        public void MarkRejected(int id)
        {
            _states[_first + id - 1] = (byte)SnTopicRegistration.Rejected;
        }

        /// <summary>The client answered a PUBLISH with "invalid topic ID": register it again before the next use.</summary>
        public void MarkUnknown(int id)
        {
            if (Known(id))
            {
                _states[_first + id - 1] = (byte)SnTopicRegistration.Unknown;
            }
        }

        /// <summary>A new connection: the client must be told every id again.</summary>
        public void ForgetKnown()
        {
            for (int e = _first; e < _first + _capacity; e++)
            {
                if (_states[e] == (byte)SnTopicRegistration.Known)
                {
                    _states[e] = (byte)SnTopicRegistration.Unknown;
                }
            }
        }

        public void Clear()
        {
            for (int e = _first; e < _first + _capacity; e++)
            {
                _lengths[e] = 0;
                _states[e] = (byte)SnTopicRegistration.Unknown;
            }
        }
    }
}
