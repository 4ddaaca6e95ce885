using System.Net;
using System.Net.Sockets;
using Nano.Mqtt.Client;

namespace Nano.Net
{
    /// <summary>
    /// Drives a <see cref="MqttClientEngine"/> over TCP from a poll loop: dials when the engine wants a
    /// connection (and its backoff allows), feeds received bytes, sends the output as far as the socket
    /// takes it (keeping the unsent rest), and closes the socket once the engine has ended the connection
    /// and its output (a DISCONNECT) is sent. Every engine call is made under <c>lock (engine)</c>, the
    /// convention <see cref="MqttClient"/> follows, so the application may publish from another thread.
    /// Uses only the Socket members common to nanoFramework and .NET; buffers are allocated here.
    /// On .NET the dial progresses across polls (name resolution through an asynchronous DNS query, a non-blocking connect
    /// watched with Poll, both in <see cref="TcpDialer"/>, then the TLS client handshake on .NET's asynchronous SslStream) and gives up after
    /// <see cref="ConnectTimeoutMs"/>. On nanoFramework Socket.Connect and SslStream's handshake always wait, so the dial
    /// blocks the poll loop (outside the lock), bounded by the platform's connect timeout and, for each handshake read,
    /// <see cref="SocketTimeoutMs"/>.
    /// </summary>
    public sealed class MqttClientTransport : IPollable
    {
        private const int SendsPerPoll = 4;

        private readonly MqttClientEngine _engine;
        private readonly string _host;
        private readonly TcpDialer _dialer;
        private readonly byte[] _receiveBuffer;
        private readonly byte[] _sendBuffer;
        private int _receiveOffset;
        private int _receiveCount;
        private int _sendOffset;
        private int _sendCount;
        private Socket _socket;
        private ITlsChannel _tls;
        private bool _closing;
        private bool _handshaking;
        private long _closeDeadlineMs;
        private long _dialDeadlineMs;

        /// <summary>Send and receive timeout set on the socket; bounds a send the socket cannot take at once.</summary>
        public int SocketTimeoutMs = 5000;

        /// <summary>How long a dial (name resolution, TCP connect and TLS handshake) may take on .NET before it counts as failed
        /// (on nanoFramework the dial blocks, bounded by the platform).</summary>
        public int ConnectTimeoutMs = 10000;

        /// <summary>How long the output of an ended connection (a DISCONNECT) may take to drain before the socket is closed.</summary>
        public int CloseLingerMs = 1000;

        /// <summary>Connect over TLS through this platform adapter (null = plain TCP); a failed handshake or
        /// certificate check counts as a failed dial.</summary>
        public ITlsClient Tls;

        /// <summary>The name the server certificate must carry; defaults to the host name given to the constructor.</summary>
        public string TlsTargetHost;

        /// <summary>Dials started.</summary>
        public long Dials;

        /// <summary>Dials that failed (name resolution, TCP connect, its timeout or the TLS handshake).</summary>
        public long DialFailures;

        /// <summary>Connections lost through a peer close or a socket error.</summary>
        public long ConnectionsLost;

        /// <summary>Creates a transport to <paramref name="host"/> (dotted IPv4 address or a name resolved at each dial).</summary>
        public MqttClientTransport(MqttClientEngine engine, string host, int port, int receiveBufferSize, int sendBufferSize)
            : this(engine, host, new TcpDialer(host, null, port), receiveBufferSize, sendBufferSize)
        {
        }

        /// <summary>Creates a transport to a fixed endpoint.</summary>
        public MqttClientTransport(MqttClientEngine engine, IPEndPoint endPoint, int receiveBufferSize, int sendBufferSize)
            : this(engine, null, new TcpDialer(null, endPoint, endPoint.Port), receiveBufferSize, sendBufferSize)
        {
        }

        private MqttClientTransport(MqttClientEngine engine, string host, TcpDialer dialer, int receiveBufferSize, int sendBufferSize)
        {
            _engine = engine;
            _host = host;
            _dialer = dialer;
            _receiveBuffer = new byte[receiveBufferSize < 16 ? 16 : receiveBufferSize];
            _sendBuffer = new byte[sendBufferSize < 16 ? 16 : sendBufferSize];
        }

