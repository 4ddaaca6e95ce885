using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Broker
{
    public sealed partial class BrokerEngine
    {
        /// <summary>Queues message <paramref name="m"/> for session <paramref name="s"/> at <paramref name="qos"/> and sends what fits.</summary>
        private void Deliver(int s, int m, int qos, bool retain)
        {
            Session session = _sessions[s];
            if (session.Connection < 0 && qos == 0 && !_options.QueueQos0)
            {
                return; // QoS 0 is not kept for an offline session unless configured [MQTT-3.1.2-5]
            }
            int outcome = session.Enqueue(m, qos, retain);
            if (outcome != Session.Queued)
            {
                Statistics.DroppedQueueFull++;
            }
            Pump(s);
        }

        /// <summary>
        /// Writes what the connection's output buffer can take, in order: inflight entries marked for (re)sending,
        /// then queued messages, each QoS 1/2 one only while the inflight window has room [MQTT-4.6.0-1], [MQTT-4.6.0-6].
        /// </summary>
        private void Pump(int s)
        {
            if (s < 0)
            {
                return;
            }
            Session session = _sessions[s];
            if (session.Connection < 0)
            {
                return;
            }
            Connection c = _connections[session.Connection];
            if (c.State != Connection.Connected)
            {
                return;
            }
            for (int i = 0; i < session.InflightCount; i++)
            {
                if (session.InflightPendingSend[i] && !WriteInflight(c, session, i))
                {
                    return;
                }
            }
            while (session.QueueCount > 0)
            {
                int head = session.QueueHead;
                int m = session.QueueMessage[head];
                int qos = session.QueueQos[head];
                bool retain = session.QueueRetain[head];
                if (qos == 0)
                {
                    if (!WritePublish(c, m, 0, 0, retain, false))
                    {
                        return;
                    }
                    session.Dequeue();
                    _pool.Release(m);
                    continue;
                }
                if (session.InflightCount == session.InflightMessage.Length || !c.Reserve(PublishSize(m, qos)))
                {
                    return;
                }
                session.Dequeue();
                session.AddInflight(m, session.NextPacketId(), qos, retain);
                WriteInflight(c, session, session.InflightCount - 1);
            }
        }

        /// <summary>Writes the PUBLISH of an inflight entry (DUP=1 when re-sent [MQTT-3.3.1-1]), or its PUBREL once PUBREC arrived.</summary>
        private bool WriteInflight(Connection c, Session session, int i)
        {
            int packetId = session.InflightPacketId[i];
            if (session.InflightReleased[i])
            {
                if (!c.Reserve(4))
                {
                    return false;
                }
                Written(c, _ackOut.Set(PacketType.PubRel, (ushort)packetId).Encode(c.Output, c.OutputEnd));
            }
            else if (!WritePublish(c, session.InflightMessage[i], session.InflightQos[i], packetId, session.InflightRetain[i], session.InflightSentOnce[i]))
            {
                return false;
            }
            session.InflightPendingSend[i] = false;
            session.InflightSentOnce[i] = true;
            session.InflightSentAtMs[i] = _nowMs;
            return true;
        }

        /// <summary>Encodes a fresh PUBLISH for this subscriber from the pooled message; the publisher's bytes are never forwarded.</summary>
        private bool WritePublish(Connection c, int m, int qos, int packetId, bool retain, bool dup)
        {
            PublishPacket p = PublishFor(m, qos, packetId, retain, dup);
            if (!c.Reserve(p.GetSize()))
            {
                return false;
            }
            Written(c, p.Encode(c.Output, c.OutputEnd));
            Statistics.MessagesSent++;
            return true;
        }

        private int PublishSize(int m, int qos) => PublishFor(m, qos, 1, false, false).GetSize();

        private PublishPacket PublishFor(int m, int qos, int packetId, bool retain, bool dup)
        {
            byte[] arena = _pool.Arena;
            PublishPacket p = _publishOut;
            p.Dup = dup;
            p.Qos = (byte)qos;
            p.Retain = retain;
            p.PacketId = (ushort)packetId;
            p.Topic.Set(arena, _pool.TopicOffset(m), _pool.TopicLength(m));
            p.Payload.Set(arena, _pool.PayloadOffset(m), _pool.PayloadLength(m));
            return p;
        }

        /// <summary>Per-connection timers: connect timeout, keep-alive [MQTT-3.1.2-24], retries; then resumes stalled work.</summary>
        private void PollConnection(int ci)
        {
            Connection c = _connections[ci];
            if (c.State == Connection.AwaitingConnect)
            {
                if (_nowMs - c.AcceptedAtMs >= _options.ConnectTimeoutMs)
                {
                    Statistics.ConnectTimeouts++;
                    Close(ci, false);
                }
                return;
            }
            if (c.State != Connection.Connected)
            {
                return;
            }
            if (c.KeepAliveMs > 0 && _nowMs - c.LastActivityMs > c.KeepAliveMs * 3 / 2)
            {
                Statistics.KeepAliveTimeouts++;
                Close(ci, true);
                return;
            }
            if (_options.RetryIntervalMs > 0)
            {
                RetryInflight(_sessions[c.Session]);
            }
            Pump(c.Session);
            ProcessInput(ci);
        }

        /// <summary>Marks unacknowledged entries older than the retry interval for re-sending; drops them after the last retry.</summary>
        private void RetryInflight(Session session)
        {
            int i = 0;
            while (i < session.InflightCount)
            {
                if (!session.InflightPendingSend[i] && _nowMs - session.InflightSentAtMs[i] >= _options.RetryIntervalMs)
                {
                    if (session.InflightRetries[i] >= _options.MaxRetries)
                    {
                        Statistics.DroppedRetriesExhausted++;
                        session.RemoveInflight(i);
                        continue;
                    }
                    session.InflightRetries[i]++;
                    session.InflightPendingSend[i] = true;
                }
                i++;
            }
        }
    }
}
