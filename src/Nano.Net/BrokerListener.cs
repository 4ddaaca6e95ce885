using System.Net;
using System.Net.Sockets;
using Nano.Mqtt.Broker;

namespace Nano.Net
{
    /// <summary>
    /// Serves a <see cref="BrokerEngine"/> over TCP without threads: each <see cref="PollOnce"/> accepts
    /// pending connections, feeds readable sockets to the engine through one shared receive buffer,
    /// and sends the engine's output through one shared send buffer to each socket that is writable:
    /// one <see cref="BrokerEngine.ReadOutput"/> encodes as many packets as the buffer holds, so a socket
    /// that cannot take more is skipped until it can. Uses only the Socket members common to
    /// nanoFramework and .NET; every buffer is allocated in the constructor.
    /// </summary>
    public sealed class BrokerListener : IPollable
    {
        private const int AcceptsPerPoll = 4;
        private const int SendsPerPoll = 4;

        private readonly BrokerEngine _engine;
        private readonly TcpConnection[] _connections;
        private readonly byte[] _receiveBuffer;
        private readonly byte[] _sendBuffer;
        private Socket _listener;
        private int _port;
        private int _open;
        private bool _enginePolled;
        private long _lastEnginePollMs;

        /// <summary>Send and receive timeout set on accepted sockets; bounds a send the socket cannot take at once.</summary>
        public int SocketTimeoutMs = 1000;

        /// <summary>How long a connection the engine closes may take to drain its output before the socket is closed.</summary>
        public int CloseLingerMs = 2000;

        /// <summary>Pending connections the listening socket queues.</summary>
        public int Backlog = 4;

        /// <summary>Set SO_REUSEADDR on the listening socket (lets a restarted broker bind while old
        /// connections linger in TIME_WAIT; leave off on Windows, where it allows port sharing).</summary>
        public bool ReuseAddress;

        /// <summary>Serve TLS: each accepted socket is wrapped by this platform adapter (null = plain TCP).</summary>
        public ITlsServer Tls;

        /// <summary>
        /// Creates a listener with a socket table of <paramref name="maxConnections"/> slots (indexed by
        /// the engine's connection id), one receive buffer and one send buffer shared by all connections.
        /// </summary>
        public BrokerListener(BrokerEngine engine, int maxConnections, int receiveBufferSize, int sendBufferSize)
        {
            _engine = engine;
            _receiveBuffer = new byte[receiveBufferSize];
            _sendBuffer = new byte[sendBufferSize];
            _connections = new TcpConnection[maxConnections];
            for (int i = 0; i < maxConnections; i++)
            {
                _connections[i] = new TcpConnection();
            }
        }

        /// <summary>Creates a listener sized from the engine's capacity record: shared buffers of the maximum packet size.</summary>
        public BrokerListener(BrokerEngine engine, BrokerOptions options)
            : this(engine, options.MaxConnections, options.MaxPacketSize, options.MaxPacketSize)
        {
        }

        /// <summary>The bound port (useful after binding port 0); 0 before <see cref="Start"/>.</summary>
        public int Port => _port;

        /// <summary>True between <see cref="Start"/> and <see cref="Stop"/>.</summary>
        public bool IsListening => _listener != null;

        /// <summary>Sockets currently open.</summary>
        public int OpenConnections => _open;

        /// <summary>Connections accepted and handed to the engine.</summary>
        public long ConnectionsAccepted;

        /// <summary>Connections closed at once because the engine or the socket table had no slot.</summary>
        public long ConnectionsRefused;

        /// <summary>Connections lost through a peer close or a socket error.</summary>
        public long ConnectionsLost;

        /// <summary>Binds and listens; a SocketException (address in use, bad address) propagates to the caller.</summary>
        public void Start(IPAddress bind, int port)
        {
            if (_listener != null)
            {
                return;
            }
            Socket listener = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (ReuseAddress)
                {
                    listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                }
                listener.Bind(new IPEndPoint(bind, port));
                listener.Listen(Backlog);
                _port = ((IPEndPoint)listener.LocalEndPoint).Port;
            }
            catch (SocketException)
            {
                listener.Close();
                throw;
            }
            _listener = listener;
        }

