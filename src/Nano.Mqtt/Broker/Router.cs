using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Hands a publication to the retained store and delivers it to every matching session [MQTT-4.5.0-1]: written
    /// straight into the output of a connection with nothing else to send, else queued. The bytes of a queued,
    /// inflight or retained message are copied once into the message pool and shared by all its holders; the
    /// <see cref="Outbox"/> encodes a queued delivery when the connection's output is read.
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

        /// <summary>The message of a publication that needs no pooled copy (<see cref="Direct"/>).</summary>
        public const int NoCopy = -2;

        /// <summary>The message of a publication that the message pool has no room for.</summary>
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
                if (ci < 0 || session.QueueCount == 0 || !session.QueueFull || (skip != null && skip[s])) // an empty queue is never full
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
        /// Whether a publication needs no pooled copy: it is not retained, and each delivery to the <paramref name="found"/>
        /// subscribers of the last <see cref="SubscriptionTable.Match"/> is written straight into its connection's output
        /// (<see cref="DirectOutput"/>) or not made (QoS 0 to an offline session). <paramref name="acking"/> is the
        /// connection that gets an acknowledgement of it before <see cref="Deliver"/>, or -1. Then no matched connected
        /// session has a queued message, so none is full (<see cref="FirstFull"/>). Else the caller copies it into the
        /// message pool, whose answer (one reference, passed on to <see cref="Deliver"/>) or <see cref="PoolFull"/> is the
        /// message; a direct one is <see cref="NoCopy"/>.
        /// </summary>
        public bool Direct(int found, int qos, bool retain, int topicLength, int payloadLength, int acking)
        {
            if (retain && payloadLength > 0)
            {
                return false;
            }
            SubscriptionTable subscriptions = _state.Subscriptions;
            int[] granted = subscriptions.MatchedQos;
            int[] sessions = subscriptions.MatchedSessions;
            Session[] all = _state.Sessions;
            int size = 0;
            for (int k = 0; k < found; k++)
            {
                if (qos > 0 && granted[k] > 0)
                {
                    return false;
                }
                int s = sessions[k];
                Session session = all[s];
                int ci = session.Connection;
                if (ci < 0)
                {
                    if (_state.Options.QueueQos0)
                    {
                        return false;
                    }
                    continue;
                }
                if (ci == acking)
                {
                    return false; // its output will hold the acknowledgement
                }
                if (size == 0)
                {
                    size = PublishSize(topicLength, payloadLength, 0);
                }
                if (DirectOutput(session, s, ci, size) == null)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// Routes a publication whose message is <paramref name="m"/> to the <paramref name="found"/> sessions of
        /// the last <see cref="SubscriptionTable.Match"/> on its topic. A message <paramref name="fromBridge"/> is not sent
        /// to any bridge (split horizon: no echo to the bridge that brought it, no second bridge hop, so bridged brokers
        /// cannot loop). Returns false when dropped for lack of pool space (counted and reported).
        /// </summary>
        public bool Deliver(int m, byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos, bool retain, bool system, int found, bool fromBridge)
        {
            MessagePool pool = _state.Pool;
            if (m >= 0 && pool.Memory != null)
            {
                topic = pool.Block(m); // the copy may have taken over the received array, moving the topic up
                topicOffset = pool.Offsets[m];
                payload = topic;
                payloadOffset = topicOffset + topicLength;
            }
            if (retain && payloadLength == 0)
            {
                _state.Retained.Delete(topic, topicOffset, topicLength); // [MQTT-3.3.1-10], not stored [MQTT-3.3.1-11]
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
            RouteMatched(m, topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos, retain && payloadLength > 0, system, found, fromBridge);
            if (m >= 0)
            {
                pool.Release(m);
            }
            return true;
        }

        /// <summary>Routes a publication from inside the broker, matching its topic first; false when dropped for lack of
        /// pool space.</summary>
        public bool Route(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos, bool retain, bool system)
        {
            int found = _state.Subscriptions.Match(topic, topicOffset, topicLength);
            int m = Direct(found, qos, retain, topicLength, payloadLength, -1) ? NoCopy : _state.Pool.Allocate(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos);
            return Deliver(m, topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos, retain, system, found, false);
        }

        /// <summary>Routes a message already in the pool (a Will); the caller keeps its reference.</summary>
        public void RouteMessage(int m, bool retain)
        {
            MessagePool pool = _state.Pool;
            byte[] block = pool.Block(m);
            int topicOffset = pool.Offsets[m];
            int topicLength = pool.TopicLengths[m];
            int payloadLength = pool.PayloadLengths[m];
            int found = _state.Subscriptions.Match(block, topicOffset, topicLength);
            if (retain && payloadLength == 0)
            {
                _state.Retained.Delete(block, topicOffset, topicLength);
                retain = false;
            }
            RouteMatched(m, block, topicOffset, topicLength, block, topicOffset + topicLength, payloadLength, pool.Qos(m), retain, false, found, false);
        }

        /// <summary>Bytes of a PUBLISH of this topic and payload at <paramref name="qos"/>.</summary>
        private static int PublishSize(int topicLength, int payloadLength, int qos)
        {
            int remaining = 2 + topicLength + (qos > 0 ? 2 : 0) + payloadLength;
            return 1 + Wire.RemainingLengthSize(remaining) + remaining;
        }

        /// <summary>
        /// The control output of session <paramref name="s"/>'s connection <paramref name="ci"/> when a PUBLISH of
        /// <paramref name="size"/> bytes can be written into it now, else null: nothing else of the session waits to be
        /// sent (no packet in progress, an empty queue, no inflight entry to (re)send, no retained scan), so it goes out
        /// in the order published [MQTT-4.6.0-2..5], and the output is empty (the host has read everything written to it)
        /// and large enough. So a subscriber that stops reading holds one message beyond its queue, as it did with a
        /// packet part-sent; an acknowledgement it is owed waits behind that PUBLISH, when it fills the output, until the
        /// host reads it.
        /// </summary>
        private OutputBuffer DirectOutput(Session session, int s, int ci, int size)
        {
            Connection c = _state.Connections[ci];
            OutputBuffer control = c.ControlOutput;
            int end = control.End;
            if (end != control.Start || control.Data.Length - end < size || c.Outgoing != OutgoingKind.None || _state.SendWaiting(session, s))
            {
                return null;
            }
            return control;
        }

        /// <summary>Stores (when <paramref name="store"/>) and delivers a publication at <paramref name="qos"/> to the
        /// matched sessions, none of them a bridge when it is <paramref name="fromBridge"/>: straight into the output of an
        /// idle connection (every QoS 0 one when there is no pooled copy, see <see cref="Direct"/>; a QoS 1/2 one enters the
        /// inflight window as it is written, while the window has room [MQTT-4.6.0-6]), the others queued with a reference
        /// to the pooled copy <paramref name="m"/>.</summary>
        private void RouteMatched(int m, byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos, bool store, bool system, int found, bool fromBridge)
        {
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
            byte[] written = null; // the first direct delivery, copied as it is for the others
            int writtenAt = 0;
            int size = 0;
            byte[] writtenWithId = null; // the first direct QoS 1/2 delivery, copied for the others at its QoS with their packet identifier
            int writtenWithIdAt = 0;
            int writtenWithIdQos = 0;
            int sizeWithId = 0;
            int direct = 0;
            for (int k = 0; k < found; k++)
            {
                int s = sessions[k];
                if (skip != null && skip[s])
                {
                    continue;
                }
                if (checkRead && !_access.MayRead(s, topic, topicOffset, topicLength))
                {
                    statistics.DeliveriesDenied++;
                    continue;
                }
                int delivered = qos < granted[k] ? qos : granted[k]; // [MQTT-3.8.4-6]; RETAIN=0 on forward [MQTT-3.3.1-9]
                Session session = all[s];
                int ci = session.Connection;
                if (delivered == 0)
                {
                    if (ci < 0)
                    {
                        if (!queueQos0)
                        {
                            continue; // QoS 0 is not kept for an offline session unless configured [MQTT-3.1.2-5]
                        }
                    }
                    else
                    {
                        OutputBuffer control;
                        if (m < 0)
                        {
                            control = _state.Connections[ci].ControlOutput; // found empty and large enough by Direct
                        }
                        else
                        {
                            if (size == 0)
                            {
                                size = PublishSize(topicLength, payloadLength, 0);
                            }
                            control = DirectOutput(session, s, ci, size);
                        }
                        if (control != null)
                        {
                            int at = control.End;
                            if (written == null)
                            {
                                written = control.Data;
                                writtenAt = at;
                                size = Outbox.WritePublish(written, at, 0, topic, topicOffset, topicLength, 0, payload, payloadOffset, payloadLength) - at;
                            }
                            else
                            {
                                System.Array.Copy(written, writtenAt, control.Data, at, size);
                            }
                            control.Commit(size);
                            direct++;
                            continue;
                        }
                    }
                }
                else if (ci >= 0 && session.WindowOpen)
                {
                    if (sizeWithId == 0)
                    {
                        sizeWithId = PublishSize(topicLength, payloadLength, delivered);
                    }
                    OutputBuffer control = DirectOutput(session, s, ci, sizeWithId);
                    if (control != null)
                    {
                        _state.Pool.References[m]++; // held by the inflight entry, which the PUBLISH enters as it is written
                        int packetId = session.AddInflight(m, delivered, false, _state.NowMs);
                        byte[] data = control.Data;
                        int at = control.End;
                        if (delivered == writtenWithIdQos)
                        {
                            System.Array.Copy(writtenWithId, writtenWithIdAt, data, at, sizeWithId);
                            int id = at + sizeWithId - payloadLength - 2;
                            data[id] = (byte)(packetId >> 8);
                            data[id + 1] = (byte)packetId;
                            control.Commit(sizeWithId);
                        }
                        else
                        {
                            writtenWithId = data;
                            writtenWithIdAt = at;
                            writtenWithIdQos = delivered;
                            control.Commit(Outbox.WritePublish(data, at, delivered << 1, topic, topicOffset, topicLength, packetId, payload, payloadOffset, payloadLength) - at);
                        }
                        direct++;
                        continue;
                    }
                }
                if (session.Enqueue(m, delivered) != EnqueueOutcome.Queued)
                {
                    statistics.DroppedQueueFull++;
                    BrokerDiagnostics diagnostics = _state.Diagnostics;
                    if (diagnostics != null)
                    {
                        diagnostics.SendSession(BrokerEvent.QueueFull, ci, s, topic, topicOffset, topicLength, delivered);
                    }
                }
            }
            if (direct > 0)
            {
                statistics.PacketsSent += direct;
                statistics.MessagesSent += direct;
            }
        }
    }
}
