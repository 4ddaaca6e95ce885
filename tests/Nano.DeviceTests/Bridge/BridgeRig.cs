using Nano.Mqtt.Bridge;
using Nano.Mqtt.Broker;
using Nano.Mqtt.Client;

namespace Nano.DeviceTests.Bridge
{
    /// <summary>
    /// Two broker engines in memory, a local and a remote one, with client engines on each connected through
    /// <see cref="InProcessTransport"/>: the bridge's remote side is wired to the remote broker the same way a
    /// socket would carry it. Time advances 10 ms per round.
    /// </summary>
    public sealed class BridgeRig
    {
        public readonly BrokerEngine Local;
        public readonly BrokerEngine Remote;
        public readonly MqttClientEngine LocalClient;
        public readonly MqttClientEngine RemoteClient;
        public readonly InProcessTransport LocalClientLink;
        public readonly InProcessTransport RemoteClientLink;
        private readonly BridgeEngine[] _bridges = new BridgeEngine[2];
        private readonly InProcessTransport[] _bridgeLinks = new InProcessTransport[2];
        private int _bridgeCount;
        public long NowMs = 1000;

        public BridgeRig()
        {
            Local = new BrokerEngine(SmallBroker());
            Remote = new BrokerEngine(SmallBroker());
            LocalClient = new MqttClientEngine(SmallClient("lc"));
            RemoteClient = new MqttClientEngine(SmallClient("rc"));
            LocalClientLink = new InProcessTransport(LocalClient, Local, 128);
            RemoteClientLink = new InProcessTransport(RemoteClient, Remote, 128);
            LocalClient.Start(NowMs);
            RemoteClient.Start(NowMs);
        }

        public static BrokerOptions SmallBroker()
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxConnections = 3;
            o.MaxSessions = 3;
            o.MaxSubscriptions = 8;
            o.MaxPacketSize = 256;
            o.InputBufferSize = 128;
            o.OutputBufferSize = 256;
            o.MaxInflight = 4;
            o.MaxQueued = 16;
            o.MaxMessages = 24;
            o.MessagePoolBytes = 768;
            o.MaxRetained = 2;
            o.MaxRetainedBytes = 128;
            o.SysIntervalMs = 0;
            return o;
        }

        public static MqttClientOptions SmallClient(string clientId)
        {
            MqttClientOptions o = new MqttClientOptions();
            o.ClientId = clientId;
            o.MaxQueued = 12;
            o.MaxSubscriptions = 2;
            Shrink(o);
            return o;
        }

        /// <summary>Options of a bridge named <paramref name="name"/> with device-sized queues (inflight 2 + 2 queued).</summary>
        public static BridgeOptions SmallBridge(string name)
        {
            BridgeOptions o = new BridgeOptions(name);
            o.Notifications = false;
            o.Remote.MaxQueued = 2;
            o.Remote.MaxSubscriptions = 2;
            Shrink(o.Remote);
            return o;
        }

        /// <summary>Small buffers, no keep-alive, a fixed 100 ms reconnect delay.</summary>
        private static void Shrink(MqttClientOptions o)
        {
            o.KeepAliveSeconds = 0;
            o.InflightWindow = 2;
            o.MaxMessageSize = 64;
            o.MaxPacketSize = 128;
            o.OutputBufferSize = 128;
            o.MaxTopicFilterLength = 32;
            o.ReconnectMinMs = 100;
            o.ReconnectMaxMs = 100;
            o.ReconnectJitterPercent = 0;
        }

        public static BridgeTopic Topic(string pattern, BridgeDirection direction, int qos, string localPrefix, string remotePrefix)
        {
            string error;
            BridgeTopic topic = BridgeTopic.Create(pattern, direction, qos, localPrefix, remotePrefix, out error);
            if (topic == null)
            {
                throw new System.ArgumentException(error);
            }

            return topic;
        }

        /// <summary>Adds a bridge from <paramref name="local"/> to <paramref name="remote"/> and starts it.</summary>
        public BridgeEngine AddBridge(BridgeOptions options, BrokerEngine local, BrokerEngine remote)
        {
            BridgeEngine bridge = new BridgeEngine(options, local);
            _bridges[_bridgeCount] = bridge;
            _bridgeLinks[_bridgeCount] = new InProcessTransport(bridge.Remote, remote, 128);
            _bridgeCount++;
            bridge.Start(NowMs);
            return bridge;
        }

        public InProcessTransport BridgeLink(int i) => _bridgeLinks[i];

        /// <summary>Runs <paramref name="rounds"/> rounds of every engine and transport.</summary>
        public void Run(int rounds)
        {
            for (int r = 0; r < rounds; r++)
            {
                NowMs += 10;
                Step();
            }
        }

        /// <summary>One round at the current time.</summary>
        public void Step()
        {
            for (int i = 0; i < _bridgeCount; i++)
            {
                _bridges[i].Poll(NowMs);
                _bridgeLinks[i].Poll(NowMs);
                _bridges[i].Poll(NowMs);
            }

            LocalClientLink.Poll(NowMs);
            RemoteClientLink.Poll(NowMs);
            Local.Poll(NowMs);
            Remote.Poll(NowMs);
        }
    }
}
