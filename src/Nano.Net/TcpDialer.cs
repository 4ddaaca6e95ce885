using System.Net;
using System.Net.Sockets;
#if !NANOFRAMEWORK_1_0
using System.Threading.Tasks;
#endif

namespace Nano.Net
{
    /// <summary>
    /// Opens the TCP connection of a <see cref="MqttClientTransport"/> to a dotted IPv4 address, a name resolved at each dial,
    /// or a fixed endpoint. On .NET the dial progresses across polls (an asynchronous DNS query, then a non-blocking connect
    /// watched with Poll) until its deadline; on nanoFramework Socket.Connect always waits, so <see cref="Begin"/> ends the dial.
    /// </summary>
    internal sealed class TcpDialer
    {
        private readonly string _host;
        private readonly IPEndPoint _endPoint;
        private readonly int _port;
        private Socket _connected;
#if !NANOFRAMEWORK_1_0
        private Socket _dialing;
        private Task<IPAddress[]> _resolving;
        private long _deadlineMs;
#endif

        /// <summary>A dialer to <paramref name="host"/>:<paramref name="port"/>, or to <paramref name="endPoint"/> when not null.</summary>
        public TcpDialer(string host, IPEndPoint endPoint, int port)
        {
            _host = host;
            _endPoint = endPoint;
            _port = port;
        }

        /// <summary>True while a dial is under way.</summary>
        public bool Dialing
        {
#if NANOFRAMEWORK_1_0
            get { return false; }
#else
            get { return _dialing != null || _resolving != null; }
#endif
        }

#if NANOFRAMEWORK_1_0
        /// <summary>Resolves and connects in one blocking step (the deadline is the platform's own connect timeout).</summary>
        public DialStatus Begin(long deadlineMs)
        {
            IPAddress address = null;
            try
            {
                address = _endPoint != null ? _endPoint.Address : (IsDotted(_host) ? IPAddress.Parse(_host) : FirstIPv4(Dns.GetHostEntry(_host).AddressList));
            }
            catch (SocketException)
            {
                address = null;
            }

            if (address == null)
            {
                return DialStatus.Failed;
            }

            Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Connect(new IPEndPoint(address, _port));
            }
            catch (SocketException)
            {
                CloseQuietly(socket);
                return DialStatus.Failed;
            }

            _connected = socket;
            return DialStatus.Connected;
        }

        /// <summary>Nothing is under way between polls on nanoFramework.</summary>
        public DialStatus Progress(long nowMs)
        {
            return DialStatus.Failed;
        }

        /// <summary>Nothing is under way between polls on nanoFramework.</summary>
        public void Abandon()
        {
        }
#else
        /// <summary>Starts a dial that must connect before <paramref name="deadlineMs"/>: the name resolution (a DNS query that
        /// completes in the background) or the connect.</summary>
        public DialStatus Begin(long deadlineMs)
        {
            _deadlineMs = deadlineMs;
            if (_endPoint != null)
            {
                return StartConnect(_endPoint.Address);
            }

            if (IsDotted(_host))
            {
                return StartConnect(IPAddress.Parse(_host));
            }

            _resolving = Dns.GetHostAddressesAsync(_host);
            return DialStatus.Running;
        }

        /// <summary>Moves the dial on when its DNS answer or TCP connect is in; fails it at the deadline.</summary>
        public DialStatus Progress(long nowMs)
        {
            if (_resolving != null)
            {
                if (!_resolving.IsCompleted)
                {
                    return TimeOut(nowMs);
                }

                IPAddress address = _resolving.IsCompletedSuccessfully ? FirstIPv4(_resolving.Result) : null;
                _resolving = null;
                return address == null ? DialStatus.Failed : StartConnect(address);
            }

            Socket socket = _dialing;
            try
            {
                if (!socket.Poll(0, SelectMode.SelectWrite) && !socket.Poll(0, SelectMode.SelectError))
                {
                    return TimeOut(nowMs);
                }

                if ((int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) != 0)
                {
                    Abandon();
                    return DialStatus.Failed;
                }
            }
            catch (SocketException)
            {
                Abandon();
                return DialStatus.Failed;
            }

            _dialing = null;
            socket.Blocking = true;
            _connected = socket;
            return DialStatus.Connected;
        }

        /// <summary>Drops a dial under way, closing its socket.</summary>
        public void Abandon()
        {
            if (_dialing != null)
            {
                CloseQuietly(_dialing);
                _dialing = null;
            }

            _resolving = null;
        }

        /// <summary>Starts a non-blocking TCP connect; it completes in <see cref="Progress"/> unless it completes at once.</summary>
        private DialStatus StartConnect(IPAddress address)
        {
            Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Blocking = false;
            try
            {
                socket.Connect(new IPEndPoint(address, _port));
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock || e.SocketErrorCode == SocketError.InProgress)
            {
                _dialing = socket;
                return DialStatus.Running;
            }
            catch (SocketException)
            {
                CloseQuietly(socket);
                return DialStatus.Failed;
            }

            socket.Blocking = true;
            _connected = socket;
            return DialStatus.Connected;
        }

        private DialStatus TimeOut(long nowMs)
        {
            if (nowMs - _deadlineMs < 0)
            {
                return DialStatus.Running;
            }

            Abandon();
            return DialStatus.Failed;
        }
#endif

        /// <summary>The socket of a dial that reported <see cref="DialStatus.Connected"/>, in blocking mode; handed over once.</summary>
        public Socket TakeSocket()
        {
            Socket socket = _connected;
            _connected = null;
            return socket;
        }

        /// <summary>Closes a socket, ignoring the error a failed one may report again.</summary>
        internal static void CloseQuietly(Socket socket)
        {
            try
            {
                socket.Close();
            }
            catch (SocketException)
            {
                // Closing a failed socket can report the failure again; the socket is released either way.
            }
        }

        private static bool IsDotted(string host)
        {
            bool dotted = host.Length > 0;
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                if (c != '.' && (c < '0' || c > '9'))
                {
                    dotted = false;
                }
            }

            return dotted;
        }

        /// <summary>The first IPv4 address of <paramref name="addresses"/>, or null.</summary>
        private static IPAddress FirstIPv4(IPAddress[] addresses)
        {
            for (int i = 0; i < addresses.Length; i++)
            {
                if (addresses[i].AddressFamily == AddressFamily.InterNetwork)
                {
                    return addresses[i];
                }
            }

            return null;
        }
    }
}
