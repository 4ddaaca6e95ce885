namespace Nano.Mqtt.Broker
{
    /// <summary>Why the PUBLISH at the head of a connection's input waits (one field per connection for both reasons).</summary>
    internal enum PublishWait
    {
        /// <summary>It does not wait.</summary>
        None,

        /// <summary>For queue space of its connected subscribers or room in the message pool (backpressure).</summary>
        Room,

        /// <summary>For a token of the per-connection rate limit (counted once).</summary>
        Token,
    }
}
