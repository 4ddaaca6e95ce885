using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Client
{
    public sealed partial class SnClient
    {
        /// <summary>Runs timers: SEARCHGW back-off, T_RETRY re-sends (DUP set on PUBLISH and SUBSCRIBE), keep-alive PINGREQ.</summary>
        public void Poll(long nowMs)
        {
            if (_searching && nowMs >= _searchAt)
            {
                byte[] slot = _tx.Tail;
                if (slot == null)
                {
                    DroppedDatagrams++;
                }
                else
                {
                    _out.SearchGw.Radius = _searchRadius;
                    Commit(_out.SearchGw.Encode(slot, 0), true, nowMs);
                }

                BackOffSearch(nowMs);
            }

            if (_requestKind != RequestNone && nowMs >= _requestDeadline)
            {
                if (_requestRetries >= _maxRetries)
                {
                    GiveUp();
                }
                else
                {
                    _requestRetries++;
                    if (_requestKind == RequestPublish || _requestKind == RequestSubscribe)
                    {
                        // §6.13: re-sent PUBLISH and SUBSCRIBE carry DUP
                        _request[_request[0] == 0x01 ? 4 : 2] |= SnFlags.Dup;
                    }

                    SendRequest(nowMs);
                }
            }

            if (_state == SnClientState.Active && _keepAliveMs > 0)
            {
                if (_pingOutstanding)
                {
                    if (nowMs >= _pingDeadline)
                    {
                        if (_pingRetries >= _maxRetries)
                        {
                            Drop(SnDisconnectReason.Lost);
                            return;
                        }

                        _pingRetries++;
                        SendPing(nowMs);
                    }
                }
                else if (nowMs - _lastSendMs >= _keepAliveMs)
                {
                    _pingOutstanding = true;
                    _pingRetries = 0;
                    SendPing(nowMs);
                }
            }
        }

        private void BackOffSearch(long nowMs)
        {
            _searchAt = nowMs + _searchInterval;
            _searchInterval = _searchInterval >= _searchMaxRetryMs / 2 ? _searchMaxRetryMs : _searchInterval * 2;
        }

        private void GiveUp()
        {
            int kind = _requestKind;
            int msgId = _requestMsgId;
            EndRequest();
            switch (kind)
            {
                case RequestWake:
                    // §6.14: no PINGRESP after the retries: back to sleep
                    _state = SnClientState.Asleep;
                    _listener.OnAsleep();
                    return;
                case RequestPublish:
                case RequestPubRel:
                    _listener.OnPublishCompleted(msgId, NoResponse);
                    break;
                case RequestRegister:
                    _listener.OnRegistered(msgId, 0, NoResponse);
                    break;
                case RequestSubscribe:
                    _listener.OnSubscribed(msgId, 0, 0, NoResponse);
                    break;
                case RequestUnsubscribe:
                    _listener.OnUnsubscribed(msgId, NoResponse);
                    break;
            }

            Drop(SnDisconnectReason.Lost);
        }

        private void Drop(SnDisconnectReason reason)
        {
            EndRequest();
            _pingOutstanding = false;
            _state = SnClientState.Disconnected;
            _listener.OnDisconnected(reason, 0);
        }

        private void StartRequest(int kind, int msgId, long nowMs)
        {
            _requestKind = kind;
            _requestMsgId = msgId;
            _requestRetries = 0;
            SendRequest(nowMs);
        }

        private void EndRequest()
        {
            _requestKind = RequestNone;
            _requestMsgId = 0;
        }

        private void SendRequest(long nowMs)
        {
            _requestDeadline = nowMs + _retryMs;
            byte[] slot = _tx.Tail;
            if (slot == null)
            {
                DroppedDatagrams++;
                return;
            }

            System.Array.Copy(_request, 0, slot, 0, _requestLength);
            Commit(_requestLength, false, nowMs);
        }

        private void SendPing(long nowMs)
        {
            _pingDeadline = nowMs + _retryMs;
            SendHeaderOnly(SnMessageType.PingReq, nowMs);
        }

        private void SendHeaderOnly(byte type, long nowMs)
        {
            byte[] slot = _tx.Tail;
            if (slot == null)
            {
                DroppedDatagrams++;
                return;
            }

            slot[0] = 2;
            slot[1] = type;
            Commit(2, false, nowMs);
        }

        private void SendMsgId(byte type, int msgId, long nowMs)
        {
            byte[] slot = _tx.Tail;
            if (slot == null)
            {
                DroppedDatagrams++;
                return;
            }

            MsgIdMessage m = _out.MsgId;
            m.MsgType = type;
            m.MsgId = msgId;
            Commit(m.Encode(slot, 0), false, nowMs);
        }

        private void SendTopicAck(byte type, int topicId, int msgId, byte returnCode, long nowMs)
        {
            byte[] slot = _tx.Tail;
            if (slot == null)
            {
                DroppedDatagrams++;
                return;
            }

            TopicAckMessage m = _out.TopicAck;
            m.MsgType = type;
            m.TopicId = topicId;
            m.MsgId = msgId;
            m.ReturnCode = returnCode;
            Commit(m.Encode(slot, 0), false, nowMs);
        }

        private void Commit(int length, bool broadcast, long nowMs)
        {
            _tx.Commit(length, broadcast);
            if (!broadcast)
            {
                _lastSendMs = nowMs;
            }
        }
    }
}
