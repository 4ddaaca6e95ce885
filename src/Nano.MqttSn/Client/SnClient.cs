using Nano.Mqtt.Codec;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Client
{
    /// <summary>
    /// Sans-I/O MQTT-SN 1.2 client for a sensor node. The host passes received datagrams to
    /// <see cref="Receive"/>, calls <see cref="Poll"/> for timers and sends what
    /// <see cref="NextDatagram"/> returns (broadcast or unicast to the gateway). All memory is
    /// allocated by the constructor. One acknowledged request (REGISTER, QoS 1/2 PUBLISH, SUBSCRIBE,
    /// UNSUBSCRIBE, CONNECT, DISCONNECT, wake PINGREQ) is outstanding at a time; it is re-sent every
    /// T_RETRY up to N_RETRY times, then the gateway is considered lost (§6.13). Requests made meanwhile
    /// wait in order, up to <see cref="SnClientOptions.MaxQueuedRequests"/>; a PUBLISH to a topic name
    /// queues the REGISTER it needs first.
    /// </summary>
    public sealed class SnClient
    {
        /// <summary>Return code reported when a request got no answer after N_RETRY re-sends.</summary>
        public const int NoResponse = -1;

        private readonly ISnClientListener _listener;
        private readonly byte[] _clientId;
        private readonly bool _cleanSession;
        private readonly int _keepAliveSeconds;
        private readonly byte _searchRadius;
        private readonly SnMessageSet _in = new SnMessageSet();
        private readonly SnClientOutput _out;
        private readonly SnRequest _request;
        private readonly SnKeepAlive _keepAlive;
        private readonly SnGatewaySearch _search;
        private readonly SnTopicTable _topics;
        private readonly SnTopicTable _predefined;
        private readonly SnInbound _inbound;
        private readonly SnAcknowledgedRequests _requests;
        private readonly SnOutboundRequests _outbound;
        private readonly SnWill _will;
        private readonly SnGatewayList _gateways;
        private readonly int _congestionWaitMs;
        private SnClientState _state;

        /// <summary>Allocates every buffer from <paramref name="options"/>; throws ArgumentException naming the option
        /// for an invalid configuration.</summary>
        public SnClient(SnClientOptions options, ISnClientListener listener)
        {
            if (options == null)
            {
                throw new System.ArgumentNullException("options");
            }

            if (listener == null)
            {
                throw new System.ArgumentNullException("listener");
            }

            _listener = listener;
            _clientId = options.ClientId == null ? null : Utf8Encoder.GetBytes(options.ClientId);
            Require(_clientId != null && _clientId.Length >= 1 && _clientId.Length <= ConnectMessage.MaxClientIdLength
                && SnTopic.ValidateUtf8(_clientId, 0, _clientId.Length) == SnError.None, "ClientId must be 1 to 23 octets of UTF-8");
            Require(options.KeepAliveSeconds >= 0 && options.KeepAliveSeconds <= 0xFFFF, "KeepAliveSeconds must be 0 to 65535");
            Require(options.MaxPacketSize >= 32, "MaxPacketSize must be at least 32 octets");
            Require(options.TransmitQueueLength >= 1, "TransmitQueueLength must be at least 1");
            Require(options.MaxTopics >= 1 && options.MaxTopicNameLength >= 1, "MaxTopics and MaxTopicNameLength must be at least 1");
            Require(options.MaxPredefinedTopics >= 0, "MaxPredefinedTopics must not be negative");
            Require(options.MaxInboundQos2 >= 1, "MaxInboundQos2 must be at least 1");
            Require(options.MaxQueuedRequests >= 0, "MaxQueuedRequests must not be negative");
            Require(options.RetryIntervalMs >= 1 && options.MaxRetries >= 0, "RetryIntervalMs must be positive and MaxRetries not negative");
            _will = new SnWill(options);
            _cleanSession = options.CleanSession;
            _keepAliveSeconds = options.KeepAliveSeconds;
            _searchRadius = options.SearchGwRadius;
            int maxPacket = options.MaxPacketSize;
            _out = new SnClientOutput(options.TransmitQueueLength, maxPacket);
            _request = new SnRequest(maxPacket, options.RetryIntervalMs, options.MaxRetries);
            _keepAlive = new SnKeepAlive(options.KeepAliveSeconds * 1000, options.RetryIntervalMs, options.MaxRetries);
            _gateways = new SnGatewayList(options.MaxGateways);
            _congestionWaitMs = options.CongestionWaitMs;
            _search = new SnGatewaySearch(options.SearchGwMaxDelayMs, options.SearchGwRetryMs, options.SearchGwMaxRetryMs, options.RandomSeed);
            _topics = new SnTopicTable(options.MaxTopics, options.MaxTopicNameLength);
            _predefined = new SnTopicTable(options.MaxPredefinedTopics, options.MaxTopicNameLength);
            _inbound = new SnInbound(listener, _topics, _predefined, _out, options.MaxInboundQos2);
            SnPendingRequests pending = new SnPendingRequests(options.MaxQueuedRequests, maxPacket, options.MaxTopicNameLength);
            _requests = new SnAcknowledgedRequests(listener, _request, _topics, _out, maxPacket, pending);
            _outbound = new SnOutboundRequests(_out, _requests, _topics, _predefined);
        }

        private static void Require(bool valid, string message)
        {
            if (!valid)
            {
                throw new System.ArgumentException("SnClientOptions." + message, "options");
            }
        }

        /// <summary>Current state.</summary>
        public SnClientState State => _state;

        /// <summary>GwId of the gateway in use, or -1: the first heard, until it is lost (then the next gateway
        /// heard), answers CONNECT with congestion (then another for T_WAIT), or its ADVERTISEs stop. Send unicast
        /// datagrams to the address this gateway was heard from.</summary>
        public int GatewayId => _gateways.Current;

        /// <summary>Gateways known from ADVERTISE and GWINFO.</summary>
        public int GatewayCount => _gateways.Count;

        /// <summary>The topic id table (registrations and SUBACK ids of this connection).</summary>
        public SnTopicTable Topics => _topics;

        /// <summary>Names of the predefined topic ids given to <see cref="DefineTopic"/>.</summary>
        public SnTopicTable PredefinedTopics => _predefined;

        /// <summary>Names a predefined topic id (agreed with the gateway beforehand, §2.3): a PUBLISH to the name then
        /// uses the id, and messages on the id carry the name. False when the table (<see cref="SnClientOptions.MaxPredefinedTopics"/>)
        /// is full, the id is not 1..65535 or the name is not a valid topic name that fits.</summary>
        public bool DefineTopic(int topicId, string name) => _predefined.Define(topicId, name);

        /// <summary>True while gateway discovery runs.</summary>
        public bool Searching => _search.Searching;

        /// <summary>Datagrams dropped because the transmit queue was full.</summary>
        public int DroppedDatagrams => _out.Dropped;

        /// <summary>Received datagrams that failed to decode.</summary>
        public int MalformedDatagrams { get; private set; }

        /// <summary>Inbound QoS 2 PUBLISH ignored because the id memory was full (the gateway re-sends).</summary>
        public int RefusedQos2 => _inbound.RefusedQos2;

        /// <summary>Datagrams waiting in the transmit queue.</summary>
        public int PendingDatagrams => _out.Count;

        /// <summary>Moves the next datagram to send into dst; returns its length, 0 when none, -1 when dst is too small.</summary>
        public int NextDatagram(byte[] dst, int off, out bool broadcast) => _out.Dequeue(dst, off, out broadcast);

        /// <summary>Starts discovery: SEARCHGW after a random delay of 0..T_SEARCHGW, then exponential back-off (§6.1).</summary>
        public void StartSearch(long nowMs) => _search.Start(nowMs);

        /// <summary>Sends CONNECT (from disconnected, asleep or awake); with a Will the gateway's prompts are answered.</summary>
        public SnClientResult Connect(long nowMs)
        {
            if (_state == SnClientState.Active || _state == SnClientState.Connecting || _state == SnClientState.Disconnecting)
            {
                return SnClientResult.WrongState;
            }

            if (_cleanSession || (_state != SnClientState.Asleep && _state != SnClientState.Awake))
            {
                _topics.Clear();
            }

            if (_cleanSession)
            {
                _inbound.ClearSession();
            }

            ConnectMessage m = _out.Messages.Connect;
            m.Will = _will.Present;
            m.CleanSession = _cleanSession;
            m.Duration = _keepAliveSeconds;
            m.ClientId = _clientId;
            m.ClientIdLength = _clientId.Length;
            _keepAlive.Answered();
            _state = SnClientState.Connecting;
            _requests.Start(SnRequestKind.Connect, 0, m.Encode(_request.Datagram, 0), nowMs);
            return SnClientResult.Ok;
        }

        /// <summary>Registers a topic name (§6.5); the id arrives with <see cref="ISnClientListener.OnRegistered"/> and in <see cref="Topics"/>.</summary>
        public SnClientResult Register(byte[] name, int off, int len, long nowMs, out int msgId) =>
            _outbound.Register(_state == SnClientState.Active, name, off, len, nowMs, out msgId);

        /// <summary>
        /// Publishes at QoS -1 (predefined or short topic only, any state, §6.8), 0, 1 or 2 (connected).
        /// QoS 1/2 completion is reported by <see cref="ISnClientListener.OnPublishCompleted"/>.
        /// </summary>
        public SnClientResult Publish(int qos, int topicIdType, int topicId, bool retain, byte[] data, int off, int len, long nowMs, out int msgId) =>
            _outbound.Publish(_state == SnClientState.Active, qos, topicIdType, topicId, retain, data, off, len, nowMs, out msgId);

        /// <summary>
        /// Publishes at QoS 0, 1 or 2 to a topic name: a predefined name (<see cref="DefineTopic"/>) or a registered one
        /// goes out with its id; otherwise REGISTER is queued first (unless one for the name is already under way) and the
        /// PUBLISH follows it with the id the gateway grants. Needs room for both requests (QueueFull otherwise).
        /// </summary>
        public SnClientResult Publish(int qos, byte[] topic, int topicOffset, int topicLength, bool retain, byte[] data, int off, int len, long nowMs, out int msgId) =>
            _outbound.Publish(_state == SnClientState.Active, qos, topic, topicOffset, topicLength, retain, data, off, len, nowMs, out msgId);

        /// <summary>Subscribes to a topic name or filter with wildcards (§6.9); the SUBACK id of a plain name enters <see cref="Topics"/>.</summary>
        public SnClientResult Subscribe(byte[] filter, int off, int len, int qos, long nowMs, out int msgId) =>
            _outbound.Subscribe(_state == SnClientState.Active, filter, off, len, qos, nowMs, out msgId);

        /// <summary>Subscribes to a predefined topic id or a short topic name (big-endian in <paramref name="topicId"/>).</summary>
        public SnClientResult Subscribe(int topicIdType, int topicId, int qos, long nowMs, out int msgId) =>
            _outbound.Subscribe(_state == SnClientState.Active, topicIdType, topicId, qos, nowMs, out msgId);

        /// <summary>Unsubscribes from a topic name or filter.</summary>
        public SnClientResult Unsubscribe(byte[] filter, int off, int len, long nowMs, out int msgId) =>
            _outbound.Unsubscribe(_state == SnClientState.Active, filter, off, len, nowMs, out msgId);

        /// <summary>Unsubscribes from a predefined topic id or a short topic name.</summary>
        public SnClientResult Unsubscribe(int topicIdType, int topicId, long nowMs, out int msgId) =>
            _outbound.Unsubscribe(_state == SnClientState.Active, topicIdType, topicId, nowMs, out msgId);

        /// <summary>Sends DISCONNECT without Duration; the gateway's DISCONNECT ends the connection (§6.12).</summary>
        public SnClientResult Disconnect(long nowMs)
        {
            if (_state != SnClientState.Active && _state != SnClientState.Asleep)
            {
                return SnClientResult.WrongState;
            }

            SnClientResult r = _outbound.Disconnect(nowMs);
            if (r == SnClientResult.Ok)
            {
                _state = SnClientState.Disconnecting;
            }

            return r;
        }

        /// <summary>Goes silent without DISCONNECT: requests outstanding or queued are reported unanswered, datagrams not
        /// yet sent are discarded. The gateway ends the session when the keep-alive runs out and publishes the Will (§6.3).</summary>
        public void Abort()
        {
            if (_state == SnClientState.Disconnected)
            {
                return;
            }

            _out.Clear();
            Drop(SnDisconnectReason.Aborted);
        }

        /// <summary>Sends DISCONNECT with a sleep Duration in seconds (§6.14); the gateway's DISCONNECT puts the client asleep.</summary>
        public SnClientResult Sleep(int durationSeconds, long nowMs) => _outbound.Sleep(_state == SnClientState.Active, durationSeconds, nowMs);

        /// <summary>Wakes from sleep: PINGREQ with ClientId, then buffered messages until PINGRESP, then asleep again (§6.14).</summary>
        public SnClientResult Wake(long nowMs)
        {
            if (_state != SnClientState.Asleep)
            {
                return SnClientResult.WrongState;
            }

            PingReqMessage m = _out.Messages.PingReq;
            m.ClientId = _clientId;
            m.ClientIdLength = _clientId.Length;
            _state = SnClientState.Awake;
            _requests.Start(SnRequestKind.Wake, 0, m.Encode(_request.Datagram, 0), nowMs);
            return SnClientResult.Ok;
        }

        /// <summary>
        /// Handles one received datagram (from the gateway, or a broadcast). Returns the decode error of
        /// a malformed datagram, which is dropped and counted; valid but unexpected messages are ignored.
        /// </summary>
        public SnError Receive(byte[] buf, int off, int count, long nowMs)
        {
            byte type;
            SnError e = _in.Decode(buf, off, count, out type);
            if (e != SnError.None)
            {
                MalformedDatagrams++;
                return e;
            }

            Dispatch(type, nowMs);
            if (_state == SnClientState.Awake && _request.Kind == SnRequestKind.Wake && type != SnMessageType.PingResp)
            {
                // §6.14: T_RETRY restarts on every message other than PINGRESP
                _request.Restart(nowMs);
            }

            StartQueued(nowMs);
            return SnError.None;
        }

        /// <summary>Runs timers: SEARCHGW back-off, T_RETRY re-sends (DUP set on PUBLISH and SUBSCRIBE), keep-alive PINGREQ.</summary>
        public void Poll(long nowMs)
        {
            _gateways.Poll(nowMs);
            if (_search.IsDue(nowMs))
            {
                _out.SendSearchGw(_searchRadius, nowMs);
                _search.BackOff(nowMs);
            }

            if (_request.IsDue(nowMs))
            {
                if (_request.IsExhausted)
                {
                    GiveUp();
                    if (_state == SnClientState.Disconnected)
                    {
                        _gateways.Failed(nowMs, 0); // try another gateway first [§6.13]
                    }
                }
                else
                {
                    _request.Retry(nowMs);
                    _out.Send(_request.Datagram, _request.Length, nowMs);
                }
            }

            if (_state == SnClientState.Active)
            {
                SnKeepAliveAction action = _keepAlive.Poll(nowMs, _out.LastUnicastMs);
                if (action == SnKeepAliveAction.Lost)
                {
                    Drop(SnDisconnectReason.Lost);
                    _gateways.Failed(nowMs, 0);
                }
                else if (action == SnKeepAliveAction.Ping)
                {
                    _out.SendHeaderOnly(SnMessageType.PingReq, nowMs);
                }
            }

            StartQueued(nowMs);
        }

        /// <summary>Starts the requests that waited, while connected or closing.</summary>
        private void StartQueued(long nowMs)
        {
            if (_state == SnClientState.Active || _state == SnClientState.Disconnecting)
            {
                _requests.StartNext(nowMs);
            }
        }

        private void Dispatch(byte type, long nowMs)
        {
            switch (type)
            {
                case SnMessageType.Advertise:
                    GatewayHeard(_in.Advertise.GwId, _in.Advertise.Duration * 1000L, null, 0, 0, nowMs);
                    return;
                case SnMessageType.GwInfo:
                    GatewayHeard(_in.GwInfo.GwId, 0, _in.GwInfo.GwAdd, _in.GwInfo.GwAddOffset, _in.GwInfo.GwAddLength, nowMs);
                    return;
                case SnMessageType.SearchGw:
                    if (_search.Searching)
                    {
                        // §6.1: another client's SEARCHGW counts as ours
                        _search.BackOff(nowMs);
                    }

                    return;
                case SnMessageType.PingResp:
                    OnPingResp();
                    return;
                case SnMessageType.WillTopicReq:
                case SnMessageType.WillMsgReq:
                    OnWillPrompt(type, nowMs);
                    return;
                case SnMessageType.ConnAck:
                    OnConnAck(_in.ReturnCode.ReturnCode, nowMs);
                    return;
                case SnMessageType.Register:
                    if (ReceivesPublishes)
                    {
                        _inbound.OnRegister(_in.Register, nowMs);
                    }

                    return;
                case SnMessageType.Publish:
                    if (ReceivesPublishes)
                    {
                        _inbound.OnPublish(_in.Publish, nowMs);
                    }

                    return;
                case SnMessageType.PubRel:
                    if (ReceivesPublishes)
                    {
                        _inbound.OnPubRel(_in.MsgId.MsgId, nowMs);
                    }

                    return;
                case SnMessageType.PingReq:
                    if (_state == SnClientState.Active)
                    {
                        _out.SendHeaderOnly(SnMessageType.PingResp, nowMs);
                    }

                    return;
                case SnMessageType.Disconnect:
                    OnDisconnect();
                    return;
            }

            _requests.OnAnswer(type, _in, nowMs);
        }

        private void GatewayHeard(int gwId, long advertiseMs, byte[] gwAdd, int gwAddOffset, int gwAddLength, long nowMs)
        {
            _gateways.Heard(gwId, advertiseMs, nowMs);
            _search.Stop();
            _listener.OnGateway(gwId, gwAdd, gwAddOffset, gwAddLength);
        }

        private void OnPingResp()
        {
            if (_state == SnClientState.Active)
            {
                _keepAlive.Answered();
            }
            else if (_state == SnClientState.Awake && _request.Kind == SnRequestKind.Wake)
            {
                _request.End();
                _state = SnClientState.Asleep;
                _listener.OnAsleep();
            }
        }

        private void OnWillPrompt(byte type, long nowMs)
        {
            if (_state != SnClientState.Connecting)
            {
                return;
            }

            _request.Restart(nowMs);
            _will.Answer(type, _out, nowMs);
        }

        private void OnConnAck(int returnCode, long nowMs)
        {
            if (_state != SnClientState.Connecting)
            {
                return;
            }

            _request.End();
            if (returnCode == SnReturnCode.Accepted)
            {
                _state = SnClientState.Active;
                _out.LastUnicastMs = nowMs;
                _listener.OnConnected();
                return;
            }

            _state = SnClientState.Disconnected;
            if (returnCode == SnReturnCode.Congestion)
            {
                _gateways.Failed(nowMs, _congestionWaitMs);
            }
            _listener.OnDisconnected(SnDisconnectReason.Rejected, returnCode);
        }

        private void OnDisconnect()
        {
            SnRequestKind kind = _request.Kind;
            if (kind == SnRequestKind.Sleep)
            {
                _request.End();
                _state = SnClientState.Asleep;
                _keepAlive.Answered();
                _listener.OnAsleep();
                return;
            }

            if (_state == SnClientState.Disconnected || _state == SnClientState.Asleep)
            {
                return;
            }

            Drop(kind == SnRequestKind.Disconnect ? SnDisconnectReason.Requested : SnDisconnectReason.ByGateway);
        }

        private void GiveUp()
        {
            SnRequestKind kind = _request.Kind;
            int msgId = _request.MsgId;
            _request.End();
            if (kind == SnRequestKind.Wake)
            {
                // §6.14: no PINGRESP after the retries: back to sleep
                _state = SnClientState.Asleep;
                _listener.OnAsleep();
                return;
            }

            _requests.ReportNoResponse(kind, msgId);
            Drop(SnDisconnectReason.Lost);
        }

        private void Drop(SnDisconnectReason reason)
        {
            _requests.Abandon();
            _keepAlive.Answered();
            _state = SnClientState.Disconnected;
            _listener.OnDisconnected(reason, 0);
        }

        /// <summary>True in the states where the gateway delivers PUBLISH, REGISTER and PUBREL.</summary>
        private bool ReceivesPublishes => _state == SnClientState.Active || _state == SnClientState.Awake;
    }
}
