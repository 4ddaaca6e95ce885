using System;
using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;

namespace Nano.Mqtt.Client
{
    /// <summary>
    /// A sans-I/O MQTT 3.1/3.1.1 client. The transport dials when <see cref="WantsConnection"/> and
    /// <see cref="NextConnectAt"/> say so, calls <see cref="Connect"/>, hands received bytes to
    /// <see cref="Receive"/>, sends what <see cref="ReadOutput"/> gives, calls <see cref="Poll"/> regularly
    /// and <see cref="ConnectionLost"/> when the socket fails; it closes the socket once the state is neither
    /// <see cref="ClientState.Connecting"/> nor <see cref="ClientState.Connected"/> and the output is sent.
    /// All memory is allocated by the constructor (unless <see cref="MqttClientOptions.GrowBuffers"/>); no input
    /// makes it throw. Not thread-safe: callers on several threads lock on the engine.
    /// </summary>
    /// <remarks>
    /// The engine drives the connection state (CONNECT, CONNACK, keep-alive, reconnects); the parts it coordinates
    /// each keep one concern: <see cref="OutboundQueue"/> (stored messages and their QoS flows),
    /// <see cref="AwaitingReleaseSet"/> (incoming QoS 2), <see cref="SubscriptionBook"/> (kept filters),
    /// <see cref="ConnectionTimer"/> (CONNACK deadline, keep-alive), <see cref="ReconnectBackoff"/> and
    /// <see cref="PacketWriter"/> (encoding into the output). The flows over them are static classes taking the
    /// engine, so they cost no object on the device: <see cref="InboundFlow"/> (received packets once connected),
    /// <see cref="OutboundFlow"/> (publishing and writing stored messages), <see cref="SubscriptionFlow"/>
    /// ((UN)SUBSCRIBE requests) and <see cref="ClientConnect"/> (the CONNECT packet).
    /// </remarks>
    public sealed class MqttClientEngine
    {
        private readonly byte _level;
        private readonly int _inflightWindow;
        private readonly int _maxMessageSize;
        private readonly long _retryIntervalMs;
        private const int AutoReconnectFlag = 1;
        private const int HoldPublishesFlag = 2;

        /// <summary>AutoReconnect and HoldPublishes in one field: each field costs a 12-byte heap slot on the interpreter.</summary>
        private int _flags;
        private readonly ConnectPacket _connect = new ConnectPacket();
        private readonly FrameReader _reader;
        private readonly PacketWriter _writer;
        private readonly OutboundQueue _queue;
        private readonly SubscriptionBook _subscriptions;
        private readonly AwaitingReleaseSet _awaitingRelease;
        private readonly ConnectionTimer _timer;
        private readonly ReconnectBackoff _backoff;
        private readonly ConnAckPacket _connAck = new ConnAckPacket();
        private readonly PublishPacket _publish = new PublishPacket();
        private readonly AckPacket _ack = new AckPacket();
        private readonly SubAckPacket _subAck = new SubAckPacket();
        private readonly UnsubAckPacket _unsubAck = new UnsubAckPacket();
        private readonly HeaderOnlyPacket _headerOnly = new HeaderOnlyPacket();
        private ClientState _state;
        private long _nowMs;
        private long _nextConnectAt;
        private int _nextPacketId = 1;

