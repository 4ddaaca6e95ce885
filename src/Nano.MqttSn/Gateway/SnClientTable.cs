namespace Nano.MqttSn.Gateway
{
    /// <summary>The gateway's client slots, found by address or ClientId; allocated once, with the message pool
    /// and the topic tables of every client in arrays shared by all.</summary>
    internal sealed class SnClientTable
    {
        private readonly SnGatewayClient[] _clients;
        private readonly SnSender _links;

        /// <summary>Slots sized by <paramref name="options"/>; <paramref name="links"/> tells which octets of a link's
        /// addresses identify a client.</summary>
        public SnClientTable(SnGatewayOptions options, SnSender links)
        {
            _links = links;
            SnMessagePool pool = new SnMessagePool(options.BufferedMessages, options.MaxTopicLength, options.MaxPayload);
            int topics = options.MaxRegisteredTopicsPerClient;
            int entries = options.MaxClients * topics;
            byte[] names = new byte[entries * options.MaxTopicLength];
            int[] lengths = new int[entries];
            byte[] states = new byte[entries];
            _clients = new SnGatewayClient[options.MaxClients];
            for (int i = 0; i < _clients.Length; i++)
            {
                SnClientTopics table = new SnClientTopics(names, lengths, states, i * topics, topics, options.MaxTopicLength);
                _clients[i] = new SnGatewayClient(options, pool, table);
            }
        }

        public int Capacity => _clients.Length;

        public SnGatewayClient At(int index) => _clients[index];

        /// <summary>Slots in use (connected, asleep, or remembered).</summary>
        public int InUse
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _clients.Length; i++)
                {
                    if (_clients[i].Status != SnClientStatus.Free)
                    {
                        n++;
                    }
                }
                return n;
            }
        }

        /// <summary>The client bound to this address on <paramref name="link"/> (compared without the part of the
        /// address that may change on the link), or null.</summary>
        public SnGatewayClient ByAddress(int link, byte[] address, int offset, int length)
        {
            int changingOffset = _links.ChangingOffset(link);
            int changingLength = _links.ChangingLength(link);
            for (int i = 0; i < _clients.Length; i++)
            {
                if (_clients[i].HasAddress(link, address, offset, length, changingOffset, changingLength))
                {
                    return _clients[i];
                }
            }
            return null;
        }

        /// <summary>The client with this ClientId, or null.</summary>
        public SnGatewayClient ByClientId(byte[] id, int offset, int length)
        {
            for (int i = 0; i < _clients.Length; i++)
            {
                if (_clients[i].HasClientId(id, offset, length))
                {
                    return _clients[i];
                }
            }
            return null;
        }

        /// <summary>The client on this broker connection, or null.</summary>
        public SnGatewayClient ByConnection(int connection)
        {
            for (int i = 0; i < _clients.Length; i++)
            {
                if (_clients[i].Connection == connection)
                {
                    return _clients[i];
                }
            }
            return null;
        }

        /// <summary>A free slot, else the one disconnected or lost longest ago; null when every client is connected.</summary>
        public SnGatewayClient Allocate()
        {
            SnGatewayClient oldest = null;
            for (int i = 0; i < _clients.Length; i++)
            {
                SnGatewayClient c = _clients[i];
                if (c.Status == SnClientStatus.Free)
                {
                    return c;
                }
                if ((c.Status == SnClientStatus.Disconnected || c.Status == SnClientStatus.Lost) && c.Connection < 0
                    && (oldest == null || c.ReleasedAtMs - oldest.ReleasedAtMs < 0))
                {
                    oldest = c;
                }
            }
            return oldest;
        }
    }
}
