using Nano.Mqtt.Broker;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// A sans-I/O MQTT-SN 1.2 gateway inside a <see cref="BrokerEngine"/> (a transparent gateway, §4.1):
    /// every connected or sleeping client is a session of the broker on a connection slot of its own, fed with
    /// MQTT packets translated from its datagrams; the broker's output on that slot is translated back. The
    /// host passes datagrams per link and opaque client address to <see cref="Receive"/>, calls
    /// <see cref="Poll"/> for timers and sends what <see cref="NextDatagram"/> returns. The constructor
    /// allocates every buffer; no input makes it throw into the host.
    /// </summary>
    public sealed partial class SnGateway
    {
        private readonly SnGatewayOptions _options;
        private readonly BrokerEngine _broker;
        private readonly SnGatewayClient[] _clients;
        private readonly SnOutbox _outbox;
        private readonly int[] _linkMaxDatagram;
        private readonly byte[] _mqtt;
        private readonly byte[] _upstream;
        private readonly SnMessageSet _in = new SnMessageSet();
        private readonly SnMessageSet _out = new SnMessageSet();
        private readonly byte[] _shortName = new byte[2];
        private int _linkCount;
        private long _nowMs;
        private bool _advertised;
        private long _nextAdvertiseMs;

        /// <summary>Creates the gateway over <paramref name="broker"/> and allocates every buffer it will use.</summary>
        public SnGateway(SnGatewayOptions options, BrokerEngine broker)
        {
            if (options == null || broker == null)
            {
                throw new System.ArgumentNullException();
            }
            if (options.MaxClients < 1 || options.MaxLinks < 1 || options.MaxRegisteredTopicsPerClient < 1 || options.MaxBufferedWhileAsleep < 1
                || options.MaxPayload < 0 || options.MaxTopicLength < 2 || options.MaxAddressLength < 1 || options.MaxDatagramSize < 8
                || options.MaxPendingDatagrams < 1 || options.MaxBrokerPacketSize < 16 || options.RetryIntervalMs < 1 || options.MaxRetries < 0)
            {
                throw new System.ArgumentException("capacities");
            }
            _options = options;
            _broker = broker;
            _clients = new SnGatewayClient[options.MaxClients];
            for (int i = 0; i < _clients.Length; i++)
            {
                _clients[i] = new SnGatewayClient(options);
            }
            _outbox = new SnOutbox(options.MaxPendingDatagrams, options.MaxDatagramSize, options.MaxAddressLength);
            _linkMaxDatagram = new int[options.MaxLinks];
            int longestTopic = options.MaxTopicLength > options.MaxDatagramSize ? options.MaxTopicLength : options.MaxDatagramSize;
            for (int i = 0; i < options.PredefinedTopicCount; i++)
            {
                if (options.PredefinedName(i).Length > longestTopic)
                {
                    longestTopic = options.PredefinedName(i).Length;
                }
            }
            _mqtt = new byte[16 + longestTopic + options.MaxPayload];
            _upstream = new byte[options.MaxBrokerPacketSize];
            Statistics = new SnGatewayStatistics();
        }

        /// <summary>Counters of the gateway's activity.</summary>
        public SnGatewayStatistics Statistics { get; }

        /// <summary>Links registered.</summary>
        public int LinkCount => _linkCount;

        /// <summary>Datagrams waiting for <see cref="NextDatagram"/>.</summary>
        public int PendingDatagrams => _outbox.Count;

        /// <summary>Client slots in use (connected, asleep, or remembered).</summary>
        public int ClientCount
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

        /// <summary>State of the client with this ClientId (<see cref="SnClientStatus.Free"/> when unknown).</summary>
        public SnClientStatus GetClientStatus(byte[] clientId, int offset, int length)
        {
            int i = FindByClientId(clientId, offset, length);
            return i < 0 ? SnClientStatus.Free : _clients[i].Status;
        }

        /// <summary>Registers a transport whose datagrams carry up to <paramref name="maxDatagram"/> octets (capped to
        /// <see cref="SnGatewayOptions.MaxDatagramSize"/>); returns its link id, or -1 when all links are taken.</summary>
        public int AddLink(int maxDatagram)
        {
            if (_linkCount == _linkMaxDatagram.Length || maxDatagram < 2)
            {
                return -1;
            }
            _linkMaxDatagram[_linkCount] = maxDatagram < _options.MaxDatagramSize ? maxDatagram : _options.MaxDatagramSize;
            return _linkCount++;
        }

        /// <summary>Processes one datagram received on <paramref name="link"/> from the client at the given address.</summary>
        public void Receive(int link, byte[] address, int addressOffset, int addressLength, byte[] data, int offset, int count, long nowMs)
        {
            _nowMs = nowMs;
            Statistics.DatagramsReceived++;
            if (link < 0 || link >= _linkCount || address == null || addressLength < 1 || addressLength > _options.MaxAddressLength
                || addressOffset < 0 || addressOffset > address.Length - addressLength
                || SnWire.ReadHeader(data, offset, count, out _, out _, out byte type) != SnError.None)
            {
                Statistics.DatagramsIgnored++;
                return;
            }
            int ci = FindByAddress(link, address, addressOffset, addressLength);
            SnGatewayClient c = ci < 0 ? null : _clients[ci];
            if (c != null && c.Status == SnClientStatus.Active)
            {
                c.LastHeardMs = nowMs;
            }
            bool handled;
            switch (type)
            {
                case SnMessageType.SearchGw:
                    handled = HandleSearchGw(link, data, offset, count);
                    break;
                case SnMessageType.Connect:
                    handled = HandleConnect(link, address, addressOffset, addressLength, data, offset, count);
                    break;
                case SnMessageType.WillTopic:
                case SnMessageType.WillTopicUpd:
                    handled = HandleWillTopic(c, data, offset, count);
                    break;
                case SnMessageType.WillMsg:
                case SnMessageType.WillMsgUpd:
                    handled = HandleWillMessage(c, data, offset, count);
                    break;
                case SnMessageType.Register:
                    handled = HandleRegister(c, data, offset, count);
                    break;
                case SnMessageType.Publish:
                    handled = HandlePublish(c, link, address, addressOffset, addressLength, data, offset, count);
                    break;
                case SnMessageType.PubRel:
                    handled = HandlePubRel(c, data, offset, count);
                    break;
                case SnMessageType.RegAck:
                case SnMessageType.PubAck:
                    handled = HandleTopicAck(c, data, offset, count);
                    break;
                case SnMessageType.PubRec:
                case SnMessageType.PubComp:
                    handled = HandleDeliveryAck(c, data, offset, count);
                    break;
                case SnMessageType.Subscribe:
                case SnMessageType.Unsubscribe:
                    handled = HandleSubscribe(c, data, offset, count);
                    break;
                case SnMessageType.PingReq:
                    handled = HandlePingReq(c, link, address, addressOffset, addressLength, data, offset, count);
                    break;
                case SnMessageType.Disconnect:
                    handled = HandleDisconnect(c, link, address, addressOffset, addressLength, data, offset, count);
                    break;
                default:
                    handled = false; // ADVERTISE/GWINFO of other gateways, responses only a gateway sends, forwarder envelopes
                    break;
            }
            if (!handled)
            {
                Statistics.DatagramsIgnored++;
            }
            ServiceAll();
        }

        /// <summary>Runs timers: ADVERTISE, keep-alive and sleep supervision, re-sends; and moves the broker's
        /// output for each client into datagrams.</summary>
        public void Poll(long nowMs)
        {
            _nowMs = nowMs;
            Advertise();
            for (int i = 0; i < _clients.Length; i++)
            {
                Supervise(_clients[i]);
            }
            ServiceAll();
        }

        /// <summary>
        /// Moves the next datagram for any link into <paramref name="dst"/> and its destination into
        /// <paramref name="addressDst"/>; returns its length, or 0 when none. A broadcast has address length 0 and
        /// <paramref name="broadcast"/> true. A datagram larger than <paramref name="count"/> or an address larger
        /// than the room after <paramref name="addressOffset"/> is dropped (counted).
        /// </summary>
        public int NextDatagram(byte[] dst, int offset, int count, out int link, byte[] addressDst, int addressOffset, out int addressLength, out bool broadcast)
        {
            return Take(-1, dst, offset, count, out link, addressDst, addressOffset, out addressLength, out broadcast);
        }

        /// <summary>As <see cref="NextDatagram(byte[], int, int, out int, byte[], int, out int, out bool)"/>, for one
        /// link only: lets several transports share a gateway, each taking its own datagrams.</summary>
        public int NextDatagram(int link, byte[] dst, int offset, int count, byte[] addressDst, int addressOffset, out int addressLength, out bool broadcast)
        {
            return Take(link < 0 ? int.MaxValue : link, dst, offset, count, out _, addressDst, addressOffset, out addressLength, out broadcast);
        }

        /// <summary>The host could not deliver a datagram to this address (e.g. an XBee transmit status failure).
        /// Counted only: the gateway's re-sends and supervision handle the consequences.</summary>
        public void DeliveryFailed(int link, byte[] address, int addressOffset, int addressLength, long nowMs)
        {
            _nowMs = nowMs;
            Statistics.LinkDeliveryFailures++;
        }

        private int Take(int link, byte[] dst, int offset, int count, out int fromLink, byte[] addressDst, int addressOffset, out int addressLength, out bool broadcast)
        {
            fromLink = -1;
            addressLength = 0;
            broadcast = false;
            if (_outbox.Count == 0)
            {
                ServiceAll();
            }
            while (true)
            {
                int slot = _outbox.Oldest(link);
                if (slot < 0)
                {
                    return 0;
                }
                int n = _outbox.Length(slot);
                int a = _outbox.AddressLength(slot);
                if (dst == null || offset < 0 || count < n || offset > dst.Length - n
                    || (a > 0 && (addressDst == null || addressOffset < 0 || addressOffset > addressDst.Length - a)))
                {
                    _outbox.Release(slot);
                    Statistics.DatagramsDropped++;
                    continue;
                }
                System.Array.Copy(_outbox.Buffer(slot), 0, dst, offset, n);
                if (a > 0)
                {
                    System.Array.Copy(_outbox.Address(slot), 0, addressDst, addressOffset, a);
                }
                fromLink = _outbox.Link(slot);
                addressLength = a;
                broadcast = _outbox.IsBroadcast(slot);
                _outbox.Release(slot);
                Statistics.DatagramsSent++;
                return n;
            }
        }

        private void ServiceAll()
        {
            for (int i = 0; i < _clients.Length; i++)
            {
                SnGatewayClient c = _clients[i];
                if (c.Connection >= 0)
                {
                    PumpUpstream(c);
                }
                Deliver(c);
            }
        }

        private int FindByAddress(int link, byte[] address, int offset, int length)
        {
            for (int i = 0; i < _clients.Length; i++)
            {
                if (_clients[i].HasAddress(link, address, offset, length))
                {
                    return i;
                }
            }
            return -1;
        }

        private int FindByClientId(byte[] id, int offset, int length)
        {
            for (int i = 0; i < _clients.Length; i++)
            {
                if (_clients[i].HasClientId(id, offset, length))
                {
                    return i;
                }
            }
            return -1;
        }

        private void SetStatus(SnGatewayClient c, SnClientStatus status)
        {
            if (c.IsConnected)
            {
                Statistics.ClientsConnected--;
            }
            if (c.IsSleeping)
            {
                Statistics.ClientsAsleep--;
            }
            c.Status = status;
            if (c.IsConnected)
            {
                Statistics.ClientsConnected++;
            }
            if (c.IsSleeping)
            {
                Statistics.ClientsAsleep++;
            }
            if (status == SnClientStatus.Disconnected || status == SnClientStatus.Lost)
            {
                c.ReleasedAtMs = _nowMs;
            }
        }
    }
}