        /// <summary>Creates the engine and allocates every buffer it will use.</summary>
        public MqttClientEngine(MqttClientOptions options)
        {
            if (options == null)
            {
                options = new MqttClientOptions();
            }

            _level = options.ProtocolLevel == Mqtt.ProtocolLevel.V31 ? Mqtt.ProtocolLevel.V31 : Mqtt.ProtocolLevel.V311;
            int keepAlive = options.KeepAliveSeconds < 0 ? 0 : options.KeepAliveSeconds > 65535 ? 65535 : options.KeepAliveSeconds;
            ClientConnect.Build(_connect, options, _level, keepAlive);
            _inflightWindow = options.InflightWindow < 1 ? 1 : options.InflightWindow;
            _maxMessageSize = options.MaxMessageSize < 1 ? 1 : options.MaxMessageSize;
            _retryIntervalMs = options.RetryIntervalMs < 0 ? 0 : options.RetryIntervalMs;
            _flags = options.AutoReconnect ? AutoReconnectFlag : 0;
            int queued = options.MaxQueued < 1 ? 1 : options.MaxQueued;
            int filterLength = options.MaxTopicFilterLength < 1 ? 1 : options.MaxTopicFilterLength;

            int maxPacket = options.MaxPacketSize < 16 ? 16 : options.MaxPacketSize;
            int outputSize = options.OutputBufferSize < 16 ? 16 : options.OutputBufferSize;
            int largestPublish = 1 + 4 + 2 + _maxMessageSize + 2 + PacketWriter.ResponseReserve;
            int largestSubscribe = 1 + 4 + 2 + 2 + filterLength + 1 + PacketWriter.ResponseReserve;
            if (options.GrowBuffers)
            {
                // The output grows when a larger PUBLISH is written, the reader when a larger packet arrives.
                _reader = new FrameReader(maxPacket, outputSize < maxPacket ? outputSize : maxPacket);
            }
            else
            {
                _reader = new FrameReader(maxPacket);
                outputSize = outputSize < largestPublish ? largestPublish : outputSize;
            }

            outputSize = outputSize < largestSubscribe ? largestSubscribe : outputSize;
            outputSize = outputSize < _connect.GetSize() ? _connect.GetSize() : outputSize;
            _writer = new PacketWriter(outputSize);
            _queue = new OutboundQueue(_inflightWindow + queued, _maxMessageSize, options.GrowBuffers, options.MessageExpiryMs);
            _subscriptions = new SubscriptionBook(options.MaxSubscriptions, filterLength);
            _awaitingRelease = new AwaitingReleaseSet(options.MaxAwaitingRelease);
            _timer = new ConnectionTimer(keepAlive, options.ConnectTimeoutMs);
            _backoff = new ReconnectBackoff(options.ReconnectMinMs, options.ReconnectMaxMs, options.ReconnectJitterPercent, options.RandomSeed);
            Statistics = new ClientStatistics();
        }

        /// <summary>An application message arrived (in the order the server sent them).</summary>
        public event MessageHandler MessageReceived;

        /// <summary>The state changed.</summary>
        public event StateChangedHandler StateChanged;

        /// <summary>A CONNACK arrived (accepted or refused).</summary>
        public event ConnAckHandler ConnAckReceived;

        /// <summary>A stored message completed: acknowledged, expired unsent, or (QoS 0) dropped for room. Every QoS 1/2
        /// message published with <see cref="PublishResult.Accepted"/> ends here exactly once, unless still stored.</summary>
        public event PublishCompletedHandler PublishCompleted;

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

        /// <summary>Number of subscription slots (the largest index + 1).</summary>
        public int SubscriptionCapacity
        {
            get { return _subscriptions.Capacity; }
        }

        /// <summary>
        /// While true, <see cref="Receive"/> stops before the next PUBLISH (reporting the bytes unconsumed), so a
        /// message is only acknowledged when the application can take it; other packets still flow.
        /// </summary>
        public bool HoldPublishes
        {
            get { return (_flags & HoldPublishesFlag) != 0; }
            set { _flags = value ? _flags | HoldPublishesFlag : _flags & ~HoldPublishesFlag; }
        }

        /// <summary>True when <see cref="Publish"/> can store one more message without dropping or rejecting one.</summary>
        public bool CanStore
        {
            get { return !_queue.IsFull; }
        }

        /// <summary>Bytes waiting to be sent.</summary>
        public int PendingOutput
        {
            get { return _writer.Output.Pending; }
        }

        internal OutboundQueue Queue => _queue;

        internal SubscriptionBook Subscriptions => _subscriptions;

        internal AwaitingReleaseSet AwaitingReleaseSet => _awaitingRelease;

        internal PacketWriter Writer => _writer;

        internal ConnectionTimer Timer => _timer;

        internal int InflightWindow => _inflightWindow;

        internal int MaxMessageSize => _maxMessageSize;

        /// <summary>The packet identifier <see cref="OutboundFlow.AllocatePacketId"/> tries first.</summary>
        internal int NextPacketId
        {
            get { return _nextPacketId; }
            set { _nextPacketId = value; }
        }

        internal PublishPacket ReceivedPublish => _publish;

        internal AckPacket ReceivedAck => _ack;

        internal SubAckPacket ReceivedSubAck => _subAck;

        internal UnsubAckPacket ReceivedUnsubAck => _unsubAck;

        internal HeaderOnlyPacket ReceivedHeaderOnly => _headerOnly;

        internal SubscribeResultHandler SubscribeHandler => SubscribeCompleted;

        internal UnsubscribeResultHandler UnsubscribeHandler => UnsubscribeCompleted;

