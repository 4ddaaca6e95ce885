using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// Encodes the gateway's MQTT-SN messages into one datagram buffer and queues them in the <see cref="SnOutbox"/>, addressed to a
    /// client, an address, or a link's broadcast; one instance per message type, shared with the decoder. A message that does
    /// not fit the link's datagram size is not queued.
    /// </summary>
    internal sealed class SnSender
    {
        private readonly SnOutbox _outbox;
        /// <summary>Per link, <see cref="LinkFields"/> ints: its largest datagram, then the offset and length of the
        /// part of its addresses that may change while the client stays the same.</summary>
        private readonly int[] _links;
        private const int LinkFields = 3;
        private readonly byte[] _datagram;
        private readonly SnMessageSet _messages;
        private readonly SnGatewayStatistics _statistics;
        private int _linkCount;

        /// <summary>Encodes from <paramref name="messages"/>, the instances received datagrams are decoded into: a
        /// handler reads what it needs of the message it received before it sends one of the same type.</summary>
        public SnSender(SnGatewayOptions options, SnGatewayStatistics statistics, SnMessageSet messages)
        {
            _messages = messages;
            _outbox = new SnOutbox(options.MaxPendingDatagrams, options.MaxDatagramSize, options.MaxAddressLength);
            _links = new int[options.MaxLinks * LinkFields];
            _datagram = new byte[options.MaxDatagramSize];
            _statistics = statistics;
        }

        public SnOutbox Outbox => _outbox;

        public int LinkCount => _linkCount;

        /// <summary>Registers a link of <paramref name="maxDatagram"/> octets whose addresses may change in
        /// <paramref name="changingLength"/> octets at <paramref name="changingOffset"/>; its id, or -1 when all are taken.</summary>
        public int AddLink(int maxDatagram, int changingOffset, int changingLength)
        {
            if (_linkCount * LinkFields == _links.Length || maxDatagram < 2)
            {
                return -1;
            }
            int at = _linkCount * LinkFields;
            _links[at] = maxDatagram;
            _links[at + 1] = changingOffset;
            _links[at + 2] = changingLength;
            return _linkCount++;
        }

        /// <summary>Where the changing part of the link's addresses starts.</summary>
        public int ChangingOffset(int link) => _links[link * LinkFields + 1];

        /// <summary>Octets of the link's addresses that may change while the client stays the same; 0 for none.</summary>
        public int ChangingLength(int link) => _links[link * LinkFields + 2];

        public bool HeaderOnly(SnGatewayClient c, byte type)
        {
            HeaderOnlyMessage m = _messages.HeaderOnly;
            m.MsgType = type;
            int slot = Reserve();
            return slot >= 0 && Commit(slot, m.Encode(_datagram, 0), c);
        }

        public bool ReturnCode(SnGatewayClient c, byte type, byte returnCode)
        {
            ReturnCodeMessage m = _messages.ReturnCode;
            m.MsgType = type;
            m.ReturnCode = returnCode;
            int slot = Reserve();
            return slot >= 0 && Commit(slot, m.Encode(_datagram, 0), c);
        }

        /// <summary>CONNACK to an address that has no client slot.</summary>
        public bool ConnAck(int link, byte[] address, int offset, int length, byte returnCode)
        {
            ReturnCodeMessage m = _messages.ReturnCode;
            m.MsgType = SnMessageType.ConnAck;
            m.ReturnCode = returnCode;
            int slot = Reserve();
            return slot >= 0 && Commit(slot, m.Encode(_datagram, 0), link, address, offset, length, false);
        }

        public bool TopicAck(SnGatewayClient c, byte type, int topicId, int msgId, byte returnCode)
        {
            TopicAckMessage m = _messages.TopicAck;
            m.MsgType = type;
            m.TopicId = topicId;
            m.MsgId = msgId;
            m.ReturnCode = returnCode;
            int slot = Reserve();
            return slot >= 0 && Commit(slot, m.Encode(_datagram, 0), c);
        }

        public bool MsgId(SnGatewayClient c, byte type, int msgId)
        {
            MsgIdMessage m = _messages.MsgId;
            m.MsgType = type;
            m.MsgId = msgId;
            int slot = Reserve();
            return slot >= 0 && Commit(slot, m.Encode(_datagram, 0), c);
        }

        public bool SubAck(SnGatewayClient c, int qos, int topicId, int msgId, byte returnCode)
        {
            SubAckMessage m = _messages.SubAck;
            m.Qos = qos;
            m.TopicId = topicId;
            m.MsgId = msgId;
            m.ReturnCode = returnCode;
            int slot = Reserve();
            return slot >= 0 && Commit(slot, m.Encode(_datagram, 0), c);
        }

        /// <summary>A gateway DISCONNECT never carries a Duration (§5.4.21).</summary>
        public bool Disconnect(int link, byte[] address, int offset, int length)
        {
            DisconnectMessage m = _messages.Disconnect;
            m.Clear();
            int slot = Reserve();
            return slot >= 0 && Commit(slot, m.Encode(_datagram, 0), link, address, offset, length, false);
        }

        public bool Register(SnGatewayClient c, int topicId, int msgId)
        {
            RegisterMessage m = _messages.Register;
            m.TopicId = topicId;
            m.MsgId = msgId;
            m.TopicName = c.Topics.Names;
            m.TopicNameOffset = c.Topics.NameOffset(topicId);
            m.TopicNameLength = c.Topics.NameLength(topicId);
            int slot = Reserve();
            return slot >= 0 && Commit(slot, m.Encode(_datagram, 0), c);
        }

        /// <summary>The client's queue head as PUBLISH with the flow's topic id and MsgId.</summary>
        public bool Publish(SnGatewayClient c, bool dup)
        {
            SnDeliveryQueue q = c.Queue;
            PublishMessage m = _messages.Publish;
            m.Dup = dup;
            m.Qos = q.HeadQos;
            m.Retain = q.HeadRetain;
            m.TopicIdType = c.FlowTopicIdType;
            m.TopicId = c.FlowTopicId;
            m.MsgId = q.HeadQos > 0 ? c.FlowMsgId : 0;
            m.Data = q.Payloads;
            m.DataOffset = q.HeadPayloadOffset;
            m.DataLength = q.HeadPayloadLength;
            int slot = Reserve();
            return slot >= 0 && Commit(slot, m.Encode(_datagram, 0), c);
        }

        /// <summary>ADVERTISE broadcast on every link (§6.1); returns how many were queued.</summary>
        public int Advertise(byte gatewayId, int durationSeconds)
        {
            AdvertiseMessage m = _messages.Advertise;
            m.GwId = gatewayId;
            m.Duration = durationSeconds;
            int queued = 0;
            for (int link = 0; link < _linkCount; link++)
            {
                int slot = Reserve();
                if (slot >= 0 && Commit(slot, m.Encode(_datagram, 0), link, null, 0, 0, true))
                {
                    queued++;
                }
            }
            return queued;
        }

        /// <summary>GWINFO, the answer to SEARCHGW (§6.1): sent to the searcher, which then hears it wherever it
        /// listens, and broadcast on <paramref name="link"/> for the other clients searching.</summary>
        public void GwInfo(int link, byte[] address, int offset, int length, byte gatewayId)
        {
            GwInfoMessage m = _messages.GwInfo;
            m.Clear();
            m.GwId = gatewayId;
            int size = m.Encode(_datagram, 0);
            int slot = Reserve();
            if (slot >= 0)
            {
                Commit(slot, size, link, address, offset, length, false);
            }
            slot = Reserve();
            if (slot >= 0)
            {
                Commit(slot, size, link, null, 0, 0, true);
            }
        }

        /// <summary>A free datagram slot, or -1 (counted as a dropped datagram).</summary>
        private int Reserve()
        {
            int slot = _outbox.Reserve();
            if (slot < 0)
            {
                _statistics.DatagramsDropped++;
            }
            return slot;
        }

        private bool Commit(int slot, int length, SnGatewayClient c)
        {
            return Commit(slot, length, c.Link, c.Identity, SnGatewayClient.AddressOffset, c.AddressLength, false);
        }

        private bool Commit(int slot, int length, int link, byte[] address, int offset, int addressLength, bool broadcast)
        {
            if (length <= 0 || link < 0 || link >= _linkCount || length > _links[link * LinkFields])
            {
                return false;
            }
            _outbox.Commit(slot, _datagram, length, link, address, offset, broadcast ? 0 : addressLength);
            return true;
        }
    }
}
