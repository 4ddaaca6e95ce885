using Nano.Mqtt.Codec;
using Nano.MqttSn.Client;
using Nano.MqttSn.Radio;
using Nano.Serial;

namespace Nano.Radio.Simulation
{
    /// <summary>
    /// Simulated sensor nodes for running a gateway without hardware: N <see cref="SleepingSensorNode"/>s
    /// on emulated radio modules of a <see cref="MemoryRadioNetwork"/>, every frame encoded and decoded
    /// by the real framing. Node n publishes a temperature to <c>sensors/n/temperature</c> at QoS 1
    /// every interval and sleeps in between. The gateway's side is <see cref="GatewayPort"/>.
    /// </summary>
    public sealed class SensorSimulation
    {
        private const int SleepSeconds = 600;
        private readonly SleepingSensorNode[] _nodes;
        private readonly byte[] _reading = new byte[8];
        private int _tick;

        /// <summary>Creates <paramref name="nodes"/> nodes (1–100) on the radio family of <paramref name="profile"/>.</summary>
        public SensorSimulation(RadioProfile profile, int nodes, int intervalMs)
        {
            Network = new MemoryRadioNetwork(profile, nodes + 1, 4096 + 256 * nodes);
            int gatewayModule = Network.AddModule(profile.GatewayRadioAddress());
            GatewayPort = new MemoryRadioPort(Network, gatewayModule, profile.CreateFraming());
            _nodes = new SleepingSensorNode[nodes];
            for (int n = 1; n <= nodes; n++)
            {
                int module = Network.AddModule(profile.NodeRadioAddress(n));
                var port = new MemoryRadioPort(Network, module, profile.CreateFraming());
                var options = new SnClientOptions
                {
                    ClientId = "sensor-" + n,
                    CleanSession = false,
                    KeepAliveSeconds = 60,
                    RetryIntervalMs = 2000,
                    MaxPacketSize = 64,
                    RandomSeed = n
                };
                _nodes[n - 1] = new SleepingSensorNode(options, port, profile.GatewayAddress(), profile.NodeBroadcast(),
                    profile.NodeId(n), Utf8Encoder.GetBytes("sensors/" + n + "/temperature"), 1, intervalMs, SleepSeconds);
            }
        }

        /// <summary>The emulated radio network.</summary>
        public MemoryRadioNetwork Network { get; }

        /// <summary>The gateway's port onto the network (give it to a <see cref="SerialGatewayLink"/>).</summary>
        public MemoryRadioPort GatewayPort { get; }

        /// <summary>The nodes.</summary>
        public SleepingSensorNode[] Nodes => _nodes;

        /// <summary>Readings acknowledged by the gateway, all nodes.</summary>
        public int Delivered
        {
            get
            {
                int total = 0;
                for (int i = 0; i < _nodes.Length; i++)
                {
                    total += _nodes[i].Delivered;
                }

                return total;
            }
        }

        /// <summary>Readings missed, all nodes.</summary>
        public int Missed
        {
            get
            {
                int total = 0;
                for (int i = 0; i < _nodes.Length; i++)
                {
                    total += _nodes[i].Missed;
                }

                return total;
            }
        }

        /// <summary>Takes due readings and runs every node once; true when anything happened.</summary>
        public bool PollOnce(long nowMs)
        {
            bool worked = false;
            for (int i = 0; i < _nodes.Length; i++)
            {
                SleepingSensorNode node = _nodes[i];
                if (node.ReadingDue(nowMs))
                {
                    int length = Temperature(i);
                    node.SetReading(_reading, 0, length, nowMs);
                }

                if (node.PollOnce(nowMs))
                {
                    worked = true;
                }
            }

            return worked;
        }

        private int Temperature(int node)
        {
            // 18.0–27.9 °C drifting per node and reading, as ASCII "dd.d".
            _tick++;
            int tenths = 180 + (node * 37 + _tick * 7) % 100;
            _reading[0] = (byte)('0' + tenths / 100);
            _reading[1] = (byte)('0' + tenths / 10 % 10);
            _reading[2] = (byte)'.';
            _reading[3] = (byte)('0' + tenths % 10);
            return 4;
        }
    }
}
