namespace Nano.Mqtt.Broker
{
    /// <summary>What the broker does with a PUBLISH when a connected subscriber's queue or the message pool is full
    /// (<see cref="BrokerOptions.QueueFullPolicy"/>).</summary>
    public enum QueueFullPolicy
    {
        /// <summary>The PUBLISH waits unacknowledged at the head of the publisher's input, which is no longer read (TCP
        /// then slows the publisher), until every connected subscriber has queue space and the pool has room.</summary>
        Backpressure,

        /// <summary>The PUBLISH is acknowledged and the deliveries that do not fit are dropped, counted and reported
        /// (Mosquitto's behaviour).</summary>
        Drop,
    }
}
