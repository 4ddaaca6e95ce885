namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// The sleep buffer of one client (§6.14): its messages waiting for delivery, oldest first, as slots of the
    /// shared <see cref="SnMessagePool"/>. The head stays in place while its delivery flow runs and is removed
    /// when the flow completes.
    /// </summary>
    internal sealed class SnDeliveryQueue
    {
        private readonly SnMessagePool _pool;
        private readonly int[] _slots;
        private int _head;
        private int _count;

        public SnDeliveryQueue(SnMessagePool pool, int capacity)
        {
            _pool = pool;
            _slots = new int[capacity];
        }

        public int Count => _count;

        /// <summary>True when this client's share is used up, or the pool has no free slot.</summary>
        public bool IsFull => _count == _slots.Length || _pool.Free == 0;

        /// <summary>True when a message of these sizes fits a slot.</summary>
        public bool Fits(int topicLength, int payloadLength) => _pool.Fits(topicLength, payloadLength);

        /// <summary>Appends a message; false when full or too large.</summary>
        public bool Add(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos, bool retain)
        {
            if (_count == _slots.Length)
            {
                return false;
            }
            int slot = _pool.Store(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos, retain);
            if (slot < 0)
            {
                return false;
            }
            _slots[(_head + _count) % _slots.Length] = slot;
            _count++;
            return true;
        }

        /// <summary>Removes the oldest QoS 0 message, skipping the head while <paramref name="headInFlight"/>; false when none.</summary>
        public bool DropOldestQos0(bool headInFlight)
        {
            for (int k = headInFlight ? 1 : 0; k < _count; k++)
            {
                if (_pool.Qos(_slots[(_head + k) % _slots.Length]) == 0)
                {
                    RemoveAt(k);
                    return true;
                }
            }
            return false;
        }

        /// <summary>The array holding the head's topic name, at <see cref="HeadTopicOffset"/>.</summary>
        public byte[] Topics => _pool.Topics;

        public int HeadTopicOffset => _pool.TopicOffset(_slots[_head]);

        public int HeadTopicLength => _pool.TopicLength(_slots[_head]);

        /// <summary>The array holding the head's payload, at <see cref="HeadPayloadOffset"/>.</summary>
        public byte[] Payloads => _pool.Payloads;

        public int HeadPayloadOffset => _pool.PayloadOffset(_slots[_head]);

        public int HeadPayloadLength => _pool.PayloadLength(_slots[_head]);

        public int HeadQos => _pool.Qos(_slots[_head]);

        public bool HeadRetain => _pool.Retain(_slots[_head]);

        public void RemoveHead()
        {
            if (_count > 0)
            {
                _pool.Release(_slots[_head]);
                _head = (_head + 1) % _slots.Length;
                _count--;
            }
        }

        public void Clear()
        {
            while (_count > 0)
            {
                RemoveHead();
            }
            _head = 0;
        }

        /// <summary>Removes the k-th message, moving the later ones down one place.</summary>
        private void RemoveAt(int k)
        {
            int n = _slots.Length;
            _pool.Release(_slots[(_head + k) % n]);
            for (int i = k; i < _count - 1; i++)
            {
                _slots[(_head + i) % n] = _slots[(_head + i + 1) % n];
            }
            _count--;
        }
    }
}
