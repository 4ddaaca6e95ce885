using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Ends connections: unbinds the session (a clean one ends, a persistent one stays offline) and publishes
    /// the Will when the end was not a DISCONNECT.
    /// </summary>
    internal sealed class ConnectionCloser
    {
        private readonly BrokerState _state;
        private readonly SessionTable _sessions;
        private readonly Router _router;

        public ConnectionCloser(BrokerState state, SessionTable sessions, Router router)
        {
            _state = state;
            _sessions = sessions;
            _router = router;
        }

        /// <summary>
        /// Closes a connection: publishes the Will when <paramref name="abnormal"/> [MQTT-3.1.2-8] (never after
        /// DISCONNECT [MQTT-3.14.4-3]), removes it either way [MQTT-3.1.2-10], ends a clean session and keeps a
        /// persistent one offline. The slot stays until the host calls <see cref="BrokerEngine.Closed"/>.
        /// </summary>
        public void Close(int ci, bool abnormal)
        {
            Connection c = _state.Connections[ci];
            int will = c.Will;
            if (will >= 0 && abnormal)
            {
                MessagePool pool = _state.Pool;
                _state.Report(BrokerEvent.WillPublished, ci, pool.Block(will), pool.TopicOffset(will), pool.TopicLength(will), 0);
            }
            c.State = ConnectionState.Closing;
            c.Waiting = PublishWait.None;
            int s = c.Session;
            if (s >= 0)
            {
                c.Session = -1;
                _state.Statistics.ClientsConnected--;
                Session session = _state.Sessions[s];
                if (session.Clean)
                {
                    _sessions.Discard(s);
                }
                else
                {
                    _state.Statistics.DroppedOffline += session.Unbind(_state.NowMs, _state.Options.QueueQos0);
                    _state.QueueSpaceFreed = true;
                }
            }
            if (will >= 0)
            {
                c.Will = -1;
                if (abnormal)
                {
                    _state.Statistics.WillsPublished++;
                    _router.RouteMessage(will, c.WillRetain); // [MQTT-3.1.2-16], [MQTT-3.1.2-17]
                }
                _state.Pool.Release(will);
            }
        }

        /// <summary>Closes the connection for a protocol violation [MQTT-4.8.0-1]; the Will is published.</summary>
        public void ProtocolViolation(int ci, MqttError reason)
        {
            _state.Statistics.ProtocolErrors++;
            _state.Report(BrokerEvent.ProtocolError, ci, (int)reason);
            Close(ci, true);
        }

        /// <summary>Closes a connection for <paramref name="why"/>, reported first while the client is still bound.</summary>
        public void Close(int ci, bool abnormal, BrokerEvent why)
        {
            _state.Report(why, ci, 0);
            Close(ci, abnormal);
        }
    }
}