        /// <summary>True while a socket is open.</summary>
        public bool IsOpen
        {
            get { return _socket != null; }
        }

        /// <summary>Runs the engine's timers, dials, receives, sends and closes as due; true when anything was done.</summary>
        public bool PollOnce(long nowMs)
        {
            bool dial;
            lock (_engine)
            {
                _engine.Poll(nowMs);
                if (_socket != null)
                {
                    if (_handshaking && !ProgressHandshake(nowMs))
                    {
                        return _socket == null;
                    }

                    bool worked = Transmit(nowMs);
                    if (_socket != null && !_closing && Feed(nowMs))
                    {
                        worked = true;
                    }

                    if (_socket != null && Transmit(nowMs))
                    {
                        worked = true;
                    }

                    return worked;
                }

                dial = !_dialer.Dialing && _engine.WantsConnection && nowMs - _engine.NextConnectAt >= 0;
                if (dial)
                {
                    _engine.Connect(nowMs);
                }
            }

            if (dial)
            {
                Dials++;
                _dialDeadlineMs = nowMs + ConnectTimeoutMs;
                Dialed(_dialer.Begin(_dialDeadlineMs), nowMs);
                return true;
            }

            return _dialer.Dialing && ProgressDial(nowMs);
        }

        /// <summary>Closes the socket; the engine sees the connection as lost (and reconnects if it wants to).</summary>
        public void Stop()
        {
            lock (_engine)
            {
                if (_socket != null)
                {
                    Lose(_engine.NowMs);
                }
            }
        }

        /// <summary>Moves a dial under way on; true when it ended (connected, failed or dropped).</summary>
        private bool ProgressDial(long nowMs)
        {
            if (_engine.State != ClientState.Connecting)
            {
                // The engine gave up (its CONNACK timeout) or the application disconnected while the dial was under way.
                _dialer.Abandon();
                return true;
            }

            DialStatus status = _dialer.Progress(nowMs);
            if (status == DialStatus.Running)
            {
                return false;
            }

            Dialed(status, nowMs);
            return true;
        }

        private void Dialed(DialStatus status, long nowMs)
        {
            if (status == DialStatus.Connected)
            {
                Established(_dialer.TakeSocket(), nowMs);
            }
            else if (status == DialStatus.Failed)
            {
                FailDial(nowMs);
            }
        }

        private void FailDial(long nowMs)
        {
            lock (_engine)
            {
                DialFailures++;
                if (_engine.State == ClientState.Connecting)
                {
                    _engine.ConnectionLost(nowMs);
                }
            }
        }

        /// <summary>Moves a TLS handshake under way on: true once it is done; a failed one, or one still running at the dial's
        /// deadline, fails the dial, and one the engine no longer waits for is dropped.</summary>
        private bool ProgressHandshake(long nowMs)
        {
            TlsHandshake handshake = _tls.Handshake;
            if (handshake == TlsHandshake.Done)
            {
                _handshaking = false;
                return true;
            }

            if (_engine.State != ClientState.Connecting)
            {
                Release(); // the engine gave up (its CONNACK timeout) or the application disconnected
            }
            else if (handshake == TlsHandshake.Failed || nowMs - _dialDeadlineMs >= 0)
            {
                Release();
                FailDial(nowMs);
            }

            return false;
        }

        /// <summary>Takes a connected socket into use, with the TLS handshake started when TLS is configured (a failed start
        /// fails the dial).</summary>
        private void Established(Socket socket, long nowMs)
        {
            ITlsChannel tls = null;
            try
            {
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay, true);
                socket.ReceiveTimeout = SocketTimeoutMs;
                socket.SendTimeout = SocketTimeoutMs;
                if (Tls != null)
                {
                    tls = Tls.Connect(socket, TlsTargetHost != null ? TlsTargetHost : _host);
                }
            }
            catch (SocketException)
            {
                tls = null;
            }

            if (Tls != null && tls == null)
            {
                TcpDialer.CloseQuietly(socket);
                FailDial(nowMs);
                return;
            }

