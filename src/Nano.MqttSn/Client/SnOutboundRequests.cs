using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Client
{
    /// <summary>
    /// The requests an <see cref="SnClient"/> sends on the application's behalf: REGISTER, PUBLISH (to a topic id, or to a name
    /// registered first when needed), SUBSCRIBE, UNSUBSCRIBE and DISCONNECT (with or without a sleep Duration). Each is checked, encoded and handed to
    /// the acknowledged requests (QoS 1/2 and the others) or the output queue (QoS -1/0); <c>active</c> says whether the client is
    /// connected.
    /// </summary>
    internal sealed class SnOutboundRequests
    {
        private readonly SnClientOutput _out;
        private readonly SnAcknowledgedRequests _requests;
        private readonly SnTopicTable _topics;
        private readonly SnTopicTable _predefined;

        public SnOutboundRequests(SnClientOutput output, SnAcknowledgedRequests requests, SnTopicTable topics, SnTopicTable predefined)
        {
            _out = output;
            _requests = requests;
            _topics = topics;
            _predefined = predefined;
        }

        /// <summary>Registers a topic name (§6.5); the id arrives with <see cref="ISnClientListener.OnRegistered"/> and in the topic table.</summary>
        public SnClientResult Register(bool active, byte[] name, int off, int len, long nowMs, out int msgId)
        {
            msgId = 0;
            SnClientResult r = _requests.Check(active);
            if (r != SnClientResult.Ok)
            {
                return r;
            }

            if (name == null || off < 0 || len < 0 || off > name.Length - len || SnTopic.ValidateName(name, off, len) != SnError.None)
            {
                return SnClientResult.InvalidArgument;
            }

            RegisterMessage m = _out.Messages.Register;
            m.TopicId = 0;
            m.TopicName = name;
            m.TopicNameOffset = off;
            m.TopicNameLength = len;
            if (!_requests.Fits(m.GetSize()) || len > _topics.MaxNameLength)
            {
                return SnClientResult.TooLarge;
            }

            m.MsgId = _requests.NextMsgId();
            msgId = m.MsgId;
            _requests.Submit(SnRequestKind.Register, msgId, m.Encode(_requests.Target, 0), name, off, len, nowMs);
            return SnClientResult.Ok;
        }

        /// <summary>
        /// Publishes at QoS -1 (predefined or short topic only, any state, §6.8), 0, 1 or 2 (connected).
        /// QoS 1/2 completion is reported by <see cref="ISnClientListener.OnPublishCompleted"/>.
        /// </summary>
        public SnClientResult Publish(bool active, int qos, int topicIdType, int topicId, bool retain, byte[] data, int off, int len, long nowMs, out int msgId)
        {
            msgId = 0;
            if (qos < SnQos.MinusOne || qos > SnQos.ExactlyOnce || topicIdType < 0 || topicIdType >= SnTopicIdType.Reserved
                || topicId < 0 || topicId > 0xFFFF || (data == null && len != 0) || off < 0 || len < 0
                || (data != null && off > data.Length - len)
                || (qos == SnQos.MinusOne && topicIdType == SnTopicIdType.Normal))
            {
                return SnClientResult.InvalidArgument;
            }

            if (qos != SnQos.MinusOne && !active)
            {
                return SnClientResult.WrongState;
            }

            PublishMessage m = _out.Messages.Publish;
            m.Qos = qos;
            m.Retain = retain;
            m.TopicIdType = topicIdType;
            m.TopicId = topicId;
            m.MsgId = 0;
            m.Data = data;
            m.DataOffset = off;
            m.DataLength = len;
            if (qos <= SnQos.AtMostOnce)
            {
                if (!_requests.Fits(m.GetSize()))
                {
                    return SnClientResult.TooLarge;
                }

                byte[] slot = _out.Reserve();
                if (slot == null)
                {
                    return SnClientResult.QueueFull;
                }

                _out.Commit(m.Encode(slot, 0), false, nowMs);
                return SnClientResult.Ok;
            }

            SnClientResult r = _requests.Check(active, m.GetSize());
            if (r != SnClientResult.Ok)
            {
                return r;
            }

            m.MsgId = _requests.NextMsgId();
            msgId = m.MsgId;
            _requests.Submit(SnRequestKind.Publish, msgId, m.Encode(_requests.Target, 0), null, 0, 0, nowMs);
            return SnClientResult.Ok;
        }

        /// <summary>
        /// Publishes at QoS 0, 1 or 2 to a topic name: a predefined name (<see cref="SnClient.DefineTopic"/>) or a registered one
        /// goes out with its id; otherwise REGISTER is queued first (unless one for the name is already under way) and the
        /// PUBLISH follows it with the id the gateway grants. Needs room for both requests (QueueFull otherwise).
        /// </summary>
        public SnClientResult Publish(bool active, int qos, byte[] topic, int topicOffset, int topicLength, bool retain, byte[] data, int off, int len, long nowMs, out int msgId)
        {
            msgId = 0;
            if (topic == null || topicOffset < 0 || topicLength < 0 || topicOffset > topic.Length - topicLength
                || SnTopic.ValidateName(topic, topicOffset, topicLength) != SnError.None)
            {
                return SnClientResult.InvalidArgument;
            }

            int topicId = _predefined.Find(topic, topicOffset, topicLength);
            if (topicId != 0)
            {
                return Publish(active, qos, SnTopicIdType.Predefined, topicId, retain, data, off, len, nowMs, out msgId);
            }

            topicId = _topics.Find(topic, topicOffset, topicLength);
            if (topicId != 0 || qos < SnQos.AtMostOnce)
            {
                return Publish(active, qos, SnTopicIdType.Normal, topicId, retain, data, off, len, nowMs, out msgId);
            }

            bool register = !_requests.Registering(topic, topicOffset, topicLength);
            SnClientResult r = _requests.Check(active);
            if (r == SnClientResult.Ok && _requests.Room() < (register ? 2 : 1))
            {
                r = SnClientResult.QueueFull;
            }

            if (r != SnClientResult.Ok)
            {
                return r;
            }

            PublishMessage m = _out.Messages.Publish;
            if (qos > SnQos.ExactlyOnce || (data == null && len != 0) || off < 0 || len < 0 || (data != null && off > data.Length - len))
            {
                return SnClientResult.InvalidArgument;
            }

            if (register)
            {
                r = Register(active, topic, topicOffset, topicLength, nowMs, out msgId);
                if (r != SnClientResult.Ok)
                {
                    return r;
                }
            }

            m.Qos = qos;
            m.Retain = retain;
            m.TopicIdType = SnTopicIdType.Normal;
            m.TopicId = 0;
            m.Data = data;
            m.DataOffset = off;
            m.DataLength = len;
            m.MsgId = qos == SnQos.AtMostOnce ? 0 : _requests.NextMsgId();
            if (!_requests.Fits(m.GetSize()))
            {
                return SnClientResult.TooLarge;
            }

            msgId = m.MsgId;
            _requests.Submit(SnRequestKind.PublishToName, msgId, m.Encode(_requests.Target, 0), topic, topicOffset, topicLength, nowMs);
            return SnClientResult.Ok;
        }

        /// <summary>Subscribes to a topic name or filter with wildcards (§6.9); the SUBACK id of a plain name enters the topic table.</summary>
        public SnClientResult Subscribe(bool active, byte[] filter, int off, int len, int qos, long nowMs, out int msgId)
        {
            msgId = 0;
            SubscribeMessage m = FilterRequest(SnMessageType.Subscribe, filter, off, len);
            if (m == null)
            {
                return SnClientResult.InvalidArgument;
            }

            m.Qos = qos;
            return _requests.SendSubscribe(m, active, nowMs, out msgId);
        }

        /// <summary>Subscribes to a predefined topic id or a short topic name (big-endian in <paramref name="topicId"/>).</summary>
        public SnClientResult Subscribe(bool active, int topicIdType, int topicId, int qos, long nowMs, out int msgId)
        {
            msgId = 0;
            SubscribeMessage m = TopicIdRequest(SnMessageType.Subscribe, topicIdType, topicId);
            if (m == null)
            {
                return SnClientResult.InvalidArgument;
            }

            m.Qos = qos;
            return _requests.SendSubscribe(m, active, nowMs, out msgId);
        }

        /// <summary>Unsubscribes from a topic name or filter.</summary>
        public SnClientResult Unsubscribe(bool active, byte[] filter, int off, int len, long nowMs, out int msgId)
        {
            msgId = 0;
            SubscribeMessage m = FilterRequest(SnMessageType.Unsubscribe, filter, off, len);
            return m == null ? SnClientResult.InvalidArgument : _requests.SendSubscribe(m, active, nowMs, out msgId);
        }

        /// <summary>Unsubscribes from a predefined topic id or a short topic name.</summary>
        public SnClientResult Unsubscribe(bool active, int topicIdType, int topicId, long nowMs, out int msgId)
        {
            msgId = 0;
            SubscribeMessage m = TopicIdRequest(SnMessageType.Unsubscribe, topicIdType, topicId);
            return m == null ? SnClientResult.InvalidArgument : _requests.SendSubscribe(m, active, nowMs, out msgId);
        }

        /// <summary>Sends DISCONNECT without Duration (§6.12), whatever is outstanding.</summary>
        public SnClientResult Disconnect(long nowMs)
        {
            SnClientResult r = _requests.Check(true);
            if (r != SnClientResult.Ok)
            {
                return r;
            }

            DisconnectMessage m = _out.Messages.Disconnect;
            m.HasDuration = false;
            _requests.Submit(SnRequestKind.Disconnect, 0, m.Encode(_requests.Target, 0), null, 0, 0, nowMs);
            return SnClientResult.Ok;
        }

        /// <summary>Sends DISCONNECT with a sleep Duration in seconds (§6.14); the gateway's DISCONNECT puts the client asleep.</summary>
        public SnClientResult Sleep(bool active, int durationSeconds, long nowMs)
        {
            if (durationSeconds < 1 || durationSeconds > 0xFFFF)
            {
                return SnClientResult.InvalidArgument;
            }

            SnClientResult r = _requests.Check(active);
            if (r != SnClientResult.Ok)
            {
                return r;
            }

            DisconnectMessage m = _out.Messages.Disconnect;
            m.HasDuration = true;
            m.Duration = durationSeconds;
            _requests.Submit(SnRequestKind.Sleep, 0, m.Encode(_requests.Target, 0), null, 0, 0, nowMs);
            return SnClientResult.Ok;
        }

        private SubscribeMessage FilterRequest(byte type, byte[] filter, int off, int len)
        {
            if (filter == null || off < 0 || len < 0 || off > filter.Length - len || SnTopic.ValidateFilter(filter, off, len) != SnError.None)
            {
                return null;
            }

            SubscribeMessage m = _out.Messages.Subscribe;
            m.Clear();
            m.MsgType = type;
            m.TopicIdType = SnTopicIdType.Normal;
            m.TopicName = filter;
            m.TopicNameOffset = off;
            m.TopicNameLength = len;
            return m;
        }

        private SubscribeMessage TopicIdRequest(byte type, int topicIdType, int topicId)
        {
            if ((topicIdType != SnTopicIdType.Predefined && topicIdType != SnTopicIdType.Short) || topicId < 0 || topicId > 0xFFFF)
            {
                return null;
            }

            SubscribeMessage m = _out.Messages.Subscribe;
            m.Clear();
            m.MsgType = type;
            m.TopicIdType = topicIdType;
            m.TopicId = topicId;
            return m;
        }
    }
}
