using System;
using System.Globalization;
using System.IO;
using System.Net;
using Nano.Net.Desktop;

namespace Nano.Host
{
    /// <summary>What the command line asks for.</summary>
    public enum ParseOutcome
    {
        /// <summary>Start the broker with the parsed options.</summary>
        Run,

        /// <summary>Print the usage and exit.</summary>
        Help,

        /// <summary>The command line or a configuration file is wrong; the error says where.</summary>
        Error,
    }

    /// <summary>
    /// Reads the host's options from the command line (<c>--key value</c>) and from configuration files
    /// (<c>-c file</c>, one <c>key value</c> per line, <c>#</c> comments), using Mosquitto's key names.
    /// Later settings override earlier ones, so options after <c>-c</c> override the file.
    /// </summary>
    public static class HostOptionsParser
    {
        /// <summary>The text printed for <c>--help</c>.</summary>
        public static readonly string Usage = Options + "Limits:\n" + HostLimits.Usage + "  -h, --help                            show this text\n" + BridgeUsage;

        private const string Options =
@"Usage: Nano.Host [options]
Runs the Nano MQTT 3.1/3.1.1 broker. Options use Mosquitto's configuration names; each may also be
written as a line 'key value' in a configuration file given with -c.

  -c <file>                             read options from a configuration file
  -p, --port <port>                     TCP port (default 1883; 0 picks a free port)
  --bind <address>                      address to listen on (default 127.0.0.1; alias bind_address)
  --listener ""<port> [address]""         port and address in one option
  --max_connections <n>                 concurrent connections (default 4096)
  --max_inflight_messages <n>           unacknowledged QoS 1/2 messages per client (default 20)
  --max_queued_messages <n>             messages queued per client behind the inflight window (default 1000)
  --max_queued_bytes <bytes>            bytes of topic and payload queued per client, 0 = no limit (default 0)
  --queue_full_policy backpressure|drop what a PUBLISH meets when a connected subscriber's queue or the message
                                        pool is full: it waits unacknowledged and the publisher is not read
                                        (backpressure), or it is acknowledged and the excess dropped and
                                        counted (drop) (default backpressure; see slow_consumer_timeout)
  --queue_qos0_messages true|false      queue QoS 0 messages for offline clients (default false)
  --persistent_client_expiration <t>    drop offline persistent sessions after t: seconds, or a number
                                        with unit h, d, w, m (30 days) or y, e.g. 1h, 2d (default never)
  --message_size_limit <bytes>          largest packet accepted, fixed header included (default 268435460:
                                        every packet MQTT 3.1.1 allows); memory is taken as packets arrive,
                                        within max_message_memory
  --allow_anonymous true|false          accept clients without a user name (default true)
  --password_file <file>                Mosquitto password file: 'user:$7$...' (PBKDF2-SHA512, as mosquitto_passwd
                                        writes), 'user:$6$...' (salted SHA-512) or 'user:$pbkdf2-sha256$...'
                                        lines checked at CONNECT; write them with 'Nano.Host passwd [-c|-D|-b|-U]
                                        <file> <user>'; clear-text 'user:password' lines are accepted with a warning
  --acl_file <file>                     topic access rules: 'user <name>', 'topic [read|write|readwrite|deny]
                                        <filter>', 'pattern [read|write|readwrite|deny] <filter>' (%c, %u);
                                        deny overrides any allow, as in Mosquitto 2
  --tls_port <port>                     TLS port, served when certfile and keyfile are given (default 8883)
  --certfile <file>                     PEM certificate of the TLS listener
  --keyfile <file>                      PEM private key of that certificate
  --cafile <file>                       PEM CA certificate (for the certificate chain)
  --persistence true|false              keep persistent sessions, retained messages and QoS 1/2 state in a
                                        log synced before every acknowledgement (default false)
  --persistence_location <dir>          directory of the store (default: the working directory)
  --persistence_file <name>             file name of the store (default nano.db)
  --sys_interval <seconds>              $SYS statistics interval, 0 = off (default 10)
  --sn_port <port>                      UDP port of the MQTT-SN 1.2 gateway, 0 = off (default 1884, or a
                                        free port when --port is 0)
  --serial <port>                       serial port of a radio module for MQTT-SN nodes (e.g. /dev/ttyUSB0)
  --radio xbee|xbee2|twelite|slip|cobs  the radio's framing (default xbee2: XBee API mode 2)
  --baud <n>                            baud rate of --serial (default 9600)
  --simulate-nodes <n>                  run n simulated sleeping sensor nodes on an in-memory radio of the
                                        --radio family; they publish sensors/<i>/temperature at QoS 1
  --log_type <type>                     error, warning, notice, information, debug, subscribe,
                                        unsubscribe, all or none; repeat to add (default error, warning,
                                        notice, information)
  --log_dest <dest>                     stdout, stderr or ""file <path>""; repeat to add (default stderr)
  --connection_messages true|false      log client connections and disconnections (default true)
" + GatewayOptionsParser.Usage;

