using System;

namespace Nano.Host
{
    /// <summary>The broker host's option keys (Mosquitto's names) and how each value is applied to <see cref="HostOptions"/>.</summary>
    internal static class HostSettings
    {
        /// <summary>True when <paramref name="key"/> is an option of the host, its gateway or its limits.</summary>
        internal static bool IsKey(string key)
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

        internal static bool Apply(HostOptions o, string key, string value, out string error)
        {
            error = null;
            int n;
            switch (key)
            {
                case "port":
                    if (!OptionValue.Integer(value, 0, 65535, out n, out error)) return false;
                    o.Port = n;
                    return true;
                case "sn_port":
                    if (!OptionValue.Integer(value, 0, 65535, out n, out error)) return false;
                    o.SnPort = n;
                    return true;
                case "bind":
                case "bind_address":
                    return OptionValue.Address(value, out o.Bind, out error);
                case "listener":
                    {
                        string[] parts = value.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                        if (parts.Length < 1 || parts.Length > 2)
                        {
                            error = "expected '<port> [address]'";
                            return false;
                        }
                        if (!OptionValue.Integer(parts[0], 0, 65535, out n, out error)) return false;
                        o.Port = n;
                        return parts.Length == 1 || OptionValue.Address(parts[1], out o.Bind, out error);
                    }
                case "max_connections":
                    if (!OptionValue.Integer(value, 1, 65535, out n, out error)) return false;
                    o.Broker.MaxConnections = n;
                    if (o.Broker.MaxSessions < n)
                    {
                        o.Broker.MaxSessions = n;
                    }
                    return true;
                case "max_inflight_messages":
                    if (!OptionValue.Integer(value, 1, 65535, out n, out error)) return false;
                    o.Broker.MaxInflight = n;
                    return true;
                case "max_queued_messages":
                    if (!OptionValue.Integer(value, 1, 1 << 20, out n, out error)) return false;
                    o.Broker.MaxQueued = n;
                    return true;
                case "max_queued_bytes":
                    if (!OptionValue.Integer(value, 0, int.MaxValue, out n, out error)) return false;
                    o.Broker.MaxQueuedBytes = n;
                    return true;
                case "queue_full_policy":
                    return OptionValue.Policy(value, out o.Broker.QueueFullPolicy, out error);
                case "queue_qos0_messages":
                    return OptionValue.Boolean(value, out o.Broker.QueueQos0, out error);
                case "persistent_client_expiration":
                    return OptionValue.Duration(value, out o.Broker.SessionExpiryMs, out error);
                case "message_size_limit":
                    if (!OptionValue.Integer(value, 16, Nano.Mqtt.Client.MqttClientOptions.ProtocolMaxPacketSize, out n, out error)) return false;
                    o.Broker.MaxPacketSize = n;
                    return true;
                case "allow_anonymous":
                    return OptionValue.Boolean(value, out o.Broker.AllowAnonymous, out error);
                case "password_file":
                    o.Authenticator = PasswordFile.Load(value, out error);
                    return o.Authenticator != null;
                case "acl_file":
                    o.Acl = HostOptionsParser.LoadAcl(value, out error);
                    return o.Acl != null;
                case "tls_port":
                    if (!OptionValue.Integer(value, 0, 65535, out n, out error)) return false;
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
                    if (!OptionValue.Integer(value, 300, 4000000, out n, out error)) return false;
                    o.Baud = n;
                    return true;
                case "simulate-nodes":
                case "simulate_nodes":
                    if (!OptionValue.Integer(value, 0, 100, out n, out error)) return false;
                    o.SimulateNodes = n;
                    return true;
                case "sys_interval":
                    if (!OptionValue.Integer(value, 0, int.MaxValue / 1000, out n, out error)) return false;
                    o.Broker.SysIntervalMs = n * 1000;
                    return true;
                case "log_type":
                    return o.Log.AddType(value, out error);
                case "log_dest":
                    return o.Log.AddDestination(value, out error);
                case "connection_messages":
                    return OptionValue.Boolean(value, out o.Log.ConnectionMessages, out error);
                case "persistence":
                    return OptionValue.Boolean(value, out o.Persistence, out error);
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
    }
}
