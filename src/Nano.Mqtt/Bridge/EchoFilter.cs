namespace Nano.Mqtt.Bridge
{
    /// <summary>
    /// The hop check of a bridge whose remote broker does not know it is a bridge (no try_private): such a broker
    /// sends a message the bridge published back to the bridge's own subscription on a <c>both</c> line. The filter
    /// remembers a hash of the topic and payload of the last messages sent out on <c>both</c> lines and drops the
    /// first identical message coming back in, once. An identical message that another client publishes on the
    /// remote within that window is dropped too: the price of not looping.
    /// </summary>
    internal sealed class EchoFilter
    {
        private readonly int[] _hashes;
        private readonly bool[] _used;
        private int _next;

        internal EchoFilter(int size)
        {
            _hashes = new int[size];
            _used = new bool[size];
        }

        /// <summary>Remembers a message sent out, replacing the oldest one remembered.</summary>
        internal void Remember(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength)
        {
            _hashes[_next] = Hash(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength);
            _used[_next] = true;
            _next = (_next + 1) % _hashes.Length;
        }

        /// <summary>True (and forgets it) when the message is the echo of one remembered.</summary>
        internal bool IsEcho(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength)
        {
            int hash = Hash(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength);
            for (int i = 0; i < _hashes.Length; i++)
            {
                if (_used[i] && _hashes[i] == hash)
                {
                    _used[i] = false;
                    return true;
                }
            }

            return false;
        }

        /// <summary>FNV-1a over the topic, a separator and the payload.</summary>
        private static int Hash(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength)
        {
            uint h = 2166136261;
            for (int i = 0; i < topicLength; i++)
            {
                h = (h ^ topic[topicOffset + i]) * 16777619;
            }

            h = (h ^ 0xFF) * 16777619;
            for (int i = 0; i < payloadLength; i++)
            {
                h = (h ^ payload[payloadOffset + i]) * 16777619;
            }

            return (int)h;
        }
    }
}
