namespace Nano.Mqtt.Broker
{
    /// <summary>Per-connection timers: connect timeout, keep-alive [MQTT-3.1.2-24] and in-connection re-sending.</summary>
    internal sealed class ConnectionTimers
    {
        private readonly BrokerState _state;
        private readonly ConnectionCloser _closer;

        public ConnectionTimers(BrokerState state, ConnectionCloser closer)
        {
            _state = state;
            _closer = closer;
        }

        /// <summary>Runs the connection's timers that are due; returns the earliest moment one can fire next, long.MaxValue
        /// when none can. A connection awaiting CONNECT is checked again at the next millisecond: its CONNECT may start a
        /// keep-alive or deliveries to re-send at any moment.</summary>
        public long Poll(int ci)
        {
            Connection c = _state.Connections[ci];
            BrokerOptions options = _state.Options;
            long now = _state.NowMs;
            ConnectionState state = c.State;
            if (state == ConnectionState.AwaitingConnect)
            {
                if (now - c.AcceptedAtMs >= options.ConnectTimeoutMs)
                {
                    _state.Statistics.ConnectTimeouts++;
                    _closer.Close(ci, false, BrokerEvent.ConnectTimeout);
                    return long.MaxValue;
                }
                return now + 1;
            }
            if (state != ConnectionState.Connected)
            {
                return long.MaxValue;
            }
            long due = long.MaxValue;
            long keepAliveMs = c.KeepAliveMs;
            if (keepAliveMs > 0)
            {
                due = c.LastActivityMs + keepAliveMs * 3 / 2 + 1;
                if (now >= due && c.Waiting == PublishWait.None) // a waiting PUBLISH is the client's latest activity
                {
                    _state.Statistics.KeepAliveTimeouts++;
                    _closer.Close(ci, true, BrokerEvent.KeepAliveTimeout);
                    return long.MaxValue;
                }
            }
            int retryIntervalMs = options.RetryIntervalMs;
            if (retryIntervalMs > 0)
            {
                Session session = _state.Sessions[c.Session];
                int dropped = session.Retry(now, retryIntervalMs, options.MaxRetries);
                if (dropped > 0)
                {
                    _state.Statistics.DroppedRetriesExhausted += dropped;
                    _state.QueueSpaceFreed = true;
                }
                long retryDue = session.InflightCount > 0 ? now + 1 : now + retryIntervalMs; // an entry sent from now on is due an interval later
                if (retryDue < due)
                {
                    due = retryDue;
                }
            }
            return due;
        }
    }
}
