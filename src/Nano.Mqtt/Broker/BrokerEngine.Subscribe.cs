using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;

namespace Nano.Mqtt.Broker
{
    public sealed partial class BrokerEngine
    {
        /// <summary>
        /// Applies each filter in order and answers with one SUBACK carrying one return code per filter
        /// [MQTT-3.8.4-4], [MQTT-3.9.3-1]; then sends the matching retained messages with RETAIN=1 [MQTT-3.3.1-8].
        /// A filter refused for capacity gets 0x80 at 3.1.1; 3.1 has no failure code, so the connection is closed.
        /// </summary>
        private bool HandleSubscribe(int ci, int offset, int size)
        {
            Connection c = _connections[ci];
            SubscribePacket p = _subscribe;
            if (p.Decode(c.Input, offset, size, c.ProtocolLevel) != MqttError.None)
            {
                ProtocolViolation(ci);
                return true;
            }
            SubAckPacket ack = _subAck;
            ack.PacketId = p.PacketId;
            ack.ReturnCodes.Set(_subAckCodes, 0, p.Count);
            int ackSize = ack.GetSize();
            if (ackSize > c.Output.Length)
            {
                ProtocolViolation(ci);
                return true;
            }
            if (!c.Reserve(ackSize))
            {
                return false;
            }
            int s = c.Session;
            TopicFilterReader reader = p.GetReader();
            int k = 0;
            while (reader.Next(out int filterOffset, out int filterLength, out byte requested))
            {
                int granted = requested < _options.MaxQos ? requested : _options.MaxQos; // [MQTT-3.8.4-5]
                bool denied = !MayRead(s, c.Input, filterOffset, filterLength); // wildcards are granted and filtered per delivery
                if (denied || TooDeep(c.Input, filterOffset, filterLength) || _subscriptions.Subscribe(s, c.Input, filterOffset, filterLength, granted) < 0)
                {
                    if (denied)
                    {
                        Statistics.SubscriptionsDenied++;
                    }
                    else
                    {
                        Statistics.SubscriptionsRefused++;
                    }
                    if (c.ProtocolLevel == ProtocolLevel.V31)
                    {
                        Close(ci, true);
                        return true;
                    }
                    granted = SubAckPacket.Failure;
                }
                _subAckCodes[k++] = (byte)granted;
            }
            Written(c, ack.Encode(c.Output, c.OutputEnd));
            reader = p.GetReader();
            k = 0;
            while (reader.Next(out int filterOffset, out int filterLength, out byte requested))
            {
                if (_subAckCodes[k] != SubAckPacket.Failure)
                {
                    DeliverRetained(s, c.Input, filterOffset, filterLength, _subAckCodes[k]); // also on re-subscribe [MQTT-3.8.4-3]
                }
                k++;
            }
            return true;
        }

        private void DeliverRetained(int s, byte[] filter, int filterOffset, int filterLength, int granted)
        {
            byte[] arena = _pool.Arena;
            for (int i = 0; i < _retained.Capacity; i++)
            {
                int m = _retained.MessageAt(i);
                if (m >= 0 && TopicMatcher.Matches(filter, filterOffset, filterLength, arena, _pool.TopicOffset(m), _pool.TopicLength(m)))
                {
                    if (!MayRead(s, arena, _pool.TopicOffset(m), _pool.TopicLength(m)))
                    {
                        Statistics.DeliveriesDenied++;
                        continue;
                    }
                    int qos = _pool.Qos(m);
                    Deliver(s, m, qos < granted ? qos : granted, true);
                }
            }
        }

        /// <summary>Removes byte-identical filters [MQTT-3.10.4-1] and always answers UNSUBACK [MQTT-3.10.4-4], [MQTT-3.10.4-5].</summary>
        private bool HandleUnsubscribe(int ci, int offset, int size)
        {
            Connection c = _connections[ci];
            UnsubscribePacket p = _unsubscribe;
            if (p.Decode(c.Input, offset, size, c.ProtocolLevel) != MqttError.None)
            {
                ProtocolViolation(ci);
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
                _subscriptions.Unsubscribe(c.Session, c.Input, filterOffset, filterLength);
            }
            Written(c, ack.Encode(c.Output, c.OutputEnd));
            return true;
        }
    }
}