        /// <summary>The application wants a connection: the transport dials from now on.</summary>
        public void Start(long nowMs)
        {
            _nowMs = nowMs;
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
            _nowMs = nowMs;
            if (_state == ClientState.Connecting || _state == ClientState.Connected)
            {
                return false;
            }

            _reader.Reset();
            _writer.Output.Clear();
            _writer.WriteConnect(_connect);
            _timer.ConnectStarted(nowMs);
            Statistics.ConnectAttempts++;
            SetState(ClientState.Connecting, DisconnectReason.None);
            return true;
        }

        /// <summary>Sends DISCONNECT when connected (the Will is then discarded by the server [MQTT-3.14.4-3])
        /// and stops reconnecting. Stored messages and subscriptions stay for a later <see cref="Start"/>.</summary>
        public void Disconnect(long nowMs)
        {
            _nowMs = nowMs;
            if (_state == ClientState.Disconnected)
            {
                return;
            }

            bool connected = _state == ClientState.Connected;
            EndConnection();
            if (connected)
            {
                _writer.WriteHeaderOnly(PacketType.Disconnect, 0);
            }

            SetState(ClientState.Disconnected, DisconnectReason.ClientDisconnect);
        }

        /// <summary>Ends the connection without DISCONNECT, so the server publishes the Will [MQTT-3.1.2-8], and stops
        /// reconnecting; the transport closes the socket at its next poll. Stored messages and subscriptions stay
        /// for a later <see cref="Start"/>.</summary>
        public void Abort(long nowMs)
        {
            _nowMs = nowMs;
            if (_state == ClientState.Disconnected)
            {
                return;
            }

            EndConnection();
            _writer.Output.Clear();
            SetState(ClientState.Disconnected, DisconnectReason.ClientAbort);
        }

        /// <summary>The transport failed to dial, or its socket failed or was closed by the peer.</summary>
        public void ConnectionLost(long nowMs)
        {
            _nowMs = nowMs;
            if (_state == ClientState.Connecting || _state == ClientState.Connected)
            {
                Drop(DisconnectReason.TransportLost);
            }
        }

        /// <summary>Runs timers: message expiry, CONNACK timeout, keep-alive PINGREQ, dead connection, retries; then
        /// sends what it can.</summary>
        public void Poll(long nowMs)
        {
            _nowMs = nowMs;
            int expired;
            while ((expired = _queue.FirstExpired(nowMs)) >= 0)
            {
                Complete(expired, PublishOutcome.Expired);
            }

            if (_state == ClientState.Connecting)
            {
                if (_timer.ConnAckOverdue(nowMs))
                {
                    Drop(DisconnectReason.ConnAckTimeout);
                }

                return;
            }

            if (_state != ClientState.Connected)
            {
                return;
            }

            KeepAliveStatus keepAlive = _timer.Check(nowMs);
            if (keepAlive == KeepAliveStatus.Dead)
            {
                Drop(DisconnectReason.KeepAliveTimeout);
                return;
            }

            if (keepAlive == KeepAliveStatus.PingDue && _writer.WriteHeaderOnly(PacketType.PingReq, PacketWriter.ResponseReserve))
            {
                _timer.PingSent(nowMs); // [MQTT-3.1.2-23]
                Statistics.PingsSent++;
            }

            if (_retryIntervalMs > 0)
            {
                _queue.MarkForRetry(nowMs - _retryIntervalMs);
            }

            Pump();
        }

        /// <summary>Copies up to <paramref name="count"/> bytes to send into <paramref name="dst"/>, consumes them
        /// and refills the output from the queue.</summary>
        public int ReadOutput(byte[] dst, int offset, int count)
        {
            if (dst == null || offset < 0 || count < 0 || offset > dst.Length - count)
            {
                return 0;
            }

            int n = _writer.Output.Read(dst, offset, count);
            if (n > 0)
            {
                Pump();
            }

            return n;
        }

        /// <summary>
        /// Publishes a message. Connected with nothing queued, a QoS 0 message is written straight to the
        /// output; otherwise topic and payload are copied into a slot and sent in publish order as the
        /// inflight window and the output allow, or after the next connect. When every slot is used, the
        /// oldest queued QoS 0 message is dropped (counted in <see cref="ClientStatistics.Qos0Dropped"/>); if
        /// there is none, the new message is rejected with <see cref="PublishResult.QueueFull"/>. Stored messages
        /// end in <see cref="PublishCompleted"/>. Allocates nothing (unless <see cref="MqttClientOptions.GrowBuffers"/>
        /// and the message is larger than any before).
        /// </summary>
        public PublishResult Publish(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, int qos, bool retain)
        {
            return OutboundFlow.Publish(this, topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, qos, retain);
        }

