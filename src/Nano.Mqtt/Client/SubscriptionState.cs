namespace Nano.Mqtt.Client
{
    /// <summary>Where a kept topic filter stands in its SUBSCRIBE/UNSUBSCRIBE flow.</summary>
    internal enum SubscriptionState : byte
    {
        /// <summary>The slot holds no filter.</summary>
        Free = 0,

        /// <summary>SUBSCRIBE to be sent.</summary>
        SubscribePending = 1,

        /// <summary>SUBSCRIBE sent; waiting for SUBACK.</summary>
        AwaitingSubAck = 2,

        /// <summary>SUBACK received (the return code may be 0x80).</summary>
        Subscribed = 3,

        /// <summary>UNSUBSCRIBE to be sent.</summary>
        UnsubscribePending = 4,

        /// <summary>UNSUBSCRIBE sent; waiting for UNSUBACK.</summary>
        AwaitingUnsubAck = 5,
    }
}
