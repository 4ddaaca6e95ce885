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
    /// T_RETRY up to N_RETRY times, then the gateway is considered lost (§6.13).
    /// </summary>
    public sealed partial class SnClient
    {
        /// <summary>Return code reported when a request got no answer after N_RETRY re-sends.</summary>
        public const int NoResponse = -1;

        private const int RequestNone = 0;
        private const int RequestConnect = 1;
        private const int RequestRegister = 2;
        private const int RequestPublish = 3;
        private const int RequestPubRel = 4;
        private const int RequestSubscribe = 5;
        private const int RequestUnsubscribe = 6;
        private const int RequestDisconnect = 7;
        private const int RequestSleep = 8;
        private const int RequestWake = 9;

        private readonly ISnClientListener _listener;
        private readonly byte[] _clientId;
        private readonly byte[] _willTopic;
        private readonly byte[] _willMessage;
        private readonly int _willQos;
        private readonly bool _willRetain;
        private readonly bool _cleanSession;
        private readonly int _keepAliveMs;
        private readonly int _keepAliveSeconds;
        private readonly int _retryMs;
        private readonly int _maxRetries;
        private readonly int _searchMaxDelayMs;
        private readonly int _searchRetryMs;
        private readonly int _searchMaxRetryMs;
        private readonly byte _searchRadius;
        private readonly int _maxPacket;
        private readonly SnDatagramQueue _tx;
        private readonly SnTopicTable _topics;
        private readonly int[] _inboundQos2;
        private int _inboundQos2Count;

        private readonly SnMessageSet _in = new SnMessageSet();
        private readonly SnMessageSet _out = new SnMessageSet();
        private readonly byte[] _request;
        private int _requestLength;
        private int _requestKind;
        private int _requestMsgId;
        private long _requestDeadline;
        private int _requestRetries;

        private SnClientState _state;
        private int _gatewayId = -1;
        private long _lastSendMs;
        private bool _pingOutstanding;
        private long _pingDeadline;
        private int _pingRetries;
        private bool _searching;
        private long _searchAt;
        private int _searchInterval;
        private int _nextMsgId;
        private uint _random;

        /// <summary>Allocates every buffer from <paramref name="options"/>; throws ArgumentException for an invalid configuration.</summary>
        public SnClient(SnClientOptions options, ISnClientListener listener)
        {
            if (options == null || listener == null)
            {
                throw new System.ArgumentNullException();
            }

            _listener = listener;
            _clientId = Utf8Encoder.GetBytes(options.ClientId);
            if (_clientId == null || _clientId.Length < 1 || _clientId.Length > ConnectMessage.MaxClientIdLength
                || SnTopic.ValidateUtf8(_clientId, 0, _clientId.Length) != SnError.None)
            {
                throw new System.ArgumentException("ClientId must be 1-23 UTF-8 octets");
            }

            _willTopic = options.WillTopic == null ? null : Utf8Encoder.GetBytes(options.WillTopic);
            if (_willTopic != null && SnTopic.ValidateName(_willTopic, 0, _willTopic.Length) != SnError.None)
            {
                throw new System.ArgumentException("WillTopic");
            }

            _willMessage = options.WillMessage ?? new byte[0];
            _willQos = options.WillQos;
            _willRetain = options.WillRetain;
            _cleanSession = options.CleanSession;
            _keepAliveSeconds = options.KeepAliveSeconds;
            _keepAliveMs = options.KeepAliveSeconds * 1000;
            _retryMs = options.RetryIntervalMs;
            _maxRetries = options.MaxRetries;
            _searchMaxDelayMs = options.SearchGwMaxDelayMs;
            _searchRetryMs = options.SearchGwRetryMs;
            _searchMaxRetryMs = options.SearchGwMaxRetryMs;
            _searchRadius = options.SearchGwRadius;
            _maxPacket = options.MaxPacketSize;
            if (_maxPacket < 32 || options.TransmitQueueLength < 1 || options.MaxTopics < 1 || options.MaxInboundQos2 < 1)
            {
                throw new System.ArgumentException("capacities");
            }

            _tx = new SnDatagramQueue(options.TransmitQueueLength, _maxPacket);
            _topics = new SnTopicTable(options.MaxTopics, options.MaxTopicNameLength);
            _inboundQos2 = new int[options.MaxInboundQos2];
            _request = new byte[_maxPacket];
            _random = (uint)options.RandomSeed | 1;
        }

        /// <summary>Current state.</summary>
        public SnClientState State => _state;

        /// <summary>GwId of the last gateway heard, or -1.</summary>
        public int GatewayId => _gatewayId;

        /// <summary>The topic id table (registrations and SUBACK ids of this connection).</summary>
        public SnTopicTable Topics => _topics;

        /// <summary>True while gateway discovery runs.</summary>
        public bool Searching => _searching;

        /// <summary>Datagrams dropped because the transmit queue was full.</summary>
        public int DroppedDatagrams { get; private set; }

        /// <summary>Received datagrams that failed to decode.</summary>
        public int MalformedDatagrams { get; private set; }

        /// <summary>Inbound QoS 2 PUBLISH ignored because the id memory was full (the gateway re-sends).</summary>
        public int RefusedQos2 { get; private set; }

        /// <summary>Datagrams waiting in the transmit queue.</summary>
        public int PendingDatagrams => _tx.Count;

        /// <summary>Moves the next datagram to send into dst; returns its length, 0 when none, -1 when dst is too small.</summary>
        public int NextDatagram(byte[] dst, int off, out bool broadcast) => _tx.Dequeue(dst, off, out broadcast);

        /// <summary>Starts discovery: SEARCHGW after a random delay of 0..T_SEARCHGW, then exponential back-off (§6.1).</summary>
        public void StartSearch(long nowMs)
        {
            _searching = true;
            _searchAt = nowMs + NextRandom(_searchMaxDelayMs + 1);
            _searchInterval = _searchRetryMs;
        }

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
                _inboundQos2Count = 0;
            }

            ConnectMessage m = _out.Connect;
            m.Will = _willTopic != null;
            m.CleanSession = _cleanSession;
            m.Duration = _keepAliveSeconds;
            m.ClientId = _clientId;
            m.ClientIdLength = _clientId.Length;
            _requestLength = m.Encode(_request, 0);
            _pingOutstanding = false;
            _state = SnClientState.Connecting;
            StartRequest(RequestConnect, 0, nowMs);
            return SnClientResult.Ok;
        }

        /// <summary>Registers a topic name (§6.5); the id arrives with <see cref="ISnClientListener.OnRegistered"/> and in <see cref="Topics"/>.</summary>
        public SnClientResult Register(byte[] name, int off, int len, long nowMs, out int msgId)
        {
            msgId = 0;
            SnClientResult r = CheckRequest();
            if (r != SnClientResult.Ok)
            {
                return r;
            }

            if (name == null || off < 0 || len < 0 || off > name.Length - len || SnTopic.ValidateName(name, off, len) != SnError.None)
            {
                return SnClientResult.InvalidArgument;
            }

            RegisterMessage m = _out.Register;
            m.MsgId = NextMsgId();
            m.TopicName = name;
            m.TopicNameOffset = off;
            m.TopicNameLength = len;
            r = EncodeRequest(m.GetSize());
            if (r != SnClientResult.Ok)
            {
                return r;
            }

            _requestLength = m.Encode(_request, 0);
            msgId = m.MsgId;
            StartRequest(RequestRegister, msgId, nowMs);
            return SnClientResult.Ok;
        }

        /// <summary>
        /// Publishes at QoS -1 (predefined or short topic only, any state, §6.8), 0, 1 or 2 (connected).
        /// QoS 1/2 completion is reported by <see cref="ISnClientListener.OnPublishCompleted"/>.
        /// </summary>
        public SnClientResult Publish(int qos, int topicIdType, int topicId, bool retain, byte[] data, int off, int len, long nowMs, out int msgId)
        {
            msgId = 0;
            if (qos < SnQos.MinusOne || qos > SnQos.ExactlyOnce || topicIdType < 0 || topicIdType >= SnTopicIdType.Reserved
                || topicId < 0 || topicId > 0xFFFF || (data == null && len != 0) || off < 0 || len < 0
                || (data != null && off > data.Length - len)
                || (qos == SnQos.MinusOne && topicIdType == SnTopicIdType.Normal))
            {
                return SnClientResult.InvalidArgument;
            }

            if (qos != SnQos.MinusOne && _state != SnClientState.Active)
            {
                return SnClientResult.WrongState;
            }

            PublishMessage m = _out.Publish;
            m.Qos = qos;
            m.Retain = retain;
            m.TopicIdType = topicIdType;
            m.TopicId = topicId;
            m.MsgId = 0;
            m.Data = data;
            m.DataOffset = off;
            m.DataLength = len;
            if (qos <= SnQos.AtMostOnce)
            {
                int size = m.GetSize();
                if (size < 0 || size > _maxPacket)
                {
                    return SnClientResult.TooLarge;
                }

                byte[] slot = _tx.Tail;
                if (slot == null)
                {
                    DroppedDatagrams++;
                    return SnClientResult.QueueFull;
                }

                Commit(m.Encode(slot, 0), false, nowMs);
                return SnClientResult.Ok;
            }

            SnClientResult r = CheckRequest(m.GetSize());
            if (r != SnClientResult.Ok)
            {
                return r;
            }

            m.MsgId = NextMsgId();
            _requestLength = m.Encode(_request, 0);
            msgId = m.MsgId;
            StartRequest(RequestPublish, msgId, nowMs);
            return SnClientResult.Ok;
        }

        /// <summary>Subscribes to a topic name or filter with wildcards (§6.9); the SUBACK id of a plain name enters <see cref="Topics"/>.</summary>
        public SnClientResult Subscribe(byte[] filter, int off, int len, int qos, long nowMs, out int msgId)
        {
            msgId = 0;
            if (filter == null || off < 0 || len < 0 || off > filter.Length - len || SnTopic.ValidateFilter(filter, off, len) != SnError.None)
            {
                return SnClientResult.InvalidArgument;
            }

            return SendSubscribe(SnMessageType.Subscribe, qos, SnTopicIdType.Normal, 0, filter, off, len, nowMs, out msgId);
        }

        /// <summary>Subscribes to a predefined topic id or a short topic name (big-endian in <paramref name="topicId"/>).</summary>
        public SnClientResult Subscribe(int topicIdType, int topicId, int qos, long nowMs, out int msgId)
        {
            msgId = 0;
            if ((topicIdType != SnTopicIdType.Predefined && topicIdType != SnTopicIdType.Short) || topicId < 0 || topicId > 0xFFFF)
            {
                return SnClientResult.InvalidArgument;
            }

            return SendSubscribe(SnMessageType.Subscribe, qos, topicIdType, topicId, null, 0, 0, nowMs, out msgId);
        }

        /// <summary>Unsubscribes from a topic name or filter.</summary>
        public SnClientResult Unsubscribe(byte[] filter, int off, int len, long nowMs, out int msgId)
        {
            msgId = 0;
            if (filter == null || off < 0 || len < 0 || off > filter.Length - len || SnTopic.ValidateFilter(filter, off, len) != SnError.None)
            {
                return SnClientResult.InvalidArgument;
            }

            return SendSubscribe(SnMessageType.Unsubscribe, SnQos.AtMostOnce, SnTopicIdType.Normal, 0, filter, off, len, nowMs, out msgId);
        }

        /// <summary>Unsubscribes from a predefined topic id or a short topic name.</summary>
        public SnClientResult Unsubscribe(int topicIdType, int topicId, long nowMs, out int msgId)
        {
            msgId = 0;
            if ((topicIdType != SnTopicIdType.Predefined && topicIdType != SnTopicIdType.Short) || topicId < 0 || topicId > 0xFFFF)
            {
                return SnClientResult.InvalidArgument;
            }

            return SendSubscribe(SnMessageType.Unsubscribe, SnQos.AtMostOnce, topicIdType, topicId, null, 0, 0, nowMs, out msgId);
        }

        /// <summary>Sends DISCONNECT without Duration; the gateway's DISCONNECT ends the connection (§6.12).</summary>
        public SnClientResult Disconnect(long nowMs)
        {
            if (_state != SnClientState.Active && _state != SnClientState.Asleep)
            {
                return SnClientResult.WrongState;
            }

            if (_requestKind != RequestNone)
            {
                return SnClientResult.Busy;
            }

            _out.Disconnect.HasDuration = false;
            _requestLength = _out.Disconnect.Encode(_request, 0);
            _state = SnClientState.Disconnecting;
            StartRequest(RequestDisconnect, 0, nowMs);
            return SnClientResult.Ok;
        }

        /// <summary>Sends DISCONNECT with a sleep Duration in seconds (§6.14); the gateway's DISCONNECT puts the client asleep.</summary>
        public SnClientResult Sleep(int durationSeconds, long nowMs)
        {
            if (durationSeconds < 1 || durationSeconds > 0xFFFF)
            {
                return SnClientResult.InvalidArgument;
            }

            SnClientResult r = CheckRequest();
            if (r != SnClientResult.Ok)
            {
                return r;
            }

            _out.Disconnect.HasDuration = true;
            _out.Disconnect.Duration = durationSeconds;
            _requestLength = _out.Disconnect.Encode(_request, 0);
            StartRequest(RequestSleep, 0, nowMs);
            return SnClientResult.Ok;
        }

        /// <summary>Wakes from sleep: PINGREQ with ClientId, then buffered messages until PINGRESP, then asleep again (§6.14).</summary>
        public SnClientResult Wake(long nowMs)
        {
            if (_state != SnClientState.Asleep)
            {
                return SnClientResult.WrongState;
            }

            _out.PingReq.ClientId = _clientId;
            _out.PingReq.ClientIdLength = _clientId.Length;
            _requestLength = _out.PingReq.Encode(_request, 0);
            _state = SnClientState.Awake;
            StartRequest(RequestWake, 0, nowMs);
            return SnClientResult.Ok;
        }

        private SnClientResult SendSubscribe(byte type, int qos, int topicIdType, int topicId, byte[] filter, int off, int len, long nowMs, out int msgId)
        {
            msgId = 0;
            if (qos < SnQos.AtMostOnce || qos > SnQos.ExactlyOnce)
            {
                return SnClientResult.InvalidArgument;
            }

            SubscribeMessage m = _out.Subscribe;
            m.MsgType = type;
            m.Dup = false;
            m.Qos = qos;
            m.TopicIdType = topicIdType;
            m.TopicId = topicId;
            m.TopicName = filter;
            m.TopicNameOffset = off;
            m.TopicNameLength = len;

            SnClientResult r = CheckRequest(m.GetSize());
            if (r != SnClientResult.Ok)
            {
                return r;
            }

            m.MsgId = NextMsgId();
            _requestLength = m.Encode(_request, 0);
            msgId = m.MsgId;
            StartRequest(m.MsgType == SnMessageType.Subscribe ? RequestSubscribe : RequestUnsubscribe, msgId, nowMs);
            return SnClientResult.Ok;
        }

        private SnClientResult CheckRequest()
        {
            if (_state != SnClientState.Active)
            {
                return SnClientResult.WrongState;
            }

            return _requestKind == RequestNone ? SnClientResult.Ok : SnClientResult.Busy;
        }

        /// <summary>As <see cref="CheckRequest()"/>, then whether a request of <paramref name="size"/> octets fits.</summary>
        private SnClientResult CheckRequest(int size)
        {
            SnClientResult r = CheckRequest();
            return r == SnClientResult.Ok ? EncodeRequest(size) : r;
        }

        private SnClientResult EncodeRequest(int size) => size < 0 || size > _maxPacket ? SnClientResult.TooLarge : SnClientResult.Ok;

        private int NextMsgId()
        {
            _nextMsgId = _nextMsgId == 0xFFFF ? 1 : _nextMsgId + 1;
            return _nextMsgId;
        }

        private int NextRandom(int bound)
        {
            _random ^= _random << 13;
            _random ^= _random >> 17;
            _random ^= _random << 5;
            return bound <= 1 ? 0 : (int)(_random % (uint)bound);
        }
    }
}
