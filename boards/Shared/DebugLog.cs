using System.Diagnostics;
using Nano.Mqtt.Broker;
using Nano.Mqtt.Codec;

namespace Nano.Boards
{
    /// <summary>
    /// The broker's events as Debug output lines, e.g. <c>mqtt: KeepAliveTimeout #3 'sensor-1' 0</c>: the event, the
    /// connection, the client identifier, the topic or user name when there is one, and the reason code (see
    /// <see cref="BrokerEvent"/>). Each line allocates its strings; the engine allocates nothing to report.
    /// </summary>
    public sealed class DebugLog : IBrokerDiagnostics
    {
        public void Report(BrokerEvent what, int connection, ByteSlice clientId, ByteSlice detail, int reason)
        {
            string text = Text(detail);
            Debug.WriteLine("mqtt: " + Name(what) + " #" + connection.ToString() + " '" + Text(clientId) + "'"
                + (text.Length > 0 ? " " + text : "") + " " + reason.ToString());
        }

        /// <summary>The event's name (an enum's ToString gives its number on nanoFramework).</summary>
        private static string Name(BrokerEvent what)
        {
            switch (what)
            {
                case BrokerEvent.ClientConnected: return "ClientConnected";
                case BrokerEvent.ConnectRefused: return "ConnectRefused";
                case BrokerEvent.AuthenticationFailed: return "AuthenticationFailed";
                case BrokerEvent.ClientDisconnected: return "ClientDisconnected";
                case BrokerEvent.ConnectionLost: return "ConnectionLost";
                case BrokerEvent.KeepAliveTimeout: return "KeepAliveTimeout";
                case BrokerEvent.ConnectTimeout: return "ConnectTimeout";
                case BrokerEvent.ProtocolError: return "ProtocolError";
                case BrokerEvent.PublishDenied: return "PublishDenied";
                case BrokerEvent.SubscribeDenied: return "SubscribeDenied";
                case BrokerEvent.WillDenied: return "WillDenied";
                case BrokerEvent.SessionTakenOver: return "SessionTakenOver";
                case BrokerEvent.WillPublished: return "WillPublished";
                case BrokerEvent.QueueFull: return "QueueFull";
                case BrokerEvent.Subscribed: return "Subscribed";
                case BrokerEvent.Unsubscribed: return "Unsubscribed";
                case BrokerEvent.TlsFailed: return "TlsFailed";
                default: return ((int)what).ToString();
            }
        }

        /// <summary>The slice as text, byte by byte (client identifiers and topics are mostly ASCII).</summary>
        private static string Text(ByteSlice slice)
        {
            if (slice == null || slice.Buffer == null || slice.Length <= 0)
            {
                return "";
            }
            char[] chars = new char[slice.Length];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)slice.Buffer[slice.Offset + i];
            }
            return new string(chars);
        }
    }
}
