using System.Net;
using System.Net.Sockets;
using Nano.Mqtt.Broker;

namespace Nano.Net
{
    /// <summary>
    /// Serves a <see cref="BrokerEngine"/> over TCP without threads: each <see cref="PollOnce"/> asks
    /// <see cref="Readiness"/> once which sockets are readable, accepts every pending connection, feeds the
    /// readable sockets to the engine through one shared receive buffer, runs the engine's timers, then asks
    /// once which of the connections the engine has output for (<see cref="BrokerEngine.NextOutput"/>) are
    /// writable and sends through one shared send buffer: the output of every writable connection is read into
    /// consecutive segments of it, the engine's store makes what reading recorded durable with one sync
    /// (<see cref="BrokerEngine.CommitOutput"/>), then every segment is sent; a socket that cannot take more is
    /// skipped until it can. With
    /// <see cref="Tls"/>, an accepted socket waits in a handshake table of its own (<see cref="MaxHandshakes"/>
    /// slots, <see cref="HandshakeTimeoutMs"/>) and takes an engine connection only with its first decrypted
    /// byte, so half-open handshakes never keep plain clients out. Uses only the Socket members common to
    /// nanoFramework and .NET; every buffer is allocated in the constructor, the handshake table in
    /// <see cref="Start"/> when TLS is served.
    /// </summary>
    public sealed class BrokerListener : IPollable
    {
        private const int SendsPerPoll = 4;

        private readonly BrokerEngine _engine;
        private readonly TcpConnection[] _connections;
        private readonly byte[] _receiveBuffer;
        private readonly byte[] _sendBuffer;

        /// <summary>The sockets of one readiness question and the connection id of each (-1 = the listening socket).</summary>
        private readonly Socket[] _asked;
        private readonly int[] _askedIds;

        /// <summary>The connections a step sends to, in turn, and the bytes of the send buffer each has in the current round.</summary>
        private readonly int[] _sendIds;
        private readonly int[] _sendLengths;

        /// <summary>The connection id the next step starts sending from: when the send buffer fills, steps take turns.</summary>
        private int _sendFirst;

        /// <summary>One past the highest slot of <see cref="_connections"/> in use: per-step scans stop here.</summary>
        private int _slots;
        private TlsHandshakeTable _handshakes;
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

        /// <summary>Which sockets are ready: one Poll per socket by default (nanoFramework); the PC host sets one
        /// system call for all of them (Nano.Net.Desktop's SocketSelectReadiness).</summary>
        public ISocketReadiness Readiness = new SocketPollReadiness();

        /// <summary>How long the next step may wait for a socket to become readable (0 = not at all): a host with nothing to
        /// do sets it instead of sleeping, so that input wakes it at once.</summary>
        public int ReadWaitMicroseconds;

        /// <summary>Serve TLS: each accepted socket is wrapped by this platform adapter (null = plain TCP).</summary>
        public ITlsServer Tls;

        /// <summary>TLS handshakes under way at once; a connection beyond them is closed at accept.</summary>
        public int MaxHandshakes = 16;

        /// <summary>How long a TLS connection may take from accept to its first decrypted byte.</summary>
        public int HandshakeTimeoutMs = 10000;

        /// <summary>Told about TLS connections that end before reaching the engine (<see cref="BrokerEvent.TlsFailed"/>,
        /// with the handshake slot as the connection); null = nobody.</summary>
        public IBrokerDiagnostics Diagnostics;

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
            _asked = new Socket[maxConnections + 1];
            _askedIds = new int[maxConnections + 1];
            _sendIds = new int[maxConnections];
            _sendLengths = new int[maxConnections];
            for (int i = 0; i < maxConnections; i++)
            {
                _connections[i] = new TcpConnection();
            }
        }

