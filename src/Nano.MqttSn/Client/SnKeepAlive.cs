namespace Nano.MqttSn.Client
{
    /// <summary>What the keep-alive timer asks for at a poll.</summary>
    internal enum SnKeepAliveAction
    {
        /// <summary>Nothing to do.</summary>
        None = 0,

        /// <summary>Send PINGREQ (first or re-sent).</summary>
        Ping,

        /// <summary>N_RETRY PINGREQs went unanswered: the gateway is lost.</summary>
        Lost
    }

    /// <summary>
    /// Keep-alive of an active client (§6.11): PINGREQ after a keep-alive period without sending,
    /// re-sent every T_RETRY while unanswered, the gateway lost after N_RETRY re-sends.
    /// </summary>
    internal sealed class SnKeepAlive
    {
        private readonly int _keepAliveMs;
        private readonly int _retryMs;
        private readonly int _maxRetries;
        private bool _outstanding;
        private long _deadline;
        private int _retries;

        public SnKeepAlive(int keepAliveMs, int retryMs, int maxRetries)
        {
            _keepAliveMs = keepAliveMs;
            _retryMs = retryMs;
            _maxRetries = maxRetries;
        }

        /// <summary>PINGRESP arrived, or supervision stops.</summary>
        public void Answered() => _outstanding = false;

        /// <summary>Whether a PINGREQ is due, given the time of the last datagram sent to the gateway.</summary>
        public SnKeepAliveAction Poll(long nowMs, long lastSendMs)
        {
            if (_keepAliveMs <= 0)
            {
                return SnKeepAliveAction.None;
            }

            if (!_outstanding)
            {
                if (nowMs - lastSendMs < _keepAliveMs)
                {
                    return SnKeepAliveAction.None;
                }

                _outstanding = true;
                _retries = 0;
            }
            else if (nowMs < _deadline)
            {
                return SnKeepAliveAction.None;
            }
            else if (_retries >= _maxRetries)
            {
                return SnKeepAliveAction.Lost;
            }
            else
            {
                _retries++;
            }

            _deadline = nowMs + _retryMs;
            return SnKeepAliveAction.Ping;
        }
    }
}
