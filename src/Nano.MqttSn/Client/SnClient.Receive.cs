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
            byte type;
            SnError e = _in.Decode(buf, off, count, out type);
            if (e != SnError.None)
            {
                MalformedDatagrams++;
                return e;
            }

            Dispatch(type, nowMs);
            if (_state == SnClientState.Awake && _requestKind == RequestWake && type != SnMessageType.PingResp)
            {
                // §6.14: T_RETRY restarts on every message other than PINGRESP
                _requestDeadline = nowMs + _retryMs;
            }

            return SnError.None;
        }

        private void Dispatch(byte type, long nowMs)
        {
            switch (type)
            {
                case SnMessageType.Advertise:
                    GatewayHeard(_in.Advertise.GwId, null, 0, 0);
                    return;
                case SnMessageType.GwInfo:
                    GatewayHeard(_in.GwInfo.GwId, _in.GwInfo.GwAdd, _in.GwInfo.GwAddOffset, _in.GwInfo.GwAddLength);
                    return;
                case SnMessageType.SearchGw:
                    if (_searching)
                    {
                        // §6.1: another client's SEARCHGW counts as ours
                        BackOffSearch(nowMs);
                    }

                    return;
                case SnMessageType.WillTopicReq:
                case SnMessageType.WillMsgReq:
                case SnMessageType.PingResp:
                    OnHeaderOnly(type, nowMs);
                    return;
                case SnMessageType.ConnAck:
                    OnConnAck(_in.ReturnCode.ReturnCode, nowMs);
                    return;
                case SnMessageType.Register:
                    OnRegister(_in.Register, nowMs);
                    return;
                case SnMessageType.RegAck:
                    OnRegAck(_in.TopicAck);
                    return;
                case SnMessageType.PubAck:
                    OnPubAck(_in.TopicAck);
                    return;
                case SnMessageType.Publish:
                    OnPublish(_in.Publish, nowMs);
                    return;
                case SnMessageType.PubRec:
                case SnMessageType.PubRel:
                case SnMessageType.PubComp:
                case SnMessageType.UnsubAck:
                    OnMsgId(type, _in.MsgId.MsgId, nowMs);
                    return;
                case SnMessageType.SubAck:
                    OnSubAck(_in.SubAck);
                    return;
                case SnMessageType.PingReq:
                    if (_state == SnClientState.Active)
                    {
                        SendHeaderOnly(SnMessageType.PingResp, nowMs);
                    }

                    return;
                case SnMessageType.Disconnect:
                    OnDisconnect();
                    return;
            }

            // messages a client never receives (CONNECT, SUBSCRIBE, WILLTOPIC...) and envelopes are ignored
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
                WillTopicMessage m = _out.WillTopic;
                m.MsgType = SnMessageType.WillTopic;
                m.Qos = _willQos;
                m.Retain = _willRetain;
                m.Topic = _willTopic;
                m.TopicLength = length;
                n = m.Encode(slot, 0);
            }
            else
            {
                WillMsgMessage m = _out.WillMsg;
                m.MsgType = SnMessageType.WillMsg;
                m.Data = _willMessage;
                m.DataLength = _willMessage.Length;
                n = m.Encode(slot, 0);
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

        private void OnRegister(RegisterMessage m, long nowMs)
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

        private void OnRegAck(TopicAckMessage m)
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

        private void OnPubAck(TopicAckMessage m)
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

        private void OnPublish(PublishMessage m, long nowMs)
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
                        _out.MsgId.MsgType = SnMessageType.PubRel;
                        _out.MsgId.MsgId = msgId;
                        _requestLength = _out.MsgId.Encode(_request, 0);
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

        private void OnSubAck(SubAckMessage m)
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