        /// <summary>Creates a listener sized from the engine's capacity record: shared buffers of the maximum packet size,
        /// or of the input buffer size when the engine grows its buffers (<see cref="BrokerOptions.MaxMessageMemory"/>): the
        /// engine then takes and gives large packets in parts.</summary>
        public BrokerListener(BrokerEngine engine, BrokerOptions options)
            : this(engine, options.MaxConnections, SharedBufferSize(options), SharedBufferSize(options))
        {
        }

        private static int SharedBufferSize(BrokerOptions options)
        {
            return options.MaxMessageMemory > 0 && options.InputBufferSize < options.MaxPacketSize ? options.InputBufferSize : options.MaxPacketSize;
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

        /// <summary>TLS connections ended before reaching the engine: failed, timed out or beyond <see cref="MaxHandshakes"/>.</summary>
        public long HandshakesFailed => _handshakes != null ? _handshakes.Failed : 0;

        /// <summary>TLS handshakes under way.</summary>
        public int HandshakesPending => _handshakes != null ? _handshakes.Pending : 0;

        /// <summary>The remote address of engine connection <paramref name="id"/> on this listener, or null.</summary>
        public EndPoint RemoteEndPoint(int id) => id >= 0 && id < _connections.Length ? _connections[id].RemoteEndPoint() : null;

        /// <summary>The remote address of the TLS connection in handshake slot <paramref name="slot"/>, or null.</summary>
        public EndPoint HandshakeEndPoint(int slot) => _handshakes != null && slot >= 0 && slot < _handshakes.Length ? _handshakes.Slot(slot).RemoteEndPoint() : null;

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
            if (Tls != null && _handshakes == null)
            {
                _handshakes = new TlsHandshakeTable(Tls, MaxHandshakes, HandshakeTimeoutMs);
            }
        }

