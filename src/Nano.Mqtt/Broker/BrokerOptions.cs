namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// The broker's capacity record and policies. Every buffer is sized from these values once, in the
    /// <see cref="BrokerEngine"/> constructor. Defaults fit an ESP32 without PSRAM; names follow
    /// Mosquitto's configuration where one exists. On the nanoCLR interpreter a connected client (connection
    /// and session) costs about 1 KB, an offline session 0.4 KB, a subscription 50 B, a pooled or retained
    /// message slot 27 B plus its bytes (README, Memory, has the table per board).
    /// </summary>
    public sealed class BrokerOptions
    {
        /// <summary>Concurrent network connections (Mosquitto max_connections).</summary>
        public int MaxConnections = 8;

        /// <summary>Sessions kept, connected or not; at least <see cref="MaxConnections"/>. When full, the
        /// offline session that disconnected longest ago is evicted; if none is offline, CONNACK 3.</summary>
        public int MaxSessions = 16;

        /// <summary>Subscriptions across all sessions.</summary>
        public int MaxSubscriptions = 64;

        /// <summary>Bytes of topic filters over all subscriptions (one shared arena, holding a filter several sessions subscribe
        /// once); a filter that does not fit gets 0x80.
        /// 0 = <see cref="MaxSubscriptions"/> x 32.</summary>
        public int MaxSubscriptionBytes;

        /// <summary>Subscriptions of one session; a SUBSCRIBE beyond it gets 0x80 for that filter.</summary>
        public int MaxSubscriptionsPerClient = 8;

        /// <summary>Outgoing QoS 1/2 messages unacknowledged per session (Mosquitto max_inflight_messages).</summary>
        public int MaxInflight = 4;

        /// <summary>Messages waiting behind the inflight window per session (Mosquitto max_queued_messages). What happens
        /// when a connected session's queue is full: <see cref="QueueFullPolicy"/>. When an offline session's queue is full,
        /// the oldest queued QoS 0 message is dropped, otherwise the new message (counted).</summary>
        public int MaxQueued = 8;

        /// <summary>Bytes of topic plus payload queued per session (Mosquitto max_queued_bytes); 0 = no limit. A queue
        /// holding this many bytes or more is full, like one holding <see cref="MaxQueued"/> messages.</summary>
        public int MaxQueuedBytes;

        /// <summary>What a PUBLISH from a client meets when a connected subscriber's queue or the message pool is full:
        /// it waits unacknowledged (backpressure, the default) or its deliveries are dropped.</summary>
        public QueueFullPolicy QueueFullPolicy = QueueFullPolicy.Backpressure;

        /// <summary>With <see cref="QueueFullPolicy.Backpressure"/>: how long a PUBLISH may wait at the head of its
        /// publisher's input before the connected subscribers whose full queues hold it are disconnected
        /// (<see cref="BrokerEvent.SlowConsumer"/>), or, when the message pool is what is full, before it is accepted and
        /// dropped (counted in <see cref="BrokerStatistics.DroppedPoolFull"/>); 0 = wait forever.</summary>
        public int SlowConsumerTimeoutMs = 10000;

        /// <summary>Incoming QoS 2 messages received and not yet released per session; beyond it the connection is
        /// closed (<see cref="Codec.MqttError.AwaitingReleaseFull"/>, reported as a protocol error).
        /// <see cref="AllPacketIds"/> tracks every identifier a client may use in an 8 KB bitmap per session, made
        /// at its first QoS 2 PUBLISH, so that no MQTT 3.1.1 client is ever closed for it.</summary>
        public int MaxAwaitingRelease = 8;

        /// <summary>The <see cref="MaxAwaitingRelease"/> that tracks every packet identifier 1..65,535 [MQTT-2.3.1-1].</summary>
        public const int AllPacketIds = 65535;

        /// <summary>Queue QoS 0 messages for offline persistent sessions (Mosquitto queue_qos0_messages).</summary>
        public bool QueueQos0;

        /// <summary>Highest QoS granted in SUBACK (0, 1 or 2).</summary>
        public int MaxQos = 2;

        /// <summary>Retained topics kept; a new retained topic beyond it is not stored (counted).</summary>
        public int MaxRetained = 16;

        /// <summary>Bytes of topic plus payload over all retained messages; same policy as <see cref="MaxRetained"/>.</summary>
        public int MaxRetainedBytes = 2048;

        /// <summary>Messages in the shared message pool (queued, inflight and Will messages, besides retained ones).</summary>
        public int MaxMessages = 32;

        /// <summary>Bytes of topic plus payload in the shared message pool, besides retained ones.</summary>
        public int MessagePoolBytes = 4096;

        /// <summary>Largest accepted packet, fixed header included (Mosquitto message_size_limit); larger closes the connection
        /// before any of it is buffered (<see cref="Codec.MqttError.PacketTooLarge"/>, reported as a protocol error).</summary>
        public int MaxPacketSize = 1024;

        /// <summary>Bytes allocated on demand, once used, for what the preallocated buffers cannot hold: the input of a
        /// packet larger than <see cref="InputBufferSize"/> (allocated at its size, in place of the
        /// <see cref="LargePacketBuffers"/>) and messages the <see cref="MessagePoolBytes"/> arena cannot hold (a large PUBLISH
        /// keeps its input array as its one stored copy). At its limit, large packets are left unread until memory is
        /// given back. 0 (the default) = off: every buffer is preallocated. At least <see cref="MaxPacketSize"/> when set.</summary>
        public int MaxMessageMemory;

        /// <summary>Longest client identifier accepted at MQTT 3.1.1 (3.1 allows 1 to 23).</summary>
        public int MaxClientIdLength = 36;

        /// <summary>Longest topic filter in bytes; a longer one gets 0x80.
        /// Topic names are bounded by <see cref="MaxPacketSize"/> only.</summary>
        public int MaxTopicLength = 64;

        /// <summary>Most levels in a topic name or filter; 0 = no limit. A deeper filter gets 0x80; a PUBLISH to a
        /// deeper topic closes the connection before any acknowledgement (<see cref="Codec.MqttError.TopicTooDeep"/>,
        /// reported as a protocol error and counted in <see cref="BrokerStatistics.PublishesRejected"/>).</summary>
        public int MaxTopicLevels = 32;

        /// <summary>Longest user name accepted in CONNECT (kept per session for the ACL); longer gets CONNACK 4.</summary>
        public int MaxUserNameLength = 32;

        /// <summary>PUBLISH packets per second one connection may send; 0 = no limit. Beyond it the connection's
        /// input is left unread until the token bucket refills (TCP then slows the publisher), counted.</summary>
        public int MaxPublishRate;

        /// <summary>PUBLISH packets a connection may send at once before <see cref="MaxPublishRate"/> applies.</summary>
        public int PublishBurst = 10;

        /// <summary>Time allowed between accepting a connection and its CONNECT.</summary>
        public int ConnectTimeoutMs = 10000;

        /// <summary>Re-send interval for unacknowledged QoS 1/2 messages inside one connection; 0 = off
        /// (re-sending then happens only on reconnect, as MQTT 3.1.1 requires).</summary>
        public int RetryIntervalMs;

        /// <summary>Re-sends inside one connection before an unacknowledged message is dropped (counted).</summary>
        public int MaxRetries = 3;

        /// <summary>Lifetime of an offline persistent session (Mosquitto persistent_client_expiration); 0 = never.</summary>
        public long SessionExpiryMs;

        /// <summary>Lifetime of a retained message; 0 = never.</summary>
        public long RetainedExpiryMs;

        /// <summary>Bytes buffered per connection for received data: a packet larger than this borrows one of the
        /// <see cref="LargePacketBuffers"/> (or, with <see cref="MaxMessageMemory"/>, an array of its size). At least 16; at
        /// most <see cref="MaxPacketSize"/>.</summary>
        public int InputBufferSize = 128;

        /// <summary>Buffers of <see cref="MaxPacketSize"/> bytes shared by all connections for packets larger than
        /// <see cref="InputBufferSize"/> (none are allocated when that is already the maximum packet size). A connection
        /// whose large packet finds none free is left unread until one is.</summary>
        public int LargePacketBuffers = 2;

        /// <summary>Bytes buffered per connection for acknowledgements (CONNACK, PUBACK, PUBREC, PUBCOMP, SUBACK,
        /// UNSUBACK, PINGRESP). PUBLISH and PUBREL are encoded when the host reads them and need no buffer. A
        /// SUBSCRIBE whose SUBACK would not fit (more filters than this minus 4) closes the connection.</summary>
        public int OutputBufferSize = 64;

        /// <summary>Allocate a connection's input and acknowledgement buffers when it is accepted and give them back when it
        /// closes, so memory follows the connections in use (the PC host). Off (the default): the constructor allocates
        /// them for every slot, a fixed budget that cannot run out later (the device).</summary>
        public bool AllocateOnAccept;

        /// <summary>Accept a CONNECT without user name.</summary>
        public bool AllowAnonymous = true;

        /// <summary>Interval of the retained <c>$SYS/broker/...</c> statistics; 0 = off.</summary>
        public int SysIntervalMs;
    }
}
