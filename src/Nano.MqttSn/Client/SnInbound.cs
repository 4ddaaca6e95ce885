using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Client
{
    /// <summary>
    /// What the gateway sends the client unasked: REGISTER of topic ids (§6.10) and PUBLISH at QoS 0,
    /// 1 and 2 with its acknowledgements (§6.6, §6.7), each QoS 2 message delivered once until PUBREL.
    /// </summary>
    internal sealed class SnInbound
    {
        private readonly ISnClientListener _listener;
        private readonly SnTopicTable _topics;
        private readonly SnClientOutput _out;
        private readonly SnTopicTable _predefined;
        private readonly byte[] _shortName = new byte[2];
        private readonly int[] _qos2Ids;
        private int _qos2Count;

        public SnInbound(ISnClientListener listener, SnTopicTable topics, SnTopicTable predefined, SnClientOutput output, int maxInboundQos2)
        {
            _listener = listener;
            _topics = topics;
            _predefined = predefined;
            _out = output;
            _qos2Ids = new int[maxInboundQos2];
        }

        /// <summary>QoS 2 PUBLISHes ignored because the id memory was full (the gateway re-sends).</summary>
        public int RefusedQos2;

        /// <summary>Forgets the QoS 2 ids awaiting PUBREL (clean session).</summary>
        public void ClearSession() => _qos2Count = 0;

        /// <summary>REGISTER from the gateway: stores the mapping and answers REGACK.</summary>
        public void OnRegister(RegisterMessage m, long nowMs)
        {
            byte returnCode = SnReturnCode.Accepted;
            if (m.TopicId == 0)
            {
                returnCode = SnReturnCode.InvalidTopicId;
            }
            else if (!_topics.Set(m.TopicId, m.TopicName, m.TopicNameOffset, m.TopicNameLength))
            {
                returnCode = SnReturnCode.Congestion;
            }

            _out.SendTopicAck(SnMessageType.RegAck, m.TopicId, m.MsgId, returnCode, nowMs);
        }

        /// <summary>PUBLISH from the gateway: delivered, acknowledged, or refused for an unknown topic id.</summary>
        public void OnPublish(PublishMessage m, long nowMs)
        {
            if (m.Qos == SnQos.MinusOne)
            {
                return;
            }

            if (m.TopicIdType == SnTopicIdType.Normal && !_topics.Contains(m.TopicId))
            {
                // §6.10: unknown id
                _out.SendTopicAck(SnMessageType.PubAck, m.TopicId, m.MsgId, SnReturnCode.InvalidTopicId, nowMs);
                return;
            }

            if (m.Qos == SnQos.ExactlyOnce)
            {
                if (IndexOfQos2(m.MsgId) < 0)
                {
                    if (_qos2Count == _qos2Ids.Length)
                    {
                        RefusedQos2++;
                        return;
                    }

                    _qos2Ids[_qos2Count++] = m.MsgId;
                    Deliver(m);
                }

                _out.SendMsgId(SnMessageType.PubRec, m.MsgId, nowMs);
                return;
            }

            Deliver(m);
            if (m.Qos == SnQos.AtLeastOnce)
            {
                _out.SendTopicAck(SnMessageType.PubAck, m.TopicId, m.MsgId, SnReturnCode.Accepted, nowMs);
            }
        }

        /// <summary>PUBREL: the QoS 2 id is released and PUBCOMP answers.</summary>
        public void OnPubRel(int msgId, long nowMs)
        {
            int i = IndexOfQos2(msgId);
            if (i >= 0)
            {
                _qos2Ids[i] = _qos2Ids[--_qos2Count];
            }

            _out.SendMsgId(SnMessageType.PubComp, msgId, nowMs);
        }

        private void Deliver(PublishMessage m)
        {
            byte[] name = _shortName;
            int offset = 0;
            int length = 2;
            if (m.TopicIdType == SnTopicIdType.Short)
            {
                _shortName[0] = (byte)(m.TopicId >> 8);
                _shortName[1] = (byte)m.TopicId;
            }
            else
            {
                SnTopicTable table = m.TopicIdType == SnTopicIdType.Predefined ? _predefined : _topics;
                name = table.Names;
                length = table.NameOf(m.TopicId, out offset);
                if (length < 0)
                {
                    name = null;
                    length = 0;
                }
            }

            _listener.OnMessage(m.TopicIdType, m.TopicId, name, offset, length, m.Qos, m.Retain, m.Data, m.DataOffset, m.DataLength);
        }

        private int IndexOfQos2(int msgId)
        {
            for (int i = 0; i < _qos2Count; i++)
            {
                if (_qos2Ids[i] == msgId)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
