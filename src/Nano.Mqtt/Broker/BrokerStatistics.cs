namespace Nano.Mqtt.Broker
{
    /// <summary>Counters kept by the <see cref="BrokerEngine"/>; the host reads them, the engine writes them.</summary>
    public sealed class BrokerStatistics
    {
        /// <summary>Connections with an accepted CONNECT.</summary>
        public int ClientsConnected;

        /// <summary>Sessions kept, connected or not.</summary>
        public int ClientsTotal;

        /// <summary>Highest <see cref="ClientsConnected"/> seen.</summary>
        public int ClientsMaximum;

        /// <summary>Control packets received.</summary>
        public long PacketsReceived;

        /// <summary>Control packets sent.</summary>
        public long PacketsSent;

        /// <summary>PUBLISH packets received (re-sent duplicates included).</summary>
        public long MessagesReceived;

        /// <summary>PUBLISH packets sent (re-sends included).</summary>
        public long MessagesSent;

        /// <summary>Bytes handed to <see cref="BrokerEngine.Receive"/>.</summary>
        public long BytesReceived;

        /// <summary>Bytes taken by <see cref="BrokerEngine.ReadOutput"/>.</summary>
        public long BytesSent;

        /// <summary>Deliveries dropped because a session queue was full.</summary>
        public long DroppedQueueFull;

        /// <summary>Messages dropped because the message pool had no room.</summary>
        public long DroppedPoolFull;

        /// <summary>Unacknowledged messages dropped after the last retry.</summary>
        public long DroppedRetriesExhausted;

        /// <summary>Queued QoS 0 messages dropped when their session went offline.</summary>
        public long DroppedOffline;

        /// <summary>Retained messages not stored because the store was full.</summary>
        public long RetainedRejected;

        /// <summary>Retained messages removed by expiry.</summary>
        public long RetainedExpired;

        /// <summary>Connections refused with a non-zero CONNACK or for lack of a slot.</summary>
        public long ConnectionsRefused;

        /// <summary>Connections closed for a protocol violation or an oversized packet.</summary>
        public long ProtocolErrors;

        /// <summary>Connections closed by keep-alive expiry.</summary>
        public long KeepAliveTimeouts;

        /// <summary>Connections closed because no CONNECT arrived in time.</summary>
        public long ConnectTimeouts;

        /// <summary>Connections closed because a new connection took over their session.</summary>
        public long Takeovers;

        /// <summary>Will messages published.</summary>
        public long WillsPublished;

        /// <summary>Offline persistent sessions removed by expiry.</summary>
        public long SessionsExpired;

        /// <summary>Offline persistent sessions evicted to make room for a new session.</summary>
        public long SessionsEvicted;

        /// <summary>Subscriptions refused (0x80) for lack of capacity or an invalid filter.</summary>
        public long SubscriptionsRefused;

        /// <summary>CONNECTs refused by the authenticator or for missing credentials (CONNACK 4 or 5).</summary>
        public long AuthenticationFailures;

        /// <summary>CONNECTs refused (CONNACK 5) because the ACL does not allow the client to write its Will topic.</summary>
        public long WillsDenied;

        /// <summary>PUBLISH packets acknowledged and dropped because the ACL denies writing the topic [MQTT-3.3.5-2].</summary>
        public long PublishesDenied;

        /// <summary>PUBLISH packets refused (the connection closed) because the topic has more than <see cref="BrokerOptions.MaxTopicLevels"/> levels.</summary>
        public long PublishesRejected;

        /// <summary>PUBLISH packets held back by the per-connection rate limit.</summary>
        public long PublishesThrottled;

        /// <summary>Subscription filters refused (0x80) because the ACL grants no read access under them.</summary>
        public long SubscriptionsDenied;

        /// <summary>Deliveries (retained included) skipped because the ACL denies the subscriber reading the topic.</summary>
        public long DeliveriesDenied;

        /// <summary>Every message drop, whatever the reason.</summary>
        public long MessagesDropped => DroppedQueueFull + DroppedPoolFull + DroppedRetriesExhausted + DroppedOffline;
    }
}
