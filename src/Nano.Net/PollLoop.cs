namespace Nano.Net
{
    /// <summary>
    /// Serves a fixed set of <see cref="IPollable"/> endpoints from one thread. The caller supplies the
    /// clock and decides how to idle when <see cref="PollOnce"/> reports no work.
    /// </summary>
    public sealed class PollLoop
    {
        private readonly IPollable[] _endpoints;
        private int _count;

        /// <summary>Creates a loop with room for <paramref name="capacity"/> endpoints.</summary>
        public PollLoop(int capacity)
        {
            _endpoints = new IPollable[capacity];
        }

        /// <summary>Endpoints added.</summary>
        public int Count => _count;

        /// <summary>Adds an endpoint; false when the loop is full.</summary>
        public bool Add(IPollable endpoint)
        {
            if (endpoint == null || _count == _endpoints.Length)
            {
                return false;
            }
            _endpoints[_count++] = endpoint;
            return true;
        }

        /// <summary>Polls every endpoint once; true when any of them did work.</summary>
        public bool PollOnce(long nowMs)
        {
            bool worked = false;
            for (int i = 0; i < _count; i++)
            {
                if (_endpoints[i].PollOnce(nowMs))
                {
                    worked = true;
                }
            }
            return worked;
        }

        /// <summary>Stops every endpoint.</summary>
        public void Stop()
        {
            for (int i = 0; i < _count; i++)
            {
                _endpoints[i].Stop();
            }
        }
    }
}
