using System;
using System.IO;
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
        public static readonly string Usage = HostUsage.Text;

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
                if (key != "-c" && !HostSettings.IsKey(key))
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
                bool ok = key == "-c" ? ConfigFile.Load(options, value, out error) : HostSettings.Apply(options, key, value, out error);
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
    }
}