        private const string BridgeUsage = @"
Bridges to upstream brokers are 'connection <name>' blocks in a -c file, in Mosquitto's vocabulary:
address, topic, cleansession, local_clientid, remote_clientid, remote_username, remote_password,
local_username, local_password, keepalive_interval, restart_timeout, bridge_protocol_version,
try_private, notifications, notification_topic, bridge_cafile, bridge_insecure, start_type,
bridge_max_packet_size (see README, ""Bridging to an upstream broker"").
";

        /// <summary>Parses <paramref name="args"/>; on <see cref="ParseOutcome.Error"/> <paramref name="error"/> says why.</summary>
        public static ParseOutcome Parse(string[] args, out HostOptions options, out string error)
        {
            options = new HostOptions();
            error = null;
            for (int i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                if (arg == "-h" || arg == "--help")
                {
                    return ParseOutcome.Help;
                }
                string key;
                string value = null;
                if (arg == "-c" || arg == "-p")
                {
                    key = arg == "-c" ? "-c" : "port";
                }
                else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
                {
                    key = arg.Substring(2);
                    int equals = key.IndexOf('=');
                    if (equals >= 0)
                    {
                        value = key.Substring(equals + 1);
                        key = key.Substring(0, equals);
                    }
                }
                else
                {
                    error = "unknown option '" + arg + "' (try --help)";
                    return ParseOutcome.Error;
                }
                if (key != "-c" && !IsKey(key))
                {
                    error = "unknown option '" + arg + "' (try --help)";
                    return ParseOutcome.Error;
                }
                if (value == null)
                {
                    if (i + 1 >= args.Length)
                    {
                        error = "option '" + arg + "' needs a value";
                        return ParseOutcome.Error;
                    }
                    value = args[++i];
                }
                bool ok = key == "-c" ? LoadConfig(options, value, out error) : Apply(options, key, value, out error);
                if (!ok)
                {
                    if (key != "-c")
                    {
                        error = "option '" + arg + "': " + error;
                    }
                    return ParseOutcome.Error;
                }
            }
            if (!LoadTls(options, out error))
            {
                return ParseOutcome.Error;
            }
            foreach (BridgeConfig bridge in options.Bridges)
            {
                if (!bridge.Complete(options.Broker, out error))
                {
                    return ParseOutcome.Error;
                }
            }
            return ParseOutcome.Run;
        }

        /// <summary>Builds the TLS adapter once certfile and keyfile are both known.</summary>
        private static bool LoadTls(HostOptions o, out string error)
        {
            error = null;
            if (o.CertFile == null && o.KeyFile == null)
            {
                return true;
            }
            if (o.CertFile == null || o.KeyFile == null)
            {
                error = "TLS needs both certfile and keyfile";
                return false;
            }
            try
            {
                o.Tls = SslStreamTls.Load(o.CertFile, o.KeyFile, o.CaFile);
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.Cryptography.CryptographicException || e is ArgumentException)
            {
                error = "cannot load the TLS certificate: " + e.Message;
                return false;
            }
        }

