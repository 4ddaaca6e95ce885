using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Threading;
using Nano.Mqtt.Bridge;
using Nano.Mqtt.Broker;
using Nano.Mqtt.Persistence;
using Nano.MqttSn.Gateway;
using Nano.MqttSn.Radio;
using Nano.Net;

namespace Nano.Host
{
    /// <summary>
    /// The broker engine served over TCP by one poll-loop thread. <see cref="Start"/> binds before it
    /// returns, so <see cref="Port"/> is known at once (bind port 0 in tests).
    /// </summary>
    public sealed class BrokerHost : IDisposable
    {
        /// <summary>After the last work, the loop yields this long before it waits for input between polls.</summary>
        private const long BusyWindowMs = 2;

        /// <summary>Once idle, each pass waits this long for TCP input (the listener's readiness question) instead of sleeping.</summary>
        private const int IdleWaitMicroseconds = 1000;

        /// <summary>Connections the kernel completes before the loop accepts them: a thousand clients connecting at once
        /// must not overflow it (an overflow costs each refused client a SYN retry, a second or more).</summary>
        private const int ConnectBacklog = 1024;

        private readonly HostOptions _options;
        private readonly StatusLine _status;
        private readonly PollLoop _loop;
        private readonly long _ticksPerMs = Stopwatch.Frequency / 1000;
        private FileStoreMedium _store;
        private Thread _thread;
        private volatile bool _stopping;

        /// <summary>Creates the engine and listener (all broker memory is allocated here).</summary>
        /// <param name="options">Where to listen and the broker's capacities.</param>
        /// <param name="status">Where the live status line goes; null for none.</param>
        /// <param name="statusIsTerminal">Rewrite the status line in place instead of writing lines.</param>
        public BrokerHost(HostOptions options, TextWriter status = null, bool statusIsTerminal = false)
        {
            _options = options;
            if (options.Authenticator is PasswordFile passwords)
            {
                passwords.HashStepsPerPoll = options.PasswordHashSteps;
            }
            Engine = new BrokerEngine(options.Broker) { Authenticator = options.Authenticator, Acl = options.Acl };
            Log = new BrokerLog(options.Log, PeerOf, HandshakePeerOf);
            Engine.Diagnostics = Log;
            if (options.Persistence)
            {
                OpenStore(options.PersistencePath);
            }
            Listener = new BrokerListener(Engine, options.Broker)
            {
                ReuseAddress = !OperatingSystem.IsWindows(),
                Backlog = ConnectBacklog,
                Readiness = new Nano.Net.Desktop.SocketSelectReadiness(),
            };
            _loop = new PollLoop(4 + options.Bridges.Count);
            _loop.Add(Listener);
            if (options.Tls != null)
            {
                // A second listener on the same engine: connection ids come from the engine, so the two tables never collide.
                TlsListener = new BrokerListener(Engine, options.Broker)
                {
                    ReuseAddress = !OperatingSystem.IsWindows(),
                    Backlog = ConnectBacklog,
                    Readiness = new Nano.Net.Desktop.SocketSelectReadiness(),
                    Tls = options.Tls,
                    MaxHandshakes = options.MaxHandshakes,
                    HandshakeTimeoutMs = options.HandshakeTimeoutMs,
                    Diagnostics = Log,
                };
                _loop.Add(TlsListener);
            }
            if (options.SnEnabled || options.RadioEnabled)
            {
                Gateway = new SnGateway(options.Gateway, Engine);
            }
            if (options.SnEnabled)
            {
                SnEndpoint = new SnUdpEndpoint(Gateway, options.Gateway.MaxDatagramSize, options.Gateway.MaxClients)
                {
                    // Broadcasts stay on the machine when it listens on loopback only.
                    BroadcastAddress = options.SnDiscoveryAddress ?? (IPAddress.IsLoopback(options.Bind) ? IPAddress.Loopback : IPAddress.Broadcast),
                    BroadcastPort = options.SnDiscoveryPort,
                };
                _loop.Add(SnEndpoint);
            }
            if (options.RadioEnabled)
            {
                // The serial port opens here: an IOException or UnauthorizedAccessException propagates.
                Radio = new SerialRadioHost(Gateway, RadioProfile.Create(options.Radio, 0), options.SerialPort, options.Baud,
                    options.SimulateNodes, options.SimulateIntervalMs, pollsGateway: SnEndpoint == null);
                _loop.Add(Radio);
            }
            Bridges = new BridgeLink[options.Bridges.Count];
            for (int i = 0; i < Bridges.Length; i++)
            {
                BridgeConfig config = options.Bridges[i];
                var bridge = new BridgeEngine(config.Options, Engine);
                Bridges[i] = new BridgeLink(bridge, config.Hosts.ToArray(), config.Ports.ToArray(), config.Tls, 16384)
                {
                    ConnectTimeoutMs = config.Options.Remote.ConnectTimeoutMs,
                };
                _loop.Add(Bridges[i]);
                string name = config.Options.Name;
                BridgeLink link = Bridges[i];
                bridge.Remote.StateChanged += (state, reason) => Log.Write(LogTypes.Notice, "bridge " + name + ": " + Describe(state, reason)
                    + " (" + config.Hosts[link.CurrentAddress] + ":" + config.Ports[link.CurrentAddress] + "), "
                    + bridge.Statistics.MessagesOut + " out, " + bridge.Statistics.MessagesIn + " in, " + bridge.Queued + " queued");
            }
            _status = status == null ? null : new StatusLine(status, statusIsTerminal) { Gateway = Gateway?.Statistics };
        }

