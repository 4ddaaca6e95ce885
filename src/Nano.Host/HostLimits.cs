using System;
using System.Globalization;
using System.Text;

namespace Nano.Host
{
    /// <summary>
    /// The broker's limits that have no Mosquitto option of their own, as <c>--name value</c> options and
    /// configuration keys; the help text shows each with the default read from a fresh <see cref="HostOptions"/>.
    /// </summary>
    public static class HostLimits
    {
        private sealed class Limit
        {
            public string Name;
            public string Help;
            public long Min;
            public long Max;
            public bool Seconds;
            public Func<HostOptions, long> Get;
            public Action<HostOptions, long> Set;
        }

        private static readonly Limit[] Limits =
        {
            Count("max_sessions", "sessions kept, connected or offline (at least max_connections)", 1, 1 << 20,
                o => o.Broker.MaxSessions, (o, n) => o.Broker.MaxSessions = (int)n),
            Count("max_subscriptions", "subscriptions over all clients", 1, 1 << 24,
                o => o.Broker.MaxSubscriptions, (o, n) => o.Broker.MaxSubscriptions = (int)n),
            Count("max_subscriptions_per_client", "subscriptions of one client; the next filter gets 0x80", 1, 1 << 20,
                o => o.Broker.MaxSubscriptionsPerClient, (o, n) => o.Broker.MaxSubscriptionsPerClient = (int)n),
            Count("max_subscription_bytes", "bytes of all topic filters together (0 = 32 per subscription)", 0, int.MaxValue,
                o => o.Broker.MaxSubscriptionBytes, (o, n) => o.Broker.MaxSubscriptionBytes = (int)n),
            Count("max_awaiting_release", "QoS 2 messages awaiting PUBREL per client, beyond closes; 65535 = every id (8 KB per QoS 2 client)", 1, 65535,
                o => o.Broker.MaxAwaitingRelease, (o, n) => o.Broker.MaxAwaitingRelease = (int)n),
            Count("max_qos", "highest QoS granted in SUBACK", 0, 2,
                o => o.Broker.MaxQos, (o, n) => o.Broker.MaxQos = (int)n),
            Count("max_retained", "retained topics kept; a new one beyond is not stored", 0, 1 << 24,
                o => o.Broker.MaxRetained, (o, n) => o.Broker.MaxRetained = (int)n),
            Count("max_retained_bytes", "bytes of topic and payload of all retained messages", 0, int.MaxValue,
                o => o.Broker.MaxRetainedBytes, (o, n) => o.Broker.MaxRetainedBytes = (int)n),
            Count("max_messages", "messages in the shared pool (queued, inflight, Wills)", 1, 1 << 24,
                o => o.Broker.MaxMessages, (o, n) => o.Broker.MaxMessages = (int)n),
            Count("message_pool_bytes", "bytes of topic and payload in the shared pool", 16, int.MaxValue,
                o => o.Broker.MessagePoolBytes, (o, n) => o.Broker.MessagePoolBytes = (int)n),
            Count("max_client_id_length", "longest client identifier at MQTT 3.1.1 (3.1 allows 23)", 23, 65535,
                o => o.Broker.MaxClientIdLength, (o, n) => o.Broker.MaxClientIdLength = (int)n),
            Count("max_topic_length", "longest topic filter in bytes; a longer one gets 0x80", 1, 65535,
                o => o.Broker.MaxTopicLength, (o, n) => o.Broker.MaxTopicLength = (int)n),
            Count("max_topic_levels", "most levels in a topic or filter, 0 = no limit", 0, 65535,
                o => o.Broker.MaxTopicLevels, (o, n) => o.Broker.MaxTopicLevels = (int)n),
            Count("max_user_name_length", "longest user name; longer gets CONNACK 4", 0, 65535,
                o => o.Broker.MaxUserNameLength, (o, n) => o.Broker.MaxUserNameLength = (int)n),
            Count("max_publish_rate", "PUBLISH packets per second per connection, 0 = no limit", 0, 1 << 20,
                o => o.Broker.MaxPublishRate, (o, n) => o.Broker.MaxPublishRate = (int)n),
            Count("publish_burst", "PUBLISH packets sent at once before max_publish_rate applies", 1, 1 << 20,
                o => o.Broker.PublishBurst, (o, n) => o.Broker.PublishBurst = (int)n),
            Time("connect_timeout", "time from accept to CONNECT", 1, int.MaxValue / 1000,
                o => o.Broker.ConnectTimeoutMs, (o, n) => o.Broker.ConnectTimeoutMs = (int)n),
            Time("retry_interval", "re-send interval of unacknowledged QoS 1/2 messages, 0 = on reconnect only", 0, int.MaxValue / 1000,
                o => o.Broker.RetryIntervalMs, (o, n) => o.Broker.RetryIntervalMs = (int)n),
            Count("max_retries", "re-sends before an unacknowledged message is dropped", 0, 65535,
                o => o.Broker.MaxRetries, (o, n) => o.Broker.MaxRetries = (int)n),
            Time("slow_consumer_timeout", "with queue_full_policy backpressure: a connected client whose full queue holds a PUBLISH back this long is disconnected, 0 = never", 0, int.MaxValue / 1000,
                o => o.Broker.SlowConsumerTimeoutMs, (o, n) => o.Broker.SlowConsumerTimeoutMs = (int)n),
            Time("retained_expiration", "lifetime of a retained message, 0 = never", 0, int.MaxValue,
                o => o.Broker.RetainedExpiryMs, (o, n) => o.Broker.RetainedExpiryMs = n),
            Count("input_buffer_size", "receive bytes per connection; larger packets borrow a large buffer", 16, int.MaxValue,
                o => o.Broker.InputBufferSize, (o, n) => o.Broker.InputBufferSize = (int)n),
            Count("max_message_memory", "bytes allocated on demand for large packets and messages (one copy per message, however many subscribers); at the limit large packets wait unread; 0 = preallocate large_packet_buffers", 0, int.MaxValue,
                o => o.Broker.MaxMessageMemory, (o, n) => o.Broker.MaxMessageMemory = (int)n),
            Count("large_packet_buffers", "with max_message_memory 0: shared buffers of message_size_limit bytes for large packets", 1, 65535,
                o => o.Broker.LargePacketBuffers, (o, n) => o.Broker.LargePacketBuffers = (int)n),
            Count("output_buffer_size", "acknowledgement bytes per connection", 8, int.MaxValue,
                o => o.Broker.OutputBufferSize, (o, n) => o.Broker.OutputBufferSize = (int)n),
            Count("max_handshakes", "TLS handshakes at once, apart from max_connections", 1, 65535,
                o => o.MaxHandshakes, (o, n) => o.MaxHandshakes = (int)n),
            Count("password_hash_steps", "password hash compressions per poll of a $7$ check (about 1 us each)", 2, int.MaxValue,
                o => o.PasswordHashSteps, (o, n) => o.PasswordHashSteps = (int)n),
            Time("handshake_timeout", "time from a TLS accept to the client's first MQTT byte", 1, int.MaxValue / 1000,
                o => o.HandshakeTimeoutMs, (o, n) => o.HandshakeTimeoutMs = (int)n),
        };

