using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Nano.Mqtt.Bridge;
using Nano.Net;
using Nano.Net.Desktop;

namespace Nano.Host
{
    /// <summary>
    /// One <c>connection &lt;name&gt;</c> block of the configuration file, Mosquitto's bridge vocabulary: the lines after
    /// it up to the next <c>connection</c> configure this bridge.
    /// </summary>
    public sealed class BridgeConfig
    {
        /// <summary>Starts the block of bridge <paramref name="name"/> with Mosquitto's defaults (cleansession false,
        /// try_private and notifications true, restart_timeout 5 30).</summary>
        public BridgeConfig(string name)
        {
            Options = new BridgeOptions(name);
            Options.Remote.CleanSession = false;
            Options.Remote.ReconnectMinMs = 5000;
            Options.Remote.ReconnectMaxMs = 30000;
        }

        /// <summary>The bridge's options.</summary>
        public BridgeOptions Options { get; }

        /// <summary>Remote addresses, in failover order.</summary>
        public List<string> Hosts { get; } = new List<string>();

        /// <summary>Ports of <see cref="Hosts"/>.</summary>
        public List<int> Ports { get; } = new List<int>();

        /// <summary>CA of the remote's certificate (<c>bridge_cafile</c>): the connection uses TLS.</summary>
        public string CaFile;

        /// <summary>Accept a remote certificate whose name does not match the address (<c>bridge_insecure</c>).</summary>
        public bool Insecure;

        /// <summary>The TLS client adapter, or null for plain TCP (built by <see cref="Complete"/>).</summary>
        public ITlsClient Tls;