        /// <summary>Accepts, receives, runs the engine's timers and sends; true when anything was done.</summary>
        public bool PollOnce(long nowMs)
        {
            if (_listener == null)
            {
                return false;
            }
            bool worked = ReceiveReady(nowMs);
            if (_handshakes != null && PollHandshakes(nowMs))
            {
                worked = true;
            }
            RunEngine(nowMs);
            if (SendReady(nowMs))
            {
                worked = true;
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
            if (_handshakes != null)
            {
                _handshakes.EndAll();
            }
            for (int id = 0; id < _connections.Length; id++)
            {
                TcpConnection c = _connections[id];
                if (c.Socket != null)
                {
                    Lose(id, c, _lastEnginePollMs);
                }
            }
        }

        /// <summary>Accepts pending connections and feeds the engine from every readable socket: one readiness
        /// question covers the listening socket and each plain connection with input room; TLS sessions are read
        /// through their channel, which holds decrypted bytes the socket no longer shows.</summary>
        private bool ReceiveReady(long nowMs)
        {
            bool worked = false;
            int count = 0;
            _asked[count] = _listener;
            _askedIds[count++] = -1;
            for (int id = 0; id < _slots; id++)
            {
                TcpConnection c = _connections[id];
                if (c.Socket == null || c.Closing)
                {
                    continue;
                }
                if (c.Tls != null)
                {
                    worked |= ReceiveFrom(id, c, nowMs);
                }
                else if (_engine.ReceiveCapacity(id) > 0)
                {
                    _asked[count] = c.Socket;
                    _askedIds[count++] = id;
                }
            }
            Readiness.Select(_asked, count, SelectMode.SelectRead, ReadWaitMicroseconds);
            for (int k = 0; k < count; k++)
            {
                if (_asked[k] == null)
                {
                    continue;
                }
                _asked[k] = null;
                int id = _askedIds[k];
                worked |= id < 0 ? AcceptPending(nowMs) : ReceiveFrom(id, _connections[id], nowMs);
            }
            return worked;
        }

        private void RunEngine(long nowMs)
        {
            if (!_enginePolled || nowMs != _lastEnginePollMs)
            {
                _engine.Poll(nowMs);
                _enginePolled = true;
                _lastEnginePollMs = nowMs;
            }
        }

        /// <summary>Sends to the connections the engine has output for, or is closing: one readiness question covers
        /// the plain sockets among them (TLS sessions take their records at once); up to <see cref="SendsPerPoll"/>
        /// rounds of <see cref="SendRound"/> then serve the ready ones in turn, starting where the last step stopped.</summary>
        private bool SendReady(long nowMs)
        {
            int asked = 0;
            int ready = 0;
            bool worked = AddSendCandidates(_sendFirst, _connections.Length, ref asked, ref ready, nowMs);
            worked |= AddSendCandidates(0, _sendFirst, ref asked, ref ready, nowMs);
            Readiness.Select(_asked, asked, SelectMode.SelectWrite, 0);
            for (int k = 0; k < asked; k++)
            {
                if (_asked[k] != null)
                {
                    _asked[k] = null;
                    _sendIds[ready++] = _askedIds[k];
                }
            }
            int next = 0;
            for (int round = 0; round < SendsPerPoll && next < ready; round++)
            {
                next = SendRound(next, ready, round > 0, nowMs, ref worked);
            }
            if (next < ready)
            {
                _sendFirst = _sendIds[next] + 1;
            }
            return ReleaseDrained(nowMs) || worked;
        }

        /// <summary>Adds the connections in [<paramref name="from"/>, <paramref name="to"/>) with output or closing: plain
        /// sockets to the readiness question, TLS sessions to the send list; marks those the engine closes.</summary>
        private bool AddSendCandidates(int from, int to, ref int asked, ref int ready, long nowMs)
        {
            bool worked = false;
            for (int id = _engine.NextOutput(from); id >= 0 && id < to; id = _engine.NextOutput(id + 1))
            {
                TcpConnection c = _connections[id];
                if (c.Socket == null)
                {
                    continue; // a connection of another listener on the same engine
                }
                if (!c.Closing && _engine.WantsClose(id))
                {
                    c.Closing = true;
                    c.CloseDeadlineMs = nowMs + CloseLingerMs;
                    worked = true;
                }
                if (c.Tls != null)
                {
                    _sendIds[ready++] = id;
                }
                else
                {
                    _asked[asked] = c.Socket;
                    _askedIds[asked++] = id;
                }
            }
            return worked;
        }

        /// <summary>
        /// Reads the output of the send list's connections from <paramref name="first"/> on into consecutive segments of
        /// the send buffer until it is full, commits once, then sends each segment. The commit sits between reading and
        /// sending because reading makes records too (a queued QoS 1/2 message becomes inflight under its packet id),
        /// and they must be durable before that PUBLISH leaves. Returns where the next round starts: the last connection
        /// read again when it filled the buffer (a plain socket only if still writable), else past the list.
        /// </summary>
        private int SendRound(int first, int ready, bool again, long nowMs, ref bool worked)
        {
            int used = 0;
            int end = first;
            while (end < ready && used < _sendBuffer.Length)
            {
                int id = _sendIds[end];
                TcpConnection c = _connections[id];
                int n = 0;
                if (c.Socket != null && (!again || end != first || StillWritable(id, c, nowMs, ref worked)))
                {
                    n = _engine.ReadOutputWithoutCommit(id, _sendBuffer, used, _sendBuffer.Length - used);
                }
                _sendLengths[end++] = n;
                used += n;
            }
            if (used == 0)
            {
                return end;
            }
            _engine.CommitOutput();
            int offset = 0;
            for (int k = first; k < end; k++)
            {
                int n = _sendLengths[k];
                if (n > 0)
                {
                    int id = _sendIds[k];
                    TcpConnection c = _connections[id];
                    if (!SendAll(c, offset, n))
                    {
                        Lose(id, c, nowMs);
                    }
                    worked = true;
                }
                offset += n;
            }
            return used == _sendBuffer.Length ? end - 1 : end;
        }

        private bool StillWritable(int id, TcpConnection c, long nowMs, ref bool worked)
        {
            try
            {
                return c.Tls != null || c.Socket.Poll(0, SelectMode.SelectWrite);
            }
            catch (SocketException)
            {
                Lose(id, c, nowMs);
                worked = true;
                return false;
            }
        }

        /// <summary>Closes the connections the engine closed once their output drained or their linger time ran out.</summary>
        private bool ReleaseDrained(long nowMs)
        {
            bool worked = false;
            for (int id = 0; id < _slots; id++)
            {
                TcpConnection c = _connections[id];
                if (c.Socket != null && c.Closing && (_engine.PendingOutput(id) == 0 || nowMs - c.CloseDeadlineMs >= 0))
                {
                    if (c.Tls == null)
                    {
                        DiscardInput(c.Socket);
                    }
                    Release(id, c);
                    worked = true;
                }
            }
            return worked;
        }

        /// <summary>Accepts every pending connection, up to one table's worth per step.</summary>
        private bool AcceptPending(long nowMs)
        {
            bool worked = false;
            for (int k = 0; k < _connections.Length; k++)
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
                if (Tls != null)
                {
                    SetOptions(socket);
                    _handshakes.Begin(socket, nowMs, Diagnostics);
                    continue;
                }
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
                SetOptions(socket);
                Opened(id, socket, null, nowMs);
            }
            return worked;
        }

