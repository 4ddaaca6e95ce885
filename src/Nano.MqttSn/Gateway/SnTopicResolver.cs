using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// Maps a topic id of any type to its name (§3, §6.7): a client's registered id, a predefined id, or a
    /// two-character short name; and a name back to a predefined id. The name found is left in
    /// <see cref="Name"/>, <see cref="Offset"/>, <see cref="Length"/> until the next call.
    /// </summary>
    internal sealed class SnTopicResolver
    {
        private readonly SnGatewayOptions _options;
        private readonly byte[] _shortName = new byte[2];

        public SnTopicResolver(SnGatewayOptions options)
        {
            _options = options;
        }

        public byte[] Name;
        public int Offset;
        public int Length;

        /// <summary>Makes a name given inline (a topic name or filter) the current one.</summary>
        public void Set(byte[] name, int offset, int length)
        {
            Name = name;
            Offset = offset;
            Length = length;
        }

        /// <summary>Resolves <paramref name="topicId"/>; false when unknown (no client for a normal id, or an invalid short name).</summary>
        public bool Resolve(SnGatewayClient c, int topicIdType, int topicId)
        {
            if (topicIdType == SnTopicIdType.Normal)
            {
                if (c == null || !c.Topics.Exists(topicId))
                {
                    return false;
                }
                Set(c.Topics.Names, c.Topics.NameOffset(topicId), c.Topics.NameLength(topicId));
                return true;
            }
            if (topicIdType == SnTopicIdType.Predefined)
            {
                int i = Predefined(c, topicId, null, 0, 0);
                if (i < 0)
                {
                    return false;
                }
                byte[] name = _options.PredefinedName(i);
                Set(name, 0, name.Length);
                return true;
            }
            _shortName[0] = (byte)(topicId >> 8);
            _shortName[1] = (byte)topicId;
            Set(_shortName, 0, 2);
            return TopicName.Validate(_shortName, 0, 2) == MqttError.None;
        }

        /// <summary>The id predefined for client <paramref name="c"/> for <paramref name="name"/>, or -1.</summary>
        public int PredefinedId(SnGatewayClient c, byte[] name, int offset, int length)
        {
            int i = Predefined(c, -1, name, offset, length);
            return i < 0 ? -1 : _options.PredefinedId(i);
        }

        /// <summary>The index of the predefined topic of <paramref name="id"/> (or, when it is -1, of
        /// <paramref name="name"/>) that applies to <paramref name="c"/> (null: a sender without a connection):
        /// the client's own before the one for every client; -1 when none.</summary>
        private int Predefined(SnGatewayClient c, int id, byte[] name, int offset, int length)
        {
            int everyClient = -1;
            for (int i = 0; i < _options.PredefinedTopicCount; i++)
            {
                byte[] p = _options.PredefinedName(i);
                if (id >= 0 ? _options.PredefinedId(i) != id : !Bytes.Equal(p, 0, p.Length, name, offset, length))
                {
                    continue;
                }
                byte[] client = _options.PredefinedClient(i);
                if (client == null)
                {
                    everyClient = everyClient < 0 ? i : everyClient;
                }
                else if (c != null && c.HasClientId(client, 0, client.Length))
                {
                    return i;
                }
            }
            return everyClient;
        }
    }
}
