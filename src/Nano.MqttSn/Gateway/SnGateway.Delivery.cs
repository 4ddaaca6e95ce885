using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// Delivery of buffered messages to a client, one QoS 1/2 flow at a time (§6.6, §6.10): REGISTER and its REGACK
    /// first when the client does not know the topic id, then PUBLISH, PUBACK or PUBREC/PUBREL/PUBCOMP, with
    /// re-sends every T_RETRY.
    /// </summary>
    public sealed partial class SnGateway
    {
        private void Deliver(SnGatewayClient c)
        {
            while (c.Flow == SnGatewayClient.FlowNone && c.Queue.Count > 0
                && (c.Status == SnClientStatus.Active || c.Status == SnClientStatus.Awake) && _outbox.Free > 0)
            {
                StartDelivery(c);
            }
            if (c.Status == SnClientStatus.Awake && c.Flow == SnGatewayClient.FlowNone && c.Queue.Count == 0 && _outbox.Free > 0)
            {
                // PINGRESP closes the transfer, after the last buffered message [§6.14]; the client sleeps again.
                SendHeaderOnly(c, SnMessageType.PingResp);
                c.SleepStartMs = _nowMs;
                SetStatus(c, SnClientStatus.Asleep);
            }
        }

        /// <summary>Chooses how the client will know the head's topic: an id it knows, a predefined id, a short
        /// name, or an id to REGISTER first.</summary>
        private void StartDelivery(SnGatewayClient c)
        {
            SnDeliveryQueue q = c.Queue;
            byte[] topic = q.HeadTopic;
            int length = q.HeadTopicLength;
            int id = c.Topics.Find(topic, 0, length);
            int predefined;
            if (id != 0 && c.Topics.Known(id))
            {
                c.FlowTopicIdType = SnTopicIdType.Normal;
                c.FlowTopicId = id;
            }
            else if ((predefined = FindPredefinedByName(topic, 0, length)) >= 0)
            {
                c.FlowTopicIdType = SnTopicIdType.Predefined;
                c.FlowTopicId = _options.PredefinedId(predefined);
            }
            else if (length == 2)
            {
                c.FlowTopicIdType = SnTopicIdType.Short;
                c.FlowTopicId = (topic[0] << 8) | topic[1];
            }
            else
            {
                if (id == 0)
                {
                    id = c.Topics.Assign(topic, 0, length);
                }
                if (id == 0 || c.Topics.Rejected(id))
                {
                    Abort(c); // no id free, or the client refused this name
                    return;
                }
                c.FlowTopicIdType = SnTopicIdType.Normal;
                c.FlowTopicId = id;
                c.FlowMsgId = c.TakeMsgId();
                if (SendRegister(c, id, c.FlowMsgId))
                {
                    Statistics.RegistersSent++;
                    BeginFlow(c, SnGatewayClient.FlowRegAck);
                }
                else
                {
                    Abort(c); // the name does not fit a REGISTER on this link [§6.10]
                }
                return;
            }
            SendHeadPublish(c);
        }

        private void SendHeadPublish(SnGatewayClient c)
        {
            int qos = c.Queue.HeadQos;
            c.FlowMsgId = qos > 0 ? c.TakeMsgId() : 0;
            if (!SendPublish(c, false))
            {
                Abort(c); // the data does not fit a PUBLISH on this link [§6.10]
                return;
            }
            Statistics.PublishesSent++;
            if (qos == 0)
            {
                c.Queue.RemoveHead();
                return;
            }
            BeginFlow(c, qos == 1 ? SnGatewayClient.FlowPubAck : SnGatewayClient.FlowPubRec);
        }

        private void BeginFlow(SnGatewayClient c, int flow)
        {
            c.Flow = flow;
            c.FlowSentMs = _nowMs;
            c.FlowRetries = 0;
        }

        private void Abort(SnGatewayClient c)
        {
            Statistics.DeliveriesAborted++;
            Complete(c);
        }

        private void Complete(SnGatewayClient c)
        {
            c.Flow = SnGatewayClient.FlowNone;
            c.Queue.RemoveHead();
        }

        /// <summary>REGACK for the gateway's REGISTER, or PUBACK for its QoS 1 PUBLISH (or an error PUBACK at any QoS).</summary>
        private bool HandleTopicAck(SnGatewayClient c, byte[] data, int offset, int count)
        {
            TopicAckMessage m = _in.TopicAck;
            if (c == null || !c.IsConnected || m.Decode(data, offset, count) != SnError.None)
            {
                return false;
            }
            bool current = m.MsgId == c.FlowMsgId && c.Flow != SnGatewayClient.FlowNone;
            if (m.MsgType == SnMessageType.RegAck)
            {
                if (!current || c.Flow != SnGatewayClient.FlowRegAck)
                {
                    return false;
                }
                c.Flow = SnGatewayClient.FlowNone;
                if (m.ReturnCode == SnReturnCode.Accepted)
                {
                    c.Topics.MarkKnown(c.FlowTopicId);
                    SendHeadPublish(c);
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
            if (!current || (c.Flow != SnGatewayClient.FlowPubAck && c.Flow != SnGatewayClient.FlowPubRec))
            {
                return m.ReturnCode != SnReturnCode.Accepted;
            }
            if (m.ReturnCode == SnReturnCode.Accepted || c.FlowTopicIdType != SnTopicIdType.Normal || m.ReturnCode != SnReturnCode.InvalidTopicId)
            {
                if (m.ReturnCode != SnReturnCode.Accepted)
                {
                    Statistics.DeliveriesAborted++;
                }
                Complete(c);
            }
            else
            {
                c.Flow = SnGatewayClient.FlowNone; // re-registered, then published again
            }
            return true;
        }

        /// <summary>PUBREC and PUBCOMP from the client for the gateway's QoS 2 PUBLISH.</summary>
        private bool HandleDeliveryAck(SnGatewayClient c, byte[] data, int offset, int count)
        {
            MsgIdMessage m = _in.MsgId;
            if (c == null || !c.IsConnected || m.Decode(data, offset, count) != SnError.None
                || m.MsgId != c.FlowMsgId)
            {
                return false;
            }
            if (m.MsgType == SnMessageType.PubRec && (c.Flow == SnGatewayClient.FlowPubRec || c.Flow == SnGatewayClient.FlowPubComp))
            {
                SendMsgId(c, SnMessageType.PubRel, m.MsgId);
                BeginFlow(c, SnGatewayClient.FlowPubComp);
                return true;
            }
            if (m.MsgType == SnMessageType.PubComp && c.Flow == SnGatewayClient.FlowPubComp)
            {
                Complete(c);
                return true;
            }
            return false;
        }

        /// <summary>Re-sends the message the flow awaits an answer to (PUBLISH with DUP).</summary>
        private void Resend(SnGatewayClient c)
        {
            c.FlowSentMs = _nowMs;
            switch (c.Flow)
            {
                case SnGatewayClient.FlowRegAck:
                    SendRegister(c, c.FlowTopicId, c.FlowMsgId);
                    break;
                case SnGatewayClient.FlowPubAck:
                case SnGatewayClient.FlowPubRec:
                    SendPublish(c, true);
                    break;
                case SnGatewayClient.FlowPubComp:
                    SendMsgId(c, SnMessageType.PubRel, c.FlowMsgId);
                    break;
            }
        }
    }
}
