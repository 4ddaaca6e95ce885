using System;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;
using Nano.MqttSn.Client;
using Nano.MqttSn.Codec;
using Nano.MqttSn.Gateway;
using Nano.MqttSn.Radio;
using Nano.Radio.Simulation;
using Nano.Serial;

namespace Nano.Radio.Tests.Serial
{
    /// <summary>
    /// The serial links on both ends of a radio (SerialNodeLink, SerialGatewayLink) add nothing per
    /// message: a QoS 1 PUBLISH from the node through the gateway into the broker and its PUBACK back,
    /// framed by the real framing over emulated modules, allocates 0 B in steady state (CoreCLR check;
    /// the device proof for codec, framings and client is in tests/Nano.DeviceTests).
    /// </summary>
    [TestClass]
    public class LinkAllocationTests
    {
        private sealed class Completions : ISnClientListener
        {
            public int Connected;
            public int Registered;
            public int Completed;

            public void OnGateway(int gwId, byte[] gwAdd, int gwAddOffset, int gwAddLength) { }
            public void OnConnected() => Connected++;
            public void OnDisconnected(SnDisconnectReason reason, int returnCode) { }
            public void OnAsleep() { }
            public void OnMessage(int topicIdType, int topicId, byte[] topicName, int topicNameOffset, int topicNameLength, int qos, bool retain, byte[] payload, int offset, int length) { }
            public void OnRegistered(int msgId, int topicId, int returnCode) => Registered = topicId;
            public void OnSubscribed(int msgId, int grantedQos, int topicId, int returnCode) { }
            public void OnUnsubscribed(int msgId, int returnCode) { }
            public void OnPublishCompleted(int msgId, int returnCode) => Completed += returnCode == SnReturnCode.Accepted ? 1 : 0;
        }

        [TestMethod]
        [DataRow("xbee")]
        [DataRow("xbee2")]
        [DataRow("twelite")]
        [DataRow("slip")]
        [DataRow("cobs")]
        public void A_qos1_publish_through_both_links_allocates_nothing(string radio)
        {
            RadioProfile profile = RadioProfile.Create(radio, 0);
            var network = new MemoryRadioNetwork(profile, 2, 8192);
            int gatewayModule = network.AddModule(profile.GatewayRadioAddress());
            int nodeModule = network.AddModule(profile.NodeRadioAddress(7));
            var gateway = new SnGateway(new SnGatewayOptions { AdvertiseIntervalMs = 0 }, new BrokerEngine(new BrokerOptions()));
            var gatewayLink = new SerialGatewayLink(gateway, new MemoryRadioPort(network, gatewayModule, profile.CreateFraming()),
                profile.GatewayBroadcast(), 128, 8);
            var events = new Completions();
            var client = new SnClient(new SnClientOptions { ClientId = "node7", MaxPacketSize = 64 }, events);
            var nodeLink = new SerialNodeLink(client, new MemoryRadioPort(network, nodeModule, profile.CreateFraming()),
                profile.GatewayAddress(), profile.NodeBroadcast(), profile.NodeId(7), 64);
            long now = 0;

            client.Connect(now);
            Pump(nodeLink, gatewayLink, now);
            Assert.AreEqual(1, events.Connected, "connected");
            byte[] topic = Encoding.ASCII.GetBytes("sensors/7/t");
            client.Register(topic, 0, topic.Length, now, out _);
            Pump(nodeLink, gatewayLink, now);
            Assert.AreNotEqual(0, events.Registered, "registered");

            byte[] reading = Encoding.ASCII.GetBytes("21.5");
            Publish(client, nodeLink, gatewayLink, events.Registered, reading, 50, ref now);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Publish(client, nodeLink, gatewayLink, events.Registered, reading, 2000, ref now);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual(2050, events.Completed, "every PUBLISH acknowledged");
            Assert.AreEqual(0L, allocated, radio + ": bytes allocated by 2,000 publishes");
            Assert.AreEqual(0, gatewayLink.DatagramsDropped + gatewayLink.SendsRejected + nodeLink.SendsRejected, "nothing lost on the links");
        }

        private static void Publish(SnClient client, SerialNodeLink nodeLink, SerialGatewayLink gatewayLink, int topicId, byte[] reading,
            int count, ref long now)
        {
            for (int i = 0; i < count; i++)
            {
                now += 10;
                client.Publish(1, SnTopicIdType.Normal, topicId, false, reading, 0, reading.Length, now, out _);
                Pump(nodeLink, gatewayLink, now);
            }
        }

        private static void Pump(SerialNodeLink nodeLink, SerialGatewayLink gatewayLink, long now)
        {
            bool worked = true;
            for (int round = 0; worked && round < 20; round++)
            {
                worked = nodeLink.PollOnce(now);
                worked |= gatewayLink.PollOnce(now);
            }
        }
    }
}
