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

        /// <summary>
        /// Whether every connected session among the <paramref name="found"/> of the last <see cref="SubscriptionTable.Match"/> can
        /// queue a message published at <paramref name="qos"/> without dropping a QoS 1/2 message. When not, the
        /// publisher is left unread (backpressure) rather than the acknowledged message dropped. Bridges do not
        /// count for a message <paramref name="fromBridge"/>: they are not sent it.
        /// </summary>
        public bool HasRoom(int found, int qos, bool fromBridge)
        {
            if (qos == 0)
            {
                return true; // every delivery is at QoS 0, which a full queue may drop
            }
            SubscriptionTable subscriptions = _state.Subscriptions;
            int maxQueued = _state.Options.MaxQueued; // a queue with room never drops
            bool[] skip = fromBridge ? _state.BridgeSessions : null;
            for (int k = 0; k < found; k++)
            {
                int granted = subscriptions.MatchedQos[k];
                int delivered = qos < granted ? qos : granted;
                int s = subscriptions.MatchedSessions[k];
                Session session = _state.Sessions[s];
                if (delivered > 0 && session.Connection >= 0 && session.QueueCount == maxQueued
                    && !(skip != null && skip[s]) && session.WouldDrop(delivered))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// Routes a publication to the <paramref name="found"/> sessions of the last <see cref="SubscriptionTable.Match"/> on its topic.
        /// A message <paramref name="fromBridge"/> is not sent to any bridge (split horizon: no echo to the bridge
        /// that brought it, no second bridge hop, so bridged brokers cannot loop). Returns false when dropped for
        /// lack of pool space.
        /// </summary>
        public bool Route(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos, bool retain, bool system, int found, bool fromBridge)
        {
            if (retain && payloadLength == 0)
            {
                _state.Retained.Delete(topic, topicOffset, topicLength); // [MQTT-3.3.1-10], not stored [MQTT-3.3.1-11]
            }
            bool store = retain && payloadLength > 0;
            if (!store && found == 0)
            {
                return true;
            }
            int m = _state.Pool.Allocate(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos);
            if (m < 0)
            {
                _state.Statistics.DroppedPoolFull++;
                return false;
            }
            RouteMatched(m, qos, store, system, found, fromBridge);
            _state.Pool.Release(m);
            return true;
        }

        /// <summary>Routes a publication, matching its topic first.</summary>
        public bool Route(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos, bool retain, bool system)
        {
            int found = _state.Subscriptions.Match(topic, topicOffset, topicLength);
            return Route(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos, retain, system, found, false);
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
