using Nano.Mqtt.Broker;
using Nano.Mqtt.Client;

namespace Nano.Mqtt.Bridge
{
    /// <summary>
    /// Connects a <see cref="MqttClientEngine"/> to a <see cref="BrokerEngine"/> in the same process: a dial takes one
    /// of the broker's connection slots, and <see cref="Poll"/> moves bytes both ways through the broker's public
    /// Accept/Receive/ReadOutput API, as a socket would. Bytes the client does not take (it holds PUBLISHes, see
    /// <see cref="MqttClientEngine.HoldPublishes"/>) wait in the transport, so the broker sees a slow reader.
    /// </summary>
    public sealed class InProcessTransport
    {
        private readonly MqttClientEngine _client;
        private readonly BrokerEngine _broker;
        private readonly byte[] _toBroker;
        private readonly byte[] _fromBroker;
        private int _fromBrokerCount;
        private int _slot = -1;

        /// <summary>Creates the transport with two buffers of <paramref name="bufferSize"/> bytes.</summary>
        public InProcessTransport(MqttClientEngine client, BrokerEngine broker, int bufferSize)
        {
            _client = client;
            _broker = broker;
            _toBroker = new byte[bufferSize < 64 ? 64 : bufferSize];
            _fromBroker = new byte[_toBroker.Length];
        }

        /// <summary>False refuses dials (the broker is out of reach); the client retries after its backoff.</summary>
        public bool Reachable = true;

        /// <summary>Dials that found no free slot or an unreachable broker, and connections the broker closed.</summary>
        public long Failures;

        /// <summary>True while the client holds a slot.</summary>
        public bool IsOpen => _slot >= 0;

        /// <summary>Dials when the client wants it, moves bytes both ways until neither side has more, and releases the
        /// slot when the broker or the client ended the connection. True when anything was done.</summary>
        public bool Poll(long nowMs)
        {
            bool worked = false;
            if (_slot < 0 && _client.WantsConnection && nowMs - _client.NextConnectAt >= 0)
            {
                _slot = Reachable ? _broker.Accept(nowMs) : -1;
                _client.Connect(nowMs);
                if (_slot < 0)
                {
                    Failures++;
                    _client.ConnectionLost(nowMs);
                }

                worked = true;
            }

            _client.Poll(nowMs);
            bool moved = _slot >= 0;
            while (moved)
            {
                moved = false;
                int capacity = _broker.ReceiveCapacity(_slot);
                int n = _client.ReadOutput(_toBroker, 0, capacity < _toBroker.Length ? capacity : _toBroker.Length);
                if (n > 0)
                {
                    _broker.Receive(_slot, _toBroker, 0, n, nowMs);
                    moved = true;
                }

                _fromBrokerCount += _broker.ReadOutput(_slot, _fromBroker, _fromBrokerCount, _fromBroker.Length - _fromBrokerCount);
                if (_fromBrokerCount > 0)
                {
                    int used = _client.Receive(_fromBroker, 0, _fromBrokerCount, nowMs);
                    if (used > 0)
                    {
                        _fromBrokerCount -= used;
                        System.Array.Copy(_fromBroker, used, _fromBroker, 0, _fromBrokerCount);
                        moved = true;
                    }
                }

                worked |= moved;
            }

            ClientState state = _client.State;
            if (_slot >= 0 && (_broker.WantsClose(_slot) || (state != ClientState.Connecting && state != ClientState.Connected)))
            {
                Failures += state == ClientState.Connecting || state == ClientState.Connected ? 1 : 0;
                Close(nowMs);
                worked = true;
            }

            return worked;
        }

        /// <summary>The connection breaks (both sides see it lost; the broker publishes a Will).</summary>
        public void Close(long nowMs)
        {
            if (_slot < 0)
            {
                return;
            }

            _broker.ConnectionLost(_slot, nowMs);
            _broker.Closed(_slot);
            _slot = -1;
            _fromBrokerCount = 0;
            _client.ConnectionLost(nowMs);
        }
    }
}
