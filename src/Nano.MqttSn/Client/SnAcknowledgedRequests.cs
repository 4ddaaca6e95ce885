using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Client
{
    /// <summary>
    /// The client's acknowledged requests: MsgId allocation, the start of one at a time, and the
    /// gateway's answers: REGACK (§6.5), PUBACK, PUBREC and PUBCOMP (§6.7), SUBACK and UNSUBACK
    /// (§6.9), and the report of a request left unanswered (§6.13).
    /// </summary>
    internal sealed class SnAcknowledgedRequests
    {
        private readonly ISnClientListener _listener;
        private readonly SnRequest _request;
        private readonly SnTopicTable _topics;
        private readonly SnClientOutput _out;
        private readonly int _maxPacket;
        private int _nextMsgId;

        public SnAcknowledgedRequests(ISnClientListener listener, SnRequest request, SnTopicTable topics, SnClientOutput output, int maxPacket)
        {
            _maxPacket = maxPacket;
            _listener = listener;
            _request = request;
            _topics = topics;
            _out = output;
        }

        /// <summary>Handles an answer to a request; other message types are ignored.</summary>
        public void OnAnswer(byte type, SnMessageSet m, long nowMs)
        {
            switch (type)
            {
                case SnMessageType.RegAck:
                    OnRegAck(m.TopicAck);
                    return;
                case SnMessageType.PubAck:
                    OnPubAck(m.TopicAck);
                    return;
                case SnMessageType.PubRec:
                    OnPubRec(m.MsgId.MsgId, nowMs);
                    return;
                case SnMessageType.PubComp:
                    OnPubComp(m.MsgId.MsgId);
                    return;
                case SnMessageType.UnsubAck:
                    OnUnsubAck(m.MsgId.MsgId);
                    return;
                case SnMessageType.SubAck:
                    OnSubAck(m.SubAck);
                    return;
            }

            // messages a client never receives (CONNECT, SUBSCRIBE, WILLTOPIC...) and envelopes are ignored
        }

        /// <summary>REGACK: an accepted id enters the topic table with the registered name.</summary>
        private void OnRegAck(TopicAckMessage m)
        {
            if (!IsAnswer(SnRequestKind.Register, m.MsgId))
            {
                return;
            }

            if (m.ReturnCode == SnReturnCode.Accepted)
            {
                int h = _request.HeaderLength;
                _topics.Set(m.TopicId, _request.Datagram, h + 4, _request.Length - h - 4);
            }

            _request.End();
            _listener.OnRegistered(m.MsgId, m.TopicId, m.ReturnCode);
        }

        /// <summary>PUBACK: ends a QoS 1 PUBLISH, or reports a rejected one (also QoS 0, MsgId 0).</summary>
        private void OnPubAck(TopicAckMessage m)
        {
            bool ours = IsAnswer(SnRequestKind.Publish, m.MsgId);
            if (!ours && !(m.MsgId == 0 && m.ReturnCode != SnReturnCode.Accepted))
            {
                return;
            }

            if (ours)
            {
                if (m.ReturnCode == SnReturnCode.InvalidTopicId
                    && SnFlags.GetTopicIdType(_request.Datagram[_request.HeaderLength]) == SnTopicIdType.Normal)
                {
                    // §6.7: a rejected normal id must be registered again
                    _topics.Remove(m.TopicId);
                }

                _request.End();
            }

            _listener.OnPublishCompleted(m.MsgId, m.ReturnCode);
        }

        /// <summary>PUBREC: PUBREL becomes the outstanding request.</summary>
        private void OnPubRec(int msgId, long nowMs)
        {
            if ((_request.Kind == SnRequestKind.Publish || _request.Kind == SnRequestKind.PubRel) && msgId == _request.MsgId)
            {
                MsgIdMessage m = _out.Messages.MsgId;
                m.MsgType = SnMessageType.PubRel;
                m.MsgId = msgId;
                Start(SnRequestKind.PubRel, msgId, m.Encode(_request.Datagram, 0), nowMs);
            }
        }

        /// <summary>PUBCOMP: the QoS 2 PUBLISH is complete.</summary>
        private void OnPubComp(int msgId)
        {
            if (IsAnswer(SnRequestKind.PubRel, msgId))
            {
                _request.End();
                _listener.OnPublishCompleted(msgId, SnReturnCode.Accepted);
            }
        }

        /// <summary>UNSUBACK.</summary>
        private void OnUnsubAck(int msgId)
        {
            if (IsAnswer(SnRequestKind.Unsubscribe, msgId))
            {
                _request.End();
                _listener.OnUnsubscribed(msgId, SnReturnCode.Accepted);
            }
        }

        /// <summary>SUBACK: the id granted for a plain topic name enters the topic table.</summary>
        private void OnSubAck(SubAckMessage m)
        {
            if (!IsAnswer(SnRequestKind.Subscribe, m.MsgId))
            {
                return;
            }

            byte[] request = _request.Datagram;
            int h = _request.HeaderLength;
            int nameLength = _request.Length - h - 3;
            if (m.ReturnCode == SnReturnCode.Accepted && m.TopicId != 0 && SnFlags.GetTopicIdType(request[h]) == SnTopicIdType.Normal
                && !SnTopic.HasWildcard(request, h + 3, nameLength))
            {
                _topics.Set(m.TopicId, request, h + 3, nameLength);
            }

            _request.End();
            _listener.OnSubscribed(m.MsgId, m.Qos, m.TopicId, m.ReturnCode);
        }

        /// <summary>Reports <see cref="SnClient.NoResponse"/> for a request of <paramref name="kind"/> that got no answer.</summary>
        public void ReportNoResponse(SnRequestKind kind, int msgId)
        {
            switch (kind)
            {
                case SnRequestKind.Publish:
                case SnRequestKind.PubRel:
                    _listener.OnPublishCompleted(msgId, SnClient.NoResponse);
                    return;
                case SnRequestKind.Register:
                    _listener.OnRegistered(msgId, 0, SnClient.NoResponse);
                    return;
                case SnRequestKind.Subscribe:
                    _listener.OnSubscribed(msgId, 0, 0, SnClient.NoResponse);
                    return;
                case SnRequestKind.Unsubscribe:
                    _listener.OnUnsubscribed(msgId, SnClient.NoResponse);
                    return;
            }
        }

        /// <summary>Makes the encoded datagram the outstanding request and sends it.</summary>
        public void Start(SnRequestKind kind, int msgId, int length, long nowMs)
        {
            _request.Start(kind, msgId, length, nowMs);
            _out.Send(_request.Datagram, length, nowMs);
        }

        /// <summary>Ok when the client is active and no request is outstanding.</summary>
        public SnClientResult Check(bool active)
        {
            if (!active)
            {
                return SnClientResult.WrongState;
            }

            return _request.IsIdle ? SnClientResult.Ok : SnClientResult.Busy;
        }

        /// <summary>As <see cref="Check(bool)"/>, then whether a request of <paramref name="size"/> octets fits.</summary>
        public SnClientResult Check(bool active, int size)
        {
            SnClientResult r = Check(active);
            if (r != SnClientResult.Ok)
            {
                return r;
            }

            return Fits(size) ? SnClientResult.Ok : SnClientResult.TooLarge;
        }

        /// <summary>Whether a datagram of <paramref name="size"/> octets fits the maximum packet size.</summary>
        public bool Fits(int size) => size >= 0 && size <= _maxPacket;

        /// <summary>The next MsgId, 1..0xFFFF.</summary>
        public int NextMsgId()
        {
            _nextMsgId = _nextMsgId == 0xFFFF ? 1 : _nextMsgId + 1;
            return _nextMsgId;
        }

        /// <summary>Sends a SUBSCRIBE or UNSUBSCRIBE prepared in <paramref name="m"/>.</summary>
        public SnClientResult SendSubscribe(SubscribeMessage m, bool active, long nowMs, out int msgId)
        {
            msgId = 0;
            if (m.Qos < SnQos.AtMostOnce || m.Qos > SnQos.ExactlyOnce)
            {
                return SnClientResult.InvalidArgument;
            }

            SnClientResult r = Check(active, m.GetSize());
            if (r != SnClientResult.Ok)
            {
                return r;
            }

            m.MsgId = NextMsgId();
            msgId = m.MsgId;
            SnRequestKind kind = m.MsgType == SnMessageType.Subscribe ? SnRequestKind.Subscribe : SnRequestKind.Unsubscribe;
            Start(kind, msgId, m.Encode(_request.Datagram, 0), nowMs);
            return SnClientResult.Ok;
        }

        private bool IsAnswer(SnRequestKind kind, int msgId) => _request.Kind == kind && msgId == _request.MsgId;
    }
}
