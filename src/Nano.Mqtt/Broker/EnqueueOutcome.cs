namespace Nano.Mqtt.Broker
{
    /// <summary>What <see cref="Session.Enqueue"/> did with a message.</summary>
    internal enum EnqueueOutcome
    {
        /// <summary>The message was queued.</summary>
        Queued,

        /// <summary>Queued after dropping the oldest queued QoS 0 message.</summary>
        QueuedDroppedOldest,

        /// <summary>The queue was full of QoS 1/2 messages and the new one was dropped.</summary>
        DroppedNew,
    }
}
