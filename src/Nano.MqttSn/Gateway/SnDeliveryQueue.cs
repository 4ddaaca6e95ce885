namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// The sleep buffer of one client (§6.14): messages waiting for delivery, oldest first, in fixed slots of
    /// topic and payload inside two arrays. The head stays in place while its delivery flow runs and is removed
    /// when the flow completes.
    /// </summary>
    internal sealed class SnDeliveryQueue
    {
        private readonly int _maxTopic;
        private readonly int _maxPayload;
        private readonly byte[] _topics;
        private readonly byte[] _payloads;
        private readonly int[] _topicLengths;
        private readonly int[] _payloadLengths;
        private readonly byte[] _qos;
        private readonly bool[] _retain;
        private int _head;
        private int _count;

        public SnDeliveryQueue(int capacity, int maxTopicLength, int maxPayload)
        {
            _maxTopic = maxTopicLength;
            _maxPayload = maxPayload;
            _topics = new byte[capacity * maxTopicLength];
            _payloads = new byte[capacity * maxPayload];
            _topicLengths = new int[capacity];
            _payloadLengths = new int[capacity];
            _qos = new byte[capacity];
            _retain = new bool[capacity];
        }

        public int Count => _count;

        public bool IsFull => _count == _qos.Length;

        /// <summary>True when a message of these sizes fits a slot.</summary>
        public bool Fits(int topicLength, int payloadLength) => topicLength <= _maxTopic && payloadLength <= _maxPayload;

        /// <summary>Appends a message; false when full or too large.</summary>
        public bool Add(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos, bool retain)
        {
            if (IsFull || !Fits(topicLength, payloadLength))
            {
                return false;
            }
            int slot = (_head + _count) % _qos.Length;
            System.Array.Copy(topic, topicOffset, _topics, slot * _maxTopic, topicLength);
            System.Array.Copy(payload, payloadOffset, _payloads, slot * _maxPayload, payloadLength);
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
                if (_qos[(_head + k) % _qos.Length] == 0)
                {
                    RemoveAt(k);
                    return true;
                }
            }
            return false;
        }

        /// <summary>Array holding the head's topic name, at <see cref="HeadTopicOffset"/>.</summary>
        public byte[] Topics => _topics;

        public int HeadTopicOffset => _head * _maxTopic;

        public int HeadTopicLength => _topicLengths[_head];

        /// <summary>Array holding the head's payload, at <see cref="HeadPayloadOffset"/>.</summary>
        public byte[] Payloads => _payloads;

        public int HeadPayloadOffset => _head * _maxPayload;

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

        /// <summary>Removes the k-th message by moving the later ones down one slot.</summary>
        private void RemoveAt(int k)
        {
            int n = _qos.Length;
            for (int i = k; i < _count - 1; i++)
            {
                int to = (_head + i) % n;
                int from = (_head + i + 1) % n;
                System.Array.Copy(_topics, from * _maxTopic, _topics, to * _maxTopic, _topicLengths[from]);
                System.Array.Copy(_payloads, from * _maxPayload, _payloads, to * _maxPayload, _payloadLengths[from]);
                _topicLengths[to] = _topicLengths[from];
                _payloadLengths[to] = _payloadLengths[from];
                _qos[to] = _qos[from];
                _retain[to] = _retain[from];
            }
            _count--;
        }
    }
}
