namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Retained messages, one per topic, held as references into the <see cref="MessagePool"/>. User
    /// messages are bounded by count and bytes: a new topic that would exceed either is not stored, while a
    /// replacement that fits after removing the old message is. <c>$SYS</c> messages use reserved slots
    /// outside those bounds.
    /// </summary>
    internal sealed class RetainedStore
    {
        private readonly MessagePool _pool;
        private readonly int[] _message;
        private readonly long[] _storedAt;
        private readonly bool[] _system;
        private readonly int _maxCount;
        private readonly int _maxBytes;
        private int _count;
        private int _bytes;

        public RetainedStore(MessagePool pool, int maxCount, int maxBytes, int systemSlots)
        {
            _pool = pool;
            _maxCount = maxCount;
            _maxBytes = maxBytes;
            int slots = maxCount + systemSlots;
            _message = new int[slots];
            _storedAt = new long[slots];
            _system = new bool[slots];
            for (int i = 0; i < slots; i++)
            {
                _message[i] = -1;
            }
        }

        /// <summary>User retained messages stored.</summary>
        public int Count => _count;

        /// <summary>Topic plus payload bytes of the user retained messages.</summary>
        public int Bytes => _bytes;

        /// <summary>Slots, free or not, for iteration with <see cref="MessageAt"/>.</summary>
        public int Capacity => _message.Length;

        /// <summary>The message in slot <paramref name="i"/>, or -1.</summary>
        public int MessageAt(int i) => _message[i];

        /// <summary>Whether slot <paramref name="i"/> holds a <c>$SYS</c> message.</summary>
        public bool IsSystem(int i) => _system[i];

        /// <summary>Stores message <paramref name="m"/> (non-empty payload) for its topic, replacing the
        /// previous one [MQTT-3.3.1-5]. Returns false when the bounds reject it.</summary>
        public bool Store(int m, long nowMs, bool system)
        {
            int existing = Find(_pool.Block(m), _pool.TopicOffset(m), _pool.TopicLength(m));
            int size = _pool.Size(m);
            if (existing >= 0)
            {
                int old = _message[existing];
                if (!system && !_system[existing] && _bytes - _pool.Size(old) + size > _maxBytes)
                {
                    return false;
                }
                Remove(existing);
            }
            else if (!system && (_count >= _maxCount || _bytes + size > _maxBytes))
            {
                return false;
            }
            int slot = FreeSlot();
            if (slot < 0)
            {
                return false;
            }
            _pool.AddReference(m);
            _message[slot] = m;
            _storedAt[slot] = nowMs;
            _system[slot] = system;
            if (!system)
            {
                _count++;
                _bytes += size;
                if (_pool.Persistence != null)
                {
                    _pool.Persistence.Retained(m, true);
                }
            }
            return true;
        }

        /// <summary>Removes the retained message of a topic, if any [MQTT-3.3.1-10].</summary>
        public void Delete(byte[] topic, int offset, int length)
        {
            int i = Find(topic, offset, length);
            if (i >= 0)
            {
                Remove(i);
            }
        }

        /// <summary>Removes user retained messages older than <paramref name="lifetimeMs"/>; returns how many, and lowers
        /// <paramref name="nextMs"/> to when the next can expire.</summary>
        public int Expire(long nowMs, long lifetimeMs, ref long nextMs)
        {
            int removed = 0;
            if (nowMs + lifetimeMs < nextMs)
            {
                nextMs = nowMs + lifetimeMs; // a message stored from now on
            }
            for (int i = 0; i < _message.Length; i++)
            {
                if (_message[i] >= 0 && !_system[i])
                {
                    if (nowMs - _storedAt[i] >= lifetimeMs)
                    {
                        Remove(i);
                        removed++;
                    }
                    else if (_storedAt[i] + lifetimeMs < nextMs)
                    {
                        nextMs = _storedAt[i] + lifetimeMs;
                    }
                }
            }
            return removed;
        }

        private int Find(byte[] topic, int offset, int length)
        {
            for (int i = 0; i < _message.Length; i++)
            {
                if (_message[i] >= 0 && _pool.TopicEquals(_message[i], topic, offset, length))
                {
                    return i;
                }
            }
            return -1;
        }

        private int FreeSlot()
        {
            for (int i = 0; i < _message.Length; i++)
            {
                if (_message[i] < 0)
                {
                    return i;
                }
            }
            return -1;
        }

        private void Remove(int i)
        {
            int m = _message[i];
            if (!_system[i])
            {
                _count--;
                _bytes -= _pool.Size(m);
                if (_pool.Persistence != null)
                {
                    _pool.Persistence.Retained(m, false);
                }
            }
            _message[i] = -1;
            _pool.Release(m);
        }
    }
}
