namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Hands a publication to the retained store and queues it for every matching session [MQTT-4.5.0-1]. The
    /// bytes are copied once into the message pool and shared by all recipients; the <see cref="Outbox"/>
    /// encodes each delivery when the connection's output is read.
    /// </summary>
    internal sealed class Router
    {
        private readonly BrokerState _state;
        private readonly AccessControl _access;

        public Router(BrokerState state, AccessControl access)
        {
            _state = state;
            _access = access;
        }

        /// <summary>A <see cref="Copy"/> answer: the publication needs no pooled copy (no subscriber, nothing to retain).</summary>
        public const int NoCopy = -2;

        /// <summary>A <see cref="Copy"/> answer: the message pool has no room for the publication.</summary>
        public const int PoolFull = -1;

        /// <summary>
        /// The first session among the <paramref name="found"/> of the last <see cref="SubscriptionTable.Match"/> that a
        /// PUBLISH from a client waits for under <see cref="QueueFullPolicy.Backpressure"/>, or -1: a connected session
        /// with a full queue, not a bridge when the message is <paramref name="fromBridge"/> (bridges are not sent it),
        /// and not itself a publisher left waiting with a full input, whose acknowledgements behind that input could
        /// not be read (waiting for it could deadlock; its queue overflow is dropped and counted).
        /// </summary>
        public int FirstFull(int found, bool fromBridge)
        {
            int[] sessions = _state.Subscriptions.MatchedSessions;
            Session[] all = _state.Sessions;
            bool[] skip = fromBridge ? _state.BridgeSessions : null;
            for (int k = 0; k < found; k++)
            {
                int s = sessions[k];
                Session session = all[s];
                int ci = session.Connection;
                if (ci < 0 || session.QueueCount == 0 || !session.QueueFull || (skip != null && skip[s]))
                {
                    continue;
                }
                Connection c = _state.Connections[ci];
                if (!(c.Waiting == PublishWait.Room && c.InputLength == c.Input.Length))
                {
                    return s;
                }
            }
            return -1;
        }

        /// <summary>
        /// Copies a publication into the message pool when it needs a copy: it has <paramref name="found"/> subscribers or
        /// is retained. Returns the message (one reference, passed on to <see cref="Deliver"/>), <see cref="NoCopy"/> or
        /// <see cref="PoolFull"/>.
        /// </summary>
        public int Copy(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos, bool retain, int found)
        {
            if (found == 0 && !(retain && payloadLength > 0))
            {
                return NoCopy;
            }
            return _state.Pool.Allocate(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos);
        }

        /// <summary>
        /// Routes a publication whose <see cref="Copy"/> is <paramref name="m"/> to the <paramref name="found"/> sessions of
        /// the last <see cref="SubscriptionTable.Match"/> on its topic. A message <paramref name="fromBridge"/> is not sent
        /// to any bridge (split horizon: no echo to the bridge that brought it, no second bridge hop, so bridged brokers
        /// cannot loop). Returns false when dropped for lack of pool space (counted and reported).
        /// </summary>
        public bool Deliver(int m, byte[] topic, int topicOffset, int topicLength, int payloadLength, int qos, bool retain, bool system, int found, bool fromBridge)
        {
            if (retain && payloadLength == 0)
            {
                _state.Retained.Delete(topic, topicOffset, topicLength); // [MQTT-3.3.1-10], not stored [MQTT-3.3.1-11]
            }
            if (m == NoCopy)
            {
                return true;
            }
            if (m == PoolFull)
            {
                _state.Statistics.DroppedPoolFull++;
                if (_state.Diagnostics != null)
                {
                    _state.Diagnostics.Send(BrokerEvent.PoolFull, -1, null, 0, 0, topic, topicOffset, topicLength, qos);
                }
                return false;
            }
            RouteMatched(m, qos, retain && payloadLength > 0, system, found, fromBridge);
            _state.Pool.Release(m);
            return true;
        }

        /// <summary>Routes a publication from inside the broker, matching its topic first; false when dropped for lack of
        /// pool space.</summary>
        public bool Route(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos, bool retain, bool system)
        {
            int found = _state.Subscriptions.Match(topic, topicOffset, topicLength);
            int m = Copy(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos, retain, found);
            return Deliver(m, topic, topicOffset, topicLength, payloadLength, qos, retain, system, found, false);
        }

        /// <summary>Routes a message already in the pool (a Will); the caller keeps its reference.</summary>
        public void RouteMessage(int m, bool retain)
        {
            MessagePool pool = _state.Pool;
            int found = _state.Subscriptions.Match(pool.Block(m), pool.TopicOffset(m), pool.TopicLength(m));
            if (retain && pool.PayloadLength(m) == 0)
            {
                _state.Retained.Delete(pool.Block(m), pool.TopicOffset(m), pool.TopicLength(m));
                retain = false;
            }
            RouteMatched(m, pool.Qos(m), retain, false, found, false);
        }

        /// <summary>Stores (when <paramref name="store"/>) and queues a pooled message published at <paramref name="qos"/> for
        /// the matched sessions; none of them a bridge when the message is <paramref name="fromBridge"/>.</summary>
        private void RouteMatched(int m, int qos, bool store, bool system, int found, bool fromBridge)
        {
            MessagePool pool = _state.Pool;
            BrokerStatistics statistics = _state.Statistics;
            if (store && !_state.Retained.Store(m, _state.NowMs, system))
            {
                statistics.RetainedRejected++; // [MQTT-3.3.1-5] bounded: a new topic beyond the limits is not stored
            }
            SubscriptionTable subscriptions = _state.Subscriptions;
            int[] sessions = subscriptions.MatchedSessions;
            int[] granted = subscriptions.MatchedQos;
            Session[] all = _state.Sessions;
            bool checkRead = _access.Acl != null;
            bool queueQos0 = _state.Options.QueueQos0;
            bool[] skip = fromBridge ? _state.BridgeSessions : null;
            for (int k = 0; k < found; k++)
            {
                int s = sessions[k];
                if (skip != null && skip[s])
                {
                    continue;
                }
                if (checkRead && !_access.MayRead(s, pool.Block(m), pool.Offsets[m], pool.TopicLengths[m]))
                {
                    statistics.DeliveriesDenied++;
                    continue;
                }
                int delivered = qos < granted[k] ? qos : granted[k]; // [MQTT-3.8.4-6]; RETAIN=0 on forward [MQTT-3.3.1-9]
                Session session = all[s];
                if (delivered == 0 && session.Connection < 0 && !queueQos0)
                {
                    continue; // QoS 0 is not kept for an offline session unless configured [MQTT-3.1.2-5]
                }
                if (session.Enqueue(m, delivered) != EnqueueOutcome.Queued)
                {
                    statistics.DroppedQueueFull++;
                    BrokerDiagnostics diagnostics = _state.Diagnostics;
                    if (diagnostics != null)
                    {
                        diagnostics.SendSession(BrokerEvent.QueueFull, session.Connection, s, pool.Block(m), pool.Offsets[m], pool.TopicLengths[m], delivered);
                    }
                }
            }
        }
    }
}
