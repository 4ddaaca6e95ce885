namespace Nano.MqttSn.Client
{
    /// <summary>Identity, timers and capacities of an <see cref="SnClient"/>; read once at construction.</summary>
    public sealed class SnClientOptions
    {
        /// <summary>ClientId, 1–23 UTF-8 octets; give each node its own (the gateway ends an older connection of the same id).</summary>
        public string ClientId { get; set; } = "nano-sn";

        /// <summary>Keep-alive Duration sent in CONNECT, seconds; 0 disables PINGREQ.</summary>
        public int KeepAliveSeconds { get; set; } = 60;

        /// <summary>CleanSession flag of CONNECT.</summary>
        public bool CleanSession { get; set; } = true;

        /// <summary>Will topic; null for no Will.</summary>
        public string WillTopic { get; set; }

        /// <summary>Will message octets.</summary>
        public byte[] WillMessage { get; set; }

        /// <summary>Will QoS 0–2.</summary>
        public int WillQos { get; set; }

        /// <summary>Will retain.</summary>
        public bool WillRetain { get; set; }

        /// <summary>T_RETRY in milliseconds (§7.2: 10–15 s).</summary>
        public int RetryIntervalMs { get; set; } = 10000;

        /// <summary>N_RETRY: re-sends before the gateway is considered lost (§7.2: 3–5).</summary>
        public int MaxRetries { get; set; } = 3;

        /// <summary>T_SEARCHGW: maximum random delay before the first SEARCHGW, milliseconds.</summary>
        public int SearchGwMaxDelayMs { get; set; } = 5000;

        /// <summary>Wait for an answer after the first SEARCHGW; doubles after each unanswered one.</summary>
        public int SearchGwRetryMs { get; set; } = 5000;

        /// <summary>Upper bound of the SEARCHGW back-off, milliseconds.</summary>
        public int SearchGwMaxRetryMs { get; set; } = 60000;

        /// <summary>Broadcast radius carried in SEARCHGW.</summary>
        public byte SearchGwRadius { get; set; } = 1;

        /// <summary>Largest datagram sent or kept for retransmission, octets.</summary>
        public int MaxPacketSize { get; set; } = 128;

        /// <summary>Datagrams that can wait in the transmit queue.</summary>
        public int TransmitQueueLength { get; set; } = 4;

        /// <summary>Entries of the topic id table.</summary>
        public int MaxTopics { get; set; } = 8;

        /// <summary>Longest topic name kept in the topic id table, octets.</summary>
        public int MaxTopicNameLength { get; set; } = 64;

        /// <summary>Predefined topic ids the application can name with <see cref="SnClient.DefineTopic"/>.</summary>
        public int MaxPredefinedTopics { get; set; }

        /// <summary>Acknowledged requests that wait, in order, while one is outstanding (each keeps a datagram of
        /// <see cref="MaxPacketSize"/> and a topic name); 0 answers Busy instead.</summary>
        public int MaxQueuedRequests { get; set; } = 4;

        /// <summary>Inbound QoS 2 message ids remembered until PUBREL.</summary>
        public int MaxInboundQos2 { get; set; } = 4;

        /// <summary>Gateways remembered from ADVERTISE and GWINFO, to fail over to (§6.1).</summary>
        public int MaxGateways { get; set; } = 3;

        /// <summary>T_WAIT: how long a gateway that answered CONNECT with "rejected: congestion" is not chosen again
        /// while others are known, milliseconds (§7.2: more than 5 minutes).</summary>
        public int CongestionWaitMs { get; set; } = 300000;

        /// <summary>Seed of the generator for the SEARCHGW delay.</summary>
        public int RandomSeed { get; set; } = 1;
    }
}
