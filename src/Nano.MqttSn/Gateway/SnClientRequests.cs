using Nano.Mqtt;
using Nano.Mqtt.Broker;
using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// Client requests forwarded to the broker (§6.5–§6.9): PUBLISH at QoS -1..2, PUBREL, REGISTER, SUBSCRIBE and
    /// UNSUBSCRIBE; and the broker's answers to them passed back (PUBACK, PUBREC, PUBCOMP, SUBACK, UNSUBACK).
    /// </summary>
    internal sealed class SnClientRequests
    {
        private readonly SnGatewayOptions _options;
        private readonly SnGatewayStatistics _statistics;
        private readonly BrokerEngine _broker;
        private readonly SnSender _send;
        private readonly SnMqttTranslator _mqtt;
        private readonly SnTopicResolver _topic;

        public SnClientRequests(SnGatewayOptions options, SnGatewayStatistics statistics, BrokerEngine broker, SnSender send, SnMqttTranslator mqtt, SnTopicResolver topic)
        {
            _options = options;
            _statistics = statistics;
            _broker = broker;
            _send = send;
            _mqtt = mqtt;
            _topic = topic;
        }

        /// <summary>PUBLISH from a connected client (QoS 0..2), or the error PUBACK; <paramref name="c"/> is active.</summary>
        public void Publish(SnGatewayClient c, PublishMessage m, long nowMs)
        {
            byte rejection = SnReturnCode.Accepted;
            if (!_topic.Resolve(c, m.TopicIdType, m.TopicId))
            {
                rejection = SnReturnCode.InvalidTopicId; // [§6.7]
            }
            else if (m.DataLength > _options.MaxPayload)
            {
                rejection = SnReturnCode.NotSupported;
            }
            else if (!_mqtt.PublishFrom(c, _topic, m.Data, m.DataOffset, m.DataLength, m.Qos, m.Retain, m.Dup, m.MsgId, nowMs))
            {
                rejection = SnReturnCode.Congestion;
            }
            if (rejection != SnReturnCode.Accepted)
            {
                _statistics.PublishesRejected++;
                _send.TopicAck(c, SnMessageType.PubAck, m.TopicId, m.MsgId, rejection); // an error PUBACK at any QoS
                return;
            }
            _statistics.PublishesReceived++;
            if (m.Qos > 0)
            {
                c.InboundMsgId = m.MsgId;
                c.InboundTopicId = m.TopicId;
            }
        }

        /// <summary>QoS -1 (§6.8): from any address, no connection; predefined id, short name, or the extended
        /// form's inline name; forwarded at QoS 0. <paramref name="c"/> is the address's client or null.</summary>
        public void PublishQosMinusOne(SnGatewayClient c, PublishMessage m, long nowMs)
        {
            bool resolved;
            if (m.TopicNameLength > 0)
            {
                _topic.Set(m.TopicName, m.TopicNameOffset, m.TopicNameLength);
                resolved = true;
            }
            else
            {
                resolved = m.TopicIdType != SnTopicIdType.Normal && _topic.Resolve(c, m.TopicIdType, m.TopicId);
            }
            if (!_options.AcceptQosMinusOne || !resolved || m.DataLength > _options.MaxPayload
                || !_broker.Publish(_topic.Name, _topic.Offset, _topic.Length, m.Data, m.DataOffset, m.DataLength, 0, m.Retain, nowMs))
            {
                _statistics.PublishesRejected++;
                return;
            }
            _statistics.PublishesQosMinusOne++;
        }

        /// <summary>PUBREL of the client's QoS 2 PUBLISH; the broker's PUBCOMP becomes the client's PUBCOMP.</summary>
        public void PubRel(SnGatewayClient c, MsgIdMessage m, long nowMs)
        {
            _mqtt.AckFrom(c, PacketType.PubRel, m.MsgId, nowMs);
        }

        /// <summary>REGISTER (§6.5): the topic id of the name; REGACK "not supported" for a name longer than
        /// <see cref="SnGatewayOptions.MaxTopicLength"/>, congestion when the table is full.</summary>
        public void Register(SnGatewayClient c, RegisterMessage m)
        {
            int id = c.Topics.Assign(m.TopicName, m.TopicNameOffset, m.TopicNameLength);
            if (id == 0)
            {
                _send.TopicAck(c, SnMessageType.RegAck, 0, m.MsgId,
                    m.TopicNameLength > _options.MaxTopicLength ? SnReturnCode.NotSupported : SnReturnCode.Congestion);
                return;
            }
            c.Topics.MarkKnown(id);
            _send.TopicAck(c, SnMessageType.RegAck, id, m.MsgId, SnReturnCode.Accepted);
        }

        /// <summary>SUBSCRIBE and UNSUBSCRIBE (§6.9); SUBACK carries the topic id of a plain name, 0x0000 for a filter
        /// with wildcards, the id itself for a predefined id or short name.</summary>
        public void Subscribe(SnGatewayClient c, SubscribeMessage m, long nowMs)
        {
            bool subscribe = m.MsgType == SnMessageType.Subscribe;
            int topicId = m.TopicId;
            if (m.TopicIdType == SnTopicIdType.Normal)
            {
                _topic.Set(m.TopicName, m.TopicNameOffset, m.TopicNameLength);
                topicId = 0;
                if (subscribe && !SnTopic.HasWildcard(m.TopicName, m.TopicNameOffset, m.TopicNameLength))
                {
                    topicId = c.Topics.Assign(m.TopicName, m.TopicNameOffset, m.TopicNameLength);
                    if (topicId == 0)
                    {
                        _send.SubAck(c, 0, 0, m.MsgId, SnReturnCode.Congestion);
                        return;
                    }
                    c.Topics.MarkKnown(topicId);
                }
            }
            else if (!_topic.Resolve(c, m.TopicIdType, m.TopicId) || TopicFilter.Validate(_topic.Name, _topic.Offset, _topic.Length) != MqttError.None)
            {
                if (subscribe)
                {
                    _send.SubAck(c, 0, topicId, m.MsgId, SnReturnCode.InvalidTopicId); // [§6.7]
                }
                else
                {
                    _send.MsgId(c, SnMessageType.UnsubAck, m.MsgId);
                }
                return;
            }
            bool fed = subscribe
                ? _mqtt.Subscribe(c, m.MsgId, _topic, m.Qos, nowMs)
                : _mqtt.Unsubscribe(c, m.MsgId, _topic, nowMs);
            if (!fed)
            {
                if (subscribe)
                {
                    _send.SubAck(c, 0, topicId, m.MsgId, SnReturnCode.Congestion);
                }
                return; // an UNSUBSCRIBE the broker cannot take now is re-sent by the client
            }
            if (subscribe)
            {
                c.SubscribeMsgId = m.MsgId;
                c.SubscribeTopicId = topicId;
            }
        }

        /// <summary>The broker's answer to a client's QoS 1/2 PUBLISH or PUBREL, passed on to the client.</summary>
        public void Acknowledged(SnGatewayClient c, PacketType type, int packetId)
        {
            if (type == PacketType.PubAck)
            {
                int topicId = packetId == c.InboundMsgId ? c.InboundTopicId : 0;
                c.InboundMsgId = 0;
                _send.TopicAck(c, SnMessageType.PubAck, topicId, packetId, SnReturnCode.Accepted);
            }
            else if (type == PacketType.PubRec)
            {
                _send.MsgId(c, SnMessageType.PubRec, packetId);
            }
            else
            {
                c.InboundMsgId = 0;
                _send.MsgId(c, SnMessageType.PubComp, packetId);
            }
        }

        /// <summary>The broker's SUBACK: the granted QoS with the topic id kept from the SUBSCRIBE, or congestion
        /// when the broker refused (0x80, a capacity bound).</summary>
        public void SubAck(SnGatewayClient c, int packetId, int granted)
        {
            int topicId = packetId == c.SubscribeMsgId ? c.SubscribeTopicId : 0;
            c.SubscribeMsgId = 0;
            if (granted <= 2)
            {
                _send.SubAck(c, granted, topicId, packetId, SnReturnCode.Accepted);
            }
            else
            {
                _send.SubAck(c, 0, topicId, packetId, SnReturnCode.Congestion);
            }
        }

        public void UnsubAck(SnGatewayClient c, int packetId)
        {
            _send.MsgId(c, SnMessageType.UnsubAck, packetId);
        }
    }
}
