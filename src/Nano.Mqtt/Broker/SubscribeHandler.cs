using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Answers SUBSCRIBE and UNSUBSCRIBE. Each filter is applied in order and answered by one SUBACK code
    /// [MQTT-3.8.4-4], [MQTT-3.9.3-1]; every granted filter starts a scan of the retained messages
    /// (<see cref="RetainedCursor"/>), also on re-subscribe [MQTT-3.8.4-3].
    /// </summary>
    internal sealed class SubscribeHandler
    {
        private readonly BrokerState _state;
        private readonly AccessControl _access;
        private readonly ConnectionCloser _closer;
        private readonly SubscribePacket _subscribe = new SubscribePacket();
        private readonly SubAckPacket _subAck = new SubAckPacket();
        private readonly UnsubscribePacket _unsubscribe = new UnsubscribePacket();
        private readonly UnsubAckPacket _unsubAck = new UnsubAckPacket();
        private readonly byte[] _codes;

        public SubscribeHandler(BrokerState state, AccessControl access, ConnectionCloser closer)
        {
            _state = state;
            _access = access;
            _closer = closer;
            int maxFilters = state.Options.MaxPacketSize / 4;
            _codes = new byte[maxFilters];
            _subscribe.MaxFilters = maxFilters;
            _unsubscribe.MaxFilters = maxFilters;
        }

        /// <summary>
        /// Handles a whole SUBSCRIBE; false when the SUBACK must wait for control output space. A SUBACK larger
        /// than the control output closes the connection; a filter refused for capacity gets 0x80 at 3.1.1,
        /// while 3.1 has no failure code, so the connection is closed.
        /// </summary>
        public bool HandleSubscribe(int ci, int offset, int size)
        {
            Connection c = _state.Connections[ci];
            SubscribePacket p = _subscribe;
            MqttError error = p.Decode(c.Input, offset, size, c.ProtocolLevel);
            if (error != MqttError.None)
            {
                _closer.ProtocolViolation(ci, error);
                return true;
            }
            SubAckPacket ack = _subAck;
            ack.PacketId = p.PacketId;
            ack.ReturnCodes.Set(_codes, 0, p.Count);
            int ackSize = ack.GetSize();
            if (ackSize > c.Control.Length)
            {
                _closer.ProtocolViolation(ci, MqttError.TooManyTopicFilters);
                return true;
            }
            if (!c.Reserve(ackSize))
            {
                return false;
            }
            int s = c.Session;
            int maxQos = _state.Options.MaxQos;
            SubscriptionTable subscriptions = _state.Subscriptions;
            BrokerStatistics statistics = _state.Statistics;
            TopicFilterReader reader = p.GetReader();
            int k = 0;
            while (reader.Next(out int filterOffset, out int filterLength, out byte requested))
            {
                int granted = requested < maxQos ? requested : maxQos; // [MQTT-3.8.4-5]
                bool denied = !_access.MayRead(s, c.Input, filterOffset, filterLength); // wildcards are granted and filtered per delivery
                int row = denied || _access.TooDeep(c.Input, filterOffset, filterLength) ? -1 : subscriptions.Subscribe(s, c.Input, filterOffset, filterLength, granted);
                if (row < 0)
                {
                    if (denied)
                    {
                        statistics.SubscriptionsDenied++;
                        _state.Report(BrokerEvent.SubscribeDenied, ci, c.Input, filterOffset, filterLength, SubAckPacket.Failure);
                    }
                    else
                    {
                        statistics.SubscriptionsRefused++;
                    }
                    if (c.ProtocolLevel == ProtocolLevel.V31)
                    {
                        _closer.Close(ci, true);
                        return true;
                    }
                    granted = SubAckPacket.Failure;
                }
                else
                {
                    subscriptions.StartRetained(row);
                    if (_state.Pool.Persistence != null && !_state.Sessions[s].Clean)
                    {
                        _state.Pool.Persistence.Subscribed(s, c.Input, filterOffset, filterLength, granted);
                    }
                }
                _state.Report(BrokerEvent.Subscribed, ci, c.Input, filterOffset, filterLength, granted);
                _codes[k++] = (byte)granted;
            }
            _state.Written(c, ack.Encode(c.Control, c.ControlEnd));
            return true;
        }

        /// <summary>Removes byte-identical filters [MQTT-3.10.4-1] and always answers UNSUBACK [MQTT-3.10.4-4], [MQTT-3.10.4-5].</summary>
        public bool HandleUnsubscribe(int ci, int offset, int size)
        {
            Connection c = _state.Connections[ci];
            UnsubscribePacket p = _unsubscribe;
            MqttError error = p.Decode(c.Input, offset, size, c.ProtocolLevel);
            if (error != MqttError.None)
            {
                _closer.ProtocolViolation(ci, error);
                return true;
            }
            UnsubAckPacket ack = _unsubAck;
            ack.PacketId = p.PacketId;
            if (!c.Reserve(ack.GetSize()))
            {
                return false;
            }
            TopicFilterReader reader = p.GetReader();
            while (reader.Next(out int filterOffset, out int filterLength, out byte _))
            {
                if (_state.Subscriptions.Unsubscribe(c.Session, c.Input, filterOffset, filterLength)
                    && _state.Pool.Persistence != null && !_state.Sessions[c.Session].Clean)
                {
                    _state.Pool.Persistence.Unsubscribed(c.Session, c.Input, filterOffset, filterLength);
                }
                _state.Report(BrokerEvent.Unsubscribed, ci, c.Input, filterOffset, filterLength, 0);
            }
            _state.Written(c, ack.Encode(c.Control, c.ControlEnd));
            return true;
        }
    }
}
