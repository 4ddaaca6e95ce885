using Nano.Mqtt.Codec;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// Gateway-to-client delivery (§6.6, §6.10, §6.14): buffers the broker's messages for a client, then delivers
    /// them one QoS 1/2 flow at a time: REGISTER and its REGACK first when the client does not know the topic id,
    /// then PUBLISH, PUBACK or PUBREC/PUBREL/PUBCOMP, with re-sends every T_RETRY. An awake client gets PINGRESP
    /// after its last buffered message and sleeps again.
    /// </summary>
    internal sealed class SnDelivery
    {
        private readonly SnGatewayOptions _options;
        private readonly SnGatewayStatistics _statistics;
        private readonly SnSender _send;
        private readonly SnTopicResolver _topics;

        public SnDelivery(SnGatewayOptions options, SnGatewayStatistics statistics, SnSender send, SnTopicResolver topics)
        {
            _options = options;
            _statistics = statistics;
            _send = send;
            _topics = topics;
        }

        /// <summary>Buffers a message for the client. A sleeping client's full buffer gives up its oldest QoS 0
        /// message, else the new message is dropped; both are counted.</summary>
        public void Buffer(SnGatewayClient c, PublishPacket p)
        {
            SnDeliveryQueue q = c.Queue;
            if (!q.Fits(p.Topic.Length, p.Payload.Length))
            {
                _statistics.DeliveriesAborted++; // does not fit a PUBLISH for this gateway: silently aborted [§6.10]
                return;
            }
            if (q.IsFull)
            {
                _statistics.DroppedWhileAsleep++;
                if (!q.DropOldestQos0(c.Flow != SnDeliveryFlow.None))
                {
                    return;
                }
            }
            q.Add(p.Topic.Buffer, p.Topic.Offset, p.Topic.Length, p.Payload.Buffer, p.Payload.Offset, p.Payload.Length, p.Qos, p.Retain);
        }

        /// <summary>Starts deliveries while the outbox has room; for an awake client with nothing left, PINGRESP.</summary>
        public void Deliver(SnGatewayClient c, long nowMs)
        {
            SnOutbox outbox = _send.Outbox;
            while (c.Flow == SnDeliveryFlow.None && c.Queue.Count > 0
                && (c.Status == SnClientStatus.Active || c.Status == SnClientStatus.Awake) && outbox.Free > 0)
            {
                Start(c, nowMs);
            }
            if (c.Status == SnClientStatus.Awake && c.Flow == SnDeliveryFlow.None && c.Queue.Count == 0 && outbox.Free > 0)
            {
                // PINGRESP closes the transfer, after the last buffered message [§6.14]; the client sleeps again.
                _send.HeaderOnly(c, SnMessageType.PingResp);
                c.TimerStartMs = nowMs;
                c.MoveTo(SnClientStatus.Asleep, nowMs, _statistics);
            }
        }

        /// <summary>REGACK for the gateway's REGISTER, or PUBACK for its QoS 1 PUBLISH (or an error PUBACK at any QoS).</summary>
        public bool TopicAck(SnGatewayClient c, TopicAckMessage m, long nowMs)
        {
            bool current = m.MsgId == c.FlowMsgId && c.Flow != SnDeliveryFlow.None;
            if (m.MsgType == SnMessageType.RegAck)
            {
                if (!current || c.Flow != SnDeliveryFlow.RegAck)
                {
                    return false;
                }
                c.Flow = SnDeliveryFlow.None;
                if (m.ReturnCode == SnReturnCode.Accepted)
                {
                    c.Topics.MarkKnown(c.FlowTopicId);
                    SendHead(c, nowMs);
                }
                else
                {
                    c.Topics.MarkRejected(c.FlowTopicId); // acts as an unsubscribe from this topic name [§6.10]
                    Abort(c);
                }
                return true;
            }
            if (m.ReturnCode == SnReturnCode.InvalidTopicId && m.TopicId > 0 && c.Topics.Exists(m.TopicId))
            {
                c.Topics.MarkUnknown(m.TopicId); // the next use registers it again [§6.10]
            }
            if (!current || (c.Flow != SnDeliveryFlow.PubAck && c.Flow != SnDeliveryFlow.PubRec))
            {
                return m.ReturnCode != SnReturnCode.Accepted;
            }
            if (m.ReturnCode == SnReturnCode.Accepted || c.FlowTopicIdType != SnTopicIdType.Normal || m.ReturnCode != SnReturnCode.InvalidTopicId)
            {
                if (m.ReturnCode != SnReturnCode.Accepted)
                {
                    _statistics.DeliveriesAborted++;
                }
                Complete(c);
            }
            else
            {
                c.Flow = SnDeliveryFlow.None; // re-registered, then published again
            }
            return true;
        }

        /// <summary>PUBREC and PUBCOMP from the client for the gateway's QoS 2 PUBLISH.</summary>
        public bool DeliveryAck(SnGatewayClient c, MsgIdMessage m, long nowMs)
        {
            if (m.MsgId != c.FlowMsgId)
            {
                return false;
            }
            if (m.MsgType == SnMessageType.PubRec && (c.Flow == SnDeliveryFlow.PubRec || c.Flow == SnDeliveryFlow.PubComp))
            {
                _send.MsgId(c, SnMessageType.PubRel, m.MsgId);
                Begin(c, SnDeliveryFlow.PubComp, nowMs);
                return true;
            }
            if (m.MsgType == SnMessageType.PubComp && c.Flow == SnDeliveryFlow.PubComp)
            {
                Complete(c);
                return true;
            }
            return false;
        }

        /// <summary>Re-sends at once what the flow awaits an answer to (a client that woke up).</summary>
        public void Restart(SnGatewayClient c, long nowMs)
        {
            if (c.Flow != SnDeliveryFlow.None)
            {
                c.FlowRetries = 0;
                Resend(c, nowMs);
            }
        }

        /// <summary>The T_RETRY timer of the flow in progress (§6.13).</summary>
        public SnRetry Retry(SnGatewayClient c, long nowMs)
        {
            if (c.Flow == SnDeliveryFlow.None || nowMs - c.FlowSentMs < _options.RetryIntervalMs)
            {
                return SnRetry.None;
            }
            if (c.FlowRetries >= _options.MaxRetries)
            {
                _statistics.DeliveriesUnacknowledged++;
                return SnRetry.Exhausted;
            }
            c.FlowRetries++;
            _statistics.Retries++;
            Resend(c, nowMs);
            return SnRetry.Resent;
        }

        /// <summary>Chooses how the client will know the head's topic: an id it knows, a predefined id, a short
        /// name, or an id to REGISTER first.</summary>
        private void Start(SnGatewayClient c, long nowMs)
        {
            SnDeliveryQueue q = c.Queue;
            byte[] topic = q.Topics;
            int offset = q.HeadTopicOffset;
            int length = q.HeadTopicLength;
            int id = c.Topics.Find(topic, offset, length);
            int predefined;
            if (id != 0 && c.Topics.Known(id))
            {
                c.FlowTopicIdType = SnTopicIdType.Normal;
                c.FlowTopicId = id;
            }
            else if ((predefined = _topics.PredefinedId(c, topic, offset, length)) >= 0)
            {
                c.FlowTopicIdType = SnTopicIdType.Predefined;
                c.FlowTopicId = predefined;
            }
            else if (length == 2)
            {
                c.FlowTopicIdType = SnTopicIdType.Short;
                c.FlowTopicId = (topic[offset] << 8) | topic[offset + 1];
            }
            else
            {
                if (id == 0)
                {
                    id = c.Topics.Assign(topic, offset, length);
                }
                if (id == 0 || c.Topics.Rejected(id))
                {
                    Abort(c); // no id free, or the client refused this name
                    return;
                }
                c.FlowTopicIdType = SnTopicIdType.Normal;
                c.FlowTopicId = id;
                c.FlowMsgId = c.TakeMsgId();
                if (_send.Register(c, id, c.FlowMsgId))
                {
                    _statistics.RegistersSent++;
                    Begin(c, SnDeliveryFlow.RegAck, nowMs);
                }
                else
                {
                    Abort(c); // the name does not fit a REGISTER on this link [§6.10]
                }
                return;
            }
            SendHead(c, nowMs);
        }

        private void SendHead(SnGatewayClient c, long nowMs)
        {
            int qos = c.Queue.HeadQos;
            c.FlowMsgId = qos > 0 ? c.TakeMsgId() : 0;
            if (!_send.Publish(c, false))
            {
                Abort(c); // the data does not fit a PUBLISH on this link [§6.10]
                return;
            }
            _statistics.PublishesSent++;
            if (qos == 0)
            {
                c.Queue.RemoveHead();
                return;
            }
            Begin(c, qos == 1 ? SnDeliveryFlow.PubAck : SnDeliveryFlow.PubRec, nowMs);
        }

        private static void Begin(SnGatewayClient c, SnDeliveryFlow flow, long nowMs)
        {
            c.Flow = flow;
            c.FlowSentMs = nowMs;
            c.FlowRetries = 0;
        }

        private void Abort(SnGatewayClient c)
        {
            _statistics.DeliveriesAborted++;
            Complete(c);
        }

        private static void Complete(SnGatewayClient c)
        {
            c.Flow = SnDeliveryFlow.None;
            c.Queue.RemoveHead();
        }

        /// <summary>Re-sends the message the flow awaits an answer to (PUBLISH with DUP).</summary>
        private void Resend(SnGatewayClient c, long nowMs)
        {
            c.FlowSentMs = nowMs;
            switch (c.Flow)
            {
                case SnDeliveryFlow.RegAck:
                    _send.Register(c, c.FlowTopicId, c.FlowMsgId);
                    break;
                case SnDeliveryFlow.PubAck:
                case SnDeliveryFlow.PubRec:
                    _send.Publish(c, true);
                    break;
                case SnDeliveryFlow.PubComp:
                    _send.MsgId(c, SnMessageType.PubRel, c.FlowMsgId);
                    break;
            }
        }
    }
}
