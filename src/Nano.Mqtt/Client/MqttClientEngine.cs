using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Client
{
    /// <summary>
    /// A sans-I/O MQTT 3.1/3.1.1 client. The transport dials when <see cref="WantsConnection"/> and
    /// <see cref="NextConnectAt"/> say so, calls <see cref="Connect"/>, hands received bytes to
    /// <see cref="Receive"/>, sends what <see cref="ReadOutput"/> gives, calls <see cref="Poll"/> regularly
    /// and <see cref="ConnectionLost"/> when the socket fails; it closes the socket once the state is neither
    /// <see cref="ClientState.Connecting"/> nor <see cref="ClientState.Connected"/> and the output is sent.
    /// All memory is allocated by the constructor; no input makes it throw. Not thread-safe: callers on
    /// several threads lock on the engine.
    /// </summary>
    public sealed partial class MqttClientEngine
    {
        /// <summary>Output kept free for the acknowledgment a received packet may need (PUBACK..PUBCOMP).</summary>
        private const int ResponseReserve = 4;

        private readonly byte _level;
        private readonly bool _cleanSession;
        private readonly ushort _keepAliveSeconds;
        private readonly long _keepAliveMs;
        private readonly byte[] _clientId;
        private readonly byte[] _userName;
        private readonly byte[] _password;
        private readonly byte[] _willTopic;
        private readonly byte[] _willPayload;
        private readonly byte _willQos;
        private readonly bool _willRetain;
        private readonly int _inflightWindow;
        private readonly int _maxMessageSize;
        private readonly long _connectTimeoutMs;
        private readonly long _retryIntervalMs;
        private readonly bool _autoReconnect;
        private readonly FrameReader _reader;
        private readonly OutputBuffer _output;
        private readonly OutboundQueue _queue;
        private readonly ClientSubscription[] _subscriptions;
        private readonly AwaitingReleaseSet _awaitingRelease;
        private readonly ReconnectBackoff _backoff;
        private readonly ConnectPacket _connect = new ConnectPacket();
        private readonly ConnAckPacket _connAck = new ConnAckPacket();
        private readonly PublishPacket _publishIn = new PublishPacket();
        private readonly PublishPacket _publishOut = new PublishPacket();
        private readonly AckPacket _ackIn = new AckPacket();
        private readonly AckPacket _ackOut = new AckPacket();
        private readonly SubscribePacket _subscribe = new SubscribePacket(1);
        private readonly SubAckPacket _subAck = new SubAckPacket();
        private readonly UnsubscribePacket _unsubscribe = new UnsubscribePacket(1);
        private readonly UnsubAckPacket _unsubAck = new UnsubAckPacket();
        private readonly HeaderOnlyPacket _headerOnly = new HeaderOnlyPacket();
        private ClientState _state;
        private long _nowMs;
        private long _nextConnectAt;
        private long _connectStartedMs;
        private long _lastSentMs;
        private long _lastReceivedMs;
        private bool _pingOutstanding;
        private int _nextPacketId = 1;

        /// <summary>Creates the engine and allocates every buffer it will use.</summary>
        public MqttClientEngine(MqttClientOptions options)
        {
            if (options == null)
            {
                options = new MqttClientOptions();
            }

            _level = options.ProtocolLevel == Mqtt.ProtocolLevel.V31 ? Mqtt.ProtocolLevel.V31 : Mqtt.ProtocolLevel.V311;
            _cleanSession = options.CleanSession;
            int keepAlive = options.KeepAliveSeconds < 0 ? 0 : options.KeepAliveSeconds > 65535 ? 65535 : options.KeepAliveSeconds;
            _keepAliveSeconds = (ushort)keepAlive;
            _keepAliveMs = keepAlive * 1000L;
            _clientId = Utf8Encoder.GetBytes(options.ClientId);
            _userName = options.UserName == null ? null : Utf8Encoder.GetBytes(options.UserName);
            _password = options.Password == null || options.UserName == null ? null : Utf8Encoder.GetBytes(options.Password);
            if (options.WillTopic != null)
            {
                _willTopic = Utf8Encoder.GetBytes(options.WillTopic);
                _willPayload = new byte[options.WillPayload == null ? 0 : options.WillPayload.Length];
                if (_willPayload.Length > 0)
                {
                    System.Array.Copy(options.WillPayload, _willPayload, _willPayload.Length);
                }
                _willQos = (byte)(options.WillQos < 0 ? 0 : options.WillQos > 2 ? 2 : options.WillQos);
                _willRetain = options.WillRetain;
            }

            _inflightWindow = options.InflightWindow < 1 ? 1 : options.InflightWindow;
            _maxMessageSize = options.MaxMessageSize < 1 ? 1 : options.MaxMessageSize;
            _connectTimeoutMs = options.ConnectTimeoutMs < 1 ? 1 : options.ConnectTimeoutMs;
            _retryIntervalMs = options.RetryIntervalMs < 0 ? 0 : options.RetryIntervalMs;
            _autoReconnect = options.AutoReconnect;
            int queued = options.MaxQueued < 1 ? 1 : options.MaxQueued;
            int filterLength = options.MaxTopicFilterLength < 1 ? 1 : options.MaxTopicFilterLength;

            _reader = new FrameReader(options.MaxPacketSize < 16 ? 16 : options.MaxPacketSize);
            ConnectPacket connect = BuildConnect();
            int outputSize = options.OutputBufferSize;
            int largestPublish = 1 + 4 + 2 + _maxMessageSize + 2 + ResponseReserve;
            int largestSubscribe = 1 + 4 + 2 + 2 + filterLength + 1 + ResponseReserve;
            outputSize = outputSize < largestPublish ? largestPublish : outputSize;
            outputSize = outputSize < largestSubscribe ? largestSubscribe : outputSize;
            outputSize = outputSize < connect.GetSize() ? connect.GetSize() : outputSize;
            _output = new OutputBuffer(outputSize);
            _queue = new OutboundQueue(_inflightWindow + queued, _maxMessageSize);
            _subscriptions = new ClientSubscription[options.MaxSubscriptions < 1 ? 1 : options.MaxSubscriptions];
            for (int i = 0; i < _subscriptions.Length; i++)
            {
                _subscriptions[i] = new ClientSubscription(filterLength);
            }

            _awaitingRelease = new AwaitingReleaseSet(options.MaxAwaitingRelease);
            _backoff = new ReconnectBackoff(options.ReconnectMinMs, options.ReconnectMaxMs, options.ReconnectJitterPercent, options.RandomSeed);
            Statistics = new ClientStatistics();
        }

        /// <summary>An application message arrived (in the order the server sent them).</summary>
        public event MessageHandler MessageReceived;

        /// <summary>The state changed.</summary>
        public event StateChangedHandler StateChanged;

        /// <summary>A CONNACK arrived (accepted or refused).</summary>
        public event ConnAckHandler ConnAckReceived;

        /// <summary>A SUBACK arrived for a filter.</summary>
        public event SubscribeResultHandler SubscribeCompleted;

        /// <summary>An UNSUBACK arrived for a filter.</summary>
        public event UnsubscribeResultHandler UnsubscribeCompleted;

        /// <summary>Counters of the engine's activity.</summary>
        public ClientStatistics Statistics { get; }

        /// <summary>Current state.</summary>
        public ClientState State
        {
            get { return _state; }
        }

        /// <summary>True when the transport should dial (at or after <see cref="NextConnectAt"/>) and then call <see cref="Connect"/>.</summary>
        public bool WantsConnection
        {
            get { return _state == ClientState.WaitingToReconnect; }
        }

        /// <summary>Earliest time of the next dial, on the clock passed to the engine.</summary>
        public long NextConnectAt
        {
            get { return _nextConnectAt; }
        }

        /// <summary>Why the last connection ended.</summary>
        public DisconnectReason LastDisconnectReason { get; private set; }

        /// <summary>Return code of the last CONNACK.</summary>
        public ConnectReturnCode LastReturnCode { get; private set; }

        /// <summary>Session Present of the last accepted CONNACK.</summary>
        public bool SessionPresent { get; private set; }

        /// <summary>The latest time passed to the engine.</summary>
        public long NowMs
        {
            get { return _nowMs; }
        }

        /// <summary>Protocol level used in CONNECT (3 or 4).</summary>
        public byte ProtocolLevel
        {
            get { return _level; }
        }

        /// <summary>Outgoing messages stored: queued or in flight.</summary>
        public int StoredMessages
        {
            get { return _queue.Count; }
        }

        /// <summary>Incoming QoS 2 messages delivered whose PUBREL has not arrived.</summary>
        public int AwaitingRelease
        {
            get { return _awaitingRelease.Count; }
        }

        /// <summary>The application wants a connection: the transport dials from now on.</summary>
        public void Start(long nowMs)
        {
            Tick(nowMs);
            if (_state == ClientState.Disconnected)
            {
                _nextConnectAt = nowMs;
                SetState(ClientState.WaitingToReconnect, DisconnectReason.None);
            }
        }

        /// <summary>
        /// Starts a connection attempt on a fresh transport: produces CONNECT and waits for CONNACK. The
        /// transport calls it when it dials and reports a failed dial with <see cref="ConnectionLost"/>.
        /// Returns false (and does nothing) while already connecting or connected.
        /// </summary>
        public bool Connect(long nowMs)
        {
            Tick(nowMs);
            if (_state == ClientState.Connecting || _state == ClientState.Connected)
            {
                return false;
            }

            _reader.Reset();
            _output.Clear();
            _pingOutstanding = false;
            ConnectPacket connect = BuildConnect();
            int size = connect.GetSize();
            int offset = _output.Reserve(size, 0);
            connect.Encode(_output.Data, offset);
            _output.Commit(size);
            _connectStartedMs = nowMs;
            _lastSentMs = nowMs;
            _lastReceivedMs = nowMs;
            Statistics.ConnectAttempts++;
            SetState(ClientState.Connecting, DisconnectReason.None);
            return true;
        }

        /// <summary>Sends DISCONNECT when connected (the Will is then discarded by the server [MQTT-3.14.4-3])
        /// and stops reconnecting. Stored messages and subscriptions stay for a later <see cref="Start"/>.</summary>
        public void Disconnect(long nowMs)
        {
            Tick(nowMs);
            if (_state == ClientState.Disconnected)
            {
                return;
            }

            bool connected = _state == ClientState.Connected;
            EndConnection();
            if (connected)
            {
                WriteHeaderOnly(PacketType.Disconnect, 0);
            }

            SetState(ClientState.Disconnected, DisconnectReason.ClientDisconnect);
        }

        /// <summary>The transport failed to dial, or its socket failed or was closed by the peer.</summary>
        public void ConnectionLost(long nowMs)
        {
            Tick(nowMs);
            if (_state == ClientState.Connecting || _state == ClientState.Connected)
            {
                Drop(DisconnectReason.TransportLost);
            }
        }

        /// <summary>Runs timers: CONNACK timeout, keep-alive PINGREQ, dead connection, retries; then sends what it can.</summary>
        public void Poll(long nowMs)
        {
            Tick(nowMs);
            if (_state == ClientState.Connecting)
            {
                if (nowMs - _connectStartedMs >= _connectTimeoutMs)
                {
                    Drop(DisconnectReason.ConnAckTimeout);
                }

                return;
            }

            if (_state != ClientState.Connected)
            {
                return;
            }

            if (_keepAliveMs > 0)
            {
                if (nowMs - _lastReceivedMs >= _keepAliveMs * 3 / 2)
                {
                    Drop(DisconnectReason.KeepAliveTimeout);
                    return;
                }

                bool idle = nowMs - _lastSentMs >= _keepAliveMs || nowMs - _lastReceivedMs >= _keepAliveMs;
                if (idle && !_pingOutstanding && WriteHeaderOnly(PacketType.PingReq, ResponseReserve))
                {
                    _pingOutstanding = true; // [MQTT-3.1.2-23]
                    Statistics.PingsSent++;
                }
            }

            if (_retryIntervalMs > 0)
            {
                _queue.MarkForRetry(nowMs - _retryIntervalMs);
            }

            Pump();
        }

        /// <summary>Bytes waiting to be sent.</summary>
        public int PendingOutput
        {
            get { return _output.Pending; }
        }

        /// <summary>Copies up to <paramref name="count"/> bytes to send into <paramref name="dst"/>, consumes them
        /// and refills the output from the queue.</summary>
        public int ReadOutput(byte[] dst, int offset, int count)
        {
            if (dst == null || offset < 0 || count < 0 || offset > dst.Length - count)
            {
                return 0;
            }

            int n = _output.Read(dst, offset, count);
            if (n > 0)
            {
                Pump();
            }

            return n;
        }

        private ConnectPacket BuildConnect()
        {
            ConnectPacket p = _connect;
            p.ProtocolLevel = _level;
            p.CleanSession = _cleanSession;
            p.KeepAlive = _keepAliveSeconds;
            p.ClientId.Set(_clientId, 0, _clientId.Length);
            if (_willTopic != null)
            {
                p.HasWill = true;
                p.WillTopic.Set(_willTopic, 0, _willTopic.Length);
                p.WillMessage.Set(_willPayload, 0, _willPayload.Length);
                p.WillQos = _willQos;
                p.WillRetain = _willRetain;
            }

            if (_userName != null)
            {
                p.HasUserName = true;
                p.UserName.Set(_userName, 0, _userName.Length);
            }

            if (_password != null)
            {
                p.HasPassword = true;
                p.Password.Set(_password, 0, _password.Length);
            }

            return p;
        }

        /// <summary>The engine ends the connection (the transport then closes the socket) and schedules the next
        /// attempt when auto-reconnect is on.</summary>
        private void Drop(DisconnectReason reason)
        {
            if (reason != DisconnectReason.TransportLost && reason != DisconnectReason.ConnAckTimeout
                && reason != DisconnectReason.KeepAliveTimeout && reason != DisconnectReason.Refused)
            {
                Statistics.ProtocolErrors++;
            }

            EndConnection();
            _output.Clear();
            if (_autoReconnect)
            {
                _nextConnectAt = _nowMs + _backoff.Next();
                SetState(ClientState.WaitingToReconnect, reason);
            }
            else
            {
                SetState(ClientState.Disconnected, reason);
            }
        }

        private void EndConnection()
        {
            _reader.Reset();
            _pingOutstanding = false;
            _queue.ConnectionLost();
            SubscriptionsConnectionLost();
        }

        private void SetState(ClientState state, DisconnectReason reason)
        {
            _state = state;
            if (reason != DisconnectReason.None)
            {
                LastDisconnectReason = reason;
            }

            StateChangedHandler handler = StateChanged;
            if (handler != null)
            {
                handler(state, reason);
            }
        }

        private void Tick(long nowMs)
        {
            _nowMs = nowMs;
        }

        private bool WriteHeaderOnly(PacketType type, int keepFree)
        {
            int offset = _output.Reserve(2, keepFree);
            if (offset < 0)
            {
                return false;
            }

            _headerOnly.Set(type).Encode(_output.Data, offset);
            _output.Commit(2);
            _lastSentMs = _nowMs;
            return true;
        }

        private void WriteAck(PacketType type, ushort packetId)
        {
            int offset = _output.Reserve(4, 0);
            if (offset >= 0)
            {
                _ackOut.Set(type, packetId).Encode(_output.Data, offset);
                _output.Commit(4);
                _lastSentMs = _nowMs;
            }
        }

        /// <summary>A packet identifier not used by any message in flight or pending (UN)SUBSCRIBE
        /// [MQTT-2.3.1-2]; never 0 [MQTT-2.3.1-1]; wraps after 65,535.</summary>
        private ushort AllocatePacketId()
        {
            for (int tries = 0; tries < 65535; tries++)
            {
                ushort id = (ushort)_nextPacketId;
                _nextPacketId = _nextPacketId == 65535 ? 1 : _nextPacketId + 1;
                if (!_queue.UsesId(id) && !SubscriptionUsesId(id))
                {
                    return id;
                }
            }

            return 0;
        }
    }
}