        /// <summary>
        /// Subscribes to a topic filter (one SUBSCRIBE per filter, sent now when connected, else after the
        /// connect) and keeps it to subscribe again whenever the server has not kept the session. The same
        /// filter again replaces its QoS. Returns the subscription's index (stable until it is unsubscribed and
        /// acknowledged), or -1 when the filter or QoS is invalid, the filter too long, or the table full.
        /// The result arrives through <see cref="SubscribeCompleted"/>.
        /// </summary>
        public int Subscribe(byte[] filter, int offset, int length, int qos)
        {
            if (qos < 0 || qos > 2 || TopicFilter.Validate(filter, offset, length) != MqttError.None)
            {
                return -1;
            }

            int index = _subscriptions.Add(filter, offset, length, (byte)qos);
            if (index >= 0)
            {
                Pump();
            }

            return index;
        }

        /// <summary>Unsubscribes from a filter given to <see cref="Subscribe"/> (UNSUBSCRIBE sent now when connected,
        /// else after a connect that resumes the session). False when the filter is not subscribed.</summary>
        public bool Unsubscribe(byte[] filter, int offset, int length)
        {
            if (!_subscriptions.Remove(filter, offset, length))
            {
                return false;
            }

            Pump();
            return true;
        }

        /// <summary>True when subscription <paramref name="index"/> is wanted and its filter matches the topic.</summary>
        public bool SubscriptionMatches(int index, byte[] topic, int topicOffset, int topicLength)
        {
            return _subscriptions.Matches(index, topic, topicOffset, topicLength);
        }

        /// <summary>Granted QoS (0..2) or 0x80 from the last SUBACK of subscription <paramref name="index"/>;
        /// -1 while none has arrived in this session or the slot is not subscribed.</summary>
        public int SubscriptionReturnCode(int index)
        {
            return _subscriptions.ReturnCode(index);
        }

        /// <summary>
        /// Processes received bytes and returns how many were consumed. Fewer than <paramref name="count"/>
        /// means the output is too full to acknowledge more: send output, then offer the rest again.
        /// Bytes received while neither connecting nor connected are discarded (all reported consumed).
        /// </summary>
        public int Receive(byte[] data, int offset, int count, long nowMs)
        {
            _nowMs = nowMs;
            if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
            {
                return 0;
            }

            int consumed = 0;
            while (consumed < count && (_state == ClientState.Connecting || _state == ClientState.Connected))
            {
                if (!_writer.Fits(PacketWriter.ResponseReserve, 0)
                    || (HoldPublishes && !_reader.HasPartialPacket && (data[offset + consumed] >> 4) == (int)PacketType.Publish))
                {
                    break;
                }

                consumed += _reader.Feed(data, offset + consumed, count - consumed, out FrameStatus status);
                if (status == FrameStatus.PacketReady)
                {
                    _timer.Received(nowMs);
                    HandlePacket(_reader.PacketBuffer, _reader.PacketOffset, _reader.PacketLength);
                }
                else if (status == FrameStatus.TooLarge)
                {
                    Drop(DisconnectReason.PacketTooLarge);
                }
                else if (status == FrameStatus.Malformed)
                {
                    Drop(DisconnectReason.ProtocolError);
                }
            }

            if (_state != ClientState.Connecting && _state != ClientState.Connected)
            {
                return count;
            }

            Pump();
            return consumed;
        }

        /// <summary>Writes what is due, in order, while the output and the inflight window allow:
        /// pending (UN)SUBSCRIBEs, then stored messages (PUBLISH or PUBREL).</summary>
        internal void Pump()
        {
            if (_state != ClientState.Connected)
            {
                return;
            }

            SubscriptionFlow.WritePending(this);
            OutboundFlow.WriteDue(this);
        }

        internal bool WritePublish()
        {
            if (!_writer.WritePublish())
            {
                return false;
            }

            _timer.Sent(_nowMs);
            Statistics.MessagesSent++;
            return true;
        }

        internal void WriteAck(PacketType type, ushort packetId)
        {
            if (_writer.WriteAck(type, packetId, 0))
            {
                _timer.Sent(_nowMs);
            }
        }

