using Nano.Mqtt.Codec;

namespace Nano.MqttSn.Client
{
    /// <summary>
    /// Acknowledged requests made while another is outstanding, kept in order in a fixed number of slots
    /// (<see cref="SnClientOptions.MaxQueuedRequests"/>), each an encoded datagram; a PUBLISH to a topic name
    /// still being registered keeps the name and gets its topic id when its turn comes.
    /// </summary>
    internal sealed class SnPendingRequests
    {
        private readonly byte[][] _datagrams;
        private readonly int[] _lengths;
        private readonly byte[] _kinds;
        private readonly int[] _msgIds;
        private readonly byte[] _names;
        private readonly int[] _nameLengths;
        private readonly int _maxName;
        private int _head;
        private int _count;

        public SnPendingRequests(int capacity, int maxPacket, int maxNameLength)
        {
            _datagrams = new byte[capacity][];
            for (int i = 0; i < capacity; i++)
            {
                _datagrams[i] = new byte[maxPacket];
            }

            _lengths = new int[capacity];
            _kinds = new byte[capacity];
            _msgIds = new int[capacity];
            _maxName = maxNameLength;
            _names = new byte[capacity * maxNameLength];
            _nameLengths = new int[capacity];
        }

        /// <summary>Requests waiting.</summary>
        public int Count => _count;

        /// <summary>Free slots.</summary>
        public int Room => _datagrams.Length - _count;

        /// <summary>The slot to encode the next request into; only while <see cref="Room"/> &gt; 0.</summary>
        public byte[] Tail => _datagrams[(_head + _count) % _datagrams.Length];

        /// <summary>Queues the request encoded into <see cref="Tail"/>, with the topic name it registers or publishes to
        /// (null when none).</summary>
        public void Commit(SnRequestKind kind, int msgId, int length, byte[] name, int nameOffset, int nameLength)
        {
            int slot = (_head + _count) % _datagrams.Length;
            _kinds[slot] = (byte)kind;
            _msgIds[slot] = msgId;
            _lengths[slot] = length;
            _nameLengths[slot] = name == null ? 0 : nameLength;
            if (name != null)
            {
                System.Array.Copy(name, nameOffset, _names, slot * _maxName, nameLength);
            }

            _count++;
        }

        /// <summary>True when a REGISTER of the name waits.</summary>
        public bool RegisterWaits(byte[] name, int offset, int length)
        {
            for (int k = 0; k < _count; k++)
            {
                int slot = (_head + k) % _datagrams.Length;
                if (_kinds[slot] == (byte)SnRequestKind.Register && Bytes.Equal(_names, slot * _maxName, _nameLengths[slot], name, offset, length))
                {
                    return true;
                }
            }

            return false;
        }

        public SnRequestKind HeadKind => (SnRequestKind)_kinds[_head];

        public int HeadMsgId => _msgIds[_head];

        public int HeadLength => _lengths[_head];

        public byte[] HeadDatagram => _datagrams[_head];

        /// <summary>The topic name kept with the first request (see <see cref="HeadNameLength"/>).</summary>
        public byte[] Names => _names;

        public int HeadNameOffset => _head * _maxName;

        public int HeadNameLength => _nameLengths[_head];

        /// <summary>Removes the first request.</summary>
        public void Remove()
        {
            _head = (_head + 1) % _datagrams.Length;
            _count--;
        }
    }
}
