using System.Net;
using Nano.Mqtt.Broker;
using Nano.MqttSn.Gateway;

namespace Nano.Host
{
    /// <summary>What the PC host is told to do: where to listen, the broker's capacities and who may connect.</summary>
    public sealed class HostOptions
    {
        /// <summary>Mosquitto's default port.</summary>
        public const int DefaultPort = 1883;

        /// <summary>Address to listen on; loopback by default, like Mosquitto 2 without a listener.</summary>
        public IPAddress Bind = IPAddress.Loopback;

        /// <summary>TCP port; 0 picks a free one (read it back from <see cref="BrokerHost.Port"/>).</summary>
        public int Port = DefaultPort;

        /// <summary>The MQTT-SN port beside MQTT's 1883.</summary>
        public const int DefaultSnPort = 1884;

        /// <summary>UDP port of the MQTT-SN gateway; 0 = off; -1 = <see cref="DefaultSnPort"/>, or a free port
        /// when <see cref="Port"/> is 0 (so ephemeral test brokers never collide on 1884).</summary>
        public int SnPort = -1;

        /// <summary>The MQTT-SN gateway's capacities and timers, sized for a PC.</summary>
        public SnGatewayOptions Gateway = new SnGatewayOptions
        {
            MaxClients = 64,
            MaxLinks = 4,
            MaxRegisteredTopicsPerClient = 32,
            MaxBufferedWhileAsleep = 32,
            MaxPayload = 1024,
            MaxTopicLength = 256,
            MaxDatagramSize = 1400,
            MaxPendingDatagrams = 64,
            MaxBrokerPacketSize = 1 << 16,
        };

        /// <summary>Where the gateway's ADVERTISE and broadcast GWINFO go (a broadcast address or a multicast group,
        /// which it joins); null = 255.255.255.255, or loopback when <see cref="Bind"/> is loopback.</summary>
        public IPAddress SnDiscoveryAddress;

        /// <summary>UDP port of <see cref="SnDiscoveryAddress"/>; 0 = the gateway's own port.</summary>
        public int SnDiscoveryPort;

        /// <summary>True unless <see cref="SnPort"/> is 0.</summary>
        public bool SnEnabled => SnPort != 0;

        /// <summary>The UDP port the gateway binds when enabled (0 picks a free one).</summary>
        public int SnBindPort => SnPort > 0 ? SnPort : (Port == 0 ? 0 : DefaultSnPort);

        /// <summary>Serial port of a radio module serving MQTT-SN nodes (e.g. /dev/ttyUSB0, COM3); null = none.</summary>
        public string SerialPort;

        /// <summary>The radio's framing: xbee (API mode 1), xbee2 (API mode 2), twelite, slip or cobs.</summary>
        public string Radio = "xbee2";

        /// <summary>Baud rate of <see cref="SerialPort"/>.</summary>
        public int Baud = 9600;

        /// <summary>Simulated sensor nodes on an in-memory radio of the <see cref="Radio"/> family; 0 = none.</summary>
        public int SimulateNodes;

        /// <summary>How often each simulated node wakes up and publishes a reading.</summary>
        public int SimulateIntervalMs = 5000;

        /// <summary>True when a radio link (serial or simulated) is configured.</summary>
        public bool RadioEnabled => SerialPort != null || SimulateNodes > 0;

        /// <summary>Checks CONNECT credentials (e.g. a <see cref="Host.PasswordFile"/>); null = no check.</summary>
        public IAuthenticator Authenticator;

        /// <summary>SHA compressions of a <see cref="Host.PasswordFile"/>'s PBKDF2 check per engine poll (about 1 µs each on a PC):
        /// a 100,000-iteration <c>$7$</c> line then holds the poll loop about 2 ms at a time over 100 polls.</summary>
        public int PasswordHashSteps = 2000;

        /// <summary>Topic access rules (Mosquitto <c>acl_file</c>); null = every client may read and write every topic.</summary>
        public TopicAcl Acl;

        /// <summary>Mosquitto's default TLS port.</summary>
        public const int DefaultTlsPort = 8883;

        /// <summary>TLS port, served when <see cref="Tls"/> is set; 0 picks a free one (read it back from <see cref="BrokerHost.TlsPort"/>).</summary>
        public int TlsPort = DefaultTlsPort;

        /// <summary>PEM files of the TLS listener's certificate, its private key and an optional CA (Mosquitto certfile, keyfile, cafile).</summary>
        public string CertFile;

        /// <summary>See <see cref="CertFile"/>.</summary>
        public string KeyFile;

        /// <summary>See <see cref="CertFile"/>.</summary>
        public string CaFile;

        /// <summary>The TLS platform adapter of the TLS listener; set from the PEM files by the parser, or directly. Null = no TLS listener.</summary>
        public Nano.Net.ITlsServer Tls;

        /// <summary>What is logged and where (log_type, log_dest, connection_messages).</summary>
        public LogOptions Log = new LogOptions();

        /// <summary>TLS handshakes under way at once, apart from <see cref="BrokerOptions.MaxConnections"/>.</summary>
        public int MaxHandshakes = 64;

        /// <summary>How long a TLS client may take from accept to its first MQTT byte.</summary>
        public int HandshakeTimeoutMs = 10000;

        /// <summary>Keep persistent sessions, retained messages and inflight QoS 1/2 state in a record log across restarts
        /// (Mosquitto persistence; off by default, as in Mosquitto).</summary>
        public bool Persistence;

        /// <summary>Directory of the store (Mosquitto persistence_location); empty = the working directory.</summary>
        public string PersistenceLocation = "";

        /// <summary>File name of the store in <see cref="PersistenceLocation"/> (Mosquitto persistence_file).</summary>
        public string PersistenceFile = "nano.db";

        /// <summary>The store's path.</summary>
        public string PersistencePath => System.IO.Path.Combine(PersistenceLocation, PersistenceFile);

        /// <summary>The engine's capacity record, sized for a PC rather than an ESP32.</summary>
        public BrokerOptions Broker = PcBrokerOptions();

        /// <summary>Bridges to upstream brokers (<c>connection</c> blocks of the configuration file).</summary>
        public System.Collections.Generic.List<BridgeConfig> Bridges = new System.Collections.Generic.List<BridgeConfig>();

        /// <summary>Capacities for a development PC or a Raspberry Pi gateway; Mosquitto's defaults where it has them.</summary>
        public static BrokerOptions PcBrokerOptions()
        {
            return new BrokerOptions
            {
                MaxConnections = 4096,
                MaxSessions = 4096,
                MaxSubscriptions = 4096,
                MaxSubscriptionsPerClient = 64,
                MaxInflight = 20,
                MaxQueued = 1000,
                MaxAwaitingRelease = BrokerOptions.AllPacketIds,
                MaxRetained = 1024,
                MaxRetainedBytes = 1 << 20,
                MaxMessages = 1 << 16,
                MessagePoolBytes = 16 << 20,
                MaxPacketSize = Nano.Mqtt.Client.MqttClientOptions.ProtocolMaxPacketSize,
                MaxMessageMemory = 1 << 30,
                InputBufferSize = 8 << 10,
                LargePacketBuffers = 16,
                OutputBufferSize = 4 << 10,
                AllocateOnAccept = true,
                MaxClientIdLength = 128,
                MaxTopicLength = 256,
                MaxTopicLevels = 0,
                SysIntervalMs = 10000,
            };
        }
    }
}
