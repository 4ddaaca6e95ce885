using System;
using System.IO;
using System.Net;
using Nano.MqttSn.Gateway;

namespace Nano.Host
{
    /// <summary>The MQTT-SN gateway's options of the host (<c>sn_*</c> keys, on the command line or in a
    /// configuration file); <see cref="HostOptionsParser"/> hands them here.</summary>
    internal static class GatewayOptionsParser
    {
        /// <summary>The lines of <see cref="HostOptionsParser.Usage"/> for these options.</summary>
        public const string Usage =
@"  --sn_gateway_id <1-255>               GwId in ADVERTISE and GWINFO (default 1)
  --sn_advertise_interval <seconds>     ADVERTISE interval T_ADV, 0 = never (default 900)
  --sn_discovery_address <addr[:port]>  where ADVERTISE and broadcast GWINFO go: a broadcast address or a
                                        multicast group, which the gateway joins (e.g. 225.1.1.1:1883 as
                                        Paho's gateway; bind 0.0.0.0 to hear it); default 255.255.255.255,
                                        or 127.0.0.1 when bound to loopback; port default the sn_port
  --sn_predefined_topics <file>         predefined topic ids, Paho gateway format: 'ClientId,TopicName,
                                        TopicId' lines, '*' = every client, '#' comments
  --sn_max_clients <n>                  MQTT-SN clients known at once (default 64); each connected one
                                        also takes one of max_connections
  --sn_max_keep_alive <seconds>         refuse CONNECTs asking for a longer keep-alive or none; 0 = any
                                        (default 0)
";

        public static bool IsKey(string key)
        {
            switch (key)
            {
                case "sn_gateway_id":
                case "sn_advertise_interval":
                case "sn_discovery_address":
                case "sn_predefined_topics":
                case "sn_max_clients":
                case "sn_max_keep_alive":
                    return true;
                default:
                    return false;
            }
        }

        public static bool Apply(HostOptions o, string key, string value, out string error)
        {
            error = null;
            int n;
            switch (key)
            {
                case "sn_gateway_id":
                    if (!OptionValue.Integer(value, 1, 255, out n, out error)) return false;
                    o.Gateway.GatewayId = (byte)n;
                    return true;
                case "sn_advertise_interval":
                    if (!OptionValue.Integer(value, 0, int.MaxValue / 1000, out n, out error)) return false;
                    o.Gateway.AdvertiseIntervalMs = n * 1000;
                    return true;
                case "sn_discovery_address":
                    return Discovery(o, value, out error);
                case "sn_predefined_topics":
                    return PredefinedTopics(o, value, out error);
                case "sn_max_clients":
                    if (!OptionValue.Integer(value, 1, 65535, out n, out error)) return false;
                    o.Gateway.MaxClients = n;
                    return true;
                case "sn_max_keep_alive":
                    if (!OptionValue.Integer(value, 0, 65535, out n, out error)) return false;
                    o.Gateway.MaxKeepAliveSeconds = n;
                    return true;
                default:
                    error = "unknown option";
                    return false;
            }
        }

        private static bool Discovery(HostOptions o, string value, out string error)
        {
            string address = value;
            int port = 0;
            int colon = value.LastIndexOf(':');
            if (colon >= 0)
            {
                address = value.Substring(0, colon);
                if (!OptionValue.Integer(value.Substring(colon + 1), 1, 65535, out port, out error)) return false;
            }
            if (!IPAddress.TryParse(address, out IPAddress ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                error = "expected an IPv4 address, optionally with :port";
                return false;
            }
            o.SnDiscoveryAddress = ip;
            o.SnDiscoveryPort = port;
            error = null;
            return true;
        }

        private static bool PredefinedTopics(HostOptions o, string path, out string error)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                error = "cannot read predefined topics: " + e.Message;
                return false;
            }
            int line = SnPredefinedTopics.Load(text, o.Gateway);
            if (line > 0)
            {
                error = path + ":" + line + ": expected 'ClientId,TopicName,TopicId' with a valid topic name, an id 1-65534 not yet defined for that client, and '*' or a ClientId of 1-23 octets";
                return false;
            }
            error = null;
            return true;
        }
    }
}
