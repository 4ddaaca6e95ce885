using Nano.Mqtt.Bridge;
using Nano.Mqtt.Client;

namespace Nano.Net
{
    /// <summary>
    /// Serves a <see cref="BridgeEngine"/> from the poll loop: runs the bridge's local side and drives its remote client
    /// over TCP (or TLS) to the first of its addresses; after a failed dial or a lost connection the next address is
    /// dialled (failover in the order given, wrapping round).
    /// </summary>
    public sealed class BridgeLink : IPollable
    {
        private readonly BridgeEngine _bridge;
        private readonly MqttClientTransport[] _transports;
        private int _current;
        private bool _started;

        /// <summary>Creates a link to <paramref name="hosts"/>[i]:<paramref name="ports"/>[i] (dotted IPv4 addresses or names),
        /// through <paramref name="tls"/> when not null, with socket buffers of <paramref name="bufferSize"/> bytes.</summary>
        public BridgeLink(BridgeEngine bridge, string[] hosts, int[] ports, ITlsClient tls, int bufferSize)
        {
            _bridge = bridge;
            _transports = new MqttClientTransport[hosts.Length];
            for (int i = 0; i < hosts.Length; i++)
            {
                _transports[i] = new MqttClientTransport(bridge.Remote, hosts[i], ports[i], bufferSize, bufferSize) { Tls = tls };
            }
        }

        /// <summary>The bridge served.</summary>
        public BridgeEngine Bridge => _bridge;

        /// <summary>How long a dial of any address (name resolution, TCP connect and TLS handshake) may take
        /// (<see cref="MqttClientTransport.ConnectTimeoutMs"/>).</summary>
        public int ConnectTimeoutMs
        {
            get { return _transports[0].ConnectTimeoutMs; }
            set
            {
                for (int i = 0; i < _transports.Length; i++)
                {
                    _transports[i].ConnectTimeoutMs = value;
                }
            }
        }

        /// <summary>Index of the address in use or dialled next.</summary>
        public int CurrentAddress => _current;

        /// <inheritdoc />
        public bool PollOnce(long nowMs)
        {
            if (!_started)
            {
                _started = true;
                _bridge.Start(nowMs);
            }

            bool worked = _bridge.Poll(nowMs);
            MqttClientTransport transport = _transports[_current];
            ClientState before = _bridge.Remote.State;
            long dials = transport.Dials;
            if (transport.PollOnce(nowMs))
            {
                worked = true;
            }

            bool attempted = dials != transport.Dials || before == ClientState.Connecting || before == ClientState.Connected;
            if (attempted && _bridge.Remote.State == ClientState.WaitingToReconnect)
            {
                _current = (_current + 1) % _transports.Length;
            }

            if (_bridge.Poll(nowMs))
            {
                worked = true;
            }

            return worked;
        }

        /// <inheritdoc />
        public void Stop()
        {
            _bridge.Stop(_bridge.Remote.NowMs);
            _transports[_current].PollOnce(_bridge.Remote.NowMs);
            _transports[_current].Stop();
        }
    }
}