            lock (_engine)
            {
                _socket = socket;
                _tls = tls;
                _handshaking = tls != null;
                _closing = false;
                _receiveOffset = 0;
                _receiveCount = 0;
                _sendOffset = 0;
                _sendCount = 0;
                if (_engine.State != ClientState.Connecting)
                {
                    // The application disconnected while the dial was under way.
                    Release();
                }
            }
        }

        /// <summary>Offers buffered input to the engine, reading from the socket when none is buffered.</summary>
        private bool Feed(long nowMs)
        {
            if (_receiveCount == 0)
            {
                int n;
                if (_tls != null)
                {
                    n = _tls.Read(_receiveBuffer, 0, _receiveBuffer.Length);
                    if (n == 0)
                    {
                        return false;
                    }

                    if (n < 0)
                    {
                        Lose(nowMs);
                        return true;
                    }
                }
                else
                {
                    try
                    {
                        if (!_socket.Poll(0, SelectMode.SelectRead))
                        {
                            return false;
                        }

                        int available = _socket.Available;
                        if (available == 0)
                        {
                            // Readable with nothing to read: the peer closed or the connection failed.
                            Lose(nowMs);
                            return true;
                        }

                        n = _socket.Receive(_receiveBuffer, 0, available < _receiveBuffer.Length ? available : _receiveBuffer.Length, SocketFlags.None);
                    }
                    catch (SocketException)
                    {
                        Lose(nowMs);
                        return true;
                    }

                    if (n <= 0)
                    {
                        Lose(nowMs);
                        return true;
                    }
                }

                _receiveOffset = 0;
                _receiveCount = n;
            }

            // The engine takes less than offered while its output is full; the rest waits for the next poll.
            int used = _engine.Receive(_receiveBuffer, _receiveOffset, _receiveCount, nowMs);
            _receiveOffset += used;
            _receiveCount -= used;
            return used > 0;
        }

        /// <summary>Sends the engine's output as far as the socket takes it; closes the socket once the engine
        /// has ended the connection and its output is sent (or the linger time is over).</summary>
        private bool Transmit(long nowMs)
        {
            bool worked = false;
            ClientState state = _engine.State;
            if (!_closing && state != ClientState.Connecting && state != ClientState.Connected)
            {
                _closing = true;
                _closeDeadlineMs = nowMs + CloseLingerMs;
                _receiveCount = 0;
            }

            for (int k = 0; k < SendsPerPoll; k++)
            {
                if (_sendCount == 0)
                {
                    _sendOffset = 0;
                    _sendCount = _engine.ReadOutput(_sendBuffer, 0, _sendBuffer.Length);
                    if (_sendCount == 0)
                    {
                        break;
                    }
                }

                int sent;
                try
                {
                    if (_tls != null)
                    {
                        sent = _tls.Write(_sendBuffer, _sendOffset, _sendCount);
                    }
                    else if (!_socket.Poll(0, SelectMode.SelectWrite))
                    {
                        break;
                    }
                    else
                    {
                        sent = _socket.Send(_sendBuffer, _sendOffset, _sendCount, SocketFlags.None);
                    }
                }
                catch (SocketException)
                {
                    Lose(nowMs);
                    return true;
                }

                if (sent < 0)
                {
                    Lose(nowMs);
                    return true;
                }

                if (sent <= 0)
                {
                    break;
                }

                _sendOffset += sent;
                _sendCount -= sent;
                worked = true;
            }

            if (_closing && ((_sendCount == 0 && _engine.PendingOutput == 0) || nowMs - _closeDeadlineMs >= 0))
            {
                Release();
                worked = true;
            }

            return worked;
        }

        private void Lose(long nowMs)
        {
            ConnectionsLost++;
            Release();
            _engine.ConnectionLost(nowMs);
        }

        private void Release()
        {
            if (_tls != null)
            {
                _tls.Close();
                _tls = null;
            }
            else
            {
                TcpDialer.CloseQuietly(_socket);
            }

            _socket = null;
            _closing = false;
            _handshaking = false;
            _receiveCount = 0;
            _sendCount = 0;
        }
    }
}
