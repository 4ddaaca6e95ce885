namespace Nano.Mqtt.Client
{
    /// <summary>
    /// Identity, session settings and capacity record of a <see cref="MqttClientEngine"/>. Every buffer is
    /// sized from these values once, in the engine's constructor; strings are encoded to UTF-8 there too.
    /// Defaults fit an ESP32 sensor node without PSRAM; <see cref="ForPc"/> gives the profile for a PC.
    /// </summary>
    public sealed class MqttClientOptions
    {
        /// <summary>Largest topic plus payload a PUBLISH can carry: the largest remaining length less the topic's
        /// length prefix and a packet identifier.</summary>
        public const int ProtocolMaxMessageSize = 268435455 - 2 - 2;

        /// <summary>Largest MQTT packet: a fixed header of 5 bytes and the largest remaining length.</summary>
        public const int ProtocolMaxPacketSize = 268435455 + 5;

        /// <summary>
        /// The PC profile: messages and packets up to the protocol maxima with buffers that start small and
        /// grow (<see cref="GrowBuffers"/>), 1,000 queued messages, an inflight window of 20, 64 subscriptions
        /// of filters up to 1,024 bytes, and every incoming QoS 2 packet identifier trackable. The other
        /// settings keep their defaults; change any field of the result.
        /// </summary>
        public static MqttClientOptions ForPc()
        {
            MqttClientOptions options = new MqttClientOptions();
            options.GrowBuffers = true;
            options.MaxMessageSize = ProtocolMaxMessageSize;
            options.MaxPacketSize = ProtocolMaxPacketSize;
            options.OutputBufferSize = 4096;
            options.MaxQueued = 1000;
            options.InflightWindow = 20;
            options.MaxSubscriptions = 64;
            options.MaxTopicFilterLength = 1024;
            options.MaxAwaitingRelease = 65535;
            return options;
        }

        /// <summary>Client identifier (1..23 characters of [0-9a-zA-Z] are accepted by every server).</summary>
        public string ClientId = "nano";

        /// <summary>Clean Session: true discards the session at every connect; false resumes it.</summary>
        public bool CleanSession = true;

        /// <summary>Keep-alive interval in seconds (0 = off, at most 65,535).</summary>
        public int KeepAliveSeconds = 60;

        /// <summary>User name, or null for none.</summary>
        public string UserName;

        /// <summary>Password (sent as UTF-8; requires <see cref="UserName"/>), or null for none.</summary>
        public string Password;

        /// <summary>Will topic, or null for no Will.</summary>
        public string WillTopic;

        /// <summary>Will message (binary; null = empty).</summary>
        public byte[] WillPayload;

        /// <summary>Will QoS (0..2).</summary>
        public int WillQos;

        /// <summary>Will Retain flag.</summary>
        public bool WillRetain;

        /// <summary><see cref="Mqtt.ProtocolLevel.V311"/> (4, "MQTT") or <see cref="Mqtt.ProtocolLevel.V31"/> (3, "MQIsdp").</summary>
        public byte ProtocolLevel = Mqtt.ProtocolLevel.V311;

        /// <summary>Announce a bridge: the CONNECT level byte carries 0x80 (Mosquitto's try_private); a Nano broker
        /// then never sends this client a message that another bridge brought in, its own included.</summary>
        public bool Bridge;

        /// <summary>Outgoing QoS 1/2 messages unacknowledged at once (Mosquitto max_inflight_messages).</summary>
        public int InflightWindow = 4;

        /// <summary>Messages waiting to be sent (while offline or behind the inflight window). When every slot
        /// is used, the oldest queued QoS 0 message is dropped; without one, the new message is rejected.</summary>
        public int MaxQueued = 8;

        /// <summary>Largest topic plus payload of a queued or in-flight message, in bytes (each slot's size).</summary>
        public int MaxMessageSize = 256;

        /// <summary>Largest packet accepted from the server, fixed header included; a larger one closes the connection.</summary>
        public int MaxPacketSize = 1024;

        /// <summary>Bytes buffered for sending; raised to fit CONNECT and the largest stored message (with
        /// <see cref="GrowBuffers"/>: the starting size of the output and of the receive buffer).</summary>
        public int OutputBufferSize = 512;

        /// <summary>False: every buffer is allocated at its maximum by the constructor (the device way). True: the
        /// output, the receive buffer and each queued message's slot start small and grow to the size of the largest
        /// message or packet met, within <see cref="MaxMessageSize"/> and <see cref="MaxPacketSize"/>.</summary>
        public bool GrowBuffers;

        /// <summary>A stored message not sent within this many milliseconds of its publish is discarded and reported
        /// <see cref="PublishOutcome.Expired"/>; 0 = never.</summary>
        public int MessageExpiryMs;

        /// <summary>Topic filters kept for (re)subscribing.</summary>
        public int MaxSubscriptions = 8;

        /// <summary>Longest topic filter in bytes.</summary>
        public int MaxTopicFilterLength = 64;

        /// <summary>Incoming QoS 2 messages received and not yet released; beyond it the connection is closed.</summary>
        public int MaxAwaitingRelease = 8;

        /// <summary>Time allowed for CONNACK after <see cref="MqttClientEngine.Connect"/>.</summary>
        public int ConnectTimeoutMs = 10000;

        /// <summary>Re-send interval for unacknowledged QoS 1/2 messages inside one connection; 0 = off
        /// (MQTT 3.1.1 requires re-sending only on reconnect [MQTT-4.4.0-1]).</summary>
        public int RetryIntervalMs;

        /// <summary>Reconnect automatically after a lost or refused connection.</summary>
        public bool AutoReconnect = true;

        /// <summary>First reconnect delay; doubled after each failed attempt.</summary>
        public int ReconnectMinMs = 1000;

        /// <summary>Largest reconnect delay.</summary>
        public int ReconnectMaxMs = 60000;

        /// <summary>Each delay is shortened by a random 0..this percent of it (0..100), spreading reconnect storms.</summary>
        public int ReconnectJitterPercent = 20;

        /// <summary>Seed of the jitter generator (give each node its own, e.g. from its MAC address).</summary>
        public int RandomSeed = 1;
    }
}