        private void HandlePacket(byte[] buffer, int offset, int length)
        {
            PacketType type = (PacketType)(buffer[offset] >> 4);
            if (_state == ClientState.Connecting)
            {
                if (type == PacketType.ConnAck)
                {
                    HandleConnAck(buffer, offset, length);
                }
                else
                {
                    Drop(DisconnectReason.ProtocolError); // [MQTT-3.2.0-1]
                }

                return;
            }

            if (InboundFlow.Handle(this, buffer, offset, length) != MqttError.None)
            {
                Drop(DisconnectReason.ProtocolError); // [MQTT-4.8.0-1]
            }
        }

        private void HandleConnAck(byte[] buffer, int offset, int length)
        {
            ConnAckPacket connAck = _connAck;
            if (connAck.Decode(buffer, offset, length, _level) != MqttError.None)
            {
                Drop(DisconnectReason.ProtocolError);
                return;
            }

            LastReturnCode = connAck.ReturnCode;
            ConnAckHandler handler = ConnAckReceived;
            if (handler != null)
            {
                handler(connAck.ReturnCode, connAck.SessionPresent);
            }

            if (connAck.ReturnCode != ConnectReturnCode.Accepted)
            {
                Drop(DisconnectReason.Refused); // [MQTT-3.2.2-5]
                return;
            }

            // A 3.1 CONNACK has no Session Present flag: a persistent session is assumed kept for the QoS
            // flows, and subscriptions are sent again (re-subscribing replaces, [MQTT-3.8.4-3]).
            bool sessionKept = !_connect.CleanSession && (connAck.SessionPresent || _level == Mqtt.ProtocolLevel.V31);
            SessionPresent = connAck.SessionPresent;
            if (!sessionKept)
            {
                // The server holds no session: a message whose PUBREC arrived has reached it; the others are sent again.
                for (int i = 0; i < _queue.Count; i++)
                {
                    if (_queue.StateAt(i) == OutboundState.ReleasePending)
                    {
                        Complete(i, PublishOutcome.Acknowledged);
                        i--;
                    }
                }

                _awaitingRelease.Clear();
            }

            if (!connAck.SessionPresent)
            {
                _subscriptions.NewSession();
            }

            _backoff.Reset();
            Statistics.Connections++;
            SetState(ClientState.Connected, DisconnectReason.None);
        }

        internal void Deliver(PublishPacket publish)
        {
            Statistics.MessagesDelivered++;
            MessageHandler handler = MessageReceived;
            if (handler != null)
            {
                handler(publish.Topic.Buffer, publish.Topic.Offset, publish.Topic.Length, publish.Payload.Offset, publish.Payload.Length, publish.Qos, publish.Retain);
            }
        }

        /// <summary>The engine ends the connection (the transport then closes the socket) and schedules the next
        /// attempt when auto-reconnect is on.</summary>
        internal void Drop(DisconnectReason reason)
        {
            if (reason != DisconnectReason.TransportLost && reason != DisconnectReason.ConnAckTimeout
                && reason != DisconnectReason.KeepAliveTimeout && reason != DisconnectReason.Refused)
            {
                Statistics.ProtocolErrors++;
            }

            EndConnection();
            _writer.Output.Clear();
            if ((_flags & AutoReconnectFlag) != 0)
            {
                _nextConnectAt = _nowMs + _backoff.Next();
                SetState(ClientState.WaitingToReconnect, reason);
            }
            else
            {
                SetState(ClientState.Disconnected, reason);
            }
        }

        /// <summary>Removes the message at <paramref name="position"/> and reports it; its topic stays readable in the
        /// freed slot during the handler (until the handler publishes).</summary>
        internal void Complete(int position, PublishOutcome outcome)
        {
            int packetId = _queue.PacketIdAt(position);
            int qos = _queue.QosAt(position);
            byte[] data = _queue.DataAt(position);
            int topicOffset = _queue.TopicOffsetAt(position);
            int topicLength = _queue.TopicLengthAt(position);
            _queue.RemoveAt(position);
            if (outcome == PublishOutcome.Acknowledged)
            {
                Statistics.MessagesAcknowledged++;
            }

            PublishCompletedHandler handler = PublishCompleted;
            if (handler != null)
            {
                handler(packetId, data, topicOffset, topicLength, qos, outcome);
            }
        }

        private void EndConnection()
        {
            _reader.Reset();
            _queue.ConnectionLost();
            _subscriptions.ConnectionLost();
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
    }
}