        /// <summary>Accepts, receives, runs the engine's timers and sends; true when anything was done.</summary>
        public bool PollOnce(long nowMs)
        {
            if (_listener == null)
            {
                return false;
            }
            bool worked = AcceptPending(nowMs);
            for (int id = 0; id < _connections.Length; id++)
            {
                TcpConnection c = _connections[id];
                if (c.Socket != null && !c.Closing && ReceiveFrom(id, c, nowMs))
                {
                    worked = true;
                }
            }
            if (!_enginePolled || nowMs != _lastEnginePollMs)
            {
                _engine.Poll(nowMs);
                _enginePolled = true;
                _lastEnginePollMs = nowMs;
            }
            for (int id = 0; id < _connections.Length; id++)
            {
                TcpConnection c = _connections[id];
                if (c.Socket != null && Transmit(id, c, nowMs))
                {
                    worked = true;
                }
            }
            return worked;
        }

        /// <summary>Stops accepting and closes every connection (the engine sees each as lost).</summary>
        public void Stop()
        {
            if (_listener == null)
            {
                return;
            }
            CloseQuietly(_listener);
            _listener = null;
            for (int id = 0; id < _connections.Length; id++)
            {
                TcpConnection c = _connections[id];
                if (c.Socket != null)
                {
                    Lose(id, c, _lastEnginePollMs);
                }
            }
        }

