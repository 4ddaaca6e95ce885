using Nano.Mqtt.Codec;
using Nano.MqttSn.Client;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// Capacities, timers and predefined topics of an <see cref="SnGateway"/>; read once by its constructor,
    /// which sizes every buffer from them. Timer names follow MQTT-SN 1.2 §7.2.
    /// </summary>
    public sealed class SnGatewayOptions
    {
        private ushort[] _predefinedIds = new ushort[0];
        private byte[][] _predefinedNames = new byte[0][];
        private byte[][] _predefinedClients = new byte[0][];

        /// <summary>GwId carried in ADVERTISE and GWINFO.</summary>
        public byte GatewayId = 1;

        /// <summary>MQTT-SN clients known at once (connected, asleep, or remembered after DISCONNECT). Each
        /// connected or sleeping client holds one connection slot of the broker engine.</summary>
        public int MaxClients = 8;

        /// <summary>Transports that <see cref="SnGateway.AddLink"/> can register.</summary>
        public int MaxLinks = 2;

        /// <summary>T_ADV: interval of the ADVERTISE broadcast on every link, milliseconds; 0 = never.</summary>
        public int AdvertiseIntervalMs = 900000;

        /// <summary>T_RETRY: re-send interval of an unacknowledged REGISTER, PUBLISH or PUBREL, milliseconds.</summary>
        public int RetryIntervalMs = 10000;

        /// <summary>N_RETRY: re-sends before the client is considered lost.</summary>
        public int MaxRetries = 3;

        /// <summary>Topic ids the gateway can assign to one client (REGISTER, SUBACK, wildcard matches).</summary>
        public int MaxRegisteredTopicsPerClient = 8;

        /// <summary>Messages buffered per client for delivery. While the client sleeps, a message beyond it
        /// replaces the oldest buffered QoS 0 message, else is dropped (counted); while it is active the gateway
        /// stops taking messages from the broker instead, which then queues them.</summary>
        public int MaxBufferedWhileAsleep = 4;

        /// <summary>Messages buffered for all clients together: the slots of one pool that every client's buffer
        /// draws from, so memory follows the messages actually waiting rather than clients × their share. A
        /// message that finds the pool full is handled as one beyond a client's share. 0 = twice
        /// <see cref="MaxBufferedWhileAsleep"/>.</summary>
        public int MaxBufferedMessages;

        /// <summary>Largest PUBLISH payload carried in either direction, octets.</summary>
        public int MaxPayload = 128;

        /// <summary>Longest topic name kept for a client or a buffered message, octets.</summary>
        public int MaxTopicLength = 64;

        /// <summary>Longest client address on any link, octets (UDP IPv4: 6).</summary>
        public int MaxAddressLength = 16;

        /// <summary>Largest datagram on any link, octets; <see cref="SnGateway.AddLink"/> caps a link's size to it.</summary>
        public int MaxDatagramSize = 256;

        /// <summary>Datagrams that can wait for the host to send them; while none is free the gateway leaves the
        /// broker's messages in the broker.</summary>
        public int MaxPendingDatagrams = 4;

        /// <summary>Largest MQTT packet read from the broker engine (its <c>MaxPacketSize</c>); larger ones are discarded.</summary>
        public int MaxBrokerPacketSize = 1024;

        /// <summary>Accept QoS -1 PUBLISH from any address without a connection (§6.8).</summary>
        public bool AcceptQosMinusOne = true;

        /// <summary>Longest keep-alive Duration a CONNECT may ask for, seconds; a CONNECT asking for more, or for none
        /// (0), is refused with "rejected: not supported", so that no client holds a slot unsupervised for long.
        /// 0 = any Duration.</summary>
        public int MaxKeepAliveSeconds;

        /// <summary>Predefined topic ids configured.</summary>
        public int PredefinedTopicCount => _predefinedIds.Length;

        /// <summary>Maps <paramref name="id"/> to <paramref name="name"/> for every client (§6.7). Returns false for a
        /// reserved id (0x0000, 0xFFFF), an invalid topic name or an id already defined.</summary>
        public bool AddPredefinedTopic(ushort id, string name)
        {
            return AddPredefinedTopic(null, id, name);
        }

        /// <summary>Maps <paramref name="id"/> to <paramref name="name"/> for the client <paramref name="clientId"/>, or
        /// for every client when it is null or "*" (§6.7); a client's own mapping of an id comes before the one for
        /// every client. Returns false for a reserved id (0x0000, 0xFFFF), an invalid topic name or ClientId, or an
        /// id already defined for the same client(s).</summary>
        public bool AddPredefinedTopic(string clientId, ushort id, string name)
        {
            byte[] utf8 = Utf8Encoder.GetBytes(name);
            byte[] client = clientId == null || clientId == "*" ? null : Utf8Encoder.GetBytes(clientId);
            if (id == 0 || id == 0xFFFF || utf8 == null || SnTopic.ValidateName(utf8, 0, utf8.Length) != SnError.None
                || (client != null && (client.Length == 0 || client.Length > ConnectMessage.MaxClientIdLength)))
            {
                return false;
            }
            for (int i = 0; i < _predefinedIds.Length; i++)
            {
                byte[] other = _predefinedClients[i];
                if (_predefinedIds[i] == id && (other == null ? client == null
                    : client != null && Bytes.Equal(other, 0, other.Length, client, 0, client.Length)))
                {
                    return false;
                }
            }
            int n = _predefinedIds.Length;
            var ids = new ushort[n + 1];
            var names = new byte[n + 1][];
            var clients = new byte[n + 1][];
            System.Array.Copy(_predefinedIds, ids, n);
            System.Array.Copy(_predefinedNames, names, n);
            System.Array.Copy(_predefinedClients, clients, n);
            ids[n] = id;
            names[n] = utf8;
            clients[n] = client;
            _predefinedIds = ids;
            _predefinedNames = names;
            _predefinedClients = clients;
            return true;
        }

        /// <summary>Slots of the shared message pool.</summary>
        internal int BufferedMessages => MaxBufferedMessages > 0 ? MaxBufferedMessages : 2 * MaxBufferedWhileAsleep;

        internal ushort PredefinedId(int index) => _predefinedIds[index];

        internal byte[] PredefinedName(int index) => _predefinedNames[index];

        /// <summary>The ClientId the predefined topic is for; null for every client.</summary>
        internal byte[] PredefinedClient(int index) => _predefinedClients[index];
    }
}
