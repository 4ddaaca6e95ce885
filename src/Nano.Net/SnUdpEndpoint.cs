using System.Net;
using System.Net.Sockets;
using Nano.MqttSn.Gateway;
#if NANOFRAMEWORK_1_0
using Peer = System.Net.EndPoint;
#else
using Peer = System.Net.SocketAddress;
#endif

namespace Nano.Net
{
    /// <summary>
    /// Serves an <see cref="SnGateway"/> over UDP as one of its links, without threads: each
    /// <see cref="PollOnce"/> hands the datagrams the socket holds to the gateway (client address = IPv4 address
    /// and port, 6 octets), runs the gateway's timers, and sends the gateway's datagrams for this link. A
    /// broadcast (ADVERTISE, GWINFO) goes to <see cref="BroadcastAddress"/>:<see cref="BroadcastPort"/>; when that
    /// is a multicast group, <see cref="Start"/> joins it so that SEARCHGW sent to the group is heard. Uses only
    /// the Socket members common to nanoFramework and .NET; the buffers are allocated in the constructor.
    /// Senders are remembered in a fixed number of slots (the endpoint the socket reported and its 6 address
    /// octets): a datagram from a remembered sender, and one to it, takes nothing from the heap in this class; a
    /// new sender takes the slot used longest ago. On .NET a sender is a SocketAddress and the socket calls are the
    /// SocketAddress overloads, which allocate nothing; on nanoFramework it is the EndPoint that ReceiveFrom returns.
    /// </summary>
    public sealed class SnUdpEndpoint : IPollable
    {
        private const int AddressLength = 6;
        private const int DatagramsPerPoll = 8;

        /// <summary>Sender slots when the constructor is not told.</summary>
        public const int DefaultSenderSlots = 8;

        private readonly SnGateway _gateway;
        private readonly int _link;
        private readonly byte[] _receiveBuffer;
        private readonly byte[] _sendBuffer;
        private readonly byte[] _destination = new byte[AddressLength];
        private readonly Peer[] _senders;
        private readonly byte[] _senderAddresses;
        private readonly long[] _senderUsed;
        private long _uses;
        private Peer _broadcastPeer;
        private IPAddress _broadcastAddress;
        private int _broadcastPort;
        private Peer _remote;
        private Socket _socket;
        private int _port;
        private bool _gatewayPolled;
        private long _lastGatewayPollMs;

        /// <summary>Where broadcasts go: 255.255.255.255 by default; a subnet broadcast, a multicast group, or
        /// the loopback address (a PC host whose clients run on the same machine).</summary>
        public IPAddress BroadcastAddress = IPAddress.Broadcast;

        /// <summary>Destination port of broadcasts; 0 = the bound port.</summary>
        public int BroadcastPort;

        /// <summary>Datagrams received and handed to the gateway.</summary>
        public long DatagramsReceived;

        /// <summary>Datagrams sent.</summary>
        public long DatagramsSent;

        /// <summary>Receive or send failures (e.g. an ICMP port-unreachable reported on the socket, no route for a broadcast).</summary>
        public long SocketErrors;

        /// <summary>Registers a link of <paramref name="maxDatagram"/> octets with the gateway, remembering
        /// <see cref="DefaultSenderSlots"/> senders; throws InvalidOperationException when the gateway has no link left.</summary>
        public SnUdpEndpoint(SnGateway gateway, int maxDatagram)
            : this(gateway, maxDatagram, DefaultSenderSlots)
        {
        }

        /// <summary>As <see cref="SnUdpEndpoint(SnGateway, int)"/>, remembering <paramref name="senderSlots"/> senders
        /// (at least 1; the gateway's MaxClients is a good size).</summary>
        public SnUdpEndpoint(SnGateway gateway, int maxDatagram, int senderSlots)
        {
            senderSlots = senderSlots < 1 ? 1 : senderSlots;
            _senders = new Peer[senderSlots];
            _senderAddresses = new byte[senderSlots * AddressLength];
            _senderUsed = new long[senderSlots];
            _gateway = gateway;
            _link = gateway.AddLink(maxDatagram);
            if (_link < 0)
            {
                throw new System.InvalidOperationException("no gateway link left");
            }
            _receiveBuffer = new byte[maxDatagram];
            _sendBuffer = new byte[maxDatagram];
        }

