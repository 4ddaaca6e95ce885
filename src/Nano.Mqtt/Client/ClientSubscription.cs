namespace Nano.Mqtt.Client
{
    /// <summary>A topic filter the client keeps for (re)subscribing, and where its SUBSCRIBE/UNSUBSCRIBE flow stands.</summary>
    internal sealed class ClientSubscription
    {
        internal const byte Free = 0;

        /// <summary>SUBSCRIBE to be sent.</summary>
        internal const byte SubscribePending = 1;

        internal const byte AwaitingSubAck = 2;

        /// <summary>SUBACK received (<see cref="ReturnCode"/> may be 0x80).</summary>
        internal const byte Subscribed = 3;

        /// <summary>UNSUBSCRIBE to be sent.</summary>
        internal const byte UnsubscribePending = 4;

        internal const byte AwaitingUnsubAck = 5;

        internal readonly byte[] Filter;
        internal int FilterLength;
        internal byte Qos;
        internal int ReturnCode;
        internal ushort PacketId;
        internal byte State;

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
                return State == SubscribePending || State == Subscribed || (State == AwaitingSubAck && !UnsubscribeAfterAck)
                    || ((State == UnsubscribePending || State == AwaitingUnsubAck) && SubscribeAfterAck);
            }
        }

        internal bool FilterEquals(byte[] filter, int offset, int length)
        {
            if (length != FilterLength)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (Filter[i] != filter[offset + i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
