using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Broker
{
    public sealed partial class BrokerEngine
    {
        private bool HandlePublish(int ci, int offset, int size)
        {
            Connection c = _connections[ci];
            PublishPacket p = _publishIn;
            if (p.Decode(c.Input, offset, size, c.ProtocolLevel) != MqttError.None)
            {
                ProtocolViolation(ci);
                return true;
            }
            if ((p.Qos > 0 && !c.Reserve(4)) || !TakePublishToken(c))
            {
                return false;
            }
            Statistics.MessagesReceived++;
            bool route = true;
            if (p.Qos == 1)
            {
                Written(c, _ackOut.Set(PacketType.PubAck, p.PacketId).Encode(c.Output, c.OutputEnd)); // [MQTT-4.3.2-2]
            }
            else if (p.Qos == 2)
            {
                Session session = _sessions[c.Session];
                if (session.IsAwaitingRelease(p.PacketId))
                {
                    route = false; // a re-sent PUBLISH before PUBREL is not delivered onward again [MQTT-4.3.3-2]
                }
                else if (!session.AddAwaitingRelease(p.PacketId))
                {
                    ProtocolViolation(ci);
                    return true;
                }
                Written(c, _ackOut.Set(PacketType.PubRec, p.PacketId).Encode(c.Output, c.OutputEnd));
            }
            if (route && MayPublish(c.Session, c.Input, p.Topic.Offset, p.Topic.Length))
            {
                Route(c.Input, p.Topic.Offset, p.Topic.Length, c.Input, p.Payload.Offset, p.Payload.Length, p.Qos, p.Retain, false);
            }
            return true;
        }

        private bool HandleAck(int ci, int offset, int size)
        {
            Connection c = _connections[ci];
            AckPacket ack = _ackIn;
            if (ack.Decode(c.Input, offset, size, c.ProtocolLevel) != MqttError.None)
            {
                ProtocolViolation(ci);
                return true;
            }
            int s = c.Session;
            Session session = _sessions[s];
            if (ack.Type == PacketType.PubRel)
            {
                if (!c.Reserve(4))
                {
                    return false;
                }
                session.RemoveAwaitingRelease(ack.PacketId);
                Written(c, _ackOut.Set(PacketType.PubComp, ack.PacketId).Encode(c.Output, c.OutputEnd));
                return true;
            }
            int i = session.FindInflight(ack.PacketId);
            if (i < 0)
            {
                return true;
            }
            bool released = session.InflightReleased[i];
            if (ack.Type == PacketType.PubAck && session.InflightQos[i] == 1)
            {
                session.RemoveInflight(i);
            }
            else if (ack.Type == PacketType.PubRec && session.InflightQos[i] == 2)
            {
                if (released)
                {
                    session.InflightPendingSend[i] = true;
                }
                else
                {
                    session.MarkReleased(i);
                }
            }
            else if (ack.Type == PacketType.PubComp && released)
            {
                session.RemoveInflight(i);
            }
            Pump(s);
            return true;
        }

        /// <summary>
        /// Hands a publication to the retained store and to every matching session [MQTT-4.5.0-1]. The bytes are
        /// copied once into the message pool and shared by all recipients. Returns false when dropped for lack of pool space.
        /// </summary>
        private bool Route(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos, bool retain, bool system)
        {
            if (retain && payloadLength == 0)
            {
                _retained.Delete(topic, topicOffset, topicLength); // [MQTT-3.3.1-10], not stored [MQTT-3.3.1-11]
            }
            bool store = retain && payloadLength > 0;
            int found = _subscriptions.Match(topic, topicOffset, topicLength);
            if (!store && found == 0)
            {
                return true;
            }
            int m = _pool.Allocate(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos);
            if (m < 0)
            {
                Statistics.DroppedPoolFull++;
                return false;
            }
            RouteMatched(m, retain, system, found);
            _pool.Release(m);
            return true;
        }

        /// <summary>Routes a message already in the pool; the caller keeps its reference.</summary>
        private void RouteMessage(int m, bool retain, bool system)
        {
            RouteMatched(m, retain, system, _subscriptions.Match(_pool.Arena, _pool.TopicOffset(m), _pool.TopicLength(m)));
        }

        /// <summary>
        /// Stores and delivers a pooled message to the <paramref name="found"/> sessions of the last
        /// <see cref="SubscriptionTable.Match"/> on its topic; the caller keeps its reference.
        /// </summary>
        private void RouteMatched(int m, bool retain, bool system, int found)
        {
            byte[] arena = _pool.Arena;
            int topicOffset = _pool.TopicOffset(m);
            int topicLength = _pool.TopicLength(m);
            if (retain)
            {
                if (_pool.PayloadLength(m) == 0)
                {
                    _retained.Delete(arena, topicOffset, topicLength);
                }
                else if (!_retained.Store(m, _nowMs, system))
                {
                    Statistics.RetainedRejected++; // [MQTT-3.3.1-5] bounded: a new topic beyond the limits is not stored
                }
            }
            int qos = _pool.Qos(m);
            for (int k = 0; k < found; k++)
            {
                int s = _subscriptions.MatchedSession(k);
                if (!MayRead(s, arena, topicOffset, topicLength))
                {
                    Statistics.DeliveriesDenied++;
                    continue;
                }
                int granted = _subscriptions.MatchedQos(k);
                Deliver(s, m, qos < granted ? qos : granted, false); // [MQTT-3.8.4-6], [MQTT-3.3.1-9]
            }
        }
    }
}