        /// <summary>The gateway's link id of this endpoint.</summary>
        public int Link => _link;

        /// <summary>The bound port (useful after binding port 0); 0 before <see cref="Start"/>.</summary>
        public int Port => _port;

        /// <summary>Binds the socket; a SocketException (address in use, bad address) propagates to the caller.</summary>
        public void Start(IPAddress bind, int port)
        {
            if (_socket != null)
            {
                return;
            }
            Socket socket = UdpSocket.Open(bind, port, out _port);
            JoinGroup(socket);
            _remote = NewPeer();
            _socket = socket;
        }

        /// <summary>Receives, runs the gateway's timers and sends; true when anything was done.</summary>
        public bool PollOnce(long nowMs)
        {
            if (_socket == null)
            {
                return false;
            }
            bool worked = Receive(nowMs);
            if (!_gatewayPolled || nowMs != _lastGatewayPollMs)
            {
                _gateway.Poll(nowMs);
                _gatewayPolled = true;
                _lastGatewayPollMs = nowMs;
            }
            return Transmit() || worked;
        }

        /// <summary>Closes the socket.</summary>
        public void Stop()
        {
            if (_socket == null)
            {
                return;
            }
            UdpSocket.Close(_socket);
            _socket = null;
        }

        private bool Receive(long nowMs)
        {
            bool worked = false;
            for (int k = 0; k < DatagramsPerPoll; k++)
            {
                int n;
                try
                {
                    if (!UdpSocket.HasDatagram(_socket))
                    {
                        break;
                    }
                    n = ReceiveFrom();
                }
                catch (SocketException)
                {
                    SocketErrors++;
                    worked = true;
                    continue;
                }
                worked = true;
                int slot = Sender(_remote);
                if (slot < 0)
                {
                    continue;
                }
                DatagramsReceived++;
                _gateway.Receive(_link, _senderAddresses, slot * AddressLength, AddressLength, _receiveBuffer, 0, n, nowMs);
            }
            return worked;
        }

        private bool Transmit()
        {
            bool worked = false;
            int n;
            while ((n = _gateway.NextDatagram(_link, _sendBuffer, 0, _sendBuffer.Length, _destination, 0, out int addressLength, out bool broadcast)) > 0)
            {
                worked = true;
                Peer to;
                if (broadcast)
                {
                    to = Broadcast();
                }
                else if (addressLength == AddressLength)
                {
                    to = Destination();
                }
                else
                {
                    continue;
                }
                try
                {
                    SendTo(n, to);
                    DatagramsSent++;
                }
                catch (SocketException)
                {
                    SocketErrors++;
                }
            }
            return worked;
        }

        /// <summary>The slot of the sender <paramref name="from"/>: a remembered one found by endpoint equality, else
        /// the slot used longest ago, given its address octets; -1 for a sender that is not IPv4.</summary>
        private int Sender(Peer from)
        {
            for (int i = 0; i < _senders.Length; i++)
            {
                if (_senders[i] != null && (ReferenceEquals(_senders[i], from) || _senders[i].Equals(from)))
                {
                    _senderUsed[i] = ++_uses;
                    return i;
                }
            }
            IPEndPoint ip = ToIPEndPoint(from);
            byte[] octets = ip.Address.GetAddressBytes(); // once per new sender, never per datagram
            if (octets.Length != 4)
            {
                return -1;
            }
            int slot = LeastRecentlyUsed();
            int at = slot * AddressLength;
            for (int i = 0; i < 4; i++)
            {
                _senderAddresses[at + i] = octets[i];
            }
            _senderAddresses[at + 4] = (byte)(ip.Port >> 8);
            _senderAddresses[at + 5] = (byte)ip.Port;
            _senders[slot] = from;
            _senderUsed[slot] = ++_uses;
            _remote = NewPeer(); // the slot keeps the object the socket filled
            return slot;
        }