        /// <summary>True for the keys that belong to a bridge block.</summary>
        public static bool IsKey(string key)
        {
            switch (key)
            {
                case "address":
                case "addresses":
                case "topic":
                case "cleansession":
                case "local_clientid":
                case "remote_clientid":
                case "clientid":
                case "remote_username":
                case "username":
                case "remote_password":
                case "password":
                case "local_username":
                case "local_password":
                case "keepalive_interval":
                case "restart_timeout":
                case "bridge_protocol_version":
                case "try_private":
                case "notifications":
                case "notification_topic":
                case "bridge_cafile":
                case "bridge_insecure":
                case "start_type":
                case "bridge_max_packet_size":
                case "bridge_connect_timeout":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Applies one line of the block; false with <paramref name="error"/> when the value is malformed.</summary>
        public bool Apply(string key, string value, out string error)
        {
            error = null;
            Mqtt.Client.MqttClientOptions remote = Options.Remote;
            string[] words = value.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            int n;
            switch (key)
            {
                case "address":
                case "addresses":
                    return Addresses(words, out error);
                case "topic":
                    return Topic(words, out error);
                case "cleansession":
                    return OptionValue.Boolean(value, out remote.CleanSession, out error);
                case "local_clientid":
                    return Text(value, out Options.LocalClientId, out error);
                case "remote_clientid":
                case "clientid":
                    return Text(value, out remote.ClientId, out error);
                case "remote_username":
                case "username":
                    return Text(value, out remote.UserName, out error);
                case "remote_password":
                case "password":
                    return Text(value, out remote.Password, out error);
                case "local_username":
                    return Text(value, out Options.LocalUserName, out error);
                case "local_password":
                    return Text(value, out Options.LocalPassword, out error);
                case "keepalive_interval":
                    if (!OptionValue.Integer(value, 0, 65535, out n, out error)) return false;
                    remote.KeepAliveSeconds = n;
                    return true;
                case "restart_timeout":
                    return RestartTimeout(words, out error);
                case "bridge_protocol_version":
                    if (value == "mqttv31")
                    {
                        remote.ProtocolLevel = Mqtt.ProtocolLevel.V31;
                    }
                    else if (value == "mqttv311")
                    {
                        remote.ProtocolLevel = Mqtt.ProtocolLevel.V311;
                    }
                    else
                    {
                        error = "expected mqttv31 or mqttv311, got '" + value + "'";
                        return false;
                    }
                    return true;
                case "try_private":
                    return OptionValue.Boolean(value, out Options.TryPrivate, out error);
                case "notifications":
                    return OptionValue.Boolean(value, out Options.Notifications, out error);
                case "notification_topic":
                    return Text(value, out Options.NotificationTopic, out error);
                case "bridge_cafile":
                    return Text(value, out CaFile, out error);
                case "bridge_insecure":
                    return OptionValue.Boolean(value, out Insecure, out error);
                case "start_type":
                    switch (value)
                    {
                        case "automatic": Options.StartType = BridgeStartType.Automatic; return true;
                        case "lazy": Options.StartType = BridgeStartType.Lazy; return true;
                        case "once": Options.StartType = BridgeStartType.Once; return true;
                        default:
                            error = "expected automatic, lazy or once, got '" + value + "'";
                            return false;
                    }
                case "bridge_connect_timeout":
                    if (!OptionValue.Integer(value, 1, int.MaxValue / 1000, out n, out error)) return false;
                    remote.ConnectTimeoutMs = n * 1000;
                    return true;
                case "bridge_max_packet_size":
                    if (!OptionValue.Integer(value, 32, 268435455 + 5, out n, out error)) return false;
                    remote.MaxPacketSize = n;
                    remote.MaxMessageSize = n - 9; // fixed header (5), topic length and packet identifier
                    return true;
                default:
                    error = "unknown option";
                    return false;
            }
        }

        /// <summary>
        /// Checks the block is whole (an address, a topic) and sizes the remote client for the PC from the broker's
        /// limits: the queue budget is max_inflight_messages + max_queued_messages, the largest message
        /// message_size_limit unless bridge_max_packet_size says less. Builds the TLS adapter when bridge_cafile is set.
        /// </summary>
        public bool Complete(Mqtt.Broker.BrokerOptions broker, out string error)
        {
            error = null;
            string name = "connection " + Options.Name + ": ";
            if (Hosts.Count == 0)
            {
                error = name + "no address";
                return false;
            }
            if (Options.TopicCount == 0)
            {
                error = name + "no topic";
                return false;
            }
            Mqtt.Client.MqttClientOptions remote = Options.Remote;
            Options.SysIntervalMs = broker.SysIntervalMs;
            remote.InflightWindow = broker.MaxInflight;
            remote.MaxQueued = broker.MaxQueued;
            remote.GrowBuffers = true;
            remote.OutputBufferSize = 4096;
            remote.MaxAwaitingRelease = 65535;
            if (remote.MaxPacketSize == new Mqtt.Client.MqttClientOptions().MaxPacketSize)
            {
                remote.MaxPacketSize = broker.MaxPacketSize;
                remote.MaxMessageSize = broker.MaxPacketSize - 9;
            }
            if (CaFile != null)
            {
                try
                {
                    Tls = new SslStreamTls(null, System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(CaFile))
                    {
                        IgnoreNameMismatch = Insecure,
                    };
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.Cryptography.CryptographicException)
                {
                    error = name + "cannot load bridge_cafile: " + e.Message;
                    return false;
                }
            }
            return true;
        }

        private bool Addresses(string[] words, out string error)
        {
            error = null;
            if (words.Length == 0)
            {
                error = "expected host[:port] [host[:port] ...]";
                return false;
            }
            foreach (string word in words)
            {
                int colon = word.LastIndexOf(':');
                int port = 1883;
                string host = word;
                if (colon >= 0)
                {
                    host = word.Substring(0, colon);
                    if (!OptionValue.Integer(word.Substring(colon + 1), 1, 65535, out port, out error))
                    {
                        return false;
                    }
                }
                if (host.Length == 0)
                {
                    error = "expected host[:port], got '" + word + "'";
                    return false;
                }
                Hosts.Add(host);
                Ports.Add(port);
            }
            return true;
        }

        /// <summary><c>topic pattern [in|out|both] [qos] [local-prefix] [remote-prefix]</c>; <c>""</c> is an empty word.</summary>
        private bool Topic(string[] words, out string error)
        {
            error = null;
            if (words.Length < 1 || words.Length > 5)
            {
                error = "expected 'pattern [in|out|both] [qos] [local-prefix] [remote-prefix]'";
                return false;
            }
            BridgeDirection direction = BridgeDirection.Out;
            if (words.Length > 1)
            {
                switch (words[1])
                {
                    case "in": direction = BridgeDirection.In; break;
                    case "out": direction = BridgeDirection.Out; break;
                    case "both": direction = BridgeDirection.Both; break;
                    default:
                        error = "expected in, out or both, got '" + words[1] + "'";
                        return false;
                }
            }
            int qos = 0;
            if (words.Length > 2 && !OptionValue.Integer(words[2], 0, 2, out qos, out error))
            {
                return false;
            }
            BridgeTopic topic = BridgeTopic.Create(Word(words, 0), direction, qos, Word(words, 3), Word(words, 4), out error);
            if (topic == null)
            {
                return false;
            }
            Options.AddTopic(topic);
            return true;
        }

        private static string Word(string[] words, int i) => i >= words.Length || words[i] == "\"\"" ? "" : words[i];

        /// <summary><c>restart_timeout constant</c> or <c>restart_timeout base cap</c>, in seconds.</summary>
        private bool RestartTimeout(string[] words, out string error)
        {
            Mqtt.Client.MqttClientOptions remote = Options.Remote;
            if (words.Length < 1 || words.Length > 2)
            {
                error = "expected 'seconds' or 'base cap' in seconds";
                return false;
            }
            if (!OptionValue.Integer(words[0], 1, int.MaxValue / 1000, out int first, out error))
            {
                return false;
            }
            int cap = first;
            if (words.Length == 2 && !OptionValue.Integer(words[1], first, int.MaxValue / 1000, out cap, out error))
            {
                return false;
            }
            remote.ReconnectMinMs = first * 1000;
            remote.ReconnectMaxMs = cap * 1000;
            remote.ReconnectJitterPercent = words.Length == 1 ? 0 : 20;
            return true;
        }

        private static bool Text(string value, out string text, out string error)
        {
            text = value;
            error = value.Length == 0 ? "expected a value" : null;
            return error == null;
        }
    }
}
