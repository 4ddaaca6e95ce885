using Nano.Mqtt;
using Nano.Mqtt.Codec;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>The broker's output on a client's connection, read one MQTT packet at a time and translated.</summary>
    public sealed partial class SnGateway
    {
        /// <summary>
        /// Reads packets while their consequence has room: one free datagram slot, and room in the client's
        /// buffer while it is active or awake (asleep, the buffer's overflow rule applies; connecting, the CONNACK
        /// comes first). Otherwise the packets wait in the broker, which applies its own inflight window and queue.
        /// </summary>
        private void PumpUpstream(SnGatewayClient c)
        {
            while (c.Connection >= 0)
            {
                int connection = c.Connection;
                if (_broker.PendingOutput(connection) == 0)
                {
                    if (_broker.WantsClose(connection))
                    {
                        UpstreamClosed(c);
                    }
                    return;
                }
                if (_outbox.Free == 0 || ((c.Status == SnClientStatus.Active || c.Status == SnClientStatus.Awake) && c.Queue.IsFull))
                {
                    return;
                }
                int size = ReadPacket(connection);
                if (size > 0)
                {
                    HandleUpstream(c, size);
                }
                else if (size == 0)
                {
                    return;
                }
            }
        }

        /// <summary>Reads exactly one packet into the upstream buffer; returns its size, 0 when none, -1 when it was
        /// larger than the buffer and discarded (a QoS 1/2 PUBLISH is still acknowledged so the broker lets it go).</summary>
        private int ReadPacket(int connection)
        {
            if (_broker.ReadOutput(connection, _upstream, 0, 1) != 1)
            {
                return 0;
            }
            int header = 1;
            int remaining = 0;
            int shift = 0;
            while (true)
            {
                if (header == 5 || _broker.ReadOutput(connection, _upstream, header, 1) != 1)
                {
                    return 0;
                }
                int digit = _upstream[header++];
                remaining |= (digit & 0x7F) << shift;
                shift += 7;
                if ((digit & 0x80) == 0)
                {
                    break;
                }
            }
            int size = header + remaining;
            int wanted = size <= _upstream.Length ? size : _upstream.Length;
            int got = header;
            while (got < wanted)
            {
                int n = _broker.ReadOutput(connection, _upstream, got, wanted - got);
                if (n <= 0)
                {
                    return 0;
                }
                got += n;
            }
            if (size == wanted)
            {
                return size;
            }
            Statistics.DeliveriesAborted++;
            AcknowledgeOversizedPublish(connection, header);
            int rest = size - wanted;
            while (rest > 0)
            {
                int n = _broker.ReadOutput(connection, _upstream, 0, rest < _upstream.Length ? rest : _upstream.Length);
                if (n <= 0)
                {
                    break;
                }
                rest -= n;
            }
            return -1;
        }

        private void AcknowledgeOversizedPublish(int connection, int header)
        {
            int qos = (_upstream[0] >> 1) & 0x03;
            if ((_upstream[0] >> 4) != (int)PacketType.Publish || qos == 0 || header + 2 > _upstream.Length)
            {
                return;
            }
            int idAt = header + 2 + ((_upstream[header] << 8) | _upstream[header + 1]);
            if (idAt + 2 > _upstream.Length)
            {
                return;
            }
            for (int i = 0; i < _clients.Length; i++)
            {
                if (_clients[i].Connection == connection)
                {
                    MqttAck(_clients[i], qos == 1 ? PacketType.PubAck : PacketType.PubRec, (_upstream[idAt] << 8) | _upstream[idAt + 1]);
                }
            }
        }

        private void HandleUpstream(SnGatewayClient c, int size)
        {
            switch ((PacketType)(_upstream[0] >> 4))
            {
                case PacketType.ConnAck:
                    if (c.AwaitingConnAck && _connAck.Decode(_upstream, 0, size, ProtocolLevel.V311) == MqttError.None)
                    {
                        ConnAckReceived(c, _connAck.ReturnCode == ConnectReturnCode.Accepted, _connAck.ReturnCode == ConnectReturnCode.ServerUnavailable);
                    }
                    break;
                case PacketType.Publish:
                    PublishPacket p = _publishIn;
                    if (p.Decode(_upstream, 0, size, ProtocolLevel.V311) == MqttError.None)
                    {
                        BufferMessage(c, p);
                        if (p.Qos > 0)
                        {
                            // The gateway holds the message from here on (QoS 2: PUBREC now, PUBCOMP on the broker's PUBREL).
                            MqttAck(c, p.Qos == 1 ? PacketType.PubAck : PacketType.PubRec, p.PacketId);
                        }
                    }
                    break;
                case PacketType.PubRel:
                    if (_ackIn.Decode(_upstream, 0, size, ProtocolLevel.V311) == MqttError.None)
                    {
                        MqttAck(c, PacketType.PubComp, _ackIn.PacketId);
                    }
                    break;
                case PacketType.PubAck:
                case PacketType.PubRec:
                case PacketType.PubComp:
                    if (_ackIn.Decode(_upstream, 0, size, ProtocolLevel.V311) == MqttError.None)
                    {
                        InboundAcknowledged(c, _ackIn.Type, _ackIn.PacketId);
                    }
                    break;
                case PacketType.SubAck:
                    SubAckPacket s = _subAck;
                    if (s.Decode(_upstream, 0, size, ProtocolLevel.V311) == MqttError.None)
                    {
                        int granted = s.ReturnCodes.Buffer[s.ReturnCodes.Offset];
                        int topicId = s.PacketId == c.SubscribeMsgId ? c.SubscribeTopicId : 0;
                        c.SubscribeMsgId = 0;
                        if (granted <= 2)
                        {
                            SendSubAck(c, granted, topicId, s.PacketId, SnReturnCode.Accepted);
                        }
                        else
                        {
                            SendSubAck(c, 0, topicId, s.PacketId, SnReturnCode.Congestion); // the broker refused (0x80): a capacity bound
                        }
                    }
                    break;
                case PacketType.UnsubAck:
                    if (_unsubAck.Decode(_upstream, 0, size, ProtocolLevel.V311) == MqttError.None)
                    {
                        SendMsgId(c, SnMessageType.UnsubAck, _unsubAck.PacketId);
                    }
                    break;
            }
        }

        /// <summary>The broker's answer to a client's QoS 1/2 PUBLISH or PUBREL, passed on to the client.</summary>
        private void InboundAcknowledged(SnGatewayClient c, PacketType type, int packetId)
        {
            if (type == PacketType.PubAck)
            {
                int topicId = packetId == c.InboundMsgId ? c.InboundTopicId : 0;
                c.InboundMsgId = 0;
                SendTopicAck(c, SnMessageType.PubAck, topicId, packetId, SnReturnCode.Accepted);
            }
            else if (type == PacketType.PubRec)
            {
                SendMsgId(c, SnMessageType.PubRec, packetId);
            }
            else
            {
                c.InboundMsgId = 0;
                SendMsgId(c, SnMessageType.PubComp, packetId);
            }
        }

        /// <summary>Buffers a message for the client. A sleeping client's full buffer gives up its oldest QoS 0
        /// message, else the new message is dropped; both are counted.</summary>
        private void BufferMessage(SnGatewayClient c, PublishPacket p)
        {
            SnDeliveryQueue q = c.Queue;
            if (!q.Fits(p.Topic.Length, p.Payload.Length))
            {
                Statistics.DeliveriesAborted++; // does not fit a PUBLISH for this gateway: silently aborted [§6.10]
                return;
            }
            if (q.IsFull)
            {
                Statistics.DroppedWhileAsleep++;
                if (!q.DropOldestQos0(c.Flow != SnGatewayClient.FlowNone))
                {
                    return;
                }
            }
            q.Add(p.Topic.Buffer, p.Topic.Offset, p.Topic.Length, p.Payload.Buffer, p.Payload.Offset, p.Payload.Length, p.Qos, p.Retain);
        }
    }
}
