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

        public void Poll(int ci)
        {
            Connection c = _state.Connections[ci];
            BrokerOptions options = _state.Options;
            long now = _state.NowMs;
            if (c.State == ConnectionState.AwaitingConnect)
            {
                if (now - c.AcceptedAtMs >= options.ConnectTimeoutMs)
                {
                    _state.Statistics.ConnectTimeouts++;
                    _closer.Close(ci, false, BrokerEvent.ConnectTimeout);
                }
                return;
            }
            if (c.State != ConnectionState.Connected)
            {
                return;
            }
            if (c.KeepAliveMs > 0 && now - c.LastActivityMs > c.KeepAliveMs * 3 / 2 && c.Waiting == PublishWait.None) // a waiting PUBLISH is the client's latest activity
            {
                _state.Statistics.KeepAliveTimeouts++;
                _closer.Close(ci, true, BrokerEvent.KeepAliveTimeout);
                return;
            }
            if (options.RetryIntervalMs > 0)
            {
                int dropped = _state.Sessions[c.Session].Retry(now, options.RetryIntervalMs, options.MaxRetries);
                if (dropped > 0)
                {
                    _state.Statistics.DroppedRetriesExhausted += dropped;
                    _state.QueueSpaceFreed = true;
                }
            }
        }
    }
}