        private void SetOptions(Socket socket)
        {
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
        }

        /// <summary>Moves each TLS connection whose first decrypted byte has arrived to an engine slot; ends the failed
        /// and the late ones. One byte is read here, the rest by <see cref="ReceiveFrom"/>.</summary>
        private bool PollHandshakes(long nowMs)
        {
            bool worked = false;
            for (int slot = 0; slot < _handshakes.Length; slot++)
            {
                int first = _handshakes.FirstByte(slot, nowMs, _receiveBuffer, Diagnostics);
                if (first == 0)
                {
                    continue;
                }
                worked = true;
                if (first < 0)
                {
                    continue;
                }
                int id = _open < _connections.Length ? _engine.Accept(nowMs) : -1;
                if (id < 0 || id >= _connections.Length || _connections[id].Socket != null)
                {
                    if (id >= 0)
                    {
                        _engine.Closed(id);
                    }
                    ConnectionsRefused++;
                    _handshakes.End(slot);
                    continue;
                }
                TcpConnection h = _handshakes.Slot(slot);
                Opened(id, h.Socket, h.Tls, nowMs);
                h.Reset();
                _engine.Receive(id, _receiveBuffer, 0, 1, nowMs);
            }
            return worked;
        }

        private void Opened(int id, Socket socket, ITlsChannel tls, long nowMs)
        {
            _connections[id].Open(socket, tls, nowMs);
            if (id >= _slots)
            {
                _slots = id + 1;
            }
            _open++;
            ConnectionsAccepted++;
        }

        /// <summary>Hands what one readable socket (or TLS session) has received to the engine; detects the peer's close.</summary>
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

        /// <summary>
        /// Sends <paramref name="count"/> bytes of the send buffer from <paramref name="offset"/> on, which the engine has
        /// already handed over. Sockets are blocking with a send timeout and TLS writes whole records, so a send takes
        /// everything or fails; false when the connection failed.
        /// </summary>
        private bool SendAll(TcpConnection c, int offset, int count)
        {
            int sent = offset;
            int stop = offset + count;
            try
            {
                while (sent < stop)
                {
                    int n = c.Tls != null
                        ? c.Tls.Write(_sendBuffer, sent, stop - sent)
                        : c.Socket.Send(_sendBuffer, sent, stop - sent, SocketFlags.None);
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
            while (_slots > 0 && _connections[_slots - 1].Socket == null)
            {
                _slots--;
            }
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
