using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;

namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// A sans-I/O MQTT 3.1/3.1.1 broker. The host hands it received bytes per connection and the current
    /// time; it hands back the bytes to send and whether to close. All memory is allocated by the
    /// constructor; no input makes it throw into the host.
    /// </summary>
    public sealed partial class BrokerEngine
    {
        private readonly BrokerOptions _options;
        private readonly MessagePool _pool;
        private readonly RetainedStore _retained;
        private readonly SubscriptionTable _subscriptions;
        private readonly Session[] _sessions;
        private readonly Connection[] _connections;
        private readonly SysTopics _sys;
        private readonly byte[] _subAckCodes;
        private readonly byte[] _assignedClientId;
        private readonly int _maxFiltersPerPacket;
        private readonly ConnectPacket _connect = new ConnectPacket();
        private readonly ConnAckPacket _connAck = new ConnAckPacket();
        private readonly PublishPacket _publishIn = new PublishPacket();
        private readonly PublishPacket _publishOut = new PublishPacket();
        private readonly AckPacket _ackIn = new AckPacket();
        private readonly AckPacket _ackOut = new AckPacket();
        private readonly SubscribePacket _subscribe = new SubscribePacket();
        private readonly SubAckPacket _subAck = new SubAckPacket();
        private readonly UnsubscribePacket _unsubscribe = new UnsubscribePacket();
        private readonly UnsubAckPacket _unsubAck = new UnsubAckPacket();
        private readonly HeaderOnlyPacket _headerOnlyIn = new HeaderOnlyPacket();
        private readonly HeaderOnlyPacket _headerOnlyOut = new HeaderOnlyPacket();
        private readonly ByteSlice _assignedClientIdSlice = new ByteSlice();
        private long _nowMs;
        private int _lastAssignedClientId;

        /// <summary>Creates the engine and allocates every buffer it will use.</summary>
        public BrokerEngine(BrokerOptions options)
        {
            _options = Normalise(options == null ? new BrokerOptions() : options);
            _sys = new SysTopics();
            int sysSlots = _options.SysIntervalMs > 0 ? _sys.Count : 0;
            int sysBytes = _options.SysIntervalMs > 0 ? _sys.ArenaBytes : 0;
            _pool = new MessagePool(_options.MaxMessages + _options.MaxRetained + sysSlots, _options.MessagePoolBytes + _options.MaxRetainedBytes + sysBytes);
            _retained = new RetainedStore(_pool, _options.MaxRetained, _options.MaxRetainedBytes, sysSlots);
            _subscriptions = new SubscriptionTable(_options.MaxSubscriptions, _options.MaxSubscriptionsPerClient, _options.MaxTopicLength, _options.MaxSessions);
            _sessions = new Session[_options.MaxSessions];
            for (int i = 0; i < _sessions.Length; i++)
            {
                _sessions[i] = new Session(_pool, _options.MaxClientIdLength, _options.MaxUserNameLength, _options.MaxQueued, _options.MaxInflight, _options.MaxAwaitingRelease);
            }
            _connections = new Connection[_options.MaxConnections];
            for (int i = 0; i < _connections.Length; i++)
            {
                _connections[i] = new Connection(_options.InputBufferSize, _options.OutputBufferSize);
            }
            _maxFiltersPerPacket = _options.MaxPacketSize / 4;
            _subscribe.MaxFilters = _maxFiltersPerPacket;
            _unsubscribe.MaxFilters = _maxFiltersPerPacket;
            _subAckCodes = new byte[_maxFiltersPerPacket];
            _assignedClientId = new byte[_options.MaxClientIdLength];
            Statistics = new BrokerStatistics();
        }

        /// <summary>Checks CONNECT credentials; null accepts every client (subject to <see cref="BrokerOptions.AllowAnonymous"/>).</summary>
        public IAuthenticator Authenticator { get; set; }

        /// <summary>Topic access rules for PUBLISH, SUBSCRIBE, delivery (retained included) and the Will topic; null allows everything.</summary>
        public TopicAcl Acl { get; set; }

        /// <summary>Counters of the engine's activity.</summary>
        public BrokerStatistics Statistics { get; }

        /// <summary>Free heap in bytes as measured by the host, published in <c>$SYS/broker/heap/free</c>; -1 = unknown.</summary>
        public long HeapFree { get; set; } = -1;

        /// <summary>Takes a connection slot for a newly accepted socket; returns its id, or -1 when all are in use.</summary>
        public int Accept(long nowMs)
        {
            Tick(nowMs);
            for (int i = 0; i < _connections.Length; i++)
            {
                if (_connections[i].State == Connection.Free)
                {
                    _connections[i].Open(nowMs, _options.PublishBurst * 1000L);
                    return i;
                }
            }
            Statistics.ConnectionsRefused++;
            return -1;
        }

        /// <summary>Processes bytes received on a connection. Bytes beyond what the connection can buffer
        /// close it (see <see cref="ReceiveCapacity"/>).</summary>
        public void Receive(int connection, byte[] data, int offset, int count, long nowMs)
        {
            Tick(nowMs);
            if (!IsOpen(connection) || data == null || offset < 0 || count < 0 || offset > data.Length - count)
            {
                return;
            }
            Connection c = _connections[connection];
            Statistics.BytesReceived += count;
            c.LastActivityMs = nowMs;
            while (count > 0 && c.State != Connection.Closing)
            {
                int n = c.Input.Length - c.InputLength;
                if (n == 0)
                {
                    Statistics.ProtocolErrors++;
                    Close(connection, true);
                    return;
                }
                if (n > count)
                {
                    n = count;
                }
                System.Array.Copy(data, offset, c.Input, c.InputLength, n);
                c.InputLength += n;
                offset += n;
                count -= n;
                ProcessInput(connection);
            }
        }

        /// <summary>Bytes the connection can take in the next <see cref="Receive"/> call.</summary>
        public int ReceiveCapacity(int connection)
        {
            return IsOpen(connection) ? _connections[connection].Input.Length - _connections[connection].InputLength : 0;
        }

        /// <summary>The socket failed or the peer closed it: the Will is published [MQTT-3.1.2-8].</summary>
        public void ConnectionLost(int connection, long nowMs)
        {
            Tick(nowMs);
            if (IsOpen(connection))
            {
                Close(connection, true);
            }
        }

        /// <summary>Runs timers: connect timeout, keep-alive, retries, session and retained expiry, $SYS.</summary>
        public void Poll(long nowMs)
        {
            Tick(nowMs);
            for (int i = 0; i < _connections.Length; i++)
            {
                PollConnection(i);
            }
            if (_options.SessionExpiryMs > 0)
            {
                ExpireSessions();
            }
            if (_options.RetainedExpiryMs > 0)
            {
                Statistics.RetainedExpired += _retained.Expire(nowMs, _options.RetainedExpiryMs);
            }
            if (_options.SysIntervalMs > 0 && _sys.Due(nowMs, _options.SysIntervalMs))
            {
                PublishSys();
            }
        }

        /// <summary>Bytes waiting to be sent on a connection.</summary>
        public int PendingOutput(int connection)
        {
            return IsInRange(connection) ? _connections[connection].OutputPending : 0;
        }

        /// <summary>Copies up to <paramref name="count"/> bytes to send into <paramref name="dst"/> and consumes them.</summary>
        public int ReadOutput(int connection, byte[] dst, int offset, int count)
        {
            if (!IsInRange(connection) || dst == null || offset < 0 || count < 0 || offset > dst.Length - count)
            {
                return 0;
            }
            Connection c = _connections[connection];
            int n = c.Read(dst, offset, count);
            Statistics.BytesSent += n;
            if (n > 0 && c.State == Connection.Connected)
            {
                Pump(c.Session);
                ProcessInput(connection);
            }
            return n;
        }

        /// <summary>The engine has closed the connection: the host sends the pending output, then closes the socket.</summary>
        public bool WantsClose(int connection)
        {
            return IsInRange(connection) && _connections[connection].State == Connection.Closing;
        }

        /// <summary>The host closed the socket; the slot becomes free. A close the engine did not ask for publishes the Will.</summary>
        public void Closed(int connection)
        {
            if (!IsInRange(connection))
            {
                return;
            }
            if (IsOpen(connection))
            {
                Close(connection, true);
            }
            _connections[connection].State = Connection.Free;
        }

        /// <summary>
        /// Publishes a message from inside the host (a gateway, an application). Returns false when the topic
        /// or QoS is invalid or the message pool is full.
        /// </summary>
        public bool Publish(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos, bool retain, long nowMs)
        {
            Tick(nowMs);
            if (qos < 0 || qos > 2 || TopicName.Validate(topic, topicOffset, topicLength) != Codec.MqttError.None
                || payload == null || payloadOffset < 0 || payloadLength < 0 || payloadOffset > payload.Length - payloadLength
                || 9 + topicLength + payloadLength > _options.MaxPacketSize)
            {
                return false;
            }
            return Route(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos, retain, false);
        }

        /// <summary>Sessions in use, connected or not.</summary>
        public int SessionCount => Statistics.ClientsTotal;

        /// <summary>Connection slots in use.</summary>
        public int ConnectionCount
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _connections.Length; i++)
                {
                    if (_connections[i].State != Connection.Free)
                    {
                        n++;
                    }
                }
                return n;
            }
        }

        /// <summary>Messages alive in the shared pool (queued, inflight, retained, Wills).</summary>
        public int PooledMessageCount => _pool.Count;

        /// <summary>User retained messages stored.</summary>
        public int RetainedCount => _retained.Count;

        /// <summary>Subscriptions stored over all sessions.</summary>
        public int SubscriptionCount => _subscriptions.Count;

        private void Tick(long nowMs)
        {
            _nowMs = nowMs;
            _sys.Start(nowMs);
        }

        private bool IsInRange(int connection) => connection >= 0 && connection < _connections.Length;

        private bool IsOpen(int connection)
        {
            if (!IsInRange(connection))
            {
                return false;
            }
            byte state = _connections[connection].State;
            return state == Connection.AwaitingConnect || state == Connection.Connected;
        }

        private static BrokerOptions Normalise(BrokerOptions o)
        {
            var n = new BrokerOptions
            {
                MaxConnections = AtLeast(o.MaxConnections, 1),
                MaxSubscriptions = AtLeast(o.MaxSubscriptions, 1),
                MaxSubscriptionsPerClient = AtLeast(o.MaxSubscriptionsPerClient, 1),
                MaxInflight = AtLeast(o.MaxInflight, 1),
                MaxQueued = AtLeast(o.MaxQueued, 1),
                MaxAwaitingRelease = AtLeast(o.MaxAwaitingRelease, 1),
                QueueQos0 = o.QueueQos0,
                MaxQos = o.MaxQos < 0 ? 0 : (o.MaxQos > 2 ? 2 : o.MaxQos),
                MaxRetained = AtLeast(o.MaxRetained, 0),
                MaxRetainedBytes = AtLeast(o.MaxRetainedBytes, 0),
                MaxMessages = AtLeast(o.MaxMessages, 1),
                MessagePoolBytes = AtLeast(o.MessagePoolBytes, 16),
                MaxPacketSize = AtLeast(o.MaxPacketSize, 16),
                MaxClientIdLength = AtLeast(o.MaxClientIdLength, 23), // [MQTT-3.1.3-5]
                MaxTopicLength = AtLeast(o.MaxTopicLength, 1),
                MaxTopicLevels = AtLeast(o.MaxTopicLevels, 0),
                MaxUserNameLength = AtLeast(o.MaxUserNameLength, 0),
                MaxPublishRate = AtLeast(o.MaxPublishRate, 0),
                PublishBurst = AtLeast(o.PublishBurst, 1),
                ConnectTimeoutMs = AtLeast(o.ConnectTimeoutMs, 1),
                RetryIntervalMs = AtLeast(o.RetryIntervalMs, 0),
                MaxRetries = AtLeast(o.MaxRetries, 0),
                SessionExpiryMs = o.SessionExpiryMs < 0 ? 0 : o.SessionExpiryMs,
                RetainedExpiryMs = o.RetainedExpiryMs < 0 ? 0 : o.RetainedExpiryMs,
                AllowAnonymous = o.AllowAnonymous,
                SysIntervalMs = AtLeast(o.SysIntervalMs, 0),
            };
            n.MaxSessions = AtLeast(o.MaxSessions, n.MaxConnections);
            n.InputBufferSize = AtLeast(o.InputBufferSize, n.MaxPacketSize);
            n.OutputBufferSize = AtLeast(o.OutputBufferSize, n.MaxPacketSize); // any deliverable PUBLISH fits
            return n;
        }

        private static int AtLeast(int value, int minimum) => value < minimum ? minimum : value;
    }
}
