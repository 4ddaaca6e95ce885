using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;

namespace Nano.Mqtt.Client
{
    /// <summary>
    /// The engine's stored messages on their way out: writes what is due in publish order while the output and the
    /// inflight window allow, a PUBREL for a QoS 2 message the server has received, else its PUBLISH (first time or
    /// again), assigning packet identifiers as messages enter the window.
    /// </summary>
    internal static class OutboundFlow
    {
        /// <summary>Implements <see cref="MqttClientEngine.Publish"/>.</summary>
        internal static PublishResult Publish(MqttClientEngine engine, byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos, bool retain)
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

            if (topicLength > engine.MaxMessageSize - payloadLength)
            {
                return PublishResult.TooLarge;
            }

            OutboundQueue queue = engine.Queue;
            if (qos == 0 && engine.State == ClientState.Connected && !queue.HasUnsent())
            {
                PublishPacket direct = engine.Writer.Publish;
                direct.Dup = false;
                direct.Qos = 0;
                direct.Retain = retain;
                direct.PacketId = 0;
                direct.Topic.Set(topic, topicOffset, topicLength);
                direct.Payload.Set(payload, payloadOffset, payloadLength);
                if (engine.WritePublish())
                {
                    return PublishResult.Accepted;
                }
            }

            if (queue.IsFull)
            {
                int oldest = queue.OldestQueuedQos0();
                if (oldest < 0)
                {
                    engine.Statistics.PublishesRejected++;
                    return PublishResult.QueueFull;
                }

                engine.Statistics.Qos0Dropped++;
                engine.Complete(oldest, PublishOutcome.Dropped);
            }

            queue.Add(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, (byte)qos, retain, engine.NowMs);
            engine.Pump();
            return PublishResult.Accepted;
        }

        /// <summary>Writes the stored messages that are due, in publish order, while the output and the inflight window allow.</summary>
        internal static void WriteDue(MqttClientEngine engine)
        {
            OutboundQueue queue = engine.Queue;
            PacketWriter writer = engine.Writer;
            int holdingIds = queue.HoldingIds();
            for (int i = 0; i < queue.Count; i++)
            {
                OutboundState state = queue.StateAt(i);
                if (state == OutboundState.ReleasePending)
                {
                    if (!writer.Fits(4, PacketWriter.ResponseReserve))
                    {
                        return;
                    }

                    engine.WriteAck(PacketType.PubRel, queue.PacketIdAt(i)); // [MQTT-4.4.0-1]
                    queue.ReleaseSent(i, engine.NowMs);
                    continue;
                }

                if (state != OutboundState.Queued)
                {
                    continue;
                }

                byte qos = queue.QosAt(i);
                if (qos > 0 && queue.PacketIdAt(i) == 0)
                {
                    if (holdingIds >= engine.InflightWindow)
                    {
                        return;
                    }

                    ushort id = AllocatePacketId(engine);
                    if (id == 0)
                    {
                        return;
                    }

                    queue.AssignPacketId(i, id);
                    holdingIds++;
                }

                queue.FillPublish(i, writer.Publish);
                if (!engine.WritePublish())
                {
                    return;
                }

                if (queue.SentBeforeAt(i))
                {
                    engine.Statistics.MessagesResent++;
                }

                if (qos == 0)
                {
                    queue.RemoveAt(i);
                    i--;
                    continue;
                }

                queue.PublishSent(i, engine.NowMs);
            }
        }

        /// <summary>A packet identifier not used by any message in flight or pending (UN)SUBSCRIBE
        /// [MQTT-2.3.1-2]; never 0 [MQTT-2.3.1-1]; wraps after 65,535.</summary>
        internal static ushort AllocatePacketId(MqttClientEngine engine)
        {
            for (int tries = 0; tries < 65535; tries++)
            {
                int next = engine.NextPacketId;
                ushort id = (ushort)next;
                engine.NextPacketId = next == 65535 ? 1 : next + 1;
                if (!engine.Queue.UsesId(id) && !engine.Subscriptions.UsesId(id))
                {
                    return id;
                }
            }

            return 0;
        }
    }
}
