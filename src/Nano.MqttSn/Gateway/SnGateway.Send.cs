using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Gateway
{
    public sealed partial class SnGateway
    {
        /// <summary>Queues the message encoded in <paramref name="slot"/> for the client; false (nothing queued)
        /// when it did not encode or exceeds the client's link datagram size.</summary>
        private bool Commit(int slot, int length, SnGatewayClient c)
        {
            return Commit(slot, length, c.Link, c.Address, 0, c.AddressLength, false);
        }

        private bool Commit(int slot, int length, int link, byte[] address, int offset, int addressLength, bool broadcast)
        {
            if (length <= 0 || link < 0 || link >= _linkCount || length > _linkMaxDatagram[link])
            {
                return false;
            }
            _outbox.Commit(slot, length, link, address, offset, addressLength, broadcast);
            return true;
        }

        /// <summary>A free datagram slot, or -1 (counted as a dropped datagram).</summary>
        private int Reserve()
        {
            int slot = _outbox.Reserve();
            if (slot < 0)
            {
                Statistics.DatagramsDropped++;
            }
            return slot;
        }

        private bool SendHeaderOnly(SnGatewayClient c, byte type)
        {
            int slot = Reserve();
            if (slot < 0)
            {
                return false;
            }
            HeaderOnlyMessage m = _out.HeaderOnly;
            m.MsgType = type;
            return Commit(slot, m.Encode(_outbox.Buffer(slot), 0), c);
        }

        private bool SendReturnCode(SnGatewayClient c, byte type, byte returnCode)
        {
            int slot = Reserve();
            if (slot < 0)
            {
                return false;
            }
            ReturnCodeMessage m = _out.ReturnCode;
            m.MsgType = type;
            m.ReturnCode = returnCode;
            return Commit(slot, m.Encode(_outbox.Buffer(slot), 0), c);
        }

        private bool SendTopicAck(SnGatewayClient c, byte type, int topicId, int msgId, byte returnCode)
        {
            int slot = Reserve();
            if (slot < 0)
            {
                return false;
            }
            TopicAckMessage m = _out.TopicAck;
            m.MsgType = type;
            m.TopicId = topicId;
            m.MsgId = msgId;
            m.ReturnCode = returnCode;
            return Commit(slot, m.Encode(_outbox.Buffer(slot), 0), c);
        }

        private bool SendMsgId(SnGatewayClient c, byte type, int msgId)
        {
            int slot = Reserve();
            if (slot < 0)
            {
                return false;
            }
            MsgIdMessage m = _out.MsgId;
            m.MsgType = type;
            m.MsgId = msgId;
            return Commit(slot, m.Encode(_outbox.Buffer(slot), 0), c);
        }

        private bool SendSubAck(SnGatewayClient c, int qos, int topicId, int msgId, byte returnCode)
        {
            int slot = Reserve();
            if (slot < 0)
            {
                return false;
            }
            SubAckMessage m = _out.SubAck;
            m.Qos = qos;
            m.TopicId = topicId;
            m.MsgId = msgId;
            m.ReturnCode = returnCode;
            return Commit(slot, m.Encode(_outbox.Buffer(slot), 0), c);
        }

        /// <summary>A gateway DISCONNECT never carries a Duration (§5.4.21).</summary>
        private bool SendDisconnect(int link, byte[] address, int offset, int length)
        {
            int slot = Reserve();
            if (slot < 0)
            {
                return false;
            }
            DisconnectMessage m = _out.Disconnect;
            return Commit(slot, m.Encode(_outbox.Buffer(slot), 0), link, address, offset, length, false);
        }

        private bool SendRegister(SnGatewayClient c, int topicId, int msgId)
        {
            int slot = Reserve();
            if (slot < 0)
            {
                return false;
            }
            RegisterMessage m = _out.Register;
            m.TopicId = topicId;
            m.MsgId = msgId;
            m.TopicName = c.Topics.Name(topicId);
            m.TopicNameOffset = 0;
            m.TopicNameLength = c.Topics.NameLength(topicId);
            return Commit(slot, m.Encode(_outbox.Buffer(slot), 0), c);
        }

        /// <summary>Sends the client's queue head as PUBLISH with the flow's topic id and MsgId.</summary>
        private bool SendPublish(SnGatewayClient c, bool dup)
        {
            int slot = Reserve();
            if (slot < 0)
            {
                return false;
            }
            SnDeliveryQueue q = c.Queue;
            PublishMessage m = _out.Publish;
            m.Dup = dup;
            m.Qos = q.HeadQos;
            m.Retain = q.HeadRetain;
            m.TopicIdType = c.FlowTopicIdType;
            m.TopicId = c.FlowTopicId;
            m.MsgId = q.HeadQos > 0 ? c.FlowMsgId : 0;
            m.Data = q.HeadPayload;
            m.DataOffset = 0;
            m.DataLength = q.HeadPayloadLength;
            return Commit(slot, m.Encode(_outbox.Buffer(slot), 0), c);
        }

        /// <summary>Queues ADVERTISE on every link every T_ADV, the first at the first <see cref="Poll"/> (§6.1).</summary>
        private void Advertise()
        {
            if (_options.AdvertiseIntervalMs <= 0 || (_advertised && _nowMs - _nextAdvertiseMs < 0))
            {
                return;
            }
            _advertised = true;
            _nextAdvertiseMs = _nowMs + _options.AdvertiseIntervalMs;
            int seconds = _options.AdvertiseIntervalMs / 1000;
            AdvertiseMessage m = _out.Advertise;
            m.GwId = _options.GatewayId;
            m.Duration = seconds > 0xFFFF ? 0xFFFF : seconds;
            for (int link = 0; link < _linkCount; link++)
            {
                int slot = Reserve();
                if (slot >= 0 && Commit(slot, m.Encode(_outbox.Buffer(slot), 0), link, null, 0, 0, true))
                {
                    Statistics.Advertisements++;
                }
            }
        }

        /// <summary>SEARCHGW → GWINFO broadcast on the link it came from (§6.1).</summary>
        private bool HandleSearchGw(int link, byte[] data, int offset, int count)
        {
            if (_in.SearchGw.Decode(data, offset, count) != SnError.None)
            {
                return false;
            }
            int slot = Reserve();
            if (slot < 0)
            {
                return true;
            }
            GwInfoMessage m = _out.GwInfo;
            m.GwId = _options.GatewayId;
            Commit(slot, m.Encode(_outbox.Buffer(slot), 0), link, null, 0, 0, true);
            return true;
        }
    }
}
