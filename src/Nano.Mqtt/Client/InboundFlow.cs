using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Client
{
    /// <summary>
    /// The packets received once connected: an incoming PUBLISH (delivered once, acknowledged with PUBACK or
    /// PUBREC) and its PUBREL, the acknowledgments of the engine's own messages (PUBACK, PUBREC, PUBCOMP) and
    /// PINGRESP; SUBACK and UNSUBACK go to <see cref="SubscriptionFlow"/>. Decodes into the engine's packet
    /// instances, so it allocates nothing.
    /// </summary>
    internal static class InboundFlow
    {
        /// <summary>A packet received while connected; an error means the server broke the protocol.</summary>
        internal static MqttError Handle(MqttClientEngine engine, byte[] buffer, int offset, int length)
        {
            switch ((PacketType)(buffer[offset] >> 4))
            {
                case PacketType.Publish:
                    return HandlePublish(engine, buffer, offset, length);
                case PacketType.PubAck:
                case PacketType.PubRec:
                case PacketType.PubRel:
                case PacketType.PubComp:
                    return HandleAck(engine, buffer, offset, length);
                case PacketType.SubAck:
                    return SubscriptionFlow.HandleSubAck(engine, buffer, offset, length);
                case PacketType.UnsubAck:
                    return SubscriptionFlow.HandleUnsubAck(engine, buffer, offset, length);
                case PacketType.PingResp:
                    return engine.ReceivedHeaderOnly.Decode(buffer, offset, length, engine.ProtocolLevel);
                default:
                    return MqttError.PacketTypeUnexpected;
            }
        }

        private static MqttError HandlePublish(MqttClientEngine engine, byte[] buffer, int offset, int length)
        {
            PublishPacket publish = engine.ReceivedPublish;
            MqttError error = publish.Decode(buffer, offset, length, engine.ProtocolLevel);
            if (error != MqttError.None)
            {
                return error;
            }

            if (publish.Qos == 2)
            {
                AwaitingReleaseSet awaitingRelease = engine.AwaitingReleaseSet;
                if (awaitingRelease.Contains(publish.PacketId))
                {
                    engine.Statistics.DuplicatesSuppressed++; // [MQTT-4.3.3-2]
                }
                else
                {
                    if (!awaitingRelease.Add(publish.PacketId))
                    {
                        engine.Drop(DisconnectReason.AwaitingReleaseFull);
                        return MqttError.None;
                    }

                    engine.Deliver(publish);
                }

                engine.WriteAck(PacketType.PubRec, publish.PacketId);
                return MqttError.None;
            }

            engine.Deliver(publish);
            if (publish.Qos == 1)
            {
                engine.WriteAck(PacketType.PubAck, publish.PacketId); // [MQTT-4.5.0-2]
            }

            return MqttError.None;
        }

        /// <summary>PUBACK, PUBREC, PUBREL or PUBCOMP.</summary>
        private static MqttError HandleAck(MqttClientEngine engine, byte[] buffer, int offset, int length)
        {
            AckPacket ack = engine.ReceivedAck;
            MqttError error = ack.Decode(buffer, offset, length, engine.ProtocolLevel);
            if (error != MqttError.None)
            {
                return error;
            }

            OutboundQueue queue = engine.Queue;
            ushort packetId = ack.PacketId;
            int index;
            switch (ack.Type)
            {
                case PacketType.PubAck:
                    index = queue.Find(packetId, OutboundState.AwaitingPubAck);
                    if (index >= 0)
                    {
                        engine.Complete(index, PublishOutcome.Acknowledged);
                    }

                    break;
                case PacketType.PubRec:
                    index = queue.Find(packetId, OutboundState.AwaitingPubRec);
                    if (index < 0)
                    {
                        index = queue.Find(packetId, OutboundState.AwaitingPubComp);
                    }

                    if (index >= 0)
                    {
                        // Never re-send the PUBLISH after this point [MQTT-4.3.3-1]; PUBREL in PUBREC order [MQTT-4.6.0-4].
                        queue.ReleaseSent(index, engine.NowMs);
                        engine.WriteAck(PacketType.PubRel, packetId);
                    }

                    break;
                case PacketType.PubRel:
                    engine.AwaitingReleaseSet.Remove(packetId);
                    engine.WriteAck(PacketType.PubComp, packetId); // [MQTT-4.3.3-2]
                    break;
                default:
                    index = queue.Find(packetId, OutboundState.AwaitingPubComp);
                    if (index >= 0)
                    {
                        engine.Complete(index, PublishOutcome.Acknowledged);
                    }

                    break;
            }

            return MqttError.None;
        }
    }
}
