namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// Messages waiting for delivery to one client, oldest first, in fixed slots of topic and payload. The
    /// head stays in place while its delivery flow runs and is removed when the flow completes.
    /// </summary>
    internal sealed class SnDeliveryQueue
    {
        private readonly byte[][] _topics;
        private readonly int[] _topicLengths;
        private readonly byte[][] _payloads;
        private readonly int[] _payloadLengths;
        private readonly byte[] _qos;
        private readonly bool[] _retain;
        private int _head;
        private int _count;

        public SnDeliveryQueue(int capacity, int maxTopicLength, int maxPayload)
        {
            _topics = new byte[capacity][];
            _payloads = new byte[capacity][];
            for (int i = 0; i < capacity; i++)
            {
                _topics[i] = new byte[maxTopicLength];
                _payloads[i] = new byte[maxPayload];
            }
            _topicLengths = new int[capacity];
            _payloadLengths = new int[capacity];
            _qos = new byte[capacity];
            _retain = new bool[capacity];
        }

        public int Count => _count;

        public bool IsFull => _count == _qos.Length;

        /// <summary>True when a message of these sizes fits a slot.</summary>
        public bool Fits(int topicLength, int payloadLength) => topicLength <= _topics[0].Length && payloadLength <= _payloads[0].Length;

        /// <summary>Appends a message; false when full or too large.</summary>
        public bool Add(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos, bool retain)
        {
            if (IsFull || !Fits(topicLength, payloadLength))
            {
                return false;
            }
            int slot = (_head + _count) % _qos.Length;
            System.Array.Copy(topic, topicOffset, _topics[slot], 0, topicLength);
            System.Array.Copy(payload, payloadOffset, _payloads[slot], 0, payloadLength);
            _topicLengths[slot] = topicLength;
            _payloadLengths[slot] = payloadLength;
            _qos[slot] = (byte)qos;
            _retain[slot] = retain;
            _count++;
            return true;
        }

        /// <summary>Removes the oldest QoS 0 message, skipping the head while <paramref name="headInFlight"/>; false when none.</summary>
        public bool DropOldestQos0(bool headInFlight)
        {
            for (int k = headInFlight ? 1 : 0; k < _count; k++)
            {
                int slot = (_head + k) % _qos.Length;
                if (_qos[slot] == 0)
                {
                    RemoveAt(k);
                    return true;
                }
            }
            return false;
        }

        public byte[] HeadTopic => _topics[_head];

        public int HeadTopicLength => _topicLengths[_head];

        public byte[] HeadPayload => _payloads[_head];

        public int HeadPayloadLength => _payloadLengths[_head];

        public int HeadQos => _qos[_head];

        public bool HeadRetain => _retain[_head];

        public void RemoveHead()
        {
            if (_count > 0)
            {
                _head = (_head + 1) % _qos.Length;
                _count--;
            }
        }

        public void Clear()
        {
            _head = 0;
            _count = 0;
        }

        /// <summary>Removes the k-th message by shifting the later ones down one slot.</summary>
        private void RemoveAt(int k)
        {
            int n = _qos.Length;
            for (int i = k; i < _count - 1; i++)
            {
                int to = (_head + i) % n;
                int from = (_head + i + 1) % n;
                byte[] topic = _topics[to];
                byte[] payload = _payloads[to];
                _topics[to] = _topics[from];
                _payloads[to] = _payloads[from];
                _topics[from] = topic;
                _payloads[from] = payload;
                _topicLengths[to] = _topicLengths[from];
                _payloadLengths[to] = _payloadLengths[from];
                _qos[to] = _qos[from];
                _retain[to] = _retain[from];
            }
            _count--;
        }
    }
}
