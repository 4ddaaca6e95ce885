namespace Nano.Mqtt.Client
{
    /// <summary>When each stored message expires unless sent (<see cref="MqttClientOptions.MessageExpiryMs"/>); allocated
    /// only when messages expire.</summary>
    internal sealed class MessageDeadlines
    {
        private readonly long _durationMs;
        private readonly long[] _deadlineMs;

        internal MessageDeadlines(int slots, long durationMs)
        {
            _durationMs = durationMs;
            _deadlineMs = new long[slots];
        }

        /// <summary>The message in <paramref name="slot"/> was published at <paramref name="nowMs"/>.</summary>
        internal void Start(int slot, long nowMs)
        {
            _deadlineMs[slot] = nowMs + _durationMs;
        }

        internal bool Passed(int slot, long nowMs)
        {
            return nowMs - _deadlineMs[slot] >= 0;
        }
    }
}
