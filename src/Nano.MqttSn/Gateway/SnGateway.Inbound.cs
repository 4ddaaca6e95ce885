using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>Client requests forwarded to the broker: PUBLISH (QoS -1..2), PUBREL, REGISTER, SUBSCRIBE, UNSUBSCRIBE.</summary>
    public sealed partial class SnGateway
    {
        private byte[] _topic;
        private int _topicOffset;
        private int _topicLength;

        private bool HandlePublish(SnGatewayClient c, int link, byte[] address, int addressOffset, int addressLength, byte[] data, int offset, int count)
        {
            PublishMessage m = _in.Publish;
            if (m.Decode(data, offset, count) != SnError.None)
            {
                return false;
            }
            if (m.Qos == SnQos.MinusOne)
            {
                return PublishQosMinusOne(c, m);
            }
            if (c == null || c.Status != SnClientStatus.Active)
            {
                if (c == null)
                {
                    SendDisconnect(link, address, addressOffset, addressLength); // no connection for this address [§6.12]
                }
                return c == null;
            }
            byte rejection = SnReturnCode.Accepted;
            if (!ResolveTopic(c, m.TopicIdType, m.TopicId))
            {
                rejection = SnReturnCode.InvalidTopicId; // [§6.7]
            }
            else if (m.DataLength > _options.MaxPayload)
            {
                rejection = SnReturnCode.NotSupported;
            }
            else if (!MqttPublish(c, _topic, _topicOffset, _topicLength, m.Data, m.DataOffset, m.DataLength, m.Qos, m.Retain, m.Dup, m.MsgId))
            {
                rejection = SnReturnCode.Congestion;
            }
            if (rejection != SnReturnCode.Accepted)
            {
                Statistics.PublishesRejected++;
                SendTopicAck(c, SnMessageType.PubAck, m.TopicId, m.MsgId, rejection); // an error PUBACK at any QoS
                return true;
            }
            Statistics.PublishesReceived++;
            if (m.Qos > 0)
            {
                c.InboundMsgId = m.MsgId;
                c.InboundTopicId = m.TopicId;
            }
            return true;
        }

        /// <summary>QoS -1 (§6.8): from any address, no connection; predefined id, short name, or the extended
        /// form's inline name; forwarded at QoS 0.</summary>
        private bool PublishQosMinusOne(SnGatewayClient c, PublishMessage m)
        {
            bool resolved;
            if (m.TopicNameLength > 0)
            {
                _topic = m.TopicName;
                _topicOffset = m.TopicNameOffset;
                _topicLength = m.TopicNameLength;
                resolved = true;
            }
            else
            {
                resolved = m.TopicIdType != SnTopicIdType.Normal && ResolveTopic(c, m.TopicIdType, m.TopicId);
            }
            if (!_options.AcceptQosMinusOne || !resolved || m.DataLength > _options.MaxPayload
                || !_broker.Publish(_topic, _topicOffset, _topicLength, m.Data, m.DataOffset, m.DataLength, 0, m.Retain, _nowMs))
            {
                Statistics.PublishesRejected++;
                return true;
            }
            Statistics.PublishesQosMinusOne++;
            return true;
        }

        /// <summary>Sets the topic name of a topic id into _topic/_topicOffset/_topicLength; false when unknown.</summary>
        private bool ResolveTopic(SnGatewayClient c, int topicIdType, int topicId)
        {
            if (topicIdType == SnTopicIdType.Normal)
            {
                if (c == null || !c.Topics.Exists(topicId))
                {
                    return false;
                }
                _topic = c.Topics.Name(topicId);
                _topicOffset = 0;
                _topicLength = c.Topics.NameLength(topicId);
                return true;
            }
            if (topicIdType == SnTopicIdType.Predefined)
            {
                int i = FindPredefinedById(topicId);
                if (i < 0)
                {
                    return false;
                }
                _topic = _options.PredefinedName(i);
                _topicOffset = 0;
                _topicLength = _topic.Length;
                return true;
            }
            _shortName[0] = (byte)(topicId >> 8);
            _shortName[1] = (byte)topicId;
            _topic = _shortName;
            _topicOffset = 0;
            _topicLength = 2;
            return TopicName.Validate(_shortName, 0, 2) == MqttError.None;
        }

        private int FindPredefinedById(int id)
        {
            for (int i = 0; i < _options.PredefinedTopicCount; i++)
            {
                if (_options.PredefinedId(i) == id)
                {
                    return i;
                }
            }
            return -1;
        }

        private int FindPredefinedByName(byte[] name, int offset, int length)
        {
            for (int i = 0; i < _options.PredefinedTopicCount; i++)
            {
                byte[] p = _options.PredefinedName(i);
                if (p.Length == length && SnBytes.Equal(p, 0, name, offset, length))
                {
                    return i;
                }
            }
            return -1;
        }

        private bool HandlePubRel(SnGatewayClient c, byte[] data, int offset, int count)
        {
            MsgIdMessage m = _in.MsgId;
            if (c == null || !c.IsConnected || m.Decode(data, offset, count) != SnError.None)
            {
                return false;
            }
            MqttAck(c, PacketType.PubRel, m.MsgId); // the broker's PUBCOMP becomes the client's PUBCOMP
            return true;
        }

        private bool HandleRegister(SnGatewayClient c, byte[] data, int offset, int count)
        {
            RegisterMessage m = _in.Register;
            if (c == null || c.Status != SnClientStatus.Active || m.Decode(data, offset, count) != SnError.None)
            {
                return false;
            }
            int id = c.Topics.Assign(m.TopicName, m.TopicNameOffset, m.TopicNameLength);
            if (id == 0)
            {
                SendTopicAck(c, SnMessageType.RegAck, 0, m.MsgId, SnReturnCode.Congestion);
                return true;
            }
            c.Topics.MarkKnown(id);
            SendTopicAck(c, SnMessageType.RegAck, id, m.MsgId, SnReturnCode.Accepted);
            return true;
        }

        /// <summary>SUBSCRIBE and UNSUBSCRIBE (§6.9); SUBACK carries the topic id of a plain name, 0x0000 for a filter
        /// with wildcards, the id itself for a predefined id or short name.</summary>
        private bool HandleSubscribe(SnGatewayClient c, byte[] data, int offset, int count)
        {
            SubscribeMessage m = _in.Subscribe;
            if (c == null || c.Status != SnClientStatus.Active || m.Decode(data, offset, count) != SnError.None)
            {
                return false;
            }
            bool subscribe = m.MsgType == SnMessageType.Subscribe;
            int topicId = m.TopicId;
            if (m.TopicIdType == SnTopicIdType.Normal)
            {
                _topic = m.TopicName;
                _topicOffset = m.TopicNameOffset;
                _topicLength = m.TopicNameLength;
                topicId = 0;
                if (subscribe && !SnTopic.HasWildcard(m.TopicName, m.TopicNameOffset, m.TopicNameLength))
                {
                    topicId = c.Topics.Assign(m.TopicName, m.TopicNameOffset, m.TopicNameLength);
                    if (topicId == 0)
                    {
                        SendSubAck(c, 0, 0, m.MsgId, SnReturnCode.Congestion);
                        return true;
                    }
                    c.Topics.MarkKnown(topicId);
                }
            }
            else if (!ResolveTopic(c, m.TopicIdType, m.TopicId) || TopicFilter.Validate(_topic, _topicOffset, _topicLength) != MqttError.None)
            {
                if (subscribe)
                {
                    SendSubAck(c, 0, topicId, m.MsgId, SnReturnCode.InvalidTopicId); // [§6.7]
                }
                else
                {
                    SendMsgId(c, SnMessageType.UnsubAck, m.MsgId);
                }
                return true;
            }
            bool fed = subscribe
                ? MqttSubscribe(c, m.MsgId, _topic, _topicOffset, _topicLength, m.Qos)
                : MqttUnsubscribe(c, m.MsgId, _topic, _topicOffset, _topicLength);
            if (!fed)
            {
                if (subscribe)
                {
                    SendSubAck(c, 0, topicId, m.MsgId, SnReturnCode.Congestion);
                }
                return true; // an UNSUBSCRIBE the broker cannot take now is re-sent by the client
            }
            if (subscribe)
            {
                c.SubscribeMsgId = m.MsgId;
                c.SubscribeTopicId = topicId;
            }
            return true;
        }
    }
}