        private bool AcceptPending(long nowMs)
        {
            bool worked = false;
            for (int k = 0; k < AcceptsPerPoll; k++)
            {
                Socket socket;
                try
                {
                    if (!_listener.Poll(0, SelectMode.SelectRead))
                    {
                        break;
                    }
                    socket = _listener.Accept();
                }
                catch (SocketException)
                {
                    // The pending connection was reset before it could be accepted.
                    break;
                }
                worked = true;
                int id = _open < _connections.Length ? _engine.Accept(nowMs) : -1;
                if (id < 0 || id >= _connections.Length || _connections[id].Socket != null)
                {
                    if (id >= 0)
                    {
                        _engine.Closed(id);
                    }
                    ConnectionsRefused++;
                    CloseQuietly(socket);
                    continue;
                }
                try
                {
                    socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay, true);
                    socket.ReceiveTimeout = SocketTimeoutMs;
                    socket.SendTimeout = SocketTimeoutMs;
                }
                catch (SocketException)
                {
                    // Options are an optimisation and a safety net; the connection works without them.
                }
                ITlsChannel tls = null;
                if (Tls != null)
                {
                    tls = Tls.Accept(socket);
                    if (tls == null)
                    {
                        _engine.Closed(id);
                        ConnectionsRefused++;
                        CloseQuietly(socket);
                        continue;
                    }
                }
                _connections[id].Open(socket, tls);
                _open++;
                ConnectionsAccepted++;
            }
            return worked;
        }

        /// <summary>Hands what one socket has received to the engine; detects the peer's close.</summary>
        private bool ReceiveFrom(int id, TcpConnection c, long nowMs)
        {
            int room = _engine.ReceiveCapacity(id);
            if (room == 0)
            {
                // The engine holds unprocessed input until its output drains; TCP pushes back on the peer.
                return false;
            }
            if (room > _receiveBuffer.Length)
            {
                room = _receiveBuffer.Length;
            }
            int n;
            if (c.Tls != null)
            {
                n = c.Tls.Read(_receiveBuffer, 0, room);
                if (n == 0)
                {
                    return false;
                }
                if (n < 0)
                {
                    Lose(id, c, nowMs);
                    return true;
                }
                _engine.Receive(id, _receiveBuffer, 0, n, nowMs);
                return true;
            }
            try
            {
                if (!c.Socket.Poll(0, SelectMode.SelectRead))
                {
                    return false;
                }
                int available = c.Socket.Available;
                if (available == 0)
                {
                    // Readable with nothing to read: the peer closed or the connection failed.
                    Lose(id, c, nowMs);
                    return true;
                }
                n = c.Socket.Receive(_receiveBuffer, 0, available < room ? available : room, SocketFlags.None);
            }
            catch (SocketException)
            {
                Lose(id, c, nowMs);
                return true;
            }
            if (n <= 0)
            {
                Lose(id, c, nowMs);
                return true;
            }
            _engine.Receive(id, _receiveBuffer, 0, n, nowMs);
            return true;
        }

        /// <summary>Sends the engine's output while the socket is writable; closes when the engine asked and the output drained.</summary>
        private bool Transmit(int id, TcpConnection c, long nowMs)
        {
            bool worked = false;
            if (!c.Closing && _engine.WantsClose(id))
            {
                c.Closing = true;
                c.CloseDeadlineMs = nowMs + CloseLingerMs;
                worked = true;
            }
            for (int k = 0; k < SendsPerPoll && _engine.PendingOutput(id) > 0; k++)
            {
                try
                {
                    if (c.Tls == null && !c.Socket.Poll(0, SelectMode.SelectWrite))
                    {
                        break;
                    }
                }
                catch (SocketException)
                {
                    Lose(id, c, nowMs);
                    return true;
                }
                int count = _engine.ReadOutput(id, _sendBuffer, 0, _sendBuffer.Length);
                if (!SendAll(c, count))
                {
                    Lose(id, c, nowMs);
                    return true;
                }
                worked = true;
                if (count < _sendBuffer.Length)
                {
                    break; // the engine had nothing more
                }
            }
            if (c.Closing && (_engine.PendingOutput(id) == 0 || nowMs - c.CloseDeadlineMs >= 0))
            {
                if (c.Tls == null)
                {
                    DiscardInput(c.Socket);
                }
                Release(id, c);
                worked = true;
            }
            return worked;
        }

        /// <summary>
        /// Sends all of <paramref name="count"/> bytes of the send buffer, which the engine has already handed over.
        /// Sockets are blocking with a send timeout and TLS writes whole records, so a send takes everything or
        /// fails; false when the connection failed.
        /// </summary>
        private bool SendAll(TcpConnection c, int count)
        {
            int sent = 0;
            try
            {
                while (sent < count)
                {
                    int n = c.Tls != null
                        ? c.Tls.Write(_sendBuffer, sent, count - sent)
                        : c.Socket.Send(_sendBuffer, sent, count - sent, SocketFlags.None);
                    if (n <= 0)
                    {
                        return false;
                    }
                    sent += n;
                }
            }
            catch (SocketException)
            {
                return false;
            }
            return true;
        }

        private void Lose(int id, TcpConnection c, long nowMs)
        {
            if (!c.Closing)
            {
                _engine.ConnectionLost(id, nowMs);
            }
            ConnectionsLost++;
            Release(id, c);
        }

        private void Release(int id, TcpConnection c)
        {
            if (c.Tls != null)
            {
                c.Tls.Close();
            }
            else
            {
                CloseQuietly(c.Socket);
            }
            c.Reset();
            _open--;
            _engine.Closed(id);
        }

        /// <summary>Reads away unread input so that closing sends FIN after the output rather than RST
        /// (which could discard the output, e.g. a refusing CONNACK, before the peer reads it).</summary>
        private void DiscardInput(Socket socket)
        {
            try
            {
                for (int k = 0; k < SendsPerPoll; k++)
                {
                    int available = socket.Available;
                    if (available == 0)
                    {
                        return;
                    }
                    socket.Receive(_receiveBuffer, 0, available < _receiveBuffer.Length ? available : _receiveBuffer.Length, SocketFlags.None);
                }
            }
            catch (SocketException)
            {
                // The peer is gone already; closing is all that is left.
            }
        }

        private static void CloseQuietly(Socket socket)
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
    }
}
