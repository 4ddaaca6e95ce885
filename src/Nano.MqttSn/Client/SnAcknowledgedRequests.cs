using Nano.Mqtt.Codec;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Client
{
    /// <summary>
    /// The client's acknowledged requests: MsgId allocation, one outstanding at a time with the later ones
    /// queued in order, the gateway's answers: REGACK (§6.5), PUBACK, PUBREC and PUBCOMP (§6.7), SUBACK and
    /// UNSUBACK (§6.9), and the report of a request left unanswered (§6.13).
    /// </summary>
    internal sealed class SnAcknowledgedRequests
    {
        private readonly ISnClientListener _listener;
        private readonly SnRequest _request;
        private readonly SnTopicTable _topics;
        private readonly SnClientOutput _out;
        private readonly SnPendingRequests _pending;
        private readonly int _maxPacket;
        private int _nextMsgId;

        public SnAcknowledgedRequests(ISnClientListener listener, SnRequest request, SnTopicTable topics, SnClientOutput output, int maxPacket, SnPendingRequests pending)
        {
            _maxPacket = maxPacket;
            _pending = pending;
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

        /// <summary>Ok when the client is active and a request can start or wait; Busy when one is outstanding and
        /// nothing may wait (<see cref="SnClientOptions.MaxQueuedRequests"/> 0), QueueFull when the waiting ones fill the queue.</summary>
        public SnClientResult Check(bool active)
        {
            if (!active)
            {
                return SnClientResult.WrongState;
            }

            return Room() > 0 ? SnClientResult.Ok : _pending.Count == 0 ? SnClientResult.Busy : SnClientResult.QueueFull;
        }

        /// <summary>Requests that can be made now: the outstanding one if free, and the free waiting slots.</summary>
        public int Room() => (_request.IsIdle ? 1 : 0) + _pending.Room;

        /// <summary>Where to encode the next request: the outstanding request's datagram when none is outstanding,
        /// else the next waiting slot. Only after <see cref="Check(bool)"/> said Ok.</summary>
        public byte[] Target => _request.IsIdle ? _request.Datagram : _pending.Tail;

        /// <summary>Starts the request encoded into <see cref="Target"/>, or queues it behind the outstanding one;
        /// <paramref name="name"/> is the topic name it registers or publishes to (null when none).</summary>
        public void Submit(SnRequestKind kind, int msgId, int length, byte[] name, int nameOffset, int nameLength, long nowMs)
        {
            if (_request.IsIdle)
            {
                Start(kind, msgId, length, nowMs);
            }
            else
            {
                _pending.Commit(kind, msgId, length, name, nameOffset, nameLength);
            }
        }

        /// <summary>True when a REGISTER of the name is outstanding or waiting.</summary>
        public bool Registering(byte[] name, int offset, int length)
        {
            int h = _request.HeaderLength;
            return (_request.Kind == SnRequestKind.Register && Bytes.Equal(_request.Datagram, h + 4, _request.Length - h - 4, name, offset, length))
                || _pending.RegisterWaits(name, offset, length);
        }

        /// <summary>Starts waiting requests while none is outstanding. A PUBLISH to a name gets the id its REGISTER
        /// obtained, or is reported rejected (invalid topic id) when the registration failed; at QoS 0 it is just sent.</summary>
        public void StartNext(long nowMs)
        {
            while (_request.IsIdle && _pending.Count > 0)
            {
                SnRequestKind kind = _pending.HeadKind;
                int msgId = _pending.HeadMsgId;
                int length = _pending.HeadLength;
                System.Array.Copy(_pending.HeadDatagram, 0, _request.Datagram, 0, length);
                int topicId = kind == SnRequestKind.PublishToName ? _topics.Find(_pending.Names, _pending.HeadNameOffset, _pending.HeadNameLength) : 0;
                _pending.Remove();
                if (kind != SnRequestKind.PublishToName)
                {
                    Start(kind, msgId, length, nowMs);
                    continue;
                }

                if (topicId == 0)
                {
                    _listener.OnPublishCompleted(msgId, SnReturnCode.InvalidTopicId);
                    continue;
                }

                byte[] d = _request.Datagram;
                int h = _request.HeaderLength;
                d[h + 1] = (byte)(topicId >> 8);
                d[h + 2] = (byte)topicId;
                if (msgId == 0)
                {
                    _out.Send(d, length, nowMs);
                    continue;
                }

                Start(SnRequestKind.Publish, msgId, length, nowMs);
            }
        }

        /// <summary>The connection ended: the outstanding and waiting requests are reported unanswered and dropped.</summary>
        public void Abandon()
        {
            SnRequestKind kind = _request.Kind;
            int msgId = _request.MsgId;
            _request.End();
            ReportNoResponse(kind, msgId);
            while (_pending.Count > 0)
            {
                kind = _pending.HeadKind;
                msgId = _pending.HeadMsgId;
                _pending.Remove();
                if (msgId != 0 || kind != SnRequestKind.PublishToName)
                {
                    ReportNoResponse(kind == SnRequestKind.PublishToName ? SnRequestKind.Publish : kind, msgId);
                }
            }
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
            Submit(kind, msgId, m.Encode(Target, 0), null, 0, 0, nowMs);
            return SnClientResult.Ok;
        }

        private bool IsAnswer(SnRequestKind kind, int msgId) => _request.Kind == kind && msgId == _request.MsgId;
    }
}
