using Nano.Mqtt;
using Nano.Mqtt.Broker;
using Nano.Mqtt.Codec;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// A sans-I/O MQTT-SN 1.2 gateway inside a <see cref="BrokerEngine"/> (a transparent gateway, §4.1):
    /// every connected or sleeping client is a session of the broker on a connection slot of its own, fed with
    /// MQTT packets translated from its datagrams; the broker's output on that slot is translated back. The
    /// host passes datagrams per link and opaque client address to <see cref="Receive"/>, calls
    /// <see cref="Poll"/> for timers and sends what <see cref="NextDatagram"/> returns. The constructor
    /// allocates every buffer; no input makes it throw into the host, and no datagram allocates.
    /// </summary>
    public sealed class SnGateway
    {
        private readonly SnGatewayOptions _options;
        private readonly BrokerEngine _broker;
        private readonly SnClientTable _clients;
        private readonly SnSender _send;
        private readonly SnMqttTranslator _mqtt;
        private readonly SnDelivery _delivery;
        private readonly SnSessions _sessions;
        private readonly SnClientRequests _requests;
        private readonly SnMessageSet _in = new SnMessageSet();
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
                || options.MaxBufferedMessages < 0 || options.MaxPendingDatagrams < 1 || options.MaxBrokerPacketSize < 16 || options.RetryIntervalMs < 1 || options.MaxRetries < 0)
            {
                throw new System.ArgumentException("capacities");
            }
            _options = options;
            _broker = broker;
            Statistics = new SnGatewayStatistics();
            _send = new SnSender(options, Statistics, _in);
            _clients = new SnClientTable(options, _send);
            _mqtt = new SnMqttTranslator(broker, options, Statistics);
            SnTopicResolver topics = new SnTopicResolver(options);
            _delivery = new SnDelivery(options, Statistics, _send, topics);
            _sessions = new SnSessions(options, Statistics, broker, _clients, _send, _mqtt, _delivery);
            _requests = new SnClientRequests(options, Statistics, broker, _send, _mqtt, topics);
        }

        /// <summary>Counters of the gateway's activity.</summary>
        public SnGatewayStatistics Statistics { get; }

        /// <summary>Links registered.</summary>
        public int LinkCount => _send.LinkCount;

        /// <summary>Datagrams waiting for <see cref="NextDatagram(byte[], int, int, out int, byte[], int, out int, out bool)"/>.</summary>
        public int PendingDatagrams => _send.Outbox.Count;

        /// <summary>Client slots in use (connected, asleep, or remembered).</summary>
        public int ClientCount => _clients.InUse;

        /// <summary>State of the client with this ClientId (<see cref="SnClientStatus.Free"/> when unknown).</summary>
        public SnClientStatus GetClientStatus(byte[] clientId, int offset, int length)
        {
            SnGatewayClient c = _clients.ByClientId(clientId, offset, length);
            return c == null ? SnClientStatus.Free : c.Status;
        }

        /// <summary>Registers a transport whose datagrams carry up to <paramref name="maxDatagram"/> octets (capped to
        /// <see cref="SnGatewayOptions.MaxDatagramSize"/>) and whose client addresses identify a client by every
        /// octet (UDP: IPv4 address and port); returns its link id, or -1 when all links are taken.</summary>
        public int AddLink(int maxDatagram)
        {
            return AddLink(maxDatagram, 0, 0);
        }

        /// <summary>
        /// As <see cref="AddLink(int)"/>, for a transport whose addresses hold <paramref name="changingLength"/> octets
        /// at <paramref name="changingOffset"/> that the network may change while the client stays the same (an
        /// XBee's 16-bit network address after a rejoin, after its 64-bit address): a client is found by the other
        /// octets, and the changing ones are taken from each datagram it sends, so replies follow the change.
        /// Returns -1 also for a range outside <see cref="SnGatewayOptions.MaxAddressLength"/>.
        /// </summary>
        public int AddLink(int maxDatagram, int changingOffset, int changingLength)
        {
            if (changingOffset < 0 || changingLength < 0 || changingOffset > _options.MaxAddressLength - changingLength)
            {
                return -1;
            }
            return _send.AddLink(maxDatagram < _options.MaxDatagramSize ? maxDatagram : _options.MaxDatagramSize, changingOffset, changingLength);
        }

        /// <summary>Processes one datagram received on <paramref name="link"/> from the client at the given address.</summary>
        public void Receive(int link, byte[] address, int addressOffset, int addressLength, byte[] data, int offset, int count, long nowMs)
        {
            _nowMs = nowMs;
            Statistics.DatagramsReceived++;
            byte type = 0;
            SnError error = link < 0 || link >= _send.LinkCount || address == null || addressLength < 1 || addressLength > _options.MaxAddressLength
                || addressOffset < 0 || addressOffset > address.Length - addressLength
                ? SnError.InvalidArgument
                : _in.Decode(data, offset, count, out type);
            if (error != SnError.None)
            {
                Statistics.Undecodable(error);
                return;
            }
            SnGatewayClient c = _clients.ByAddress(link, address, addressOffset, addressLength);
            if (c != null)
            {
                c.TakeChangingAddress(address, addressOffset, _send.ChangingOffset(link), _send.ChangingLength(link));
            }
            if (c != null && c.Status == SnClientStatus.Active)
            {
                c.TimerStartMs = nowMs;
            }
            if (!Dispatch(type, c, link, address, addressOffset, addressLength, nowMs))
            {
                Statistics.OutOfState();
            }
            ServiceAll(nowMs);
        }

        /// <summary>Runs timers: ADVERTISE, keep-alive and sleep supervision, re-sends; and moves the broker's
        /// output for each client into datagrams.</summary>
        public void Poll(long nowMs)
        {
            _nowMs = nowMs;
            Advertise(nowMs);
            for (int i = 0; i < _clients.Capacity; i++)
            {
                _sessions.Supervise(_clients.At(i), nowMs);
            }
            ServiceAll(nowMs);
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
            int fromLink;
            return Take(link < 0 ? int.MaxValue : link, dst, offset, count, out fromLink, addressDst, addressOffset, out addressLength, out broadcast);
        }

        /// <summary>The host could not deliver a datagram to this address (e.g. an XBee transmit status failure).
        /// Counted only: the gateway's re-sends and supervision handle the consequences.</summary>
        public void DeliveryFailed(int link, byte[] address, int addressOffset, int addressLength, long nowMs)
        {
            _nowMs = nowMs;
            Statistics.LinkDeliveryFailures++;
        }

        /// <summary>Hands a decoded datagram to the part of the gateway that handles it; false when it has no use
        /// for it in the sender's state (ADVERTISE/GWINFO of other gateways, messages only a gateway sends).</summary>
        private bool Dispatch(byte type, SnGatewayClient c, int link, byte[] address, int addressOffset, int addressLength, long nowMs)
        {
            switch (type)
            {
                case SnMessageType.SearchGw:
                    _send.GwInfo(link, address, addressOffset, addressLength, _options.GatewayId);
                    return true;
                case SnMessageType.Connect:
                    SnGatewayClient known = _clients.ByClientId(_in.Connect.ClientId, _in.Connect.ClientIdOffset, _in.Connect.ClientIdLength);
                    if (known != null && known.Connection >= 0)
                    {
                        Pump(known, nowMs); // what the broker already handed to the old session is taken first
                    }
                    _sessions.Connect(link, address, addressOffset, addressLength, _in.Connect, nowMs);
                    return true;
                case SnMessageType.WillTopic:
                case SnMessageType.WillTopicUpd:
                    return c != null && _sessions.WillTopic(c, _in.WillTopic, nowMs);
                case SnMessageType.WillMsg:
                case SnMessageType.WillMsgUpd:
                    return c != null && _sessions.WillMessage(c, _in.WillMsg, nowMs);
                case SnMessageType.Publish:
                    return Publish(c, link, address, addressOffset, addressLength, nowMs);
                case SnMessageType.Register:
                    if (c == null || c.Status != SnClientStatus.Active)
                    {
                        return false;
                    }
                    _requests.Register(c, _in.Register);
                    return true;
                case SnMessageType.Subscribe:
                case SnMessageType.Unsubscribe:
                    if (c == null || c.Status != SnClientStatus.Active)
                    {
                        return false;
                    }
                    _requests.Subscribe(c, _in.Subscribe, nowMs);
                    return true;
                case SnMessageType.PubRel:
                    if (c == null || !c.IsConnected)
                    {
                        return false;
                    }
                    _requests.PubRel(c, _in.MsgId, nowMs);
                    return true;
                case SnMessageType.RegAck:
                case SnMessageType.PubAck:
                    return c != null && c.IsConnected && _delivery.TopicAck(c, _in.TopicAck, nowMs);
                case SnMessageType.PubRec:
                case SnMessageType.PubComp:
                    return c != null && c.IsConnected && _delivery.DeliveryAck(c, _in.MsgId, nowMs);
                case SnMessageType.PingReq:
                    _sessions.PingReq(c, link, address, addressOffset, addressLength, _in.PingReq, nowMs);
                    return true;
                case SnMessageType.Disconnect:
                    _sessions.Disconnect(c, link, address, addressOffset, addressLength, _in.Disconnect, nowMs);
                    return true;
                default:
                    return false;
            }
        }

        private bool Publish(SnGatewayClient c, int link, byte[] address, int addressOffset, int addressLength, long nowMs)
        {
            PublishMessage m = _in.Publish;
            if (m.Qos == SnQos.MinusOne)
            {
                _requests.PublishQosMinusOne(c, m, nowMs);
                return true;
            }
            if (c == null)
            {
                _send.Disconnect(link, address, addressOffset, addressLength); // no connection for this address [§6.12]
                return true;
            }
            if (c.Status != SnClientStatus.Active)
            {
                return false;
            }
            _requests.Publish(c, m, nowMs);
            return true;
        }

        /// <summary>Queues ADVERTISE on every link every T_ADV, the first at the first <see cref="Poll"/> (§6.1).</summary>
        private void Advertise(long nowMs)
        {
            if (_options.AdvertiseIntervalMs <= 0 || (_advertised && nowMs - _nextAdvertiseMs < 0))
            {
                return;
            }
            _advertised = true;
            _nextAdvertiseMs = nowMs + _options.AdvertiseIntervalMs;
            int seconds = _options.AdvertiseIntervalMs / 1000;
            Statistics.Advertisements += _send.Advertise(_options.GatewayId, seconds > 0xFFFF ? 0xFFFF : seconds);
        }

        private void ServiceAll(long nowMs)
        {
            for (int i = 0; i < _clients.Capacity; i++)
            {
                SnGatewayClient c = _clients.At(i);
                if (c.Connection >= 0)
                {
                    Pump(c, nowMs);
                }
                _delivery.Deliver(c, nowMs);
            }
        }

        /// <summary>
        /// Reads the broker's packets for the client while their consequence has room: one free datagram slot, and
        /// room in the client's buffer while it is active or awake (asleep, the buffer's overflow rule applies;
        /// connecting, the CONNACK comes first). Otherwise the packets wait in the broker, which applies its own
        /// inflight window and queue.
        /// </summary>
        private void Pump(SnGatewayClient c, long nowMs)
        {
            while (c.Connection >= 0)
            {
                int connection = c.Connection;
                if (_broker.PendingOutput(connection) == 0)
                {
                    if (_broker.WantsClose(connection))
                    {
                        _sessions.UpstreamClosed(c, nowMs);
                    }
                    return;
                }
                if (_send.Outbox.Free == 0 || ((c.Status == SnClientStatus.Active || c.Status == SnClientStatus.Awake) && c.Queue.IsFull))
                {
                    return;
                }
                int size = _mqtt.ReadPacket(c, nowMs);
                if (size > 0)
                {
                    Translate(c, size, nowMs);
                }
                else if (size == 0)
                {
                    return;
                }
            }
        }

        /// <summary>One packet of the broker on the client's connection, turned into what the client must see.</summary>
        private void Translate(SnGatewayClient c, int size, long nowMs)
        {
            byte[] packet = _mqtt.Packet;
            switch (_mqtt.PacketType)
            {
                case PacketType.ConnAck:
                    ConnAckPacket ack = _mqtt.ConnAck;
                    if (c.AwaitingConnAck && ack.Decode(packet, 0, size, ProtocolLevel.V311) == MqttError.None)
                    {
                        _sessions.ConnAckReceived(c, ack.ReturnCode == ConnectReturnCode.Accepted, ack.ReturnCode == ConnectReturnCode.ServerUnavailable, nowMs);
                    }
                    break;
                case PacketType.Publish:
                    PublishPacket p = _mqtt.Publish;
                    if (p.Decode(packet, 0, size, ProtocolLevel.V311) == MqttError.None)
                    {
                        _delivery.Buffer(c, p);
                        if (p.Qos > 0)
                        {
                            // The gateway holds the message from here on (QoS 2: PUBREC now, PUBCOMP on the broker's PUBREL).
                            _mqtt.AckFrom(c, p.Qos == 1 ? PacketType.PubAck : PacketType.PubRec, p.PacketId, nowMs);
                        }
                    }
                    break;
                case PacketType.PubRel:
                    if (_mqtt.Ack.Decode(packet, 0, size, ProtocolLevel.V311) == MqttError.None)
                    {
                        _mqtt.AckFrom(c, PacketType.PubComp, _mqtt.Ack.PacketId, nowMs);
                    }
                    break;
                case PacketType.PubAck:
                case PacketType.PubRec:
                case PacketType.PubComp:
                    if (_mqtt.Ack.Decode(packet, 0, size, ProtocolLevel.V311) == MqttError.None)
                    {
                        _requests.Acknowledged(c, _mqtt.Ack.Type, _mqtt.Ack.PacketId);
                    }
                    break;
                case PacketType.SubAck:
                    SubAckPacket s = _mqtt.SubAck;
                    if (s.Decode(packet, 0, size, ProtocolLevel.V311) == MqttError.None)
                    {
                        _requests.SubAck(c, s.PacketId, s.ReturnCodes.Buffer[s.ReturnCodes.Offset]);
                    }
                    break;
                case PacketType.UnsubAck:
                    if (_mqtt.UnsubAck.Decode(packet, 0, size, ProtocolLevel.V311) == MqttError.None)
                    {
                        _requests.UnsubAck(c, _mqtt.UnsubAck.PacketId);
                    }
                    break;
            }
        }

        private int Take(int link, byte[] dst, int offset, int count, out int fromLink, byte[] addressDst, int addressOffset, out int addressLength, out bool broadcast)
        {
            fromLink = -1;
            addressLength = 0;
            broadcast = false;
            SnOutbox outbox = _send.Outbox;
            if (outbox.Count == 0)
            {
                ServiceAll(_nowMs);
            }
            while (true)
            {
                int slot = outbox.Oldest(link);
                if (slot < 0)
                {
                    return 0;
                }
                int n = outbox.Length(slot);
                int a = outbox.AddressLength(slot);
                if (dst == null || offset < 0 || count < n || offset > dst.Length - n
                    || (a > 0 && (addressDst == null || addressOffset < 0 || addressOffset > addressDst.Length - a)))
                {
                    outbox.Release(slot);
                    Statistics.DatagramsDropped++;
                    continue;
                }
                outbox.CopyDatagram(slot, dst, offset);
                if (a > 0)
                {
                    outbox.CopyAddress(slot, addressDst, addressOffset);
                }
                fromLink = outbox.Link(slot);
                addressLength = a;
                broadcast = outbox.IsBroadcast(slot);
                outbox.Release(slot);
                Statistics.DatagramsSent++;
                return n;
            }
        }
    }
}
