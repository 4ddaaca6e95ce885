using System.Net;
using System.Net.Sockets;
using Nano.MqttSn.Gateway;

namespace Nano.Net
{
    /// <summary>
    /// Serves an <see cref="SnGateway"/> over UDP as one of its links, without threads: each
    /// <see cref="PollOnce"/> hands the datagrams the socket holds to the gateway (client address = IPv4 address
    /// and port, 6 octets), runs the gateway's timers, and sends the gateway's datagrams for this link. A
    /// broadcast (ADVERTISE, GWINFO) goes to <see cref="BroadcastAddress"/>:<see cref="BroadcastPort"/>. Uses only
    /// the Socket members common to nanoFramework and .NET; the buffers are allocated in the constructor.
    /// </summary>
    public sealed class SnUdpEndpoint : IPollable
    {
        private const int AddressLength = 6;
        private const int DatagramsPerPoll = 8;

        private readonly SnGateway _gateway;
        private readonly int _link;
        private readonly byte[] _receiveBuffer;
        private readonly byte[] _sendBuffer;
        private readonly byte[] _address = new byte[AddressLength];
        private readonly byte[] _destination = new byte[AddressLength];
        private readonly byte[] _cachedDestination = new byte[AddressLength];
        private EndPoint _cachedEndPoint;
        private EndPoint _broadcastEndPoint;
        private EndPoint _remote;
        private EndPoint _lastRemote;
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

        /// <summary>Registers a link of <paramref name="maxDatagram"/> octets with the gateway; throws
        /// InvalidOperationException when the gateway has no link left.</summary>
        public SnUdpEndpoint(SnGateway gateway, int maxDatagram)
        {
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
            Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Broadcast, true);
                socket.Bind(new IPEndPoint(bind, port));
                _port = ((IPEndPoint)socket.LocalEndPoint).Port;
            }
            catch (SocketException)
            {
                socket.Close();
                throw;
            }
            _remote = new IPEndPoint(IPAddress.Any, 0);
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
            try
            {
                _socket.Close();
            }
            catch (SocketException)
            {
                // Closing a failed socket can report the failure again; it is released either way.
            }
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
                    // Not Available: it is the size of the next datagram, 0 for an empty one, which would then
                    // never be read and hold back every datagram behind it.
                    if (!_socket.Poll(0, SelectMode.SelectRead))
                    {
                        break;
                    }
                    n = _socket.ReceiveFrom(_receiveBuffer, 0, _receiveBuffer.Length, SocketFlags.None, ref _remote);
                }
                catch (SocketException)
                {
                    SocketErrors++;
                    worked = true;
                    continue;
                }
                worked = true;
                if (!ReferenceEquals(_remote, _lastRemote) && !SetAddress((IPEndPoint)_remote))
                {
                    continue;
                }
                DatagramsReceived++;
                _gateway.Receive(_link, _address, 0, AddressLength, _receiveBuffer, 0, n, nowMs);
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
                EndPoint to;
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
                    _socket.SendTo(_sendBuffer, 0, n, SocketFlags.None, to);
                    DatagramsSent++;
                }
                catch (SocketException)
                {
                    SocketErrors++;
                }
            }
            return worked;
        }

        /// <summary>Takes the client address (IPv4 address and port) of a sender other than the last one; false
        /// for a sender that is not IPv4. A socket that hands back the same endpoint for the same sender costs
        /// nothing per datagram.</summary>
        private bool SetAddress(IPEndPoint from)
        {
            _lastRemote = null;
            byte[] ip = from.Address.GetAddressBytes();
            if (ip.Length != 4)
            {
                return false;
            }
            _address[0] = ip[0];
            _address[1] = ip[1];
            _address[2] = ip[2];
            _address[3] = ip[3];
            _address[4] = (byte)(from.Port >> 8);
            _address[5] = (byte)from.Port;
            _lastRemote = from;
            return true;
        }

        /// <summary>The broadcast endpoint, made again only when <see cref="BroadcastAddress"/> or the port changed.</summary>
        private EndPoint Broadcast()
        {
            int port = BroadcastPort != 0 ? BroadcastPort : _port;
            IPEndPoint cached = (IPEndPoint)_broadcastEndPoint;
            if (cached == null || !ReferenceEquals(cached.Address, BroadcastAddress) || cached.Port != port)
            {
                _broadcastEndPoint = new IPEndPoint(BroadcastAddress, port);
            }
            return _broadcastEndPoint;
        }

        /// <summary>The endpoint of the destination address, reused while consecutive datagrams go to the same client.</summary>
        private EndPoint Destination()
        {
            bool same = _cachedEndPoint != null;
            for (int i = 0; i < AddressLength && same; i++)
            {
                same = _cachedDestination[i] == _destination[i];
            }
            if (!same)
            {
                var ip = new byte[4];
                for (int i = 0; i < 4; i++)
                {
                    ip[i] = _destination[i];
                }
                for (int i = 0; i < AddressLength; i++)
                {
                    _cachedDestination[i] = _destination[i];
                }
                _cachedEndPoint = new IPEndPoint(new IPAddress(ip), (_destination[4] << 8) | _destination[5]);
            }
            return _cachedEndPoint;
        }
    }
}
