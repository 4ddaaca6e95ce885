using System.IO;
using Nano.Mqtt.Broker;

namespace Nano.Host
{
    /// <summary>
    /// The one-line live status: clients connected, messages per second in and out, messages dropped.
    /// On a terminal the line is rewritten in place about once a second; otherwise a plain line is
    /// written when the figures change.
    /// </summary>
    public sealed class StatusLine
    {
        private const int IntervalMs = 1000;

        private readonly TextWriter _output;
        private readonly bool _terminal;
        private bool _started;
        private long _lastMs;
        private long _lastIn;
        private long _lastOut;
        private string _lastLine;
        private int _lastWidth;

        /// <summary>Writes to <paramref name="output"/>; <paramref name="terminal"/> selects in-place rewriting.</summary>
        public StatusLine(TextWriter output, bool terminal)
        {
            _output = output;
            _terminal = terminal;
        }

        /// <summary>Formats the status figures.</summary>
        public static string Format(int clients, long inPerSecond, long outPerSecond, long dropped)
        {
            return "clients " + clients + " | in " + inPerSecond + " msg/s | out " + outPerSecond + " msg/s | dropped " + dropped;
        }

        /// <summary>The MQTT-SN gateway whose figures follow the broker's; null = none.</summary>
        public Nano.MqttSn.Gateway.SnGatewayStatistics Gateway { get; set; }

        /// <summary>Formats the MQTT-SN gateway's figures: clients connected and the datagrams it ignored, by kind.</summary>
        public static string FormatGateway(Nano.MqttSn.Gateway.SnGatewayStatistics g)
        {
            return "sn clients " + g.ClientsConnected + " | sn ignored " + g.DatagramsIgnored + " (malformed " + g.DatagramsMalformed
                + ", unknown type " + g.DatagramsUnknownType + ", out of state " + g.DatagramsOutOfState + ")";
        }

        /// <summary>Called from the poll loop; writes when a second has passed since the last report.</summary>
        public void Update(long nowMs, BrokerStatistics s)
        {
            if (!_started)
            {
                _started = true;
                _lastMs = nowMs;
                _lastIn = s.MessagesReceived;
                _lastOut = s.MessagesSent;
                return;
            }
            long elapsed = nowMs - _lastMs;
            if (elapsed < IntervalMs)
            {
                return;
            }
            long inRate = (s.MessagesReceived - _lastIn) * 1000 / elapsed;
            long outRate = (s.MessagesSent - _lastOut) * 1000 / elapsed;
            _lastMs = nowMs;
            _lastIn = s.MessagesReceived;
            _lastOut = s.MessagesSent;
            string line = Format(s.ClientsConnected, inRate, outRate, s.MessagesDropped);
            if (Gateway != null)
            {
                line += " | " + FormatGateway(Gateway);
            }
            if (_terminal)
            {
                _output.Write("\r" + line.PadRight(_lastWidth));
                _lastWidth = line.Length;
                _output.Flush();
            }
            else if (line != _lastLine)
            {
                _output.WriteLine(line);
            }
            _lastLine = line;
        }

        /// <summary>Ends the rewritten line so later output starts on a fresh one.</summary>
        public void Finish()
        {
            if (_terminal && _lastWidth > 0)
            {
                _output.WriteLine();
            }
        }
    }
}
