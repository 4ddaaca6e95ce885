namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// The <c>$SYS/broker/...</c> topic names (as bytes, built once), the clock of the last report and a
    /// digit buffer that formats counters without allocating. Mosquitto has no security counters; these
    /// publish the <see cref="BrokerStatistics"/> fields of the same meaning:
    /// <list type="bullet">
    /// <item><c>$SYS/broker/security/authentication/failures</c>: <see cref="BrokerStatistics.AuthenticationFailures"/></item>
    /// <item><c>$SYS/broker/security/wills/denied</c>: <see cref="BrokerStatistics.WillsDenied"/></item>
    /// <item><c>$SYS/broker/security/publishes/denied</c>: <see cref="BrokerStatistics.PublishesDenied"/></item>
    /// <item><c>$SYS/broker/security/publishes/rejected</c>: <see cref="BrokerStatistics.PublishesRejected"/></item>
    /// <item><c>$SYS/broker/security/publishes/throttled</c>: <see cref="BrokerStatistics.PublishesThrottled"/></item>
    /// <item><c>$SYS/broker/security/subscriptions/denied</c>: <see cref="BrokerStatistics.SubscriptionsDenied"/></item>
    /// <item><c>$SYS/broker/security/deliveries/denied</c>: <see cref="BrokerStatistics.DeliveriesDenied"/></item>
    /// </list>
    /// </summary>
    internal sealed class SysTopics
    {
        public const int Uptime = 0;
        public const int ClientsConnected = 1;
        public const int ClientsTotal = 2;
        public const int ClientsMaximum = 3;
        public const int MessagesReceived = 4;
        public const int MessagesSent = 5;
        public const int MessagesDropped = 6;
        public const int BytesReceived = 7;
        public const int BytesSent = 8;
        public const int RetainedCount = 9;
        public const int SubscriptionsCount = 10;
        public const int HeapFree = 11;
        public const int AuthenticationFailures = 12;
        public const int WillsDenied = 13;
        public const int PublishesDenied = 14;
        public const int PublishesRejected = 15;
        public const int PublishesThrottled = 16;
        public const int SubscriptionsDenied = 17;
        public const int DeliveriesDenied = 18;
        public const int Version = 19;

        private const int MaxDigits = 20;

        private static readonly string[] Names =
        {
            "$SYS/broker/uptime",
            "$SYS/broker/clients/connected",
            "$SYS/broker/clients/total",
            "$SYS/broker/clients/maximum",
            "$SYS/broker/messages/received",
            "$SYS/broker/messages/sent",
            "$SYS/broker/messages/dropped",
            "$SYS/broker/bytes/received",
            "$SYS/broker/bytes/sent",
            "$SYS/broker/retained messages/count",
            "$SYS/broker/subscriptions/count",
            "$SYS/broker/heap/free",
            "$SYS/broker/security/authentication/failures",
            "$SYS/broker/security/wills/denied",
            "$SYS/broker/security/publishes/denied",
            "$SYS/broker/security/publishes/rejected",
            "$SYS/broker/security/publishes/throttled",
            "$SYS/broker/security/subscriptions/denied",
            "$SYS/broker/security/deliveries/denied",
            "$SYS/broker/version",
        };

        private readonly byte[][] _topics;
        private bool _started;
        private long _startMs;
        private long _lastReportMs;

        /// <summary>Digits written by <see cref="Format"/>.</summary>
        public readonly byte[] Digits = new byte[MaxDigits];

        /// <summary>The payload of <c>$SYS/broker/version</c>: <see cref="BrokerEngine.Version"/> in ASCII, at most <c>MaxDigits</c> bytes.</summary>
        public readonly byte[] VersionText = new byte[BrokerEngine.Version.Length];

        public SysTopics()
        {
            _topics = new byte[Names.Length][];
            for (int i = 0; i < Names.Length; i++)
            {
                string name = Names[i];
                byte[] topic = new byte[name.Length];
                for (int k = 0; k < name.Length; k++)
                {
                    topic[k] = (byte)name[k];
                }
                _topics[i] = topic;
            }
            for (int k = 0; k < VersionText.Length; k++)
            {
                VersionText[k] = (byte)BrokerEngine.Version[k];
            }
        }

        /// <summary>Number of topics.</summary>
        public int Count => _topics.Length;

        /// <summary>Arena bytes all reports need at most.</summary>
        public int ArenaBytes
        {
            get
            {
                int bytes = 0;
                for (int i = 0; i < _topics.Length; i++)
                {
                    bytes += _topics[i].Length + MaxDigits;
                }
                return bytes;
            }
        }

        public byte[] Topic(int i) => _topics[i];

        /// <summary>Records the first time the engine saw as its start.</summary>
        public void Start(long nowMs)
        {
            if (!_started)
            {
                _started = true;
                _startMs = nowMs;
                _lastReportMs = nowMs;
            }
        }

        /// <summary>Seconds since <see cref="Start"/>.</summary>
        public long UptimeSeconds(long nowMs) => (nowMs - _startMs) / 1000;

        /// <summary>True once per interval; the first report is due one interval after start.</summary>
        public bool Due(long nowMs, long intervalMs)
        {
            if (nowMs - _lastReportMs < intervalMs)
            {
                return false;
            }
            _lastReportMs = nowMs;
            return true;
        }

        /// <summary>When the next report is due.</summary>
        public long NextReportMs(long intervalMs) => _lastReportMs + intervalMs;

        /// <summary>Writes the decimal digits of a non-negative value into <see cref="Digits"/>; returns their count.</summary>
        public int Format(long value) => Format(value, Digits);

        /// <summary>Writes the decimal digits of a non-negative value (negative counts as 0) into <paramref name="digits"/>
        /// (20 bytes hold any long); returns their count.</summary>
        public static int Format(long value, byte[] digits)
        {
            if (value < 0)
            {
                value = 0;
            }
            int length = 0;
            long rest = value;
            do
            {
                length++;
                rest /= 10;
            }
            while (rest > 0);
            for (int i = length - 1; i >= 0; i--)
            {
                digits[i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }
            return length;
        }
    }
}
