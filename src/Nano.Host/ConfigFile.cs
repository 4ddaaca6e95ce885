using System;
using System.IO;

namespace Nano.Host
{
    /// <summary>
    /// A <c>-c</c> configuration file: one <c>key value</c> per line, <c>#</c> comments, and <c>connection &lt;name&gt;</c>
    /// blocks for bridges.
    /// </summary>
    internal static class ConfigFile
    {
        /// <summary>Applies a configuration file's lines in order.</summary>
        internal static bool Load(HostOptions options, string path, out string error)
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
                if (!HostSettings.IsKey(key))
                {
                    error = where + "unknown option '" + key + "'";
                    return false;
                }
                if (!HostSettings.Apply(options, key, value, out error))
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
    }
}
