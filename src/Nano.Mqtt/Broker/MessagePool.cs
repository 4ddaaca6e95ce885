namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Application messages (topic + payload) in one preallocated arena, shared by reference count between
    /// every queue, inflight window, Will and the retained store that holds them. Space is taken first-fit
    /// from the gaps between live messages, which are kept in a list ordered by arena offset. With a
    /// <see cref="Memory"/> budget, a message the arena cannot hold gets an array of its own (or keeps the input
    /// array it was received in), given back when its last holder releases it: read a message's bytes from
    /// <see cref="Block"/>.
    /// </summary>
    internal sealed class MessagePool
    {
        /// <summary>The arena holding the topic followed by the payload of every message not in a block of its own.</summary>
        public readonly byte[] Arena;

        /// <summary>Memory allocated on demand for messages the arena cannot hold; null when there is no budget.</summary>
        public readonly MessageMemory Memory;

        /// <summary>Per message: where its topic starts in its <see cref="Block"/>, its topic and payload lengths and its
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

        public MessagePool(int messages, int bytes, int memoryBudget)
        {
            Arena = new byte[bytes];
            Memory = memoryBudget > 0 ? new MessageMemory(memoryBudget, messages) : null;
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
            if (Memory != null && topic == Memory.Offered)
            {
                return AllocateBlock(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos);
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
                return Memory != null ? AllocateBlock(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos) : -1;
            }
            int m = Claim(topicLength, payloadLength, qos);
            Offsets[m] = gapStart;
            Link(m, before);
            if (Persistence != null)
            {
                Persistence.Allocated(m);
            }
            System.Array.Copy(topic, topicOffset, Arena, gapStart, topicLength);
            System.Array.Copy(payload, payloadOffset, Arena, gapStart + topicLength, payloadLength);
            return m;
        }

        /// <summary>The array holding message <paramref name="m"/>: the <see cref="Arena"/> or a block of its own.</summary>
        public byte[] Block(int m)
        {
            if (Memory == null)
            {
                return Arena;
            }
            byte[] block = Memory.Blocks[m];
            return block != null ? block : Arena;
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
            _free[_freeCount++] = m;
            if (Memory != null && Memory.Blocks[m] != null)
            {
                Memory.Give(Memory.Blocks[m]);
                Memory.Blocks[m] = null;
                return;
            }
            int p = _previous[m];
            int n = _next[m];
            if (p >= 0) { _next[p] = n; } else { _first = n; }
            if (n >= 0) { _previous[n] = p; } else { _last = p; }
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
        public bool TopicEquals(int m, byte[] topic, int offset, int length) => Codec.Bytes.Equal(Block(m), Offsets[m], TopicLengths[m], topic, offset, length);

        /// <summary>Takes a free slot for a message with one reference.</summary>
        private int Claim(int topicLength, int payloadLength, int qos)
        {
            int m = _free[--_freeCount];
            TopicLengths[m] = topicLength;
            PayloadLengths[m] = payloadLength;
            References[m] = 1;
            _qos[m] = (byte)qos;
            return m;
        }

        /// <summary>Stores a message the arena cannot hold in a block of its own: the <see cref="MessageMemory.Offered"/>
        /// input array it was received in, with the topic moved up to the payload over the packet identifier, or a copy.</summary>
        private int AllocateBlock(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos)
        {
            MessageMemory memory = Memory;
            byte[] block;
            int offset = 0;
            if (topic == payload && payload == memory.Offered && topicOffset + topicLength <= payloadOffset)
            {
                block = payload;
                offset = payloadOffset - topicLength;
                System.Array.Copy(block, topicOffset, block, offset, topicLength);
                memory.Offered = null;
            }
            else
            {
                block = memory.Take(topicLength + payloadLength);
                if (block == null)
                {
                    return -1;
                }
                System.Array.Copy(topic, topicOffset, block, 0, topicLength);
                System.Array.Copy(payload, payloadOffset, block, topicLength, payloadLength);
            }
            int m = Claim(topicLength, payloadLength, qos);
            Offsets[m] = offset;
            memory.Blocks[m] = block;
            if (Persistence != null)
            {
                Persistence.Allocated(m);
            }
            return m;
        }

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
