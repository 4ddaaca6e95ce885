using System;
using System.Globalization;
using System.IO;
using System.Text;
using Nano.Mqtt.Broker;
using Nano.Mqtt.Codec;

namespace Nano.Host
{
    /// <summary>
    /// Formats the engine's and the listeners' events as Mosquitto-like log lines, each with a UTC timestamp and its
    /// level: <c>2026-12-02T07:30:00.123Z notice: Client c1 has exceeded timeout, disconnecting.</c> Called from the poll
    /// loop only; a line is built only when its type is enabled.
    /// </summary>
    public sealed class BrokerLog : IBrokerDiagnostics
    {
        private readonly LogOptions _options;
        private readonly TextWriter[] _destinations;
        private readonly Func<int, string> _peer;
        private readonly Func<int, string> _handshakePeer;

        /// <summary>Writes to the options' destinations (standard error when none); <paramref name="peer"/> names an engine
        /// connection's remote address and <paramref name="handshakePeer"/> a TLS handshake slot's, or return null.</summary>
        public BrokerLog(LogOptions options, Func<int, string> peer, Func<int, string> handshakePeer)
        {
            _options = options;
            _destinations = options.Destinations.Count > 0 ? options.Destinations.ToArray() : new[] { Console.Error };
            _peer = peer;
            _handshakePeer = handshakePeer;
        }

        /// <summary>Whether lines of <paramref name="type"/> are written.</summary>
        public bool IsEnabled(LogTypes type) => (_options.Types & type) != 0;

        /// <summary>Writes one line of <paramref name="type"/> when that type is enabled.</summary>
        public void Write(LogTypes type, string message)
        {
            if (!IsEnabled(type))
            {
                return;
            }
            string line = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + " " + Level(type) + ": " + message;
            for (int i = 0; i < _destinations.Length; i++)
            {
                _destinations[i].WriteLine(line);
            }
        }

        /// <inheritdoc />
        public void Report(BrokerEvent what, int connection, ByteSlice clientId, ByteSlice detail, int reason)
        {
            if (IsEnabled(LogTypes.Debug))
            {
                Write(LogTypes.Debug, "event " + what + " connection " + connection + " client '" + Text(clientId) + "' detail '" + Text(detail) + "' reason " + reason);
            }
            LogTypes type = TypeOf(what);
            if (!IsEnabled(type) || (!_options.ConnectionMessages && IsConnectionMessage(what)))
            {
                return;
            }
            Write(type, Describe(what, connection, Text(clientId), Text(detail), reason));
        }

        /// <summary>The log type of an event, following Mosquitto's choices.</summary>
        public static LogTypes TypeOf(BrokerEvent what)
        {
            switch (what)
            {
                case BrokerEvent.TlsFailed:
                    return LogTypes.Error;
                case BrokerEvent.QueueFull:
                case BrokerEvent.SlowConsumer:
                case BrokerEvent.PoolFull:
                    return LogTypes.Warning;
                case BrokerEvent.Subscribed:
                    return LogTypes.Subscribe;
                case BrokerEvent.Unsubscribed:
                    return LogTypes.Unsubscribe;
                default:
                    return LogTypes.Notice;
            }
        }

        private static bool IsConnectionMessage(BrokerEvent what) =>
            what == BrokerEvent.ClientConnected || what == BrokerEvent.ClientDisconnected || what == BrokerEvent.ConnectionLost;