        /// <summary>Applies a configuration file's lines in order.</summary>
        public static bool LoadConfig(HostOptions options, string path, out string error)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                error = "cannot read configuration file: " + e.Message;
                return false;
            }
            BridgeConfig bridge = null;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }
                int space = line.IndexOfAny(new[] { ' ', '\t' });
                string key = space < 0 ? line : line.Substring(0, space);
                string value = space < 0 ? "" : line.Substring(space + 1).Trim();
                string where = path + ":" + (i + 1) + ": ";
                if (key == "connection" || BridgeConfig.IsKey(key))
                {
                    if (!ApplyBridge(options, ref bridge, key, value, out error))
                    {
                        error = where + key + ": " + error;
                        return false;
                    }
                    continue;
                }
                if (!IsKey(key))
                {
                    error = where + "unknown option '" + key + "'";
                    return false;
                }
                if (!Apply(options, key, value, out error))
                {
                    error = where + key + ": " + error;
                    return false;
                }
            }
            error = null;
            return true;
        }

        /// <summary>A <c>connection &lt;name&gt;</c> line starts a bridge block; the bridge keys after it apply to that bridge.</summary>
        private static bool ApplyBridge(HostOptions options, ref BridgeConfig bridge, string key, string value, out string error)
        {
            if (key == "connection")
            {
                if (value.Length == 0 || value.IndexOfAny(new[] { ' ', '\t', '/', '+', '#' }) >= 0)
                {
                    error = "expected a name without spaces, '/', '+' or '#'";
                    return false;
                }
                if (options.Bridges.Exists(b => b.Options.Name == value))
                {
                    error = "a connection named '" + value + "' is already defined";
                    return false;
                }
                bridge = new BridgeConfig(value);
                options.Bridges.Add(bridge);
                error = null;
                return true;
            }
            if (bridge == null)
            {
                error = "must follow a 'connection <name>' line";
                return false;
            }
            return bridge.Apply(key, value, out error);
        }

        private static bool IsKey(string key)
        {
            switch (key)
            {
                case "port":
                case "bind":
                case "bind_address":
                case "listener":
                case "max_connections":
                case "max_inflight_messages":
                case "max_queued_messages":
                case "max_queued_bytes":
                case "queue_full_policy":
                case "queue_qos0_messages":
                case "persistent_client_expiration":
                case "message_size_limit":
                case "allow_anonymous":
                case "password_file":
                case "acl_file":
                case "tls_port":
                case "certfile":
                case "keyfile":
                case "cafile":
                case "sys_interval":
                case "sn_port":
                case "serial":
                case "radio":
                case "baud":
                case "simulate-nodes":
                case "simulate_nodes":
                case "log_type":
                case "log_dest":
                case "connection_messages":
                case "persistence":
                case "persistence_location":
                case "persistence_file":
                    return true;
                default:
                    return GatewayOptionsParser.IsKey(key) || HostLimits.IsKey(key);
            }
        }

        private static bool Apply(HostOptions o, string key, string value, out string error)
        {
            error = null;
            int n;
            switch (key)
            {
                case "port":
                    if (!Integer(value, 0, 65535, out n, out error)) return false;
                    o.Port = n;
                    return true;
                case "sn_port":
                    if (!Integer(value, 0, 65535, out n, out error)) return false;
                    o.SnPort = n;
                    return true;
                case "bind":
                case "bind_address":
                    return Address(value, out o.Bind, out error);
                case "listener":
                    {
                        string[] parts = value.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                        if (parts.Length < 1 || parts.Length > 2)
                        {
                            error = "expected '<port> [address]'";
                            return false;
                        }
                        if (!Integer(parts[0], 0, 65535, out n, out error)) return false;
                        o.Port = n;
                        return parts.Length == 1 || Address(parts[1], out o.Bind, out error);
                    }
                case "max_connections":
                    if (!Integer(value, 1, 65535, out n, out error)) return false;
                    o.Broker.MaxConnections = n;
                    if (o.Broker.MaxSessions < n)
                    {
                        o.Broker.MaxSessions = n;
                    }
                    return true;
                case "max_inflight_messages":
                    if (!Integer(value, 1, 65535, out n, out error)) return false;
                    o.Broker.MaxInflight = n;
                    return true;
                case "max_queued_messages":
                    if (!Integer(value, 1, 1 << 20, out n, out error)) return false;
                    o.Broker.MaxQueued = n;
                    return true;
                case "max_queued_bytes":
                    if (!Integer(value, 0, int.MaxValue, out n, out error)) return false;
                    o.Broker.MaxQueuedBytes = n;
                    return true;
                case "queue_full_policy":
                    return Policy(value, out o.Broker.QueueFullPolicy, out error);
                case "queue_qos0_messages":
                    return Boolean(value, out o.Broker.QueueQos0, out error);
                case "persistent_client_expiration":
                    return Duration(value, out o.Broker.SessionExpiryMs, out error);
                case "message_size_limit":
                    if (!Integer(value, 16, Nano.Mqtt.Client.MqttClientOptions.ProtocolMaxPacketSize, out n, out error)) return false;
                    o.Broker.MaxPacketSize = n;
                    return true;
                case "allow_anonymous":
                    return Boolean(value, out o.Broker.AllowAnonymous, out error);
                case "password_file":
                    o.Authenticator = PasswordFile.Load(value, out error);
                    return o.Authenticator != null;
                case "acl_file":
                    o.Acl = LoadAcl(value, out error);
                    return o.Acl != null;
                case "tls_port":
                    if (!Integer(value, 0, 65535, out n, out error)) return false;
                    o.TlsPort = n;
                    return true;
                case "certfile":
                    o.CertFile = value;
                    return true;
                case "keyfile":
                    o.KeyFile = value;
                    return true;
                case "cafile":
                    o.CaFile = value;
                    return true;
                case "serial":
                    o.SerialPort = value;
                    return true;
                case "radio":
                    if (Nano.MqttSn.Radio.RadioProfile.Create(value, 0) == null)
                    {
                        error = "expected xbee, xbee2, twelite, slip or cobs";
                        return false;
                    }
                    o.Radio = value;
                    return true;
                case "baud":
                    if (!Integer(value, 300, 4000000, out n, out error)) return false;
                    o.Baud = n;
                    return true;
                case "simulate-nodes":
                case "simulate_nodes":
                    if (!Integer(value, 0, 100, out n, out error)) return false;
                    o.SimulateNodes = n;
                    return true;
                case "sys_interval":
                    if (!Integer(value, 0, int.MaxValue / 1000, out n, out error)) return false;
                    o.Broker.SysIntervalMs = n * 1000;
                    return true;
                case "log_type":
                    return o.Log.AddType(value, out error);
                case "log_dest":
                    return o.Log.AddDestination(value, out error);
                case "connection_messages":
                    return Boolean(value, out o.Log.ConnectionMessages, out error);
                case "persistence":
                    return Boolean(value, out o.Persistence, out error);
                case "persistence_location":
                    o.PersistenceLocation = value;
                    return true;
                case "persistence_file":
                    if (value.Length == 0 || value.IndexOfAny(new[] { '/', '\\' }) >= 0)
                    {
                        error = "expected a file name without directory (use persistence_location)";
                        return false;
                    }
                    o.PersistenceFile = value;
                    return true;
                default:
                    return GatewayOptionsParser.IsKey(key)
                        ? GatewayOptionsParser.Apply(o, key, value, out error)
                        : HostLimits.Apply(o, key, value, out error);
            }
        }

        /// <summary>Reads a Mosquitto ACL file into rule arrays sized from the file.</summary>
        public static Nano.Mqtt.Broker.TopicAcl LoadAcl(string path, out string error)
        {
            byte[] text;
            try
            {
                text = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                error = "cannot read ACL file: " + e.Message;
                return null;
            }
            int lines = 1;
            foreach (byte b in text)
            {
                lines += b == (byte)'\n' ? 1 : 0;
            }
            var acl = new Nano.Mqtt.Broker.TopicAcl(lines, lines, text.Length);
            int bad = Nano.Mqtt.Broker.TopicAclFile.Load(text, 0, text.Length, acl);
            if (bad != 0)
            {
                error = path + ":" + bad + ": expected 'user <name>', 'topic [read|write|readwrite|deny] <filter>' or 'pattern [read|write|readwrite|deny] <filter>'";
                return null;
            }
            error = null;
            return acl;
        }

        internal static bool Integer(string value, int min, int max, out int n, out string error)
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n < min || n > max)
            {
                error = "expected a whole number from " + min + " to " + max + ", got '" + value + "'";
                return false;
            }
            error = null;
            return true;
        }

        internal static bool Boolean(string value, out bool b, out string error)
        {
            error = null;
            if (value == "true")
            {
                b = true;
                return true;
            }
            if (value == "false")
            {
                b = false;
                return true;
            }
            b = false;
            error = "expected true or false, got '" + value + "'";
            return false;
        }

        private static bool Policy(string value, out Nano.Mqtt.Broker.QueueFullPolicy policy, out string error)
        {
            error = null;
            policy = Nano.Mqtt.Broker.QueueFullPolicy.Backpressure;
            if (value == "backpressure")
            {
                return true;
            }
            if (value == "drop")
            {
                policy = Nano.Mqtt.Broker.QueueFullPolicy.Drop;
                return true;
            }
            error = "expected backpressure or drop, got '" + value + "'";
            return false;
        }

        private static bool Address(string value, out IPAddress address, out string error)
        {
            error = null;
            if (value == "localhost")
            {
                address = IPAddress.Loopback;
                return true;
            }
            if (!IPAddress.TryParse(value, out address))
            {
                error = "expected an IP address, got '" + value + "'";
                return false;
            }
            return true;
        }

        /// <summary>Mosquitto's duration syntax: a number with unit h, d, w, m or y; a bare number is seconds.</summary>
        private static bool Duration(string value, out long ms, out string error)
        {
            ms = 0;
            error = "expected seconds or a number with unit h, d, w, m or y, got '" + value + "'";
            if (value.Length == 0)
            {
                return false;
            }
            long unit = 1000;
            string digits = value;
            char last = value[value.Length - 1];
            if (!char.IsDigit(last))
            {
                switch (last)
                {
                    case 'h': unit = 3600L * 1000; break;
                    case 'd': unit = 86400L * 1000; break;
                    case 'w': unit = 7 * 86400L * 1000; break;
                    case 'm': unit = 30 * 86400L * 1000; break;
                    case 'y': unit = 365 * 86400L * 1000; break;
                    default: return false;
                }
                digits = value.Substring(0, value.Length - 1);
            }
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long count) || count > long.MaxValue / unit)
            {
                return false;
            }
            ms = count * unit;
            error = null;
            return true;
        }
    }
}
