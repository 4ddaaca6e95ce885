namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// Datagrams waiting for the host, each with its link and destination address, in fixed slots of one array
    /// for the datagrams and one for the addresses. A slot is reserved, then committed with the encoded message;
    /// the host takes them oldest first, for any link or for one link.
    /// </summary>
    internal sealed class SnOutbox
    {
        private readonly int _maxDatagram;
        private readonly int _maxAddress;
        private readonly byte[] _data;
        private readonly byte[] _addresses;
        private readonly int[] _lengths;
        private readonly int[] _links;
        private readonly int[] _addressLengths;
        private readonly int[] _sequence;
        private int _nextSequence;
        private int _count;

        public SnOutbox(int capacity, int maxDatagram, int maxAddress)
        {
            _maxDatagram = maxDatagram;
            _maxAddress = maxAddress;
            _data = new byte[capacity * maxDatagram];
            _addresses = new byte[capacity * maxAddress];
            _lengths = new int[capacity];
            _links = new int[capacity];
            _addressLengths = new int[capacity];
            _sequence = new int[capacity];
        }

        public int Count => _count;

        public int Free => _lengths.Length - _count;

        /// <summary>A free slot, or -1 when full.</summary>
        public int Reserve()
        {
            for (int i = 0; i < _lengths.Length; i++)
            {
                if (_lengths[i] == 0)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Queues <paramref name="length"/> octets (1 to a slot) of <paramref name="datagram"/> in the reserved
        /// slot for <paramref name="link"/>; an empty address means a broadcast.</summary>
        public void Commit(int slot, byte[] datagram, int length, int link, byte[] address, int addressOffset, int addressLength)
        {
            System.Array.Copy(datagram, 0, _data, slot * _maxDatagram, length);
            _lengths[slot] = length;
            _links[slot] = link;
            _addressLengths[slot] = addressLength;
            if (addressLength > 0)
            {
                System.Array.Copy(address, addressOffset, _addresses, slot * _maxAddress, addressLength);
            }
            _sequence[slot] = _nextSequence++;
            _count++;
        }

        /// <summary>The oldest queued slot, for <paramref name="link"/> or any link when it is -1; -1 when none.</summary>
        public int Oldest(int link)
        {
            int best = -1;
            for (int i = 0; i < _lengths.Length; i++)
            {
                if (_lengths[i] > 0 && (link < 0 || _links[i] == link) && (best < 0 || _sequence[i] - _sequence[best] < 0))
                {
                    best = i;
                }
            }
            return best;
        }

        public int Length(int slot) => _lengths[slot];

        public int Link(int slot) => _links[slot];

        public int AddressLength(int slot) => _addressLengths[slot];

        public bool IsBroadcast(int slot) => _addressLengths[slot] == 0;

        /// <summary>Copies the slot's datagram to <paramref name="dst"/>.</summary>
        public void CopyDatagram(int slot, byte[] dst, int offset)
        {
            System.Array.Copy(_data, slot * _maxDatagram, dst, offset, _lengths[slot]);
        }

        /// <summary>Copies the slot's destination address to <paramref name="dst"/>.</summary>
        public void CopyAddress(int slot, byte[] dst, int offset)
        {
            System.Array.Copy(_addresses, slot * _maxAddress, dst, offset, _addressLengths[slot]);
        }

        public void Release(int slot)
        {
            if (_lengths[slot] > 0)
            {
                _lengths[slot] = 0;
                _count--;
            }
        }
    }
}
