namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Application messages (topic + payload) in one preallocated arena, shared by reference count between
    /// every queue, inflight window, Will and the retained store that holds them. Space is taken first-fit
    /// from the gaps between live messages, which are kept in a list ordered by arena offset.
    /// </summary>
    internal sealed class MessagePool
    {
        /// <summary>The arena holding every message's topic followed by its payload.</summary>
        public readonly byte[] Arena;

        /// <summary>Per message: where its topic starts in <see cref="Arena"/>, its topic and payload lengths and its
        /// holders. Read directly on the message path, where a getter would be a call on the interpreter.</summary>
        public readonly int[] Offsets;
        public readonly int[] TopicLengths;
        public readonly int[] PayloadLengths;
        public readonly int[] References;
        private readonly byte[] _qos;
        private readonly int[] _next;
        private readonly int[] _previous;
        private readonly int[] _free;
        private int _freeCount;
        private int _first = -1;
        private int _last = -1;

        /// <summary>Where the broker's changes are recorded to survive a restart; null (the default) records nothing.
        /// Held here because every part that changes persistent state already reaches the pool.</summary>
        public Persistence.BrokerPersistence Persistence;

        public MessagePool(int messages, int bytes)
        {
            Arena = new byte[bytes];
            Offsets = new int[messages];
            TopicLengths = new int[messages];
            PayloadLengths = new int[messages];
            References = new int[messages];
            _qos = new byte[messages];
            _next = new int[messages];
            _previous = new int[messages];
            _free = new int[messages];
            for (int i = 0; i < messages; i++)
            {
                _free[i] = messages - 1 - i;
            }
            _freeCount = messages;
        }

        /// <summary>Messages currently alive.</summary>
        public int Count => _free.Length - _freeCount;

        /// <summary>Copies a message in with one reference; returns its id, or -1 when slots or space run out.</summary>
        public int Allocate(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos)
        {
            if (_freeCount == 0)
            {
                return -1;
            }
            int size = topicLength + payloadLength;
            int gapStart = 0;
            int before = _first;
            while (before >= 0 && Offsets[before] - gapStart < size)
            {
                gapStart = Offsets[before] + TopicLengths[before] + PayloadLengths[before];
                before = _next[before];
            }
            if (before < 0 && Arena.Length - gapStart < size)
            {
                return -1;
            }
            int m = _free[--_freeCount];
            Offsets[m] = gapStart;
            TopicLengths[m] = topicLength;
            PayloadLengths[m] = payloadLength;
            References[m] = 1;
            _qos[m] = (byte)qos;
            Link(m, before);
            if (Persistence != null)
            {
                Persistence.Allocated(m);
            }
            System.Array.Copy(topic, topicOffset, Arena, gapStart, topicLength);
            System.Array.Copy(payload, payloadOffset, Arena, gapStart + topicLength, payloadLength);
            return m;
        }

        /// <summary>Adds a holder to a message.</summary>
        public void AddReference(int m) => References[m]++;

        /// <summary>Removes a holder; the last one frees the message.</summary>
        public void Release(int m)
        {
            if (--References[m] > 0)
            {
                return;
            }
            int p = _previous[m];
            int n = _next[m];
            if (p >= 0) { _next[p] = n; } else { _first = n; }
            if (n >= 0) { _previous[n] = p; } else { _last = p; }
            _free[_freeCount++] = m;
        }

        public int TopicOffset(int m) => Offsets[m];

        public int TopicLength(int m) => TopicLengths[m];

        public int PayloadOffset(int m) => Offsets[m] + TopicLengths[m];

        public int PayloadLength(int m) => PayloadLengths[m];

        /// <summary>The QoS the message was published with.</summary>
        public int Qos(int m) => _qos[m];

        /// <summary>Topic plus payload bytes.</summary>
        public int Size(int m) => TopicLengths[m] + PayloadLengths[m];

        /// <summary>Whether message <paramref name="m"/> has exactly the given topic.</summary>
        public bool TopicEquals(int m, byte[] topic, int offset, int length) => Codec.Bytes.Equal(Arena, Offsets[m], TopicLengths[m], topic, offset, length);

        private void Link(int m, int before)
        {
            int p = before >= 0 ? _previous[before] : _last;
            _previous[m] = p;
            _next[m] = before;
            if (p >= 0) { _next[p] = m; } else { _first = m; }
            if (before >= 0) { _previous[before] = m; } else { _last = m; }
        }
    }
}
