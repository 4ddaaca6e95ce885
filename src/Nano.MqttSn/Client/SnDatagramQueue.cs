namespace Nano.MqttSn.Client
{
    /// <summary>Fixed ring of outgoing datagrams, each flagged unicast (to the gateway) or broadcast.</summary>
    internal sealed class SnDatagramQueue
    {
        private readonly byte[][] _slots;
        private readonly int[] _lengths;
        private readonly bool[] _broadcast;
        private int _head;
        private int _count;

        public SnDatagramQueue(int length, int slotSize)
        {
            _slots = new byte[length][];
            for (int i = 0; i < length; i++)
            {
                _slots[i] = new byte[slotSize];
            }

            _lengths = new int[length];
            _broadcast = new bool[length];
        }

        public int Count => _count;

        /// <summary>Discards every datagram waiting.</summary>
        public void Clear() => _count = 0;

        /// <summary>The buffer of the next free slot, or null when full.</summary>
        public byte[] Tail => _count == _slots.Length ? null : _slots[(_head + _count) % _slots.Length];

        /// <summary>Appends the datagram written into <see cref="Tail"/>.</summary>
        public void Commit(int length, bool broadcast)
        {
            int i = (_head + _count) % _slots.Length;
            _lengths[i] = length;
            _broadcast[i] = broadcast;
            _count++;
        }

        /// <summary>Moves the oldest datagram to dst; returns its length, 0 when empty, -1 when dst is too small.</summary>
        public int Dequeue(byte[] dst, int off, out bool broadcast)
        {
            broadcast = false;
            if (_count == 0)
            {
                return 0;
            }

            int len = _lengths[_head];
            if (dst == null || off < 0 || off > dst.Length - len)
            {
                return -1;
            }

            System.Array.Copy(_slots[_head], 0, dst, off, len);
            broadcast = _broadcast[_head];
            _head = (_head + 1) % _slots.Length;
            _count--;
            return len;
        }
    }
}
