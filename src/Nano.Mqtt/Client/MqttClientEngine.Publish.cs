using System;
using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;

namespace Nano.Mqtt.Client
{
    public sealed partial class MqttClientEngine
    {
        /// <summary>
        /// Publishes a message. Connected with nothing queued, a QoS 0 message is written straight to the
        /// output; otherwise topic and payload are copied into a slot and sent in publish order as the
        /// inflight window and the output allow, or after the next connect. When every slot is used, the
        /// oldest queued QoS 0 message is dropped (counted in <see cref="ClientStatistics.Qos0Dropped"/>); if
        /// there is none, the new message is rejected with <see cref="PublishResult.QueueFull"/>.
        /// Allocates nothing.
        /// </summary>
        public PublishResult Publish(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos, bool retain)
        {
            if (qos < 0 || qos > 2 || TopicName.Validate(topic, topicOffset, topicLength) != MqttError.None)
            {
                return PublishResult.Invalid;
            }

            if (payload == null)
            {
                if (payloadLength != 0)
                {
                    return PublishResult.Invalid;
                }

                payload = topic;
                payloadOffset = 0;
            }
            else if (payloadOffset < 0 || payloadLength < 0 || payloadOffset > payload.Length - payloadLength)
            {
                return PublishResult.Invalid;
            }

            if (qos == 0 && _state == ClientState.Connected && !_queue.HasUnsent())
            {
                PublishPacket direct = _publishOut;
                direct.Dup = false;
                direct.Qos = 0;
                direct.PacketId = 0;
                direct.Retain = retain;
                direct.Topic.Set(topic, topicOffset, topicLength);
                direct.Payload.Set(payload, payloadOffset, payloadLength);
                if (WritePublish(direct))
                {
                    return PublishResult.Accepted;
                }
            }

            if (topicLength > _maxMessageSize - payloadLength)
            {
                return PublishResult.TooLarge;
            }

            OutboundMessage m = _queue.Add();
            if (m == null)
            {
                int oldest = _queue.OldestQueuedQos0();
                if (oldest < 0)
                {
                    Statistics.PublishesRejected++;
                    return PublishResult.QueueFull;
                }

                _queue.RemoveAt(oldest);
                Statistics.Qos0Dropped++;
                m = _queue.Add();
            }

            Array.Copy(topic, topicOffset, m.Data, 0, topicLength);
            Array.Copy(payload, payloadOffset, m.Data, topicLength, payloadLength);
            m.TopicLength = topicLength;
            m.PayloadLength = payloadLength;
            m.Qos = (byte)qos;
            m.Retain = retain;
            Pump();
            return PublishResult.Accepted;
        }

        /// <summary>Writes what is due, in order, while the output and the inflight window allow:
        /// pending (UN)SUBSCRIBEs, then stored messages (PUBLISH or PUBREL).</summary>
        private void Pump()
        {
            if (_state != ClientState.Connected)
            {
                return;
            }

            PumpSubscriptions();
            int holdingIds = _queue.HoldingIds();
            for (int i = 0; i < _queue.Count; i++)
            {
                OutboundMessage m = _queue.At(i);
                if (m.State == OutboundMessage.ReleasePending)
                {
                    if (_output.Reserve(4, ResponseReserve) < 0)
                    {
                        return;
                    }

                    WriteAck(PacketType.PubRel, m.PacketId); // [MQTT-4.4.0-1]
                    m.State = OutboundMessage.AwaitingPubComp;
                    m.SentAtMs = _nowMs;
                    continue;
                }

                if (m.State != OutboundMessage.Queued)
                {
                    continue;
                }

                if (m.Qos > 0 && m.PacketId == 0)
                {
                    if (holdingIds >= _inflightWindow)
                    {
                        return;
                    }

                    ushort id = AllocatePacketId();
                    if (id == 0)
                    {
                        return;
                    }

                    m.PacketId = id;
                    holdingIds++;
                }

                PublishPacket p = _publishOut;
                p.Qos = m.Qos;
                p.Retain = m.Retain;
                p.Dup = m.SentBefore; // [MQTT-3.3.1-1]
                p.PacketId = m.PacketId;
                p.Topic.Set(m.Data, 0, m.TopicLength);
                p.Payload.Set(m.Data, m.TopicLength, m.PayloadLength);
                if (!WritePublish(p))
                {
                    return;
                }

                if (m.SentBefore)
                {
                    Statistics.MessagesResent++;
                }

                if (m.Qos == 0)
                {
                    _queue.RemoveAt(i);
                    i--;
                    continue;
                }

                m.SentBefore = true;
                m.SentAtMs = _nowMs;
                m.State = m.Qos == 1 ? OutboundMessage.AwaitingPubAck : OutboundMessage.AwaitingPubRec;
            }
        }

        private bool WritePublish(PublishPacket p)
        {
            int size = p.GetSize();
            int offset = _output.Reserve(size, ResponseReserve);
            if (offset < 0)
            {
                return false;
            }

            p.Encode(_output.Data, offset);
            _output.Commit(size);
            _lastSentMs = _nowMs;
            Statistics.MessagesSent++;
            return true;
        }
    }
}
