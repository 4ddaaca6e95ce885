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
            if (p.DecodeBody(c.Input, flags, bodyStart, bodyEnd, c.ProtocolLevel) != MqttError.None)
            {
                _closer.ProtocolViolation(ci);
                return true;
            }
            if (p.Qos > 0 && !c.Reserve(4))
            {
                return false;
            }
            Session session = _state.Sessions[c.Session];
            bool duplicate = p.Qos == 2 && session.IsAwaitingRelease(p.PacketId); // not delivered onward again [MQTT-4.3.3-2]
            bool route = !duplicate && _access.MayPublish(c.Session, c.Input, p.Topic.Offset, p.Topic.Length);
            int found = route ? _router.Match(c.Input, p.Topic.Offset, p.Topic.Length) : 0;
            bool fromBridge = _state.IsBridge(c.Session);
            if (route && !_router.HasRoom(found, p.Qos, fromBridge))
            {
                c.Blocked = true;
                _state.AnyBlocked = true;
                return false;
            }
            if (!_access.TakePublishToken(c))
            {
                return false;
            }
            if (p.Qos == 2 && !duplicate && !session.AddAwaitingRelease(p.PacketId))
            {
                _closer.ProtocolViolation(ci);
                return true;
            }
            _state.Statistics.MessagesReceived++;
            if (p.Qos > 0)
            {
                PacketType answer = p.Qos == 1 ? PacketType.PubAck : PacketType.PubRec;
                _state.Written(c, _ackOut.Set(answer, p.PacketId).Encode(c.Control, c.ControlEnd));
            }
            if (route)
            {
                _router.Route(c.Input, p.Topic.Offset, p.Topic.Length, c.Input, p.Payload.Offset, p.Payload.Length, p.Qos, p.Retain, false, found, fromBridge);
            }
            return true;
        }

        /// <summary>Handles PUBACK, PUBREC, PUBREL or PUBCOMP; false when the PUBCOMP must wait for control output space.</summary>
        public bool HandleAck(int ci, int offset, int size)
        {
            Connection c = _state.Connections[ci];
            AckPacket ack = _ackIn;
            if (ack.Decode(c.Input, offset, size, c.ProtocolLevel) != MqttError.None)
            {
                _closer.ProtocolViolation(ci);
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
            int i = session.FindInflight(ack.PacketId);
            if (i < 0)
            {
                return true;
            }
            bool released = session.InflightReleased(i);
            int qos = session.InflightQos(i);
            if ((ack.Type == PacketType.PubAck && qos == 1) || (ack.Type == PacketType.PubComp && released))
            {
                session.RemoveInflight(i);
                _state.QueueSpaceFreed = true;
            }
            else if (ack.Type == PacketType.PubRec && qos == 2)
            {
                session.Release(i);
            }
            return true;
        }
    }
}
