using Nano.Mqtt.Topics;

namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// A sans-I/O MQTT 3.1/3.1.1 broker. The host hands it received bytes per connection and the current
    /// time; it hands back the bytes to send and whether to close. All memory is allocated by the
    /// constructor; no input makes it throw into the host.
    /// </summary>
    public sealed class BrokerEngine
    {
        /// <summary>The broker's name and version, published in <c>$SYS/broker/version</c> like Mosquitto's "mosquitto version 2.0.18".</summary>
        public const string Version = "Nano version 0.1.0";

        private readonly BrokerState _state;
        private readonly LargeInputBuffers _largeInput;
        private readonly AccessControl _access;
        private readonly Router _router;
        private readonly SessionTable _sessions;
        private readonly ConnectionCloser _closer;
        private readonly ConnectHandler _connect;
        private readonly InputHandler _input;
        private readonly Outbox _outbox;
        private readonly ConnectionTimers _timers;
        private readonly SysPublisher _sys;
        private bool _retrying;

        /// <summary>The connection slot the next retry pass starts from: passes take turns, so no waiting publisher starves.</summary>
        private int _retryFirst;
        private bool _started;

        /// <summary>Until then <see cref="Poll"/> skips the pass over the connections, the expiry scans and $SYS: no
        /// connection timer, session or retained expiry or $SYS report is due before it and no input waits to be retried.
        /// Deadlines only move later (a client's activity, an acknowledgement; what starts later ends later), so one
        /// computed at the last pass is never late; a connection accepted or input left unprocessed makes it due at once.</summary>
        private long _timersDueMs = long.MinValue;

        /// <summary>Creates the engine and allocates every buffer it will use.</summary>
        public BrokerEngine(BrokerOptions options)
        {
            BrokerOptions o = Normalise(options == null ? new BrokerOptions() : options);
            SysTopics sysTopics = o.SysIntervalMs > 0 ? new SysTopics() : null;
            _state = new BrokerState(o, sysTopics != null ? sysTopics.Count : 0, sysTopics != null ? sysTopics.ArenaBytes : 0);
            _largeInput = new LargeInputBuffers(o.InputBufferSize < o.MaxPacketSize ? o.LargePacketBuffers : 0, o.MaxPacketSize, _state.Pool.Memory);
            _access = new AccessControl(_state);
            _router = new Router(_state, _access);
            _sessions = new SessionTable(_state);
            _closer = new ConnectionCloser(_state, _sessions, _router);
            _connect = new ConnectHandler(_state, _sessions, _closer, _access);
            _input = new InputHandler(_state, _largeInput, _closer, _connect,
                new PublishHandler(_state, _router, _access, _closer), new SubscribeHandler(_state, _access, _closer));
            _outbox = new Outbox(_state, new RetainedCursor(_state, _access));
            _timers = new ConnectionTimers(_state, _closer);
            _sys = new SysPublisher(_state, _router, sysTopics);
        }

        /// <summary>Checks CONNECT credentials; null accepts every client (subject to <see cref="BrokerOptions.AllowAnonymous"/>).</summary>
        public IAuthenticator Authenticator
        {
            get { return _connect.Authenticator; }
            set { _connect.Authenticator = value; }
        }

        /// <summary>Topic access rules for PUBLISH, SUBSCRIBE, delivery (retained included) and the Will topic; null allows everything.</summary>
        public TopicAcl Acl
        {
            get { return _access.Acl; }
            set { _access.Acl = value; }
        }

        /// <summary>Receives connection events for logging; null (the default) reports nothing and holds no memory for it.</summary>
        public IBrokerDiagnostics Diagnostics
        {
            get { return _state.Diagnostics == null ? null : _state.Diagnostics.Sink; }
            set { _state.Diagnostics = value == null ? null : new BrokerDiagnostics(value, _state.Sessions); }
        }

        /// <summary>Counters of the engine's activity.</summary>
        public BrokerStatistics Statistics => _state.Statistics;

        /// <summary>Free heap in bytes as measured by the host, published in <c>$SYS/broker/heap/free</c>; -1 = unknown.</summary>
        public long HeapFree = -1;

        /// <summary>Takes a connection slot for a newly accepted socket; returns its id, or -1 when all are in use.</summary>
        public int Accept(long nowMs)
        {
            Tick(nowMs);
            Connection[] connections = _state.Connections;
            for (int i = 0; i < connections.Length; i++)
            {
                if (connections[i].State == ConnectionState.Free)
                {
                    if (_state.Options.AllocateOnAccept)
                    {
                        connections[i].Size(_state.Options.InputBufferSize, _state.Options.OutputBufferSize);
                    }
                    connections[i].Open(nowMs, _state.Options.PublishBurst * 1000L);
                    _timersDueMs = long.MinValue; // its connect timeout starts
                    if (i >= _state.ConnectionSlots)
                    {
                        _state.ConnectionSlots = i + 1;
                    }
                    return i;
                }
            }
            _state.Statistics.ConnectionsRefused++;
            return -1;
        }

        /// <summary>Processes bytes received on a connection. Bytes beyond what the connection can buffer
        /// close it (see <see cref="ReceiveCapacity"/>).</summary>
        public void Receive(int connection, byte[] data, int offset, int count, long nowMs)
        {
            BrokerState state = _state;
            state.NowMs = nowMs;
            if (!_started)
            {
                Tick(nowMs);
            }
            Connection[] connections = state.Connections;
            if ((uint)connection >= (uint)connections.Length || data == null || (offset | count) < 0 || offset > data.Length - count)
            {
                return;
            }
            Connection c = connections[connection];
            ConnectionState open = c.State;
            if (open == ConnectionState.Connected || open == ConnectionState.AwaitingConnect)
            {
                state.Statistics.BytesReceived += count;
                c.LastActivityMs = nowMs;
                if (count > 0)
                {
                    _input.Receive(connection, c, data, offset, count);
                    if (c.InputLength > 0)
                    {
                        _timersDueMs = long.MinValue; // left waiting (a borrowed large buffer never outlives the input it holds): retried by the next Poll
                    }
                }
            }
            if (state.QueueSpaceFreed)
            {
                if (state.AnyBlocked)
                {
                    RetryBlockedPublishers();
                }
                else
                {
                    state.QueueSpaceFreed = false;
                }
            }
        }

        /// <summary>Bytes the connection can take in the next <see cref="Receive"/> call.</summary>
        public int ReceiveCapacity(int connection)
        {
            return _state.IsOpen(connection) ? _input.Capacity(_state.Connections[connection]) : 0;
        }

        /// <summary>The socket failed or the peer closed it: the Will is published [MQTT-3.1.2-8].</summary>
        public void ConnectionLost(int connection, long nowMs)
        {
            Tick(nowMs);
            if (_state.IsOpen(connection))
            {
                _closer.Close(connection, true, BrokerEvent.ConnectionLost);
                RetryBlockedPublishers();
            }
        }

        /// <summary>Runs timers: connect timeout, keep-alive, retries, session and retained expiry, $SYS; retries
        /// input left waiting. Between two polls the <see cref="Authenticator"/> runs one step of one CONNECT's password check;
        /// others wait (see <see cref="PasswordTable.HashStepsPerPoll"/>).</summary>
        public void Poll(long nowMs)
        {
            _state.NowMs = nowMs;
            if (!_started)
            {
                Tick(nowMs);
            }
            _state.CredentialsChecked = false;
            if (nowMs >= _timersDueMs)
            {
                BrokerOptions options = _state.Options;
                long next = PollConnections(nowMs);
                if (options.SessionExpiryMs > 0)
                {
                    _sessions.Expire(ref next);
                }
                if (options.RetainedExpiryMs > 0)
                {
                    _state.Statistics.RetainedExpired += _state.Retained.Expire(nowMs, options.RetainedExpiryMs, ref next);
                }
                if (options.SysIntervalMs > 0)
                {
                    _sys.Poll(HeapFree, ref next);
                }
                _timersDueMs = next;
            }
            if (_state.QueueSpaceFreed && _state.AnyBlocked)
            {
                RetryBlockedPublishers();
            }
        }

        /// <summary>Runs the due timers of every connection and retries the input left waiting on them; returns when the
        /// next pass is due: the earliest moment a timer can fire, or at once while input waits.</summary>
        private long PollConnections(long nowMs)
        {
            Connection[] connections = _state.Connections;
            int slots = _state.ConnectionSlots;
            long next = long.MaxValue;
            for (int i = 0; i < slots; i++)
            {
                Connection c = connections[i];
                if (c.State == ConnectionState.Free)
                {
                    continue;
                }
                long due = _timers.Poll(i);
                if ((c.InputLength > 0 || c.LargeInput >= 0) && _state.IsOpen(i))
                {
                    _input.Process(i); // an empty input holds no packet; only a borrowed large buffer is returned
                    if (c.InputLength > 0 || c.LargeInput >= 0)
                    {
                        due = long.MinValue; // a PUBLISH held by the rate limit or backpressure, a CONNECT awaiting its credential check
                    }
                }
                if (due < next)
                {
                    next = due;
                }
            }
            return next;
        }

        /// <summary>Bytes ready to be sent on a connection (0 when nothing is).</summary>
        public int PendingOutput(int connection)
        {
            Connection[] connections = _state.Connections;
            return connection >= 0 && connection < connections.Length ? _outbox.Pending(connections[connection]) : 0;
        }

        /// <summary>The first connection from <paramref name="from"/> on that has output ready or that the engine is closing,
        /// or -1: a host walks these with <c>NextOutput(id + 1)</c> and leaves idle connections alone.</summary>
        public int NextOutput(int from)
        {
            BrokerState st = _state;
            Connection[] connections = st.Connections;
            int slots = st.ConnectionSlots;
            for (int i = from < 0 ? 0 : from; i < slots; i++)
            {
                Connection c = connections[i];
                Codec.OutputBuffer control = c.ControlOutput;
                if (control.End != control.Start || c.Outgoing != OutgoingKind.None)
                {
                    return i; // acknowledgements and deliveries written into the output (a free slot has none), or a packet part-way through being sent
                }
                ConnectionState state = c.State;
                if (state == ConnectionState.Connected)
                {
                    int s = c.Session;
                    if (st.SendWaiting(st.Sessions[s], s) && _outbox.Pending(c) > 0)
                    {
                        return i;
                    }
                }
                else if (state == ConnectionState.Closing)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>
        /// Copies as many packets to send as fit into <paramref name="dst"/> and consumes them (the last one may be cut
        /// short, its rest comes first in the next call). Returns the bytes copied: fewer than <paramref name="count"/>
        /// only when nothing more is ready, so a host needs no <see cref="PendingOutput"/> call before it. With a store,
        /// every record made so far is durable when it returns (<see cref="CommitOutput"/>).
        /// </summary>
        public int ReadOutput(int connection, byte[] dst, int offset, int count)
        {
            int total = ReadOutputWithoutCommit(connection, dst, offset, count);
            if (total > 0)
            {
                Persistence.BrokerPersistence store = _state.Pool.Persistence;
                if (store != null)
                {
                    store.Commit();
                }
            }
            return total;
        }

        /// <summary>
        /// <see cref="ReadOutput"/> without the store's sync: a host that reads the output of many connections calls
        /// <see cref="CommitOutput"/> once after reading and before sending any of it, so one sync covers them all.
        /// </summary>
        public int ReadOutputWithoutCommit(int connection, byte[] dst, int offset, int count)
        {
            Connection[] connections = _state.Connections;
            if ((uint)connection >= (uint)connections.Length || dst == null || (offset | count) < 0 || offset > dst.Length - count)
            {
                return 0;
            }
            Connection c = connections[connection];
            int total = _outbox.Read(c, dst, offset, count);
            if (total == 0)
            {
                return 0;
            }
            // Output was taken: a packet that waited for control output space and publishers that waited for queue
            // space are processed; without either, nothing could have made more output ready.
            BrokerState state = _state;
            while (total < count && (c.InputLength > 0 || state.QueueSpaceFreed))
            {
                bool processed = false;
                if (c.InputLength > 0 && state.IsOpen(connection))
                {
                    _input.Process(connection);
                    processed = true;
                }
                if (state.QueueSpaceFreed)
                {
                    if (state.AnyBlocked)
                    {
                        RetryBlockedPublishers();
                        processed = true;
                    }
                    else
                    {
                        state.QueueSpaceFreed = false;
                    }
                }
                if (!processed)
                {
                    break;
                }
                int n = _outbox.Read(c, dst, offset + total, count - total);
                if (n == 0)
                {
                    break;
                }
                total += n;
            }
            return total;
        }

        /// <summary>Makes every record the store has been given durable with one sync (nothing to do without a store or
        /// new records): nothing acknowledged or sent is lost when the host sends only after it.</summary>
        public void CommitOutput()
        {
            Persistence.BrokerPersistence store = _state.Pool.Persistence;
            if (store != null)
            {
                store.Commit();
            }
        }

        /// <summary>The engine has closed the connection: the host sends the pending output, then closes the socket.</summary>
        public bool WantsClose(int connection)
        {
            return IsInRange(connection) && _state.Connections[connection].State == ConnectionState.Closing;
        }

        /// <summary>The host closed the socket; the slot becomes free. A close the engine did not ask for publishes the Will.</summary>
        public void Closed(int connection)
        {
            if (!IsInRange(connection))
            {
                return;
            }
            if (_state.IsOpen(connection))
            {
                _closer.Close(connection, true, BrokerEvent.ConnectionLost);
            }
            _connect.Abandon(connection);
            Connection c = _state.Connections[connection];
            _outbox.Abandon(c);
            _largeInput.Release(c);
            if (_state.Options.AllocateOnAccept)
            {
                c.Size(0, 0);
            }
            c.State = ConnectionState.Free;
            while (_state.ConnectionSlots > 0 && _state.Connections[_state.ConnectionSlots - 1].State == ConnectionState.Free)
            {
                _state.ConnectionSlots--;
            }
            RetryBlockedPublishers();
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
                || 9 + topicLength + payloadLength > _state.Options.MaxPacketSize)
            {
                return false;
            }
            bool routed = _router.Route(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos, retain, false);
            if (qos > 0)
            {
                CommitOutput(); // the caller may acknowledge the message as soon as this returns
            }
            return routed;
        }

        /// <summary>Sessions in use, connected or not.</summary>
        public int SessionCount => _state.Statistics.ClientsTotal;

        /// <summary>Connection slots in use.</summary>
        public int ConnectionCount
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _state.Connections.Length; i++)
                {
                    if (_state.Connections[i].State != ConnectionState.Free)
                    {
                        n++;
                    }
                }
                return n;
            }
        }

        /// <summary>Messages alive in the shared pool (queued, inflight, retained, Wills).</summary>
        public int PooledMessageCount => _state.Pool.Count;

        /// <summary>Bytes allocated on demand for large packets and messages and not yet given back (always 0 without
        /// <see cref="BrokerOptions.MaxMessageMemory"/>).</summary>
        public int MessageMemoryInUse => _state.Pool.Memory == null ? 0 : _state.Pool.Memory.Used;

        /// <summary>User retained messages stored.</summary>
        public int RetainedCount => _state.Retained.Count;

        /// <summary>Subscriptions stored over all sessions.</summary>
        public int SubscriptionCount => _state.Subscriptions.Count;

        internal BrokerState State => _state;

        internal SessionTable SessionTable => _sessions;

        private void Tick(long nowMs)
        {
            _state.NowMs = nowMs;
            if (!_started)
            {
                _started = true;
                _sys.Start(nowMs);
            }
        }

        private bool IsInRange(int connection) => connection >= 0 && connection < _state.Connections.Length;

        /// <summary>Processes the input of publishers left waiting for subscribers' queue space once space was freed.</summary>
        private void RetryBlockedPublishers()
        {
            if (_retrying)
            {
                return;
            }
            _retrying = true;
            Connection[] connections = _state.Connections;
            while (_state.QueueSpaceFreed)
            {
                _state.QueueSpaceFreed = false;
                if (!_state.AnyBlocked)
                {
                    break;
                }
                _state.AnyBlocked = false;
                int slots = _state.ConnectionSlots;
                int first = _retryFirst < slots ? _retryFirst : 0;
                _retryFirst = first + 1;
                for (int j = 0; j < slots; j++)
                {
                    int i = first + j < slots ? first + j : first + j - slots;
                    Connection c = connections[i];
                    if (c.Waiting != PublishWait.Room)
                    {
                        continue;
                    }
                    if (_state.IsOpen(i))
                    {
                        _input.Process(i); // stops the wait once the PUBLISH at the head is accepted
                    }
                    if (c.Waiting == PublishWait.Room)
                    {
                        _state.AnyBlocked = true;
                    }
                }
            }
            _retrying = false;
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
                MaxQueuedBytes = AtLeast(o.MaxQueuedBytes, 0),
                QueueFullPolicy = o.QueueFullPolicy,
                SlowConsumerTimeoutMs = AtLeast(o.SlowConsumerTimeoutMs, 0),
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
                AllocateOnAccept = o.AllocateOnAccept,
                SysIntervalMs = AtLeast(o.SysIntervalMs, 0),
                LargePacketBuffers = AtLeast(o.LargePacketBuffers, 1),
                OutputBufferSize = AtLeast(o.OutputBufferSize, 8), // a CONNACK, a PUBACK and a PINGRESP
            };
            n.MaxSessions = AtLeast(o.MaxSessions, n.MaxConnections);
            n.MaxSubscriptionBytes = o.MaxSubscriptionBytes > 0 ? o.MaxSubscriptionBytes : n.MaxSubscriptions * 32;
            n.MaxMessageMemory = o.MaxMessageMemory > 0 ? AtLeast(o.MaxMessageMemory, n.MaxPacketSize) : 0; // room for the largest packet
            n.InputBufferSize = AtLeast(o.InputBufferSize, 16);
            if (n.InputBufferSize > n.MaxPacketSize)
            {
                n.InputBufferSize = n.MaxPacketSize;
            }
            return n;
        }

        private static int AtLeast(int value, int minimum) => value < minimum ? minimum : value;
    }
}
