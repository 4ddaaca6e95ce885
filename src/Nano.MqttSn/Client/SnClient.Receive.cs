using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Client
{
    public sealed partial class SnClient
    {
        /// <summary>
        /// Handles one received datagram (from the gateway, or a broadcast). Returns the decode error of
        /// a malformed datagram, which is dropped and counted; valid but unexpected messages are ignored.
        /// </summary>
        public SnError Receive(byte[] buf, int off, int count, long nowMs)
        {
            int h, len;
            byte type;
            SnError e = SnWire.ReadHeader(buf, off, count, out h, out len, out type);
            if (e == SnError.None)
            {
                e = Dispatch(type, buf, off, count, nowMs);
            }

            if (e != SnError.None)
            {
                MalformedDatagrams++;
                return e;
            }

            if (_state == SnClientState.Awake && _requestKind == RequestWake && type != SnMessageType.PingResp)
            {
                // §6.14: T_RETRY restarts on every message other than PINGRESP
                _requestDeadline = nowMs + _retryMs;
            }

            return SnError.None;
        }

        private SnError Dispatch(byte type, byte[] buf, int off, int count, long nowMs)
        {
            switch (type)
            {
                case SnMessageType.Advertise:
                    AdvertiseMessage advertise;
                    SnError e = AdvertiseMessage.Decode(buf, off, count, out advertise);
                    if (e == SnError.None)
                    {
                        GatewayHeard(advertise.GwId, null, 0, 0);
                    }

                    return e;
                case SnMessageType.GwInfo:
                    GwInfoMessage info;
                    e = GwInfoMessage.Decode(buf, off, count, out info);
                    if (e == SnError.None)
                    {
                        GatewayHeard(info.GwId, info.GwAdd, info.GwAddOffset, info.GwAddLength);
                    }

                    return e;
                case SnMessageType.SearchGw:
                    SearchGwMessage search;
                    e = SearchGwMessage.Decode(buf, off, count, out search);
                    if (e == SnError.None && _searching)
                    {
                        // §6.1: another client's SEARCHGW counts as ours
                        BackOffSearch(nowMs);
                    }

                    return e;
                case SnMessageType.WillTopicReq:
                case SnMessageType.WillMsgReq:
                case SnMessageType.PingResp:
                    HeaderOnlyMessage headerOnly;
                    e = HeaderOnlyMessage.Decode(buf, off, count, out headerOnly);
                    if (e == SnError.None)
                    {
                        OnHeaderOnly(type, nowMs);
                    }

                    return e;
                case SnMessageType.ConnAck:
                case SnMessageType.WillTopicResp:
                case SnMessageType.WillMsgResp:
                    ReturnCodeMessage rc;
                    e = ReturnCodeMessage.Decode(buf, off, count, out rc);
                    if (e == SnError.None && type == SnMessageType.ConnAck)
                    {
                        OnConnAck(rc.ReturnCode, nowMs);
                    }

                    return e;
                case SnMessageType.Register:
                    RegisterMessage register;
                    e = RegisterMessage.Decode(buf, off, count, out register);
                    if (e == SnError.None)
                    {
                        OnRegister(ref register, nowMs);
                    }

                    return e;
                case SnMessageType.RegAck:
                case SnMessageType.PubAck:
                    TopicAckMessage ack;
                    e = TopicAckMessage.Decode(buf, off, count, out ack);
                    if (e == SnError.None)
                    {
                        if (type == SnMessageType.RegAck)
                        {
                            OnRegAck(ref ack);
                        }
                        else
                        {
                            OnPubAck(ref ack);
                        }
                    }

                    return e;
                case SnMessageType.Publish:
                    PublishMessage publish;
                    e = PublishMessage.Decode(buf, off, count, out publish);
                    if (e == SnError.None)
                    {
                        OnPublish(ref publish, nowMs);
                    }

                    return e;
                case SnMessageType.PubRec:
                case SnMessageType.PubRel:
                case SnMessageType.PubComp:
                case SnMessageType.UnsubAck:
                    MsgIdMessage id;
                    e = MsgIdMessage.Decode(buf, off, count, out id);
                    if (e == SnError.None)
                    {
                        OnMsgId(type, id.MsgId, nowMs);
                    }

                    return e;
                case SnMessageType.SubAck:
                    SubAckMessage subAck;
                    e = SubAckMessage.Decode(buf, off, count, out subAck);
                    if (e == SnError.None)
                    {
                        OnSubAck(ref subAck);
                    }

                    return e;
                case SnMessageType.PingReq:
                    PingReqMessage ping;
                    e = PingReqMessage.Decode(buf, off, count, out ping);
                    if (e == SnError.None && _state == SnClientState.Active)
                    {
                        SendHeaderOnly(SnMessageType.PingResp, nowMs);
                    }

                    return e;
                case SnMessageType.Disconnect:
                    DisconnectMessage disconnect;
                    e = DisconnectMessage.Decode(buf, off, count, out disconnect);
                    if (e == SnError.None)
                    {
                        OnDisconnect();
                    }

                    return e;
                default:
                    // messages a client never receives (CONNECT, SUBSCRIBE, WILLTOPIC...) and envelopes
                    return SnMessage.Validate(buf, off, count, out type);
            }
        }

        private void GatewayHeard(int gwId, byte[] gwAdd, int gwAddOffset, int gwAddLength)
        {
            _gatewayId = gwId;
            _searching = false;
            _listener.OnGateway(gwId, gwAdd, gwAddOffset, gwAddLength);
        }

        private void OnHeaderOnly(byte type, long nowMs)
        {
            if (type == SnMessageType.PingResp)
            {
                if (_state == SnClientState.Active)
                {
                    _pingOutstanding = false;
                }
                else if (_state == SnClientState.Awake && _requestKind == RequestWake)
                {
                    EndRequest();
                    _state = SnClientState.Asleep;
                    _listener.OnAsleep();
                }

                return;
            }

            if (_state != SnClientState.Connecting)
            {
                return;
            }

            _requestDeadline = nowMs + _retryMs;
            byte[] slot = _tx.Tail;
            if (slot == null)
            {
                DroppedDatagrams++;
                return;
            }

            int n;
            if (type == SnMessageType.WillTopicReq)
            {
                int length = _willTopic == null ? 0 : _willTopic.Length;
                n = new WillTopicMessage { MsgType = SnMessageType.WillTopic, Qos = _willQos, Retain = _willRetain, Topic = _willTopic, TopicLength = length }.Encode(slot, 0);
            }
            else
            {
                n = new WillMsgMessage { MsgType = SnMessageType.WillMsg, Data = _willMessage, DataLength = _willMessage.Length }.Encode(slot, 0);
            }

            Commit(n, false, nowMs);
        }

        private void OnConnAck(int returnCode, long nowMs)
        {
            if (_state != SnClientState.Connecting)
            {
                return;
            }

            EndRequest();
            if (returnCode == SnReturnCode.Accepted)
            {
                _state = SnClientState.Active;
                _lastSendMs = nowMs;
                _listener.OnConnected();
                return;
            }

            _state = SnClientState.Disconnected;
            _listener.OnDisconnected(SnDisconnectReason.Rejected, returnCode);
        }

        private void OnRegister(ref RegisterMessage m, long nowMs)
        {
            if (_state != SnClientState.Active && _state != SnClientState.Awake)
            {
                return;
            }

            byte returnCode = SnReturnCode.Accepted;
            if (m.TopicId == 0)
            {
                returnCode = SnReturnCode.InvalidTopicId;
            }
            else if (!_topics.Set(m.TopicId, m.TopicName, m.TopicNameOffset, m.TopicNameLength))
            {
                returnCode = SnReturnCode.Congestion;
            }

            SendTopicAck(SnMessageType.RegAck, m.TopicId, m.MsgId, returnCode, nowMs);
        }

        private void OnRegAck(ref TopicAckMessage m)
        {
            if (_requestKind != RequestRegister || m.MsgId != _requestMsgId)
            {
                return;
            }

            if (m.ReturnCode == SnReturnCode.Accepted)
            {
                int h = _request[0] == 0x01 ? 4 : 2;
                _topics.Set(m.TopicId, _request, h + 4, _requestLength - h - 4);
            }

            EndRequest();
            _listener.OnRegistered(m.MsgId, m.TopicId, m.ReturnCode);
        }

        private void OnPubAck(ref TopicAckMessage m)
        {
            bool ours = _requestKind == RequestPublish && m.MsgId == _requestMsgId;
            if (!ours && !(m.MsgId == 0 && m.ReturnCode != SnReturnCode.Accepted))
            {
                return;
            }

            if (ours)
            {
                int h = _request[0] == 0x01 ? 4 : 2;
                if (m.ReturnCode == SnReturnCode.InvalidTopicId && SnFlags.GetTopicIdType(_request[h]) == SnTopicIdType.Normal)
                {
                    // §6.7: a rejected normal id must be registered again
                    _topics.Remove(m.TopicId);
                }

                EndRequest();
            }

            _listener.OnPublishCompleted(m.MsgId, m.ReturnCode);
        }

        private void OnPublish(ref PublishMessage m, long nowMs)
        {
            if ((_state != SnClientState.Active && _state != SnClientState.Awake) || m.Qos == SnQos.MinusOne)
            {
                return;
            }

            if (m.TopicIdType == SnTopicIdType.Normal && !_topics.Contains(m.TopicId))
            {
                // §6.10: unknown id
                SendTopicAck(SnMessageType.PubAck, m.TopicId, m.MsgId, SnReturnCode.InvalidTopicId, nowMs);
                return;
            }

            if (m.Qos == SnQos.ExactlyOnce)
            {
                int i = IndexOfInboundQos2(m.MsgId);
                if (i < 0)
                {
                    if (_inboundQos2Count == _inboundQos2.Length)
                    {
                        RefusedQos2++;
                        return;
                    }

                    _inboundQos2[_inboundQos2Count++] = m.MsgId;
                    _listener.OnMessage(m.TopicIdType, m.TopicId, m.Qos, m.Retain, m.Data, m.DataOffset, m.DataLength);
                }

                SendMsgId(SnMessageType.PubRec, m.MsgId, nowMs);
                return;
            }

            _listener.OnMessage(m.TopicIdType, m.TopicId, m.Qos, m.Retain, m.Data, m.DataOffset, m.DataLength);
            if (m.Qos == SnQos.AtLeastOnce)
            {
                SendTopicAck(SnMessageType.PubAck, m.TopicId, m.MsgId, SnReturnCode.Accepted, nowMs);
            }
        }

        private void OnMsgId(byte type, int msgId, long nowMs)
        {
            switch (type)
            {
                case SnMessageType.PubRec:
                    if ((_requestKind == RequestPublish || _requestKind == RequestPubRel) && msgId == _requestMsgId)
                    {
                        _requestLength = new MsgIdMessage { MsgType = SnMessageType.PubRel, MsgId = msgId }.Encode(_request, 0);
                        StartRequest(RequestPubRel, msgId, nowMs);
                    }

                    return;
                case SnMessageType.PubComp:
                    if (_requestKind == RequestPubRel && msgId == _requestMsgId)
                    {
                        EndRequest();
                        _listener.OnPublishCompleted(msgId, SnReturnCode.Accepted);
                    }

                    return;
                case SnMessageType.PubRel:
                    if (_state != SnClientState.Active && _state != SnClientState.Awake)
                    {
                        return;
                    }

                    int i = IndexOfInboundQos2(msgId);
                    if (i >= 0)
                    {
                        _inboundQos2[i] = _inboundQos2[--_inboundQos2Count];
                    }

                    SendMsgId(SnMessageType.PubComp, msgId, nowMs);
                    return;
                default:
                    if (_requestKind == RequestUnsubscribe && msgId == _requestMsgId)
                    {
                        EndRequest();
                        _listener.OnUnsubscribed(msgId, SnReturnCode.Accepted);
                    }

                    return;
            }
        }

        private void OnSubAck(ref SubAckMessage m)
        {
            if (_requestKind != RequestSubscribe || m.MsgId != _requestMsgId)
            {
                return;
            }

            int h = _request[0] == 0x01 ? 4 : 2;
            if (m.ReturnCode == SnReturnCode.Accepted && m.TopicId != 0 && SnFlags.GetTopicIdType(_request[h]) == SnTopicIdType.Normal
                && !SnTopic.HasWildcard(_request, h + 3, _requestLength - h - 3))
            {
                _topics.Set(m.TopicId, _request, h + 3, _requestLength - h - 3);
            }

            EndRequest();
            _listener.OnSubscribed(m.MsgId, m.Qos, m.TopicId, m.ReturnCode);
        }

        private void OnDisconnect()
        {
            int kind = _requestKind;
            if (kind == RequestSleep)
            {
                EndRequest();
                _state = SnClientState.Asleep;
                _pingOutstanding = false;
                _listener.OnAsleep();
                return;
            }

            if (_state == SnClientState.Disconnected || _state == SnClientState.Asleep)
            {
                return;
            }

            Drop(kind == RequestDisconnect ? SnDisconnectReason.Requested : SnDisconnectReason.ByGateway);
        }

        private int IndexOfInboundQos2(int msgId)
        {
            for (int i = 0; i < _inboundQos2Count; i++)
            {
                if (_inboundQos2[i] == msgId)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