        private int LeastRecentlyUsed()
        {
            int oldest = 0;
            for (int i = 1; i < _senders.Length; i++)
            {
                if (_senderUsed[i] < _senderUsed[oldest])
                {
                    oldest = i;
                }
            }
            return oldest;
        }

        /// <summary>Joins <see cref="BroadcastAddress"/> when it is an IPv4 multicast group (224.0.0.0/4), on every
        /// interface; a runtime without multicast membership (nanoFramework throws NotSupportedException) only
        /// counts a socket error, and the group still receives what the gateway sends.</summary>
        private void JoinGroup(Socket socket)
        {
            byte[] group = BroadcastAddress.GetAddressBytes();
            if (group.Length != 4 || (group[0] & 0xF0) != 0xE0)
            {
                return;
            }
            byte[] membership = new byte[8]; // ip_mreq: the group, then the interface (0.0.0.0 = any)
            for (int i = 0; i < 4; i++)
            {
                membership[i] = group[i];
            }
            try
            {
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, membership);
            }
            catch (SocketException)
            {
                SocketErrors++;
            }
            catch (System.NotSupportedException)
            {
                SocketErrors++;
            }
        }

        /// <summary>The broadcast destination, made again only when <see cref="BroadcastAddress"/> or the port changed.</summary>
        private Peer Broadcast()
        {
            int port = BroadcastPort != 0 ? BroadcastPort : _port;
            if (_broadcastPeer == null || !ReferenceEquals(_broadcastAddress, BroadcastAddress) || _broadcastPort != port)
            {
                _broadcastPeer = ToPeer(new IPEndPoint(BroadcastAddress, port));
                _broadcastAddress = BroadcastAddress;
                _broadcastPort = port;
            }
            return _broadcastPeer;
        }

        /// <summary>The endpoint of the destination address: the remembered sender with these octets, else a new one
        /// that takes the slot used longest ago.</summary>
        private Peer Destination()
        {
            for (int slot = 0; slot < _senders.Length; slot++)
            {
                int at = slot * AddressLength;
                bool same = _senders[slot] != null;
                for (int i = 0; i < AddressLength && same; i++)
                {
                    same = _senderAddresses[at + i] == _destination[i];
                }
                if (same)
                {
                    _senderUsed[slot] = ++_uses;
                    return _senders[slot];
                }
            }
            var ip = new byte[4];
            for (int i = 0; i < 4; i++)
            {
                ip[i] = _destination[i];
            }
            int free = LeastRecentlyUsed();
            System.Array.Copy(_destination, 0, _senderAddresses, free * AddressLength, AddressLength);
            _senders[free] = ToPeer(new IPEndPoint(new IPAddress(ip), (_destination[4] << 8) | _destination[5]));
            _senderUsed[free] = ++_uses;
            return _senders[free];
        }

#if NANOFRAMEWORK_1_0
        private static Peer NewPeer() => new IPEndPoint(IPAddress.Any, 0);

        private static Peer ToPeer(IPEndPoint endPoint) => endPoint;

        private static IPEndPoint ToIPEndPoint(Peer peer) => (IPEndPoint)peer;

        private int ReceiveFrom() => _socket.ReceiveFrom(_receiveBuffer, 0, _receiveBuffer.Length, SocketFlags.None, ref _remote);

        private void SendTo(int count, Peer to) => _socket.SendTo(_sendBuffer, 0, count, SocketFlags.None, to);
#else
        private static readonly IPEndPoint Template = new IPEndPoint(IPAddress.Any, 0);

        private static Peer NewPeer() => new SocketAddress(AddressFamily.InterNetwork);

        private static Peer ToPeer(IPEndPoint endPoint) => endPoint.Serialize();

        private static IPEndPoint ToIPEndPoint(Peer peer) => (IPEndPoint)Template.Create(peer);

        private int ReceiveFrom() => _socket.ReceiveFrom(new System.Span<byte>(_receiveBuffer), SocketFlags.None, _remote);

        private void SendTo(int count, Peer to) => _socket.SendTo(new System.ReadOnlySpan<byte>(_sendBuffer, 0, count), SocketFlags.None, to);
#endif
    }
}