        private string Describe(BrokerEvent what, int connection, string id, string detail, int reason)
        {
            string client = id.Length == 0 ? "<unknown>" : id;
            switch (what)
            {
                case BrokerEvent.ClientConnected:
                    return "New client connected from " + Peer(connection) + " as " + client + " (p" + (reason & 0xFF) + ", c" + ((reason >> 8) & 1)
                        + ", k" + ((reason >> 16) & 0xFFFF) + (detail.Length > 0 ? ", u'" + detail + "'" : "") + ").";
                case BrokerEvent.ConnectRefused:
                    return "Client " + client + " from " + Peer(connection) + " refused: " + ReturnCode(reason) + ".";
                case BrokerEvent.AuthenticationFailed:
                    return "Client " + client + " from " + Peer(connection) + " disconnected, " + ReturnCode(reason)
                        + (detail.Length > 0 ? " (u'" + detail + "')" : " (no user name)") + ".";
                case BrokerEvent.WillDenied:
                    return "Client " + client + " from " + Peer(connection) + " refused, not authorised to leave a Will on '" + detail + "'.";
                case BrokerEvent.ClientDisconnected:
                    return "Client " + client + " disconnected.";
                case BrokerEvent.ConnectionLost:
                    return "Client " + client + " closed its connection.";
                case BrokerEvent.KeepAliveTimeout:
                    return "Client " + client + " has exceeded timeout, disconnecting.";
                case BrokerEvent.ConnectTimeout:
                    return "Client <unknown> from " + Peer(connection) + " sent no CONNECT in time, disconnecting.";
                case BrokerEvent.ProtocolError:
                    return "Client " + client + " disconnected due to protocol error: " + (MqttError)reason + ".";
                case BrokerEvent.PublishDenied:
                    return "Denied PUBLISH from " + client + " to '" + detail + "'.";
                case BrokerEvent.SubscribeDenied:
                    return "Denied SUBSCRIBE from " + client + " to '" + detail + "'.";
                case BrokerEvent.SessionTakenOver:
                    return "Client " + client + " already connected, closing old connection.";
                case BrokerEvent.WillPublished:
                    return "Will of client " + client + " published to '" + detail + "'.";
                case BrokerEvent.QueueFull:
                    return "Outgoing messages are being dropped for client " + client + " (queue full; '" + detail + "', QoS " + reason + ").";
                case BrokerEvent.SlowConsumer:
                    return "Client " + client + " disconnected: its full queue held back a message to '" + detail + "' for " + reason + " s (slow_consumer_timeout).";
                case BrokerEvent.PoolFull:
                    return "A message to '" + detail + "' (QoS " + reason + ") was dropped: the message pool is full (max_messages, message_pool_bytes).";
                case BrokerEvent.Subscribed:
                    return client + " " + (reason == SubAckPacket.Failure ? "refused" : reason.ToString(CultureInfo.InvariantCulture)) + " " + detail;
                case BrokerEvent.Unsubscribed:
                    return client + " " + detail;
                case BrokerEvent.TlsFailed:
                    return "TLS connection from " + (connection >= 0 ? _handshakePeer?.Invoke(connection) ?? "?" : "a new client") + " ended: " + (Nano.Net.TlsFailure)reason + ".";
                default:
                    return what + " on connection " + connection + " (" + client + ", " + reason + ").";
            }
        }

        private string Peer(int connection)
        {
            string peer = connection >= 0 ? _peer?.Invoke(connection) : null;
            return peer ?? "connection " + connection;
        }

        private static string ReturnCode(int code)
        {
            switch (code)
            {
                case 1: return "unacceptable protocol version (CONNACK 1)";
                case 2: return "identifier rejected (CONNACK 2)";
                case 3: return "server unavailable (CONNACK 3)";
                case 4: return "bad user name or password (CONNACK 4)";
                case 5: return "not authorised (CONNACK 5)";
                default: return "CONNACK " + code;
            }
        }

        private static string Text(ByteSlice slice) =>
            slice == null || slice.Buffer == null || slice.Length <= 0 ? "" : Encoding.UTF8.GetString(slice.Buffer, slice.Offset, slice.Length);

        private static string Level(LogTypes type)
        {
            switch (type)
            {
                case LogTypes.Error: return "error";
                case LogTypes.Warning: return "warning";
                case LogTypes.Notice: return "notice";
                case LogTypes.Information: return "information";
                case LogTypes.Debug: return "debug";
                case LogTypes.Subscribe: return "subscribe";
                default: return "unsubscribe";
            }
        }
    }
}
