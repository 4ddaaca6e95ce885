namespace Nano.MqttSn.Client
{
    /// <summary>
    /// The gateways a client has heard (§6.1), by GwId, and the one it uses: the first heard, kept while it serves.
    /// A gateway whose ADVERTISEs stop for N_ADV periods is forgotten; a lost connection moves the choice to the
    /// next gateway heard (the one lost is tried again after the others, §6.13); a CONNACK "congestion" keeps
    /// the gateway out of the choice for T_WAIT (§5.3.10). The transport maps a GwId to the address it heard
    /// the gateway from. Fixed capacity; a new gateway replaces the one heard longest ago, never the current one.
    /// </summary>
    internal sealed class SnGatewayList
    {
        /// <summary>N_ADV: ADVERTISE periods missed before a gateway is taken as down (§7.2: 2–3).</summary>
        private const int MissedAdvertisements = 3;

        private readonly int[] _ids;
        private readonly long[] _heardMs;
        private readonly long[] _advertiseMs;
        private readonly long[] _avoidUntilMs;
        private int _current = -1;

        public SnGatewayList(int capacity)
        {
            capacity = capacity < 1 ? 1 : capacity;
            _ids = new int[capacity];
            _heardMs = new long[capacity];
            _advertiseMs = new long[capacity];
            _avoidUntilMs = new long[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _ids[i] = -1;
            }
        }

        /// <summary>GwId of the gateway in use, or -1.</summary>
        public int Current => _current < 0 ? -1 : _ids[_current];

        /// <summary>Gateways known.</summary>
        public int Count
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _ids.Length; i++)
                {
                    n += _ids[i] >= 0 ? 1 : 0;
                }
                return n;
            }
        }

        /// <summary>GwId of entry <paramref name="index"/> (0..capacity-1), or -1 for an empty one.</summary>
        public int At(int index) => _ids[index];

        /// <summary>A gateway was heard: by ADVERTISE with its period (<paramref name="advertiseMs"/> &gt; 0), or by GWINFO (0).</summary>
        public void Heard(int gwId, long advertiseMs, long nowMs)
        {
            int slot = -1;
            for (int i = 0; i < _ids.Length && slot < 0; i++)
            {
                slot = _ids[i] == gwId ? i : -1;
            }
            if (slot < 0)
            {
                slot = Free();
                _ids[slot] = gwId;
                _avoidUntilMs[slot] = nowMs;
                _advertiseMs[slot] = 0;
            }
            _heardMs[slot] = nowMs;
            if (advertiseMs > 0)
            {
                _advertiseMs[slot] = advertiseMs;
            }
            if (_current < 0)
            {
                Choose(slot, nowMs);
            }
        }

        /// <summary>The gateway in use failed: the choice moves to the next gateway heard, this one kept out of it for
        /// <paramref name="waitMs"/> (0: it comes again after the others).</summary>
        public void Failed(long nowMs, long waitMs)
        {
            if (_current < 0)
            {
                return;
            }
            int failed = _current;
            _avoidUntilMs[failed] = nowMs + waitMs;
            _current = -1;
            Choose(failed + 1, nowMs);
            if (_current < 0 && waitMs == 0)
            {
                _current = failed; // the only gateway: try it again
            }
        }

        /// <summary>Forgets gateways whose ADVERTISEs stopped, and chooses one when none is in use.</summary>
        public void Poll(long nowMs)
        {
            for (int i = 0; i < _ids.Length; i++)
            {
                if (_ids[i] >= 0 && _advertiseMs[i] > 0 && nowMs - _heardMs[i] > MissedAdvertisements * _advertiseMs[i])
                {
                    _ids[i] = -1;
                    if (_current == i)
                    {
                        _current = -1;
                    }
                }
            }
            if (_current < 0)
            {
                Choose(0, nowMs);
            }
        }

        /// <summary>Takes the first usable gateway from <paramref name="start"/> on, cyclically.</summary>
        private void Choose(int start, long nowMs)
        {
            for (int k = 0; k < _ids.Length; k++)
            {
                int i = (start + k) % _ids.Length;
                if (_ids[i] >= 0 && nowMs - _avoidUntilMs[i] >= 0)
                {
                    _current = i;
                    return;
                }
            }
        }

        /// <summary>An empty entry, else the one heard longest ago other than the current one.</summary>
        private int Free()
        {
            int oldest = -1;
            for (int i = 0; i < _ids.Length; i++)
            {
                if (_ids[i] < 0)
                {
                    return i;
                }
                if (i != _current && (oldest < 0 || _heardMs[i] - _heardMs[oldest] < 0))
                {
                    oldest = i;
                }
            }
            return oldest < 0 ? 0 : oldest;
        }
    }
}
