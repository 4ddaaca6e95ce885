namespace Nano.MqttSn.Client
{
    /// <summary>MsgIds of QoS 2 PUBLISHes delivered to the application and not yet released by PUBREL (§6.7).</summary>
    internal sealed class SnInboundQos2
    {
        private readonly int[] _ids;
        private int _count;

        public SnInboundQos2(int capacity)
        {
            _ids = new int[capacity];
        }

        /// <summary>True when the id was delivered and awaits PUBREL.</summary>
        public bool Contains(int msgId) => IndexOf(msgId) >= 0;

        /// <summary>Remembers a delivered id; false when the memory is full.</summary>
        public bool Add(int msgId)
        {
            if (_count == _ids.Length)
            {
                return false;
            }

            _ids[_count++] = msgId;
            return true;
        }

        /// <summary>PUBREL arrived for the id.</summary>
        public void Remove(int msgId)
        {
            int i = IndexOf(msgId);
            if (i >= 0)
            {
                _ids[i] = _ids[--_count];
            }
        }

        /// <summary>Forgets every id (clean session).</summary>
        public void Clear() => _count = 0;

        private int IndexOf(int msgId)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_ids[i] == msgId)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
