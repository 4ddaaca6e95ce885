using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>CONNECT with the Will prompts, Will updates, DISCONNECT and sleep, PINGREQ and wake-up, lost clients.</summary>
    public sealed partial class SnGateway
    {
        private bool HandleConnect(int link, byte[] address, int addressOffset, int addressLength, byte[] data, int offset, int count)
        {
            ConnectMessage m = _in.Connect;
            if (m.Decode(data, offset, count) != SnError.None)
            {
                return false;
            }
            int holder = FindByAddress(link, address, addressOffset, addressLength);
            int ci = FindByClientId(m.ClientId, m.ClientIdOffset, m.ClientIdLength);
            if (holder >= 0 && holder != ci)
            {
                // Another ClientId now speaks from this address: the previous client is gone.
                SnGatewayClient previous = _clients[holder];
                if (previous.IsConnected)
                {
                    Lose(previous);
                }
                previous.AddressLength = 0;
            }
            if (ci < 0)
            {
                ci = AllocateClient();
                if (ci < 0)
                {
                    Statistics.ConnectsRefused++;
                    SendConnAck(link, address, addressOffset, addressLength, SnReturnCode.Congestion);
                    return true;
                }
                SnGatewayClient fresh = _clients[ci];
                fresh.Reset();
                System.Array.Copy(m.ClientId, m.ClientIdOffset, fresh.ClientId, 0, m.ClientIdLength);
                fresh.ClientIdLength = m.ClientIdLength;
                fresh.Status = SnClientStatus.Disconnected;
            }
            SnGatewayClient c = _clients[ci];
            // A known ClientId is re-bound to the address its CONNECT comes from. Messages the broker already
            // handed to the old session are taken first; the new session starts from a clean broker connection.
            if (c.Connection >= 0)
            {
                PumpUpstream(c);
            }
            CloseUpstream(c, false);
            if (c.IsConnected)
            {
                SetStatus(c, SnClientStatus.Disconnected);
            }
            c.Bind(link, address, addressOffset, addressLength);
            c.CleanSession = m.CleanSession;
            if (m.CleanSession)
            {
                c.Reset(); // subscriptions and Will data [§6.3]
            }
            else
            {
                c.Topics.ForgetKnown();
            }
            c.KeepAliveMs = m.Duration * 1000L;
            c.ConnectStartMs = _nowMs;
            c.LastHeardMs = _nowMs;
            if (m.Will)
            {
                c.Status = SnClientStatus.AwaitingWillTopic;
                SendHeaderOnly(c, SnMessageType.WillTopicReq);
                return true;
            }
            OpenUpstream(c);
            return true;
        }

        private bool HandleWillTopic(SnGatewayClient c, byte[] data, int offset, int count)
        {
            WillTopicMessage m = _in.WillTopic;
            if (c == null || m.Decode(data, offset, count) != SnError.None)
            {
                return false;
            }
            bool update = m.MsgType == SnMessageType.WillTopicUpd;
            if (update ? c.Status != SnClientStatus.Active : c.Status != SnClientStatus.AwaitingWillTopic)
            {
                return false;
            }
            bool stored = true;
            if (m.TopicLength == 0)
            {
                c.ClearWill(); // an empty WILLTOPIC deletes Will topic and message [§6.2]
            }
            else if (m.TopicLength > c.WillTopic.Length)
            {
                stored = false;
            }
            else
            {
                System.Array.Copy(m.Topic, m.TopicOffset, c.WillTopic, 0, m.TopicLength);
                c.WillTopicLength = m.TopicLength;
                c.WillQos = m.Qos;
                c.WillRetain = m.Retain;
                c.HasWill = true;
            }
            if (update)
            {
                SendReturnCode(c, SnMessageType.WillTopicResp, stored ? SnReturnCode.Accepted : SnReturnCode.NotSupported);
            }
            else if (!stored)
            {
                RefuseConnect(c, SnReturnCode.NotSupported);
            }
            else if (m.TopicLength == 0)
            {
                OpenUpstream(c);
            }
            else
            {
                c.Status = SnClientStatus.AwaitingWillMessage;
                SendHeaderOnly(c, SnMessageType.WillMsgReq);
            }
            return true;
        }

        private bool HandleWillMessage(SnGatewayClient c, byte[] data, int offset, int count)
        {
            WillMsgMessage m = _in.WillMsg;
            if (c == null || m.Decode(data, offset, count) != SnError.None)
            {
                return false;
            }
            bool update = m.MsgType == SnMessageType.WillMsgUpd;
            if (update ? c.Status != SnClientStatus.Active : c.Status != SnClientStatus.AwaitingWillMessage)
            {
                return false;
            }
            bool stored = m.DataLength <= c.WillMessage.Length;
            if (stored)
            {
                System.Array.Copy(m.Data, m.DataOffset, c.WillMessage, 0, m.DataLength);
                c.WillMessageLength = m.DataLength;
            }
            if (update)
            {
                SendReturnCode(c, SnMessageType.WillMsgResp, stored ? SnReturnCode.Accepted : SnReturnCode.NotSupported);
            }
            else if (stored)
            {
                OpenUpstream(c);
            }
            else
            {
                RefuseConnect(c, SnReturnCode.NotSupported);
            }
            return true;
        }

        /// <summary>Opens the client's broker session; CONNACK follows when the broker answers.</summary>
        private void OpenUpstream(SnGatewayClient c)
        {
            c.Status = SnClientStatus.Disconnected;
            int connection = _broker.Accept(_nowMs);
            if (connection < 0)
            {
                RefuseConnect(c, SnReturnCode.Congestion);
                return;
            }
            c.Connection = connection;
            c.AwaitingConnAck = true;
            if (!MqttConnect(c))
            {
                CloseUpstream(c, true);
                RefuseConnect(c, SnReturnCode.Congestion);
            }
        }

        /// <summary>The broker's CONNACK for the client's session.</summary>
        private void ConnAckReceived(SnGatewayClient c, bool accepted, bool serverUnavailable)
        {
            c.AwaitingConnAck = false;
            if (!accepted)
            {
                CloseUpstream(c, true);
                RefuseConnect(c, serverUnavailable ? SnReturnCode.Congestion : SnReturnCode.NotSupported);
                return;
            }
            Statistics.Connects++;
            c.LastHeardMs = _nowMs;
            c.Flow = SnGatewayClient.FlowNone;
            SetStatus(c, SnClientStatus.Active);
            SendReturnCode(c, SnMessageType.ConnAck, SnReturnCode.Accepted);
        }

        private void RefuseConnect(SnGatewayClient c, byte returnCode)
        {
            Statistics.ConnectsRefused++;
            c.Status = SnClientStatus.Disconnected;
            c.ReleasedAtMs = _nowMs;
            SendReturnCode(c, SnMessageType.ConnAck, returnCode);
        }

        private void SendConnAck(int link, byte[] address, int offset, int length, byte returnCode)
        {
            int slot = Reserve();
            if (slot >= 0)
            {
                ReturnCodeMessage m = _out.ReturnCode;
                m.MsgType = SnMessageType.ConnAck;
                m.ReturnCode = returnCode;
                Commit(slot, m.Encode(_outbox.Buffer(slot), 0), link, address, offset, length, false);
            }
        }

        private bool HandleDisconnect(SnGatewayClient c, int link, byte[] address, int addressOffset, int addressLength, byte[] data, int offset, int count)
        {
            DisconnectMessage m = _in.Disconnect;
            if (m.Decode(data, offset, count) != SnError.None)
            {
                return false;
            }
            if (c != null && c.IsConnected && m.HasDuration && m.Duration > 0)
            {
                // Asleep: the broker session stays open and its messages are buffered here (§6.14).
                c.SleepMs = m.Duration * 1000L;
                c.SleepStartMs = _nowMs;
                SetStatus(c, SnClientStatus.Asleep);
            }
            else if (c != null && c.Status != SnClientStatus.Free)
            {
                CloseUpstream(c, false);
                SetStatus(c, SnClientStatus.Disconnected); // not supervised; no Will [§6.12]
            }
            SendDisconnect(link, address, addressOffset, addressLength);
            return true;
        }

        private bool HandlePingReq(SnGatewayClient c, int link, byte[] address, int addressOffset, int addressLength, byte[] data, int offset, int count)
        {
            PingReqMessage m = _in.PingReq;
            if (m.Decode(data, offset, count) != SnError.None)
            {
                return false;
            }
            if (m.ClientIdLength > 0)
            {
                int ci = FindByClientId(m.ClientId, m.ClientIdOffset, m.ClientIdLength);
                c = ci < 0 ? null : _clients[ci];
                if (c != null && c.IsSleeping && !c.HasAddress(link, address, addressOffset, addressLength))
                {
                    int holder = FindByAddress(link, address, addressOffset, addressLength);
                    if (holder >= 0)
                    {
                        _clients[holder].AddressLength = 0;
                    }
                    c.Bind(link, address, addressOffset, addressLength);
                }
            }
            if (c == null || !c.IsConnected)
            {
                SendDisconnect(link, address, addressOffset, addressLength);
                return true;
            }
            if (c.Status == SnClientStatus.Active)
            {
                SendHeaderOnly(c, SnMessageType.PingResp);
                return true;
            }
            // Wake-up: deliver what was buffered, then PINGRESP (see Deliver), then asleep again [§6.14].
            if (c.Status == SnClientStatus.Asleep)
            {
                SetStatus(c, SnClientStatus.Awake);
                if (c.Flow != SnGatewayClient.FlowNone)
                {
                    c.FlowRetries = 0;
                    Resend(c);
                }
            }
            return true;
        }

        /// <summary>Ends the client's broker session: DISCONNECT when <paramref name="lost"/> is false, else a lost connection.</summary>
        private void CloseUpstream(SnGatewayClient c, bool lost)
        {
            int connection = c.Connection;
            if (connection < 0)
            {
                return;
            }
            if (lost || !MqttDisconnect(c))
            {
                _broker.ConnectionLost(connection, _nowMs);
            }
            _broker.Closed(connection);
            c.Connection = -1;
            c.AwaitingConnAck = false;
        }

        /// <summary>The broker closed the client's session on its own (a takeover by another connection with the
        /// same ClientId, or a protocol error): the Will is published as for a displaced connection [MQTT-3.1.4-2]
        /// and the client told with DISCONNECT.</summary>
        private void UpstreamClosed(SnGatewayClient c)
        {
            _broker.Closed(c.Connection);
            c.Connection = -1;
            if (c.AwaitingConnAck)
            {
                c.AwaitingConnAck = false;
                RefuseConnect(c, SnReturnCode.Congestion);
                return;
            }
            if (c.IsConnected)
            {
                PublishWill(c);
                SetStatus(c, SnClientStatus.Disconnected);
                SendDisconnect(c.Link, c.Address, 0, c.AddressLength);
            }
        }

        /// <summary>Keep-alive or sleep timer expired, or re-sends went unanswered: lost, Will published [§6.14].</summary>
        private void Lose(SnGatewayClient c)
        {
            Statistics.ClientsLost++;
            PublishWill(c);
            CloseUpstream(c, true);
            SetStatus(c, SnClientStatus.Lost);
        }

        private void PublishWill(SnGatewayClient c)
        {
            if (c.HasWill && c.WillTopicLength > 0
                && _broker.Publish(c.WillTopic, 0, c.WillTopicLength, c.WillMessage, 0, c.WillMessageLength, c.WillQos, c.WillRetain, _nowMs))
            {
                Statistics.WillsPublished++;
            }
        }

        /// <summary>A free slot, else the one disconnected or lost longest ago; -1 when every client is connected.</summary>
        private int AllocateClient()
        {
            int oldest = -1;
            for (int i = 0; i < _clients.Length; i++)
            {
                SnGatewayClient c = _clients[i];
                if (c.Status == SnClientStatus.Free)
                {
                    return i;
                }
                if ((c.Status == SnClientStatus.Disconnected || c.Status == SnClientStatus.Lost) && c.Connection < 0
                    && (oldest < 0 || c.ReleasedAtMs - _clients[oldest].ReleasedAtMs < 0))
                {
                    oldest = i;
                }
            }
            return oldest;
        }
    }
}
