using System;
using System.Collections.Generic;
using System.IO;

namespace Nano.Host
{
    /// <summary>Mosquitto's log_type values, as flags.</summary>
    [Flags]
    public enum LogTypes
    {
        /// <summary>Nothing is logged.</summary>
        None = 0,

        /// <summary>Failures of the broker itself or of a TLS handshake.</summary>
        Error = 1,

        /// <summary>Messages dropped for a full queue.</summary>
        Warning = 2,

        /// <summary>Connections, refusals, disconnections, timeouts, protocol errors, ACL denials, takeovers, Wills.</summary>
        Notice = 4,

        /// <summary>Start-up and shutdown.</summary>
        Information = 8,

        /// <summary>Events of every connection, also the ones below notice.</summary>
        Debug = 16,

        /// <summary>Each SUBSCRIBE filter with its granted QoS.</summary>
        Subscribe = 32,

        /// <summary>Each UNSUBSCRIBE filter.</summary>
        Unsubscribe = 64,

        /// <summary>Every type.</summary>
        All = 127,
    }

    /// <summary>What the host logs and where: Mosquitto's log_type, log_dest and connection_messages.</summary>
    public sealed class LogOptions
    {
        /// <summary>Mosquitto's default: error, warning, notice and information.</summary>
        public const LogTypes DefaultTypes = LogTypes.Error | LogTypes.Warning | LogTypes.Notice | LogTypes.Information;

        private bool _typesSet;

        /// <summary>The types logged.</summary>
        public LogTypes Types = DefaultTypes;

        /// <summary>Log client connections and disconnections (Mosquitto's connection_messages, default true).</summary>
        public bool ConnectionMessages = true;

        /// <summary>Where lines go; empty = standard error, Mosquitto's default without log_dest.</summary>
        public List<TextWriter> Destinations = new List<TextWriter>();

        /// <summary>Adds a log_type value; the first one replaces the default set, later ones add to it.</summary>
        public bool AddType(string value, out string error)
        {
            LogTypes type;
            switch (value)
            {
                case "error": type = LogTypes.Error; break;
                case "warning": type = LogTypes.Warning; break;
                case "notice": type = LogTypes.Notice; break;
                case "information": type = LogTypes.Information; break;
                case "debug": type = LogTypes.Debug; break;
                case "subscribe": type = LogTypes.Subscribe; break;
                case "unsubscribe": type = LogTypes.Unsubscribe; break;
                case "all": type = LogTypes.All; break;
                case "none": type = LogTypes.None; break;
                default:
                    error = "expected error, warning, notice, information, debug, subscribe, unsubscribe, all or none";
                    return false;
            }
            Types = (_typesSet ? Types : LogTypes.None) | type;
            _typesSet = true;
            error = null;
            return true;
        }

        /// <summary>Adds a log_dest value: stdout, stderr or 'file &lt;path&gt;' (appended to).</summary>
        public bool AddDestination(string value, out string error)
        {
            error = null;
            if (value == "stdout")
            {
                Destinations.Add(Console.Out);
                return true;
            }
            if (value == "stderr")
            {
                Destinations.Add(Console.Error);
                return true;
            }
            if (value.StartsWith("file ", StringComparison.Ordinal) && value.Substring(5).Trim().Length > 0)
            {
                string path = value.Substring(5).Trim();
                try
                {
                    Destinations.Add(TextWriter.Synchronized(new StreamWriter(path, append: true) { AutoFlush = true }));
                    return true;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
                {
                    error = "cannot open log file: " + e.Message;
                    return false;
                }
            }
            error = "expected stdout, stderr or 'file <path>'";
            return false;
        }
    }
}
