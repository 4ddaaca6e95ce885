namespace Nano.Mqtt.Client
{
    /// <summary>
    /// Packet identifiers of incoming QoS 2 messages delivered to the application whose PUBREL has not
    /// arrived: a PUBLISH re-sent with one of them is acknowledged again but not delivered [MQTT-4.3.3-2].
    /// </summary>
    internal sealed class AwaitingReleaseSet
    {
        private readonly ushort[] _ids;
        private int _count;

        internal AwaitingReleaseSet(int capacity)
        {
            _ids = new ushort[capacity < 1 ? 1 : capacity];
        }

        internal int Count
        {
            get { return _count; }
        }

        internal bool Contains(ushort id)
        {
            return IndexOf(id) >= 0;
        }

        /// <summary>Adds the id; false when the set is full.</summary>
        internal bool Add(ushort id)
        {
            if (_count == _ids.Length)
            {
                return false;
            }

            _ids[_count++] = id;
            return true;
        }

        internal void Remove(ushort id)
        {
            int i = IndexOf(id);
            if (i >= 0)
            {
                _ids[i] = _ids[--_count];
            }
        }

        internal void Clear()
        {
            _count = 0;
        }

        private int IndexOf(ushort id)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_ids[i] == id)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
