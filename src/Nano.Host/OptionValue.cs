using System.Globalization;
using System.Net;

namespace Nano.Host
{
    /// <summary>Parses one option value (number, boolean, policy, address, duration); on failure the error says what was expected.</summary>
    internal static class OptionValue
    {
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

        internal static bool Policy(string value, out Nano.Mqtt.Broker.QueueFullPolicy policy, out string error)
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

        internal static bool Address(string value, out IPAddress address, out string error)
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
        internal static bool Duration(string value, out long ms, out string error)
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