        /// <summary>The broker's store; null unless <see cref="HostOptions.Persistence"/> is on.</summary>
        public BrokerPersistence Persistence { get; private set; }

        /// <summary>What was read from the store at start-up; null without persistence.</summary>
        public RecoveryReport Recovery { get; private set; }

        /// <summary>Formats the engine's and the TLS listener's events, and bridge state changes, as log lines.</summary>
        public BrokerLog Log { get; }

        /// <summary>The bridges to upstream brokers, in configuration order.</summary>
        public BridgeLink[] Bridges { get; }

        private static string Describe(Nano.Mqtt.Client.ClientState state, Nano.Mqtt.Client.DisconnectReason reason)
        {
            switch (state)
            {
                case Nano.Mqtt.Client.ClientState.Connected: return "connected";
                case Nano.Mqtt.Client.ClientState.Connecting: return "connecting";
                case Nano.Mqtt.Client.ClientState.WaitingToReconnect: return reason == Nano.Mqtt.Client.DisconnectReason.None ? "starting" : "reconnecting after " + reason;
                default: return "stopped (" + reason + ")";
            }
        }

        /// <summary>The engine; touch it only from the loop thread while running (reading counters is fine).</summary>
        public BrokerEngine Engine { get; }

        /// <summary>The TCP listener.</summary>
        public BrokerListener Listener { get; }

        /// <summary>The MQTT-SN gateway inside the engine; null when <see cref="HostOptions.SnPort"/> is 0.</summary>
        public SnGateway Gateway { get; }

        /// <summary>The gateway's UDP endpoint; null when off.</summary>
        public SnUdpEndpoint SnEndpoint { get; }

        /// <summary>The bound MQTT-SN UDP port; 0 when off.</summary>
        public int SnPort => SnEndpoint == null ? 0 : SnEndpoint.Port;

        /// <summary>The radio links (serial port and/or simulated nodes), or null when none is configured.</summary>
        public SerialRadioHost Radio { get; }

        /// <summary>The TLS listener, or null when TLS is not configured.</summary>
        public BrokerListener TlsListener { get; }

        /// <summary>The bound TLS port; 0 without TLS.</summary>
        public int TlsPort => TlsListener == null ? 0 : TlsListener.Port;

        /// <summary>The bound port.</summary>
        public int Port => Listener.Port;

        /// <summary>The bound address and port.</summary>
        public IPEndPoint EndPoint => new IPEndPoint(_options.Bind, Listener.Port);

        /// <summary>Monotonic milliseconds, the clock handed to the engine.</summary>
        public long NowMs => Stopwatch.GetTimestamp() / _ticksPerMs;

        /// <summary>Binds (a SocketException propagates) and starts the poll-loop thread.</summary>
        public void Start()
        {
            if (_thread != null)
            {
                return;
            }
            Listener.Start(_options.Bind, _options.Port);
            if (TlsListener != null)
            {
                try
                {
                    TlsListener.Start(_options.Bind, _options.TlsPort);
                }
                catch (System.Net.Sockets.SocketException)
                {
                    Listener.Stop();
                    throw;
                }
            }
            if (SnEndpoint != null)
            {
                try
                {
                    SnEndpoint.Start(_options.Bind, _options.SnBindPort);
                }
                catch (System.Net.Sockets.SocketException)
                {
                    Listener.Stop();
                    throw;
                }
            }
            _stopping = false;
            Log.Write(LogTypes.Information, BrokerEngine.Version + " running, listening on " + EndPoint
                + (TlsListener != null ? " and TLS port " + TlsPort : "") + ".");
            _thread = new Thread(Run) { IsBackground = true, Name = "Nano broker poll loop" };
            _thread.Start();
        }

        /// <summary>Stops accepting, closes every socket and waits for the loop thread to end.</summary>
        public void Stop()
        {
            if (_thread == null)
            {
                return;
            }
            _stopping = true;
            _thread.Join();
            _thread = null;
        }

        /// <inheritdoc />
        public void Dispose() => Stop();

        /// <summary>Reads the store and rebuilds the engine from it before anything is served; logs what was recovered.</summary>
        private void OpenStore(string path)
        {
            try
            {
                _store = new FileStoreMedium(path);
                Persistence = new BrokerPersistence(_store);
                Recovery = Persistence.Open(Engine, NowMs);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                _store?.Dispose();
                throw new StoreOpenException("cannot use persistence file " + path + ": " + e.Message, e);
            }
            Log.Write(Recovery.Damage == StoreDamage.None ? LogTypes.Notice : LogTypes.Warning, RecoveryText.Describe(path, Recovery));
        }

        private string PeerOf(int connection)
        {
            System.Net.EndPoint peer = Listener.RemoteEndPoint(connection) ?? TlsListener?.RemoteEndPoint(connection);
            return peer?.ToString();
        }

        private string HandshakePeerOf(int slot) => TlsListener?.HandshakeEndPoint(slot)?.ToString();

        private void Run()
        {
            long lastWorkMs = NowMs;
            while (!_stopping)
            {
                long now = NowMs;
                bool idle = now - lastWorkMs >= BusyWindowMs;
                Listener.ReadWaitMicroseconds = idle ? IdleWaitMicroseconds : 0;
                if (_loop.PollOnce(now))
                {
                    lastWorkMs = now;
                }
                else if (!idle)
                {
                    Thread.Yield();
                }
                _status?.Update(now, Engine.Statistics);
            }
            _loop.Stop();
            _store?.Dispose();
            _status?.Finish();
            Log.Write(LogTypes.Information, BrokerEngine.Version + " terminating.");
        }
    }
}
