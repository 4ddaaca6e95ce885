namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// Datagrams waiting for the host, each with its link and destination address. A slot is reserved, the
    /// message encoded straight into it, then committed; the host takes them oldest first, for any link or
    /// for one link.
    /// </summary>
    internal sealed class SnOutbox
    {
        private readonly byte[][] _data;
        private readonly int[] _lengths;
        private readonly int[] _links;
        private readonly byte[][] _addresses;
        private readonly int[] _addressLengths;
        private readonly bool[] _broadcast;
        private readonly long[] _sequence;
        private readonly bool[] _used;
        private long _nextSequence;
        private int _count;

        public SnOutbox(int capacity, int maxDatagram, int maxAddress)
        {
            _data = new byte[capacity][];
            _addresses = new byte[capacity][];
            for (int i = 0; i < capacity; i++)
            {
                _data[i] = new byte[maxDatagram];
                _addresses[i] = new byte[maxAddress];
            }
            _lengths = new int[capacity];
            _links = new int[capacity];
            _addressLengths = new int[capacity];
            _broadcast = new bool[capacity];
            _sequence = new long[capacity];
            _used = new bool[capacity];
        }

        public int Count => _count;

        public int Free => _used.Length - _count;

        /// <summary>A free slot to encode into (<see cref="Buffer"/>), or -1 when full.</summary>
        public int Reserve()
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (!_used[i])
                {
                    return i;
                }
            }
            return -1;
        }

        public byte[] Buffer(int slot) => _data[slot];

        /// <summary>Queues the reserved slot's first <paramref name="length"/> octets for <paramref name="link"/>;
        /// an empty address with <paramref name="broadcast"/> means a broadcast.</summary>
        public void Commit(int slot, int length, int link, byte[] address, int addressOffset, int addressLength, bool broadcast)
        {
            _lengths[slot] = length;
            _links[slot] = link;
            _addressLengths[slot] = addressLength;
            if (addressLength > 0)
            {
                System.Array.Copy(address, addressOffset, _addresses[slot], 0, addressLength);
            }
            _broadcast[slot] = broadcast;
            _sequence[slot] = _nextSequence++;
            _used[slot] = true;
            _count++;
        }

        /// <summary>The oldest queued slot, for <paramref name="link"/> or any link when it is -1; -1 when none.</summary>
        public int Oldest(int link)
        {
            int best = -1;
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && (link < 0 || _links[i] == link) && (best < 0 || _sequence[i] < _sequence[best]))
                {
                    best = i;
                }
            }
            return best;
        }

        public int Length(int slot) => _lengths[slot];

        public int Link(int slot) => _links[slot];

        public byte[] Address(int slot) => _addresses[slot];

        public int AddressLength(int slot) => _addressLengths[slot];

        public bool IsBroadcast(int slot) => _broadcast[slot];

        public void Release(int slot)
        {
            if (_used[slot])
            {
                _used[slot] = false;
                _count--;
            }
        }
    }
}
