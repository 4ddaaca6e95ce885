namespace Nano.Mqtt.Client
{
    /// <summary>
    /// Timing of one connection: the CONNACK deadline, and the keep-alive (when to send PINGREQ, when the
    /// server is considered gone). Times are on the clock the transport passes to the engine.
    /// </summary>
    internal sealed class ConnectionTimer
    {
        private readonly long _keepAliveMs;
        private readonly long _connectTimeoutMs;
        private long _connectStartedMs;
        private long _lastSentMs;
        private long _lastReceivedMs;
        private bool _pingOutstanding;

        internal ConnectionTimer(int keepAliveSeconds, int connectTimeoutMs)
        {
            _keepAliveMs = keepAliveSeconds * 1000L;
            _connectTimeoutMs = connectTimeoutMs < 1 ? 1 : connectTimeoutMs;
        }

        /// <summary>CONNECT was written at <paramref name="nowMs"/> on a fresh transport.</summary>
        internal void ConnectStarted(long nowMs)
        {
            _connectStartedMs = nowMs;
            _lastSentMs = nowMs;
            _lastReceivedMs = nowMs;
            _pingOutstanding = false;
        }

        internal bool ConnAckOverdue(long nowMs)
        {
            return nowMs - _connectStartedMs >= _connectTimeoutMs;
        }

        internal void Sent(long nowMs)
        {
            _lastSentMs = nowMs;
        }

        /// <summary>A whole packet arrived: the server is alive and any PINGREQ is answered.</summary>
        internal void Received(long nowMs)
        {
            _lastReceivedMs = nowMs;
            _pingOutstanding = false;
        }

        internal void PingSent(long nowMs)
        {
            _pingOutstanding = true;
            _lastSentMs = nowMs;
        }

        internal KeepAliveStatus Check(long nowMs)
        {
            if (_keepAliveMs == 0)
            {
                return KeepAliveStatus.Quiet;
            }

            if (nowMs - _lastReceivedMs >= _keepAliveMs * 3 / 2)
            {
                return KeepAliveStatus.Dead;
            }

            bool idle = nowMs - _lastSentMs >= _keepAliveMs || nowMs - _lastReceivedMs >= _keepAliveMs;
            return idle && !_pingOutstanding ? KeepAliveStatus.PingDue : KeepAliveStatus.Quiet;
        }
    }
}
