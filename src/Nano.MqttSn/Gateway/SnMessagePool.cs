namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// Storage of the messages buffered for every client (topic name, payload, QoS, retain) in fixed slots
    /// of one array each, shared by all clients: a sleeping client's buffer takes slots only while it holds
    /// messages (§6.14).
    /// </summary>
    internal sealed class SnMessagePool
    {
        private readonly int _maxTopic;
        private readonly int _maxPayload;
        private readonly byte[] _topics;
        private readonly byte[] _payloads;
        private readonly int[] _topicLengths;
        private readonly int[] _payloadLengths;
        private readonly byte[] _qos;
        private readonly bool[] _retain;
        private readonly bool[] _used;
        private int _free;

        public SnMessagePool(int capacity, int maxTopicLength, int maxPayload)
        {
            _maxTopic = maxTopicLength;
            _maxPayload = maxPayload;
            _topics = new byte[capacity * maxTopicLength];
            _payloads = new byte[capacity * maxPayload];
            _topicLengths = new int[capacity];
            _payloadLengths = new int[capacity];
            _qos = new byte[capacity];
            _retain = new bool[capacity];
            _used = new bool[capacity];
            _free = capacity;
        }

        /// <summary>Slots not holding a message.</summary>
        public int Free => _free;

        /// <summary>True when a message of these sizes fits a slot.</summary>
        public bool Fits(int topicLength, int payloadLength) => topicLength <= _maxTopic && payloadLength <= _maxPayload;

        /// <summary>Stores a message in a free slot and returns it; -1 when none is free or it does not fit.</summary>
        public int Store(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos, bool retain)
        {
            if (_free == 0 || !Fits(topicLength, payloadLength))
            {
                return -1;
            }
            int slot = 0;
            while (_used[slot])
            {
                slot++;
            }
            System.Array.Copy(topic, topicOffset, _topics, slot * _maxTopic, topicLength);
            System.Array.Copy(payload, payloadOffset, _payloads, slot * _maxPayload, payloadLength);
            _topicLengths[slot] = topicLength;
            _payloadLengths[slot] = payloadLength;
            _qos[slot] = (byte)qos;
            _retain[slot] = retain;
            _used[slot] = true;
            _free--;
            return slot;
        }

        public void Release(int slot)
        {
            if (_used[slot])
            {
                _used[slot] = false;
                _free++;
            }
        }

        /// <summary>The array holding every topic name, each at <see cref="TopicOffset"/>.</summary>
        public byte[] Topics => _topics;

        public int TopicOffset(int slot) => slot * _maxTopic;

        public int TopicLength(int slot) => _topicLengths[slot];

        /// <summary>The array holding every payload, each at <see cref="PayloadOffset"/>.</summary>
        public byte[] Payloads => _payloads;

        public int PayloadOffset(int slot) => slot * _maxPayload;

        public int PayloadLength(int slot) => _payloadLengths[slot];

        public int Qos(int slot) => _qos[slot];

        public bool Retain(int slot) => _retain[slot];
    }
}
