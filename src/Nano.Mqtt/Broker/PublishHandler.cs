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
        private readonly AckPacket _ackOut = new AckPacket();

        public PublishHandler(BrokerState state, Router router, AccessControl access, ConnectionCloser closer)
        {
            _state = state;
            _router = router;
            _access = access;
            _closer = closer;
        }

        /// <summary>Handles a whole PUBLISH; false when it must wait (control output, rate limit or subscribers' queues).</summary>
        public bool HandlePublish(int ci, int flags, int bodyStart, int bodyEnd)
        {
            Connection c = _state.Connections[ci];
            PublishPacket p = _publish;
            byte[] input = c.Input;
            MqttError error = p.DecodeBody(input, flags, bodyStart, bodyEnd, c.ProtocolLevel);
            if (error != MqttError.None)
            {
                _closer.ProtocolViolation(ci, error);
                return true;
            }
            int topicOffset = p.Topic.Offset;
            int topicLength = p.Topic.Length;
            BrokerOptions options = _state.Options;
            int maxLevels = options.MaxTopicLevels;
            if (maxLevels != 0 && topicLength >= maxLevels && _access.TooDeep(input, topicOffset, topicLength))
            {
                _state.Statistics.PublishesRejected++;
                _closer.ProtocolViolation(ci, MqttError.TopicTooDeep); // refused before any acknowledgement, never dropped after one
                return true;
            }
            int qos = p.Qos;
            Codec.OutputBuffer control = c.ControlOutput;
            if (qos > 0 && control.Reserve(4, 0) < 0)
            {
                return false;
            }
            int packetId = p.PacketId;
            Session session = _state.Sessions[c.Session];
            bool duplicate = qos == 2 && session.IsAwaitingRelease(packetId); // not delivered onward again [MQTT-4.3.3-2]
            bool route = !duplicate && (_access.Acl == null || _access.MayPublish(ci, input, topicOffset, topicLength));
            int found = route ? _state.Subscriptions.Match(input, topicOffset, topicLength) : 0;
            bool[] bridges = _state.BridgeSessions;
            bool fromBridge = bridges != null && bridges[c.Session];
            if (route && qos > 0 && !_router.HasRoom(found, qos, fromBridge))
            {
                c.Blocked = true;
                _state.AnyBlocked = true;
                return false;
            }
            if (options.MaxPublishRate > 0 && !_access.TakePublishToken(c))
            {
                return false;
            }
            if (qos == 2 && !duplicate && !session.AddAwaitingRelease(packetId))
            {
                _closer.ProtocolViolation(ci, MqttError.AwaitingReleaseFull);
                return true;
            }
            _state.Statistics.MessagesReceived++;
            if (qos > 0)
            {
                // PUBACK [MQTT-4.3.2-2] or PUBREC [MQTT-4.3.3-2], reserved above.
                Wire.WritePacketIdPacket(control.Data, control.End, qos == 1 ? (int)PacketType.PubAck << 4 : (int)PacketType.PubRec << 4, (ushort)packetId);
                _state.Written(c, 4);
            }
            if (route)
            {
                _router.Route(input, topicOffset, topicLength, input, p.Payload.Offset, p.Payload.Length, qos, p.Retain, false, found, fromBridge);
            }
            return true;
        }

        /// <summary>Handles PUBACK, PUBREC, PUBREL or PUBCOMP whose fixed header starts with <paramref name="firstByte"/>; false
        /// when the PUBCOMP must wait for control output space.</summary>
        public bool HandleAck(int ci, int firstByte, int bodyStart, int bodyEnd)
        {
            Connection c = _state.Connections[ci];
            AckPacket ack = _ackIn;
            MqttError error = ack.DecodeBody(c.Input, firstByte, bodyStart, bodyEnd, c.ProtocolLevel);
            if (error != MqttError.None)
            {
                _closer.ProtocolViolation(ci, error);
                return true;
            }
            Session session = _state.Sessions[c.Session];
            if (ack.Type == PacketType.PubRel)
            {
                if (!c.Reserve(4))
                {
                    return false;
                }
                session.RemoveAwaitingRelease(ack.PacketId);
                _state.Written(c, _ackOut.Set(PacketType.PubComp, ack.PacketId).Encode(c.Control, c.ControlEnd));
                return true;
            }
            if (session.Acknowledge(ack.Type, ack.PacketId))
            {
                _state.QueueSpaceFreed = true;
            }
            return true;
        }
    }
}
