using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;
using Nano.MqttSn.Gateway;
using Nano.MqttSn.Radio;
using Nano.Radio.Simulation;
using Nano.Serial;

namespace Nano.Radio.Tests.EndToEnd
{
    /// <summary>Simulated sleeping sensor nodes on an in-memory radio, through the real gateway, on a fake clock.</summary>
    [TestClass]
    public sealed class SensorSimulationTests
    {
        [TestMethod]
        [DataRow("xbee2")]
        [DataRow("xbee")]
        [DataRow("twelite")]
        [DataRow("slip")]
        [DataRow("cobs")]
        public void Simulated_nodes_deliver_every_reading_through_the_gateway(string radio)
        {
            const int Nodes = 6;
            const int IntervalMs = 5000;
            RadioProfile profile = RadioProfile.Create(radio, 0);
            var broker = new BrokerEngine(new BrokerOptions { MaxConnections = Nodes + 2 });
            var gateway = new SnGateway(new SnGatewayOptions { MaxClients = Nodes, MaxPendingDatagrams = 32 }, broker);
            var simulation = new SensorSimulation(profile, Nodes, IntervalMs);
            var link = new SerialGatewayLink(gateway, simulation.GatewayPort, profile.GatewayBroadcast(), 128, 8);

            long now = 0;
            for (; now <= 3 * IntervalMs + 1000; now += 10)
            {
                simulation.PollOnce(now);
                link.PollOnce(now);
            }

            Assert.AreEqual(4 * Nodes, simulation.Delivered, "readings at 0, 5, 10 and 15 s from every node");
            Assert.AreEqual(0, simulation.Missed);
            Assert.AreEqual(4L * Nodes, gateway.Statistics.PublishesReceived);
            Assert.AreEqual(0, simulation.Network.FramesUnroutable + simulation.Network.OverflowOctets);
            foreach (SleepingSensorNode node in simulation.Nodes)
            {
                Assert.AreEqual(4, node.Sleeps, "asleep between readings");
            }
        }
    }
}
