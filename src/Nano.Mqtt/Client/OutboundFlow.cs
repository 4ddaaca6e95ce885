using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Client
{
    /// <summary>
    /// The engine's stored messages on their way out: writes what is due in publish order while the output and the
    /// inflight window allow, a PUBREL for a QoS 2 message the server has received, else its PUBLISH (first time or
    /// again), assigning packet identifiers as messages enter the window.
    /// </summary>
    internal static class OutboundFlow
    {
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

                    ushort id = engine.AllocatePacketId();
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
    }
}
