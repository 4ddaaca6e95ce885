using Nano.Mqtt.Broker;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// The life of a client (§6.2–§6.4, §6.12, §6.14): CONNECT with the Will prompts and its broker session,
    /// Will updates, DISCONNECT and sleep, PINGREQ and wake-up, keep-alive and sleep supervision, lost clients
    /// and their Wills.
    /// </summary>
    internal sealed class SnSessions
    {
        private readonly SnGatewayOptions _options;
        private readonly SnGatewayStatistics _statistics;
        private readonly BrokerEngine _broker;
        private readonly SnClientTable _clients;
        private readonly SnSender _send;
        private readonly SnMqttTranslator _mqtt;
        private readonly SnDelivery _delivery;

        public SnSessions(SnGatewayOptions options, SnGatewayStatistics statistics, BrokerEngine broker, SnClientTable clients, SnSender send, SnMqttTranslator mqtt, SnDelivery delivery)
        {
            _options = options;
            _statistics = statistics;
            _broker = broker;
            _clients = clients;
            _send = send;
            _mqtt = mqtt;
            _delivery = delivery;
        }

        /// <summary>CONNECT from an address. A known ClientId is re-bound to the address its CONNECT comes from;
        /// the new session starts from a clean broker connection.</summary>
        public void Connect(int link, byte[] address, int addressOffset, int addressLength, ConnectMessage m, long nowMs)
        {
            if (_options.MaxKeepAliveSeconds > 0 && (m.Duration == 0 || m.Duration > _options.MaxKeepAliveSeconds))
            {
                _statistics.ConnectsRefused++;
                _send.ConnAck(link, address, addressOffset, addressLength, SnReturnCode.NotSupported);
                return;
            }
            SnGatewayClient holder = _clients.ByAddress(link, address, addressOffset, addressLength);
            SnGatewayClient c = _clients.ByClientId(m.ClientId, m.ClientIdOffset, m.ClientIdLength);
            if (holder != null && holder != c)
            {
                // Another ClientId now speaks from this address: the previous client is gone.
                if (holder.IsConnected)
                {
                    Lose(holder, nowMs);
                }
                holder.AddressLength = 0;
            }
            if (c == null)
            {
                c = _clients.Allocate();
                if (c == null)
                {
                    _statistics.ConnectsRefused++;
                    _send.ConnAck(link, address, addressOffset, addressLength, SnReturnCode.Congestion);
                    return;
                }
                c.Reset();
                System.Array.Copy(m.ClientId, m.ClientIdOffset, c.Identity, 0, m.ClientIdLength);
                c.ClientIdLength = m.ClientIdLength;
            }
            CloseUpstream(c, false, nowMs);
            c.MoveTo(SnClientStatus.Disconnected, nowMs, _statistics);
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
            c.TimerStartMs = nowMs;
            if (m.Will)
            {
                c.MoveTo(SnClientStatus.AwaitingWillTopic, nowMs, _statistics);
                _send.HeaderOnly(c, SnMessageType.WillTopicReq);
                return;
            }
            OpenUpstream(c, nowMs);
        }

        /// <summary>WILLTOPIC during CONNECT, or WILLTOPICUPD while active (§6.3, §6.4).</summary>
        public bool WillTopic(SnGatewayClient c, WillTopicMessage m, long nowMs)
        {
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
            else if (m.TopicLength > c.WillMessageOffset)
            {
                stored = false;
            }
            else
            {
                System.Array.Copy(m.Topic, m.TopicOffset, c.Will, 0, m.TopicLength);
                c.WillTopicLength = m.TopicLength;
                c.WillQos = m.Qos;
                c.WillRetain = m.Retain;
            }
            if (update)
            {
                _send.ReturnCode(c, SnMessageType.WillTopicResp, stored ? SnReturnCode.Accepted : SnReturnCode.NotSupported);
            }
            else if (!stored)
            {
                RefuseConnect(c, SnReturnCode.NotSupported, nowMs);
            }
            else if (m.TopicLength == 0)
            {
                OpenUpstream(c, nowMs);
            }
            else
            {
                c.MoveTo(SnClientStatus.AwaitingWillMessage, nowMs, _statistics);
                _send.HeaderOnly(c, SnMessageType.WillMsgReq);
            }
            return true;
        }

        /// <summary>WILLMSG during CONNECT, or WILLMSGUPD while active (§6.3, §6.4).</summary>
        public bool WillMessage(SnGatewayClient c, WillMsgMessage m, long nowMs)
        {
            bool update = m.MsgType == SnMessageType.WillMsgUpd;
            if (update ? c.Status != SnClientStatus.Active : c.Status != SnClientStatus.AwaitingWillMessage)
            {
                return false;
            }
            bool stored = m.DataLength <= c.Will.Length - c.WillMessageOffset;
            if (stored)
            {
                System.Array.Copy(m.Data, m.DataOffset, c.Will, c.WillMessageOffset, m.DataLength);
                c.WillMessageLength = m.DataLength;
            }
            if (update)
            {
                _send.ReturnCode(c, SnMessageType.WillMsgResp, stored ? SnReturnCode.Accepted : SnReturnCode.NotSupported);
            }
            else if (stored)
            {
                OpenUpstream(c, nowMs);
            }
            else
            {
                RefuseConnect(c, SnReturnCode.NotSupported, nowMs);
            }
            return true;
        }

        /// <summary>The broker's CONNACK for the client's session.</summary>
        public void ConnAckReceived(SnGatewayClient c, bool accepted, bool serverUnavailable, long nowMs)
        {
            c.AwaitingConnAck = false;
            if (!accepted)
            {
                CloseUpstream(c, true, nowMs);
                RefuseConnect(c, serverUnavailable ? SnReturnCode.Congestion : SnReturnCode.NotSupported, nowMs);
                return;
            }
            _statistics.Connects++;
            c.TimerStartMs = nowMs;
            c.Flow = SnDeliveryFlow.None;
            c.MoveTo(SnClientStatus.Active, nowMs, _statistics);
            _send.ReturnCode(c, SnMessageType.ConnAck, SnReturnCode.Accepted);
        }

        /// <summary>DISCONNECT: asleep with a Duration, else disconnected; answered with DISCONNECT (§6.12, §6.14).</summary>
        public void Disconnect(SnGatewayClient c, int link, byte[] address, int addressOffset, int addressLength, DisconnectMessage m, long nowMs)
        {
            if (c != null && c.IsConnected && m.HasDuration && m.Duration > 0)
            {
                // Asleep: the broker session stays open and its messages are buffered here (§6.14).
                c.SleepMs = m.Duration * 1000L;
                c.TimerStartMs = nowMs;
                c.MoveTo(SnClientStatus.Asleep, nowMs, _statistics);
            }
            else if (c != null && c.Status != SnClientStatus.Free)
            {
                CloseUpstream(c, false, nowMs);
                c.MoveTo(SnClientStatus.Disconnected, nowMs, _statistics); // not supervised; no Will [§6.12]
            }
            _send.Disconnect(link, address, addressOffset, addressLength);
        }

        /// <summary>PINGREQ: PINGRESP for an active client; with a ClientId, the wake-up of a sleeping one, whose
        /// buffered messages go first (the PINGRESP follows from <see cref="SnDelivery.Deliver"/>) [§6.14].</summary>
        public void PingReq(SnGatewayClient c, int link, byte[] address, int addressOffset, int addressLength, PingReqMessage m, long nowMs)
        {
            if (m.ClientIdLength > 0)
            {
                c = _clients.ByClientId(m.ClientId, m.ClientIdOffset, m.ClientIdLength);
                if (c != null && c.IsSleeping && !c.HasAddress(link, address, addressOffset, addressLength))
                {
                    SnGatewayClient holder = _clients.ByAddress(link, address, addressOffset, addressLength);
                    if (holder != null)
                    {
                        holder.AddressLength = 0;
                    }
                    c.Bind(link, address, addressOffset, addressLength);
                }
            }
            if (c == null || !c.IsConnected)
            {
                _send.Disconnect(link, address, addressOffset, addressLength);
                return;
            }
            if (c.Status == SnClientStatus.Active)
            {
                _send.HeaderOnly(c, SnMessageType.PingResp);
                return;
            }
            if (c.Status == SnClientStatus.Asleep)
            {
                c.MoveTo(SnClientStatus.Awake, nowMs, _statistics);
                _delivery.Restart(c, nowMs);
            }
        }

        /// <summary>The broker closed the client's session on its own (a takeover by another connection with the
        /// same ClientId, or a protocol error): the Will is published as for a displaced connection [MQTT-3.1.4-2]
        /// and the client told with DISCONNECT.</summary>
        public void UpstreamClosed(SnGatewayClient c, long nowMs)
        {
            _broker.Closed(c.Connection);
            c.Connection = -1;
            if (c.AwaitingConnAck)
            {
                c.AwaitingConnAck = false;
                RefuseConnect(c, SnReturnCode.Congestion, nowMs);
                return;
            }
            if (c.IsConnected)
            {
                PublishWill(c, nowMs);
                c.MoveTo(SnClientStatus.Disconnected, nowMs, _statistics);
                _send.Disconnect(c.Link, c.Identity, SnGatewayClient.AddressOffset, c.AddressLength);
            }
        }

        /// <summary>Supervision (§6.14, §7.2): the Will prompts, keep-alive and sleep timers with a 1.5 tolerance,
        /// and the re-sends of deliveries.</summary>
        public void Supervise(SnGatewayClient c, long nowMs)
        {
            switch (c.Status)
            {
                case SnClientStatus.AwaitingWillTopic:
                case SnClientStatus.AwaitingWillMessage:
                    if (nowMs - c.TimerStartMs > (long)_options.RetryIntervalMs * (_options.MaxRetries + 1))
                    {
                        c.MoveTo(SnClientStatus.Disconnected, nowMs, _statistics);
                    }
                    return;
                case SnClientStatus.Active:
                    if (c.KeepAliveMs > 0 && nowMs - c.TimerStartMs > c.KeepAliveMs * 3 / 2)
                    {
                        Lose(c, nowMs);
                        return;
                    }
                    break;
                case SnClientStatus.Asleep:
                    if (nowMs - c.TimerStartMs > c.SleepMs * 3 / 2)
                    {
                        Lose(c, nowMs);
                    }
                    return;
                case SnClientStatus.Awake:
                    break;
                default:
                    return;
            }
            if (_delivery.Retry(c, nowMs) != SnRetry.Exhausted)
            {
                return;
            }
            if (c.Status == SnClientStatus.Awake)
            {
                // The client went back to sleep without taking the rest; it stays buffered.
                c.TimerStartMs = nowMs;
                c.MoveTo(SnClientStatus.Asleep, nowMs, _statistics);
            }
            else
            {
                Lose(c, nowMs);
            }
        }

        /// <summary>Opens the client's broker session; CONNACK follows when the broker answers.</summary>
        private void OpenUpstream(SnGatewayClient c, long nowMs)
        {
            c.MoveTo(SnClientStatus.Disconnected, nowMs, _statistics);
            int connection = _broker.Accept(nowMs);
            if (connection < 0)
            {
                RefuseConnect(c, SnReturnCode.Congestion, nowMs);
                return;
            }
            c.Connection = connection;
            c.AwaitingConnAck = true;
            if (!_mqtt.Connect(c, nowMs))
            {
                CloseUpstream(c, true, nowMs);
                RefuseConnect(c, SnReturnCode.Congestion, nowMs);
            }
        }

        private void RefuseConnect(SnGatewayClient c, byte returnCode, long nowMs)
        {
            _statistics.ConnectsRefused++;
            c.MoveTo(SnClientStatus.Disconnected, nowMs, _statistics);
            _send.ReturnCode(c, SnMessageType.ConnAck, returnCode);
        }

        /// <summary>Ends the client's broker session: DISCONNECT when <paramref name="lost"/> is false, else a lost connection.</summary>
        private void CloseUpstream(SnGatewayClient c, bool lost, long nowMs)
        {
            int connection = c.Connection;
            if (connection < 0)
            {
                return;
            }
            if (lost || !_mqtt.Disconnect(c, nowMs))
            {
                _broker.ConnectionLost(connection, nowMs);
            }
            _broker.Closed(connection);
            c.Connection = -1;
            c.AwaitingConnAck = false;
        }

        /// <summary>Keep-alive or sleep timer expired, or re-sends went unanswered: lost, Will published [§6.14].</summary>
        private void Lose(SnGatewayClient c, long nowMs)
        {
            _statistics.ClientsLost++;
            PublishWill(c, nowMs);
            CloseUpstream(c, true, nowMs);
            c.MoveTo(SnClientStatus.Lost, nowMs, _statistics);
        }

        private void PublishWill(SnGatewayClient c, long nowMs)
        {
            if (c.WillTopicLength > 0
                && _broker.Publish(c.Will, 0, c.WillTopicLength, c.Will, c.WillMessageOffset, c.WillMessageLength, c.WillQos, c.WillRetain, nowMs))
            {
                _statistics.WillsPublished++;
            }
        }
    }
}
