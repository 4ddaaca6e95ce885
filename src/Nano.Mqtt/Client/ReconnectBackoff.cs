namespace Nano.Mqtt.Client
{
    /// <summary>
    /// Exponential reconnect delays with bounded jitter: attempt n waits min(max, min * 2^n) shortened by a
    /// random 0..jitter percent. The xorshift32 generator makes the sequence a function of the seed.
    /// </summary>
    internal sealed class ReconnectBackoff
    {
        private readonly long _minMs;
        private readonly long _maxMs;
        private readonly int _jitterPercent;
        private uint _random;
        private int _attempt;

        internal ReconnectBackoff(int minMs, int maxMs, int jitterPercent, int seed)
        {
            _minMs = minMs < 1 ? 1 : minMs;
            _maxMs = maxMs < _minMs ? _minMs : maxMs;
            _jitterPercent = jitterPercent < 0 ? 0 : jitterPercent > 100 ? 100 : jitterPercent;
            _random = seed == 0 ? 0x9E3779B9u : (uint)seed;
        }

        /// <summary>Delay before the next attempt; each call counts one more failed attempt.</summary>
        internal long Next()
        {
            long delay = _minMs;
            for (int i = 0; i < _attempt && delay < _maxMs; i++)
            {
                delay *= 2;
            }

            if (delay > _maxMs)
            {
                delay = _maxMs;
            }

            _attempt++;
            long jitter = delay * _jitterPercent / 100;
            if (jitter > 0)
            {
                delay -= (long)(NextRandom() % (ulong)(jitter + 1));
            }

            return delay;
        }

        /// <summary>A connection succeeded: the next delay starts from the minimum again.</summary>
        internal void Reset()
        {
            _attempt = 0;
        }

        private ulong NextRandom()
        {
            uint x = _random;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _random = x;
            return x;
        }
    }
}
