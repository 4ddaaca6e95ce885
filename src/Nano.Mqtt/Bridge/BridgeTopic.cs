using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;

namespace Nano.Mqtt.Bridge
{
    /// <summary>
    /// One <c>topic &lt;pattern&gt; [in|out|both] [qos] [local-prefix] [remote-prefix]</c> line, Mosquitto's semantics:
    /// the local side subscribes to (or publishes under) local-prefix + pattern, the remote side to remote-prefix +
    /// pattern; a forwarded topic swaps one prefix for the other. The subscription QoS is the line's, so a message
    /// crosses at most at that QoS.
    /// </summary>
    public sealed class BridgeTopic
    {
        private BridgeTopic(BridgeDirection direction, int qos, byte[] localPrefix, byte[] remotePrefix, byte[] pattern)
        {
            Direction = direction;
            Qos = qos;
            LocalPrefix = localPrefix;
            RemotePrefix = remotePrefix;
            LocalFilter = Concat(localPrefix, pattern);
            RemoteFilter = Concat(remotePrefix, pattern);
        }

        /// <summary>Which way messages are forwarded.</summary>
        public BridgeDirection Direction { get; }

        /// <summary>Largest QoS a message crosses at.</summary>
        public int Qos { get; }

        internal byte[] LocalPrefix { get; }

        internal byte[] RemotePrefix { get; }

        /// <summary>The filter the bridge subscribes to on the local broker (UTF-8).</summary>
        public byte[] LocalFilter { get; }

        /// <summary>The filter the bridge subscribes to on the remote broker (UTF-8).</summary>
        public byte[] RemoteFilter { get; }

        /// <summary>
        /// Builds a line, or returns null and sets <paramref name="error"/> when the pattern and prefixes do not make
        /// valid topic filters (an empty pattern needs a prefix; prefixes hold no wildcard), or the QoS is not 0..2.
        /// </summary>
        public static BridgeTopic Create(string pattern, BridgeDirection direction, int qos, string localPrefix, string remotePrefix, out string error)
        {
            byte[] p = Utf8Encoder.GetBytes(pattern == null ? string.Empty : pattern);
            byte[] local = Utf8Encoder.GetBytes(localPrefix == null ? string.Empty : localPrefix);
            byte[] remote = Utf8Encoder.GetBytes(remotePrefix == null ? string.Empty : remotePrefix);
            error = null;
            if (qos < 0 || qos > 2)
            {
                error = "qos must be 0, 1 or 2";
            }
            else if (direction < BridgeDirection.In || direction > BridgeDirection.Both)
            {
                error = "direction must be in, out or both";
            }
            else if (HasWildcard(local) || HasWildcard(remote))
            {
                error = "a prefix must not contain + or #";
            }
            else if (p.Length == 0 && (local.Length == 0 || remote.Length == 0))
            {
                error = "an empty pattern needs both a local and a remote prefix";
            }
            else
            {
                BridgeTopic topic = new BridgeTopic(direction, qos, local, remote, p);
                if (TopicFilter.Validate(topic.LocalFilter, 0, topic.LocalFilter.Length) != MqttError.None
                    || TopicFilter.Validate(topic.RemoteFilter, 0, topic.RemoteFilter.Length) != MqttError.None)
                {
                    error = "prefix + pattern is not a valid topic filter";
                }
                else
                {
                    return topic;
                }
            }

            return null;
        }

        /// <summary>True when the line forwards messages <paramref name="way"/> (<see cref="BridgeDirection.In"/> or <see cref="BridgeDirection.Out"/>).</summary>
        public bool Forwards(BridgeDirection way) => ((int)Direction & (int)way) != 0;

        /// <summary>
        /// When the line forwards a message on <paramref name="topic"/> received from the <paramref name="from"/> side,
        /// writes the topic on the other side into <paramref name="dst"/> and returns its length; otherwise -1 (also
        /// when it does not fit). Allocates nothing.
        /// </summary>
        internal int Map(BridgeDirection from, byte[] topic, int offset, int length, byte[] dst)
        {
            byte[] filter = from == BridgeDirection.Out ? LocalFilter : RemoteFilter;
            byte[] fromPrefix = from == BridgeDirection.Out ? LocalPrefix : RemotePrefix;
            byte[] toPrefix = from == BridgeDirection.Out ? RemotePrefix : LocalPrefix;
            if (!Forwards(from) || length < fromPrefix.Length || !Bytes.Equal(topic, offset, fromPrefix.Length, fromPrefix, 0, fromPrefix.Length)
                || !TopicMatcher.Matches(filter, 0, filter.Length, topic, offset, length))
            {
                return -1;
            }

            int rest = length - fromPrefix.Length;
            if (toPrefix.Length + rest > dst.Length || toPrefix.Length + rest == 0)
            {
                return -1;
            }

            System.Array.Copy(toPrefix, 0, dst, 0, toPrefix.Length);
            System.Array.Copy(topic, offset + fromPrefix.Length, dst, toPrefix.Length, rest);
            return toPrefix.Length + rest;
        }

        private static bool HasWildcard(byte[] b)
        {
            for (int i = 0; i < b.Length; i++)
            {
                if (b[i] == (byte)'+' || b[i] == (byte)'#')
                {
                    return true;
                }
            }

            return false;
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] r = new byte[a.Length + b.Length];
            System.Array.Copy(a, 0, r, 0, a.Length);
            System.Array.Copy(b, 0, r, a.Length, b.Length);
            return r;
        }
    }
}