        /// <summary>Help lines of every limit with its default, in the layout of <see cref="HostOptionsParser.Usage"/>.</summary>
        public static readonly string Usage = BuildUsage();

        /// <summary>Whether <paramref name="key"/> names a limit.</summary>
        public static bool IsKey(string key) => Find(key) != null;

        /// <summary>Sets a limit from its text: a whole number (of seconds for times); false with <paramref name="error"/> when out of range.</summary>
        public static bool Apply(HostOptions o, string key, string value, out string error)
        {
            Limit limit = Find(key);
            if (limit == null)
            {
                error = "unknown option";
                return false;
            }
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n < limit.Min || n > limit.Max)
            {
                error = "expected a whole number" + (limit.Seconds ? " of seconds" : "") + " from " + limit.Min + " to " + limit.Max + ", got '" + value + "'";
                return false;
            }
            limit.Set(o, limit.Seconds ? n * 1000 : n);
            error = null;
            return true;
        }

        private static Limit Find(string key)
        {
            for (int i = 0; i < Limits.Length; i++)
            {
                if (Limits[i].Name == key)
                {
                    return Limits[i];
                }
            }
            return null;
        }

        private static string BuildUsage()
        {
            var defaults = new HostOptions();
            var text = new StringBuilder();
            for (int i = 0; i < Limits.Length; i++)
            {
                Limit limit = Limits[i];
                long value = limit.Get(defaults);
                string option = "  --" + limit.Name + (limit.Seconds ? " <seconds>" : " <n>");
                text.Append(option.PadRight(40)).Append(limit.Help).Append(" (default ")
                    .Append(limit.Seconds ? value / 1000 : value).Append(')').Append('\n');
            }
            return text.ToString();
        }

        private static Limit Count(string name, string help, long min, long max, Func<HostOptions, long> get, Action<HostOptions, long> set) =>
            new Limit { Name = name, Help = help, Min = min, Max = max, Get = get, Set = set };

        private static Limit Time(string name, string help, long min, long max, Func<HostOptions, long> get, Action<HostOptions, long> set) =>
            new Limit { Name = name, Help = help, Min = min, Max = max, Seconds = true, Get = get, Set = set };
    }
}
