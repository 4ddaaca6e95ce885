namespace Nano.MqttSn.Client
{
    /// <summary>Outcome of a request made to an <see cref="SnClient"/>.</summary>
    public enum SnClientResult
    {
        /// <summary>Accepted; the datagram is queued.</summary>
        Ok = 0,

        /// <summary>The client is not in a state that allows the request.</summary>
        WrongState,

        /// <summary>Another acknowledged request is outstanding (one at a time, §6.5, §6.6, §6.9) and
        /// <see cref="SnClientOptions.MaxQueuedRequests"/> is 0.</summary>
        Busy,

        /// <summary>Bad QoS, topic id type, topic name or filter.</summary>
        InvalidArgument,

        /// <summary>The message exceeds MaxPacketSize.</summary>
        TooLarge,

        /// <summary>The transmit queue, or the queue of waiting requests, is full.</summary>
        QueueFull
    }
}
