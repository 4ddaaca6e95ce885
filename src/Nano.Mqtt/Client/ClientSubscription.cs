using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Client
{
    /// <summary>A topic filter the client keeps for (re)subscribing, and where its SUBSCRIBE/UNSUBSCRIBE flow stands.</summary>
    internal sealed class ClientSubscription
    {
        internal readonly byte[] Filter;
        internal int FilterLength;
        internal byte Qos;
        internal int ReturnCode;
        internal ushort PacketId;
        internal SubscriptionState State;

        /// <summary>Subscribe again once the acknowledgment in flight arrives (the filter was subscribed anew).</summary>
        internal bool SubscribeAfterAck;

        /// <summary>Unsubscribe once the SUBACK in flight arrives.</summary>
        internal bool UnsubscribeAfterAck;

        internal ClientSubscription(int maxFilterLength)
        {
            Filter = new byte[maxFilterLength];
        }

        /// <summary>True when the application still wants the filter (not being unsubscribed).</summary>
        internal bool Wanted
        {
            get
            {
                return State == SubscriptionState.SubscribePending || State == SubscriptionState.Subscribed
                    || (State == SubscriptionState.AwaitingSubAck && !UnsubscribeAfterAck)
                    || ((State == SubscriptionState.UnsubscribePending || State == SubscriptionState.AwaitingUnsubAck) && SubscribeAfterAck);
            }
        }

        /// <summary>True while a SUBSCRIBE or UNSUBSCRIBE holding <see cref="PacketId"/> waits for its acknowledgment.</summary>
        internal bool AwaitingAck
        {
            get { return State == SubscriptionState.AwaitingSubAck || State == SubscriptionState.AwaitingUnsubAck; }
        }

        internal bool FilterEquals(byte[] filter, int offset, int length)
        {
            return Bytes.Equal(Filter, 0, FilterLength, filter, offset, length);
        }
    }
}
