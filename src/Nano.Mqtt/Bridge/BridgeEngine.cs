using Nano.Mqtt.Broker;
using Nano.Mqtt.Client;
using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Bridge
{
    /// <summary>
    /// A sans-I/O bridge between the local <see cref="BrokerEngine"/> and a remote broker. The local side is a
    /// client engine (announced as a bridge) holding one of the broker's connection slots, its bytes shuttled
    /// through the broker's public Accept/Receive/ReadOutput API by <see cref="Poll"/>; the remote side is
    /// <see cref="Remote"/>, which the host drives over TCP/TLS. Messages cross as the topic lines say, at most at
    /// a line's QoS. A message for the remote is acknowledged to the local broker only once it is stored in the
    /// remote client's queue (the budget); while that is full the local slot is left unread, so the broker's own
    /// queue and backpressure apply. The same holds the other way round. Allocates only in its constructor.
    /// </summary>
    public sealed class BridgeEngine
    {
        private static readonly byte[] StateUp = { (byte)'1' };
        private static readonly byte[] StateDown = { (byte)'0' };

        private readonly BrokerEngine _broker;
        private readonly MqttClientEngine _local;
        private readonly InProcessTransport _localLink;
        private readonly BridgeTopic[] _topics;
        private readonly byte[] _topic;
        private readonly byte[] _stateTopic;
        private readonly BridgeStartType _startType;
        private readonly EchoFilter _echoes;
        private readonly int _localFilters;
        private readonly int _remoteFilters;
        private int _matched;
        private readonly byte[][] _sysTopics;
        private readonly byte[] _digits;
        private readonly int _sysIntervalMs;
        private long _lastSysMs;
        private bool _up = true;
        private long _nowMs;

        /// <summary>Creates the bridge and allocates its two client engines and buffers. Fills in
        /// <paramref name="options"/>.Remote's bridge flag, Will (with notifications), auto-reconnect and
        /// subscription capacity.</summary>
        public BridgeEngine(BridgeOptions options, BrokerEngine broker)
        {
            _broker = broker;
            Name = options.Name;
            _startType = options.StartType;
            _topics = new BridgeTopic[options.TopicCount];
            int longestPrefix = 0;
            int localFilters = 0;
            int remoteFilters = 0;
            int localFilterLength = 1;
            int remoteFilterLength = 1;
            for (int i = 0; i < _topics.Length; i++)
            {
                BridgeTopic t = options.Topic(i);
                _topics[i] = t;
                longestPrefix = Max(longestPrefix, Max(t.LocalPrefix.Length, t.RemotePrefix.Length));
                if (t.Forwards(BridgeDirection.Out))
                {
                    localFilters++;
                    localFilterLength = Max(localFilterLength, t.LocalFilter.Length);
                }

                if (t.Forwards(BridgeDirection.In))
                {
                    remoteFilters++;
                    remoteFilterLength = Max(remoteFilterLength, t.RemoteFilter.Length);
                }
            }

            _localFilters = localFilters;
            _remoteFilters = remoteFilters;
            MqttClientOptions remote = options.Remote;
            _stateTopic = options.Notifications ? Utf8Encoder.GetBytes(options.StateTopic) : null;
            remote.Bridge = options.TryPrivate;
            remote.AutoReconnect = options.StartType != BridgeStartType.Once;
            remote.MaxSubscriptions = Max(remote.MaxSubscriptions, remoteFilters);
            remote.MaxTopicFilterLength = Max(remote.MaxTopicFilterLength, remoteFilterLength);
            if (_stateTopic != null)
            {
                remote.WillTopic = options.StateTopic;
                remote.WillPayload = StateDown;
                remote.WillQos = 1;
                remote.WillRetain = true;
            }

            MqttClientOptions local = new MqttClientOptions
            {
                ClientId = options.LocalClientId != null ? options.LocalClientId : "local." + remote.ClientId,
                UserName = options.LocalUserName,
                Password = options.LocalPassword,
                CleanSession = remote.CleanSession,
                KeepAliveSeconds = 0,
                Bridge = true,
                InflightWindow = remote.InflightWindow,
                MaxQueued = remote.InflightWindow,
                MaxMessageSize = remote.MaxMessageSize,
                MaxPacketSize = remote.MaxPacketSize,
                OutputBufferSize = remote.OutputBufferSize,
                GrowBuffers = remote.GrowBuffers,
                MaxSubscriptions = Max(localFilters, 1),
                MaxTopicFilterLength = localFilterLength,
                MaxAwaitingRelease = remote.MaxAwaitingRelease,
                ReconnectMinMs = remote.ReconnectMinMs,
                ReconnectMaxMs = remote.ReconnectMaxMs,
                ReconnectJitterPercent = 0,
            };
            _local = new MqttClientEngine(local);
            Remote = new MqttClientEngine(remote);
            _topic = new byte[longestPrefix + (remote.MaxMessageSize < 65535 ? remote.MaxMessageSize : 65535)];
            _localLink = new InProcessTransport(_local, broker, remote.OutputBufferSize);
            Statistics = new BridgeStatistics();
            _echoes = options.TryPrivate ? null : new EchoFilter(remote.InflightWindow + 8);
            _sysIntervalMs = options.SysIntervalMs;
            if (_sysIntervalMs > 0)
            {
                string prefix = "$SYS/broker/connection/" + Name + "/messages/";
                _sysTopics = new byte[][]
                {
                    Utf8Encoder.GetBytes(prefix + "out"), Utf8Encoder.GetBytes(prefix + "in"),
                    Utf8Encoder.GetBytes(prefix + "queued"), Utf8Encoder.GetBytes(prefix + "dropped"),
                };
                _digits = new byte[20];
            }
            for (int i = 0; i < _topics.Length; i++)
            {
                BridgeTopic t = _topics[i];
                if (t.Forwards(BridgeDirection.Out))
                {
                    _local.Subscribe(t.LocalFilter, 0, t.LocalFilter.Length, t.Qos);
                }

                if (t.Forwards(BridgeDirection.In))
                {
                    Remote.Subscribe(t.RemoteFilter, 0, t.RemoteFilter.Length, t.Qos);
                }
            }

            _local.MessageReceived += ForwardOut;
            Remote.MessageReceived += ForwardIn;
            Remote.StateChanged += RemoteStateChanged;
        }

        /// <summary>The connection name.</summary>
        public string Name { get; }

        /// <summary>The client towards the remote broker; the host's transport drives it.</summary>
        public MqttClientEngine Remote { get; }

        /// <summary>Counters.</summary>
        public BridgeStatistics Statistics { get; }

        /// <summary>True while the remote connection is up.</summary>
        public bool Connected => Remote.State == ClientState.Connected;

        /// <summary>Messages held for the remote: queued or in flight (the budget is the remote client's
        /// InflightWindow + MaxQueued).</summary>
        public int Queued => Remote.StoredMessages;

        /// <summary>True once both sides are connected and every subscription of the topic lines is acknowledged.</summary>
        public bool Ready => Connected && _local.State == ClientState.Connected && Subscribed(_local, _localFilters) && Subscribed(Remote, _remoteFilters);

        /// <summary>Connects the local side at the next <see cref="Poll"/> and, unless lazy, the remote side.</summary>
        public void Start(long nowMs)
        {
            _nowMs = nowMs;
            _local.Start(nowMs);
            if (_startType != BridgeStartType.Lazy)
            {
                Remote.Start(nowMs);
            }

            NotifyLocal(StateDown);
        }

        /// <summary>Ends both sides: the remote without DISCONNECT when notifications are on, so the Will "0" is published.</summary>
        public void Stop(long nowMs)
        {
            _nowMs = nowMs;
            if (_stateTopic != null)
            {
                Remote.Abort(nowMs);
            }
            else
            {
                Remote.Disconnect(nowMs);
            }

            _local.Disconnect(nowMs);
            _localLink.Poll(nowMs);
        }

        /// <summary>Connects the local side when due and moves messages between it and the broker, holding local
        /// PUBLISHes while the remote queue is full; call it from the poll loop with the transport of
        /// <see cref="Remote"/>. True when anything was done.</summary>
        public bool Poll(long nowMs)
        {
            _nowMs = nowMs;
            _local.HoldPublishes = !Remote.CanStore;
            bool worked = _localLink.Poll(nowMs);
            Remote.HoldPublishes = !_local.CanStore;
            if (_sysTopics != null && nowMs - _lastSysMs >= _sysIntervalMs)
            {
                _lastSysMs = nowMs;
                PublishCounter(0, Statistics.MessagesOut);
                PublishCounter(1, Statistics.MessagesIn);
                PublishCounter(2, Remote.StoredMessages);
                PublishCounter(3, Statistics.MessagesDropped);
            }

            return worked;
        }

        private void PublishCounter(int topic, long value)
        {
            byte[] name = _sysTopics[topic];
            _broker.Publish(name, 0, name.Length, _digits, 0, SysTopics.Format(value, _digits), 0, true, _nowMs);
        }

        private void ForwardOut(byte[] buffer, int topicOffset, int topicLength, int payloadOffset, int payloadLength, int qos, bool retain)
        {
            int n = Map(BridgeDirection.Out, buffer, topicOffset, topicLength);
            if (n < 0 || Remote.Publish(_topic, 0, n, buffer, payloadOffset, payloadLength, qos, retain) != PublishResult.Accepted)
            {
                Statistics.MessagesDropped++;
            }
            else
            {
                Statistics.MessagesOut++;
                if (_echoes != null && _topics[_matched].Direction == BridgeDirection.Both)
                {
                    _echoes.Remember(_topic, 0, n, buffer, payloadOffset, payloadLength);
                }

                if (Remote.State == ClientState.Disconnected && _startType == BridgeStartType.Lazy)
                {
                    Remote.Start(_nowMs);
                }
            }

            _local.HoldPublishes = !Remote.CanStore;
        }

        private void ForwardIn(byte[] buffer, int topicOffset, int topicLength, int payloadOffset, int payloadLength, int qos, bool retain)
        {
            if (_echoes != null && _echoes.IsEcho(buffer, topicOffset, topicLength, buffer, payloadOffset, payloadLength))
            {
                Statistics.EchoesDropped++;
                Remote.HoldPublishes = !_local.CanStore;
                return;
            }

            int n = Map(BridgeDirection.In, buffer, topicOffset, topicLength);
            if (n < 0 || _local.Publish(_topic, 0, n, buffer, payloadOffset, payloadLength, qos, retain) != PublishResult.Accepted)
            {
                Statistics.MessagesDropped++;
            }
            else
            {
                Statistics.MessagesIn++;
            }

            Remote.HoldPublishes = !_local.CanStore;
        }

        private int Map(BridgeDirection from, byte[] topic, int offset, int length)
        {
            for (int i = 0; i < _topics.Length; i++)
            {
                int n = _topics[i].Map(from, topic, offset, length, _topic);
                if (n >= 0)
                {
                    _matched = i;
                    return n;
                }
            }

            return -1;
        }

        private void RemoteStateChanged(ClientState state, DisconnectReason reason)
        {
            if (_stateTopic == null)
            {
                return;
            }

            if (state == ClientState.Connected)
            {
                Remote.Publish(_stateTopic, 0, _stateTopic.Length, StateUp, 0, 1, 1, true);
                NotifyLocal(StateUp);
            }
            else if (_up && state != ClientState.Connecting)
            {
                NotifyLocal(StateDown);
            }
        }

        private void NotifyLocal(byte[] state)
        {
            _up = state == StateUp;
            if (_stateTopic != null)
            {
                _broker.Publish(_stateTopic, 0, _stateTopic.Length, state, 0, 1, 1, true, _nowMs);
            }
        }

        /// <summary>The filters were subscribed in slots 0..count-1 by the constructor.</summary>
        private static bool Subscribed(MqttClientEngine client, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (client.SubscriptionReturnCode(i) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static int Max(int a, int b) => a > b ? a : b;
    }
}
