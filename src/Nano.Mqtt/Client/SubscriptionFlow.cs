using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Client
{
    /// <summary>
    /// The engine's SUBSCRIBE and UNSUBSCRIBE requests: writes those the <see cref="SubscriptionBook"/> has due (one
    /// filter per packet) and applies the SUBACK or UNSUBACK that answers each.
    /// </summary>
    internal static class SubscriptionFlow
    {
        /// <summary>Writes the due SUBSCRIBE and UNSUBSCRIBE packets while the output takes them.</summary>
        internal static void WritePending(MqttClientEngine engine)
        {
            SubscriptionBook subscriptions = engine.Subscriptions;
            int s;
            while ((s = subscriptions.NextPending()) >= 0)
            {
                int nextPacketId = engine.NextPacketId;
                ushort id = OutboundFlow.AllocatePacketId(engine);
                byte[] filters = subscriptions.Filters;
                int offset = subscriptions.FilterOffset(s);
                int length = subscriptions.FilterLength(s);
                bool written = subscriptions.State(s) == SubscriptionState.SubscribePending
                    ? engine.Writer.WriteSubscribe(filters, offset, length, subscriptions.Qos(s), id)
                    : engine.Writer.WriteUnsubscribe(filters, offset, length, id);
                if (!written)
                {
                    engine.NextPacketId = nextPacketId; // the identifier goes to the packet that is written
                    return;
                }

                subscriptions.Sent(s, id);
                engine.Timer.Sent(engine.NowMs);
            }
        }

        internal static MqttError HandleSubAck(MqttClientEngine engine, byte[] buffer, int offset, int length)
        {
            SubAckPacket subAck = engine.ReceivedSubAck;
            MqttError error = subAck.Decode(buffer, offset, length, engine.ProtocolLevel);
            if (error != MqttError.None)
            {
                return error;
            }

            SubscriptionBook subscriptions = engine.Subscriptions;
            int s = subscriptions.SubAckReceived(subAck.PacketId, buffer[subAck.ReturnCodes.Offset]);
            SubscribeResultHandler handler = engine.SubscribeHandler;
            if (s >= 0 && handler != null)
            {
                handler(subscriptions.Filters, subscriptions.FilterOffset(s), subscriptions.FilterLength(s), buffer[subAck.ReturnCodes.Offset]);
            }

            return MqttError.None;
        }

        internal static MqttError HandleUnsubAck(MqttClientEngine engine, byte[] buffer, int offset, int length)
        {
            UnsubAckPacket unsubAck = engine.ReceivedUnsubAck;
            MqttError error = unsubAck.Decode(buffer, offset, length, engine.ProtocolLevel);
            if (error != MqttError.None)
            {
                return error;
            }

            SubscriptionBook subscriptions = engine.Subscriptions;
            int s = subscriptions.UnsubAckReceived(unsubAck.PacketId);
            UnsubscribeResultHandler handler = engine.UnsubscribeHandler;
            if (s >= 0 && handler != null)
            {
                handler(subscriptions.Filters, subscriptions.FilterOffset(s), subscriptions.FilterLength(s));
            }

            return MqttError.None;
        }
    }
}
