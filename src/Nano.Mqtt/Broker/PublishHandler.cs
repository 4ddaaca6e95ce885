using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Receives PUBLISH from clients at QoS 0/1/2 with its acknowledgement [MQTT-4.3.2-2], [MQTT-4.3.3-2], and
    /// the acknowledgements of the broker's own deliveries: PUBACK, PUBREC, PUBREL, PUBCOMP.
    /// </summary>
    internal sealed class PublishHandler
    {
        private readonly BrokerState _state;
        private readonly Router _router;
        private readonly AccessControl _access;
        private readonly ConnectionCloser _closer;
        private readonly PublishPacket _publish = new PublishPacket();
        private readonly AckPacket _ackIn = new AckPacket();

        public PublishHandler(BrokerState state, Router router, AccessControl access, ConnectionCloser closer)
        {
            _state = state;
            _router = router;
            _access = access;
            _closer = closer;
        }

        /// <summary>Handles a whole PUBLISH; false when it must wait (control output, rate limit or subscribers' queues).</summary>
        public bool HandlePublish(int ci, Connection c, byte[] input, int flags, int bodyStart, int bodyEnd)
        {
            PublishPacket p = _publish;
            MqttError error = p.DecodeBody(input, flags, bodyStart, bodyEnd, c.ProtocolLevel);
            if (error != MqttError.None)
            {
                _closer.ProtocolViolation(ci, error);
                return true;
            }
            ByteSlice topic = p.Topic;
            int topicOffset = topic.Offset;
            int topicLength = topic.Length;
            BrokerState state = _state;
            BrokerOptions options = state.Options;
            int maxLevels = options.MaxTopicLevels;
            AccessControl access = _access;
            if (maxLevels != 0 && topicLength >= maxLevels && access.TooDeep(input, topicOffset, topicLength))
            {
                state.Statistics.PublishesRejected++;
                _closer.ProtocolViolation(ci, MqttError.TopicTooDeep); // refused before any acknowledgement, never dropped after one
                return true;
            }
            int qos = p.Qos;
            Codec.OutputBuffer control = c.ControlOutput;
            if (qos > 0 && control.Reserve(4, 0) < 0)
            {
                return false;
            }
            int si = c.Session;
            bool duplicate = qos == 2 && state.Sessions[si].IsAwaitingRelease(p.PacketId); // not delivered onward again [MQTT-4.3.3-2]
            bool route = !duplicate && (access.Acl == null || access.MayPublish(ci, input, topicOffset, topicLength));
            int found = route ? state.Subscriptions.Match(input, topicOffset, topicLength) : 0;
            bool[] bridges = state.BridgeSessions;
            bool fromBridge = bridges != null && bridges[si];
            bool backpressure = options.QueueFullPolicy == QueueFullPolicy.Backpressure;
            Router router = _router;
            ByteSlice payload = p.Payload;
            int payloadLength = payload.Length;
            bool retain = p.Retain;
            int acking = qos > 0 ? ci : -1;
            bool direct = !route || router.Direct(found, qos, retain, topicLength, payloadLength, acking);
            if (!direct && found > 0 && backpressure && router.FirstFull(found, fromBridge) >= 0)
            {
                if (!Overdue(c))
                {
                    return Wait(c);
                }
                found = DisconnectSlowConsumers(ci, input, topicOffset, topicLength, fromBridge);
                if (c.State != ConnectionState.Connected)
                {
                    return true; // the publisher was one of them: its PUBLISH is not acknowledged
                }
                direct = router.Direct(found, qos, retain, topicLength, payloadLength, acking);
            }
            bool limited = options.MaxPublishRate > 0;
            if (limited && !access.TakePublishToken(c))
            {
                return false; // before the copy: a PUBLISH received into an array of its own becomes that copy
            }
            int m = direct ? Router.NoCopy : state.Pool.Allocate(input, topicOffset, topicLength, input, payload.Offset, payloadLength, qos);
            if (m == Router.PoolFull && backpressure && !Overdue(c))
            {
                if (limited)
                {
                    c.PublishTokens += 1000; // the token is taken again when the PUBLISH is handled
                }
                return Wait(c);
            }
            if (c.Waiting == PublishWait.Room)
            {
                c.Waiting = PublishWait.None;
            }
            if (qos == 2 && !duplicate && !state.Sessions[si].AddAwaitingRelease(p.PacketId))
            {
                Discard(m);
                _closer.ProtocolViolation(ci, MqttError.AwaitingReleaseFull);
                return true;
            }
            state.Statistics.MessagesReceived++;
            if (qos > 0)
            {
                // PUBACK [MQTT-4.3.2-2] or PUBREC [MQTT-4.3.3-2], reserved above.
                Wire.WritePacketIdPacket(control.Data, control.End, qos == 1 ? (int)PacketType.PubAck << 4 : (int)PacketType.PubRec << 4, p.PacketId);
                state.Written(c, 4);
            }
            if (route)
            {
                router.Deliver(m, input, topicOffset, topicLength, input, payload.Offset, payloadLength, qos, retain, false, found, fromBridge);
            }
            return true;
        }

        /// <summary>Gives back the pooled copy of a PUBLISH that is not accepted now.</summary>
        private void Discard(int m)
        {
            if (m >= 0)
            {
                _state.Pool.Release(m);
            }
        }

        /// <summary>Leaves the PUBLISH at the head of the connection's input to wait for queue or pool space.</summary>
        private bool Wait(Connection c)
        {
            if (c.Waiting != PublishWait.Room)
            {
                c.Waiting = PublishWait.Room;
                c.AcceptedAtMs = _state.NowMs;
            }
            _state.AnyBlocked = true;
            return false;
        }

        /// <summary>The PUBLISH at the head of the connection's input has waited longer than the slow-consumer timeout.</summary>
        private bool Overdue(Connection c)
        {
            int timeout = _state.Options.SlowConsumerTimeoutMs;
            return timeout > 0 && c.Waiting == PublishWait.Room && _state.NowMs - c.AcceptedAtMs >= timeout;
        }

        /// <summary>Disconnects, one at a time, the connected subscribers whose full queues hold back the PUBLISH of
        /// connection <paramref name="ci"/> on this topic; returns the sessions matched afterwards.</summary>
        private int DisconnectSlowConsumers(int ci, byte[] input, int topicOffset, int topicLength, bool fromBridge)
        {
            SubscriptionTable subscriptions = _state.Subscriptions;
            int found = subscriptions.Match(input, topicOffset, topicLength);
            int s = _router.FirstFull(found, fromBridge);
            int waitedSeconds = (int)((_state.NowMs - _state.Connections[ci].AcceptedAtMs) / 1000);
            while (s >= 0)
            {
                int slow = _state.Sessions[s].Connection;
                _state.Report(BrokerEvent.SlowConsumer, slow, input, topicOffset, topicLength, waitedSeconds);
                _closer.Close(slow, true); // [MQTT-3.1.2-8]: not a DISCONNECT, so its Will is published
                found = subscriptions.Match(input, topicOffset, topicLength); // a Will routed since reused the match
                s = _router.FirstFull(found, fromBridge);
            }
            return found;
        }

        /// <summary>Handles PUBACK, PUBREC, PUBREL or PUBCOMP whose fixed header starts with <paramref name="firstByte"/>; false
        /// when the PUBCOMP must wait for control output space.</summary>
        public bool HandleAck(int ci, Connection c, byte[] input, int firstByte, int bodyStart, int bodyEnd)
        {
            int type = firstByte >> 4;
            int packetId = bodyEnd - bodyStart == 2 ? (input[bodyStart] << 8) | input[bodyStart + 1] : 0;
            if (packetId == 0 || (firstByte & 0x0F) != (type == (int)PacketType.PubRel ? 0x02 : 0))
            {
                // Not the well-formed acknowledgement read above: the full decode accepts it or names its error.
                AckPacket ack = _ackIn;
                MqttError error = ack.DecodeBody(input, firstByte, bodyStart, bodyEnd, c.ProtocolLevel);
                if (error != MqttError.None)
                {
                    _closer.ProtocolViolation(ci, error);
                    return true;
                }
                packetId = ack.PacketId;
            }
            BrokerState state = _state;
            Session session = state.Sessions[c.Session];
            if (type == (int)PacketType.PubRel)
            {
                Codec.OutputBuffer control = c.ControlOutput;
                if (control.Reserve(4, 0) < 0)
                {
                    return false;
                }
                session.RemoveAwaitingRelease(packetId);
                state.Written(c, Wire.WritePacketIdPacket(control.Data, control.End, (int)PacketType.PubComp << 4, (ushort)packetId));
                return true;
            }
            if (session.Acknowledge(type, packetId))
            {
                state.QueueSpaceFreed = true;
            }
            return true;
        }
    }
}
