using System.Net;
using System.Net.Sockets;
using Nano.MqttSn.Client;
using Nano.MqttSn.Codec;

namespace Nano.Net
{
    /// <summary>
    /// Drives an <see cref="SnClient"/> over UDP from a poll loop: each <see cref="PollOnce"/> runs the client's
    /// timers, hands it the datagrams the socket holds and sends what it queued. Broadcasts (SEARCHGW) go to
    /// <see cref="BroadcastAddress"/>:<see cref="BroadcastPort"/>; datagrams for the gateway go to <see cref="Gateway"/>,
    /// which is learnt from the ADVERTISE or GWINFO of the gateway the client chose, or from the first answer to
    /// a CONNECT sent before any was known (that CONNECT goes to the broadcast address). Every client call is made
    /// under <c>lock (client)</c>, so the application may call the client from another thread under the same lock.
    /// Uses only the Socket members common to nanoFramework and .NET; the buffers are allocated here.
    /// </summary>
    public sealed class SnClientUdpTransport : IPollable
    {
        /// <summary>UDP port of the Nano host's MQTT-SN gateway, the default of <see cref="BroadcastPort"/>.</summary>
        public const int DefaultGatewayPort = 1884;

        private const int DatagramsPerPoll = 8;
        private const int AddressLength = 6;

        private readonly SnClient _client;
        private readonly byte[] _receiveBuffer;
        private readonly byte[] _sendBuffer;
        private EndPoint _remote;
        private EndPoint _broadcastEndPoint;
        private Socket _socket;
        private int _port;

        /// <summary>Where broadcasts go: 255.255.255.255 by default; a subnet broadcast, or the loopback address when the
        /// gateway runs on the same machine.</summary>
        public IPAddress BroadcastAddress = IPAddress.Broadcast;

        /// <summary>Destination port of broadcasts (the gateways' port).</summary>
        public int BroadcastPort = DefaultGatewayPort;

        /// <summary>The gateway's address: set it for a fixed gateway, or leave it null to learn it (see the class summary).</summary>
        public IPEndPoint Gateway;

        /// <summary>Datagrams received and handed to the client.</summary>
        public long DatagramsReceived;

        /// <summary>Datagrams sent.</summary>
        public long DatagramsSent;

        /// <summary>Receive or send failures (e.g. an ICMP port-unreachable reported on the socket, no route for a broadcast).</summary>
        public long SocketErrors;

        /// <summary>A transport for <paramref name="client"/> with buffers of <paramref name="maxDatagram"/> octets
        /// (at least the client's <see cref="SnClientOptions.MaxPacketSize"/>, or its datagrams stay unsent).</summary>
        public SnClientUdpTransport(SnClient client, int maxDatagram)
        {
            _client = client;
            _receiveBuffer = new byte[maxDatagram];
            _sendBuffer = new byte[maxDatagram];
        }

        /// <summary>The bound port (useful after binding port 0); 0 before <see cref="Start"/>.</summary>
        public int Port => _port;

        /// <summary>Binds the socket (port 0 = any free port); a SocketException propagates to the caller.</summary>
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

        /// <summary>Runs the client's timers, receives and sends; true when a datagram moved.</summary>
        public bool PollOnce(long nowMs)
        {
            if (_socket == null)
            {
                return false;
            }

            lock (_client)
            {
                _client.Poll(nowMs);
                bool worked = Receive(nowMs);
                return Transmit() || worked;
            }
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
                    // Not Available: it is the size of the next datagram, 0 for an empty one, which would then never
                    // be read and hold back every datagram behind it.
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
                DatagramsReceived++;
                if (_client.Receive(_receiveBuffer, 0, n, nowMs) == SnError.None)
                {
                    LearnGateway(n);
                }
            }

            return worked;
        }

        /// <summary>Remembers the sender of a datagram that came from the client's gateway: the ADVERTISE or GWINFO of
        /// the gateway it chose (a GWINFO sent by another client carries the gateway's address), or any answer while
        /// no gateway is known. Another client's SEARCHGW teaches nothing.</summary>
        private void LearnGateway(int length)
        {
            int at = _receiveBuffer[0] == 0x01 ? 3 : 1;
            byte type = _receiveBuffer[at];
            if (type == SnMessageType.SearchGw)
            {
                return;
            }

            if (type == SnMessageType.Advertise || type == SnMessageType.GwInfo)
            {
                if (_receiveBuffer[at + 1] != _client.GatewayId)
                {
                    return;
                }

                if (type == SnMessageType.GwInfo && length > at + 2)
                {
                    if (length == at + 2 + AddressLength)
                    {
                        Gateway = FromGwAdd(at + 2);
                    }

                    return;
                }
            }
            else if (Gateway != null)
            {
                return;
            }

            Gateway = (IPEndPoint)_remote;
            _remote = new IPEndPoint(IPAddress.Any, 0);
        }

        /// <summary>A GwAdd of 6 octets: IPv4 address and port, as the Nano gateway's UDP link writes client addresses.</summary>
        private IPEndPoint FromGwAdd(int at)
        {
            byte[] ip = new byte[4];
            for (int i = 0; i < 4; i++)
            {
                ip[i] = _receiveBuffer[at + i];
            }

            return new IPEndPoint(new IPAddress(ip), (_receiveBuffer[at + 4] << 8) | _receiveBuffer[at + 5]);
        }

        private bool Transmit()
        {
            bool worked = false;
            int n;
            while ((n = _client.NextDatagram(_sendBuffer, 0, out bool broadcast)) > 0)
            {
                worked = true;
                EndPoint to = broadcast || Gateway == null ? BroadcastEndPoint() : Gateway;
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

        /// <summary>The broadcast endpoint, made again only when <see cref="BroadcastAddress"/> or <see cref="BroadcastPort"/> changed.</summary>
        private EndPoint BroadcastEndPoint()
        {
            IPEndPoint cached = (IPEndPoint)_broadcastEndPoint;
            if (cached == null || !ReferenceEquals(cached.Address, BroadcastAddress) || cached.Port != BroadcastPort)
            {
                _broadcastEndPoint = new IPEndPoint(BroadcastAddress, BroadcastPort);
            }

            return _broadcastEndPoint;
        }
    }
}
