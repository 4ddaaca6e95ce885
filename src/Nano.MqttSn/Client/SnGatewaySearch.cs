namespace Nano.MqttSn.Client
{
    /// <summary>
    /// Gateway discovery timing (§6.1): the first SEARCHGW after a random delay of 0..T_SEARCHGW, then
    /// exponential back-off up to a maximum; another client's SEARCHGW counts as ours.
    /// </summary>
    internal sealed class SnGatewaySearch
    {
        private readonly int _maxDelayMs;
        private readonly int _retryMs;
        private readonly int _maxRetryMs;
        private long _at;
        private int _interval;
        private uint _random;

        public SnGatewaySearch(int maxDelayMs, int retryMs, int maxRetryMs, int randomSeed)
        {
            _maxDelayMs = maxDelayMs;
            _retryMs = retryMs;
            _maxRetryMs = maxRetryMs;
            _random = (uint)randomSeed | 1;
        }

        /// <summary>True while discovery runs.</summary>
        public bool Searching { get; private set; }

        /// <summary>Starts discovery.</summary>
        public void Start(long nowMs)
        {
            Searching = true;
            _at = nowMs + NextRandom(_maxDelayMs + 1);
            _interval = _retryMs;
        }

        /// <summary>A gateway was heard.</summary>
        public void Stop() => Searching = false;

        /// <summary>True when a SEARCHGW is due.</summary>
        public bool IsDue(long nowMs) => Searching && nowMs >= _at;

        /// <summary>A SEARCHGW went out (ours or another client's): the next waits twice as long.</summary>
        public void BackOff(long nowMs)
        {
            _at = nowMs + _interval;
            _interval = _interval >= _maxRetryMs / 2 ? _maxRetryMs : _interval * 2;
        }

        private int NextRandom(int bound)
        {
            _random ^= _random << 13;
            _random ^= _random >> 17;
            _random ^= _random << 5;
            return bound <= 1 ? 0 : (int)(_random % (uint)bound);
        }
    }
}
