using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet.Protocol;

namespace Nano.MqttSn.Tests.EndToEnd
{
    /// <summary>The Nano MQTT-SN client over UDP loopback through the gateway and broker, with MQTTnet 5 on the
    /// broker's TCP port as the independent peer.</summary>
    [TestClass]
    public class UdpEndToEndTests
    {
        [TestMethod]
        public async Task Sn_publications_at_qos_0_1_2_reach_an_mqttnet_subscriber()
        {
            using var server = new GatewayServer();
            await using MqttnetPeer peer = await MqttnetPeer.ConnectAsync(server.Listener.Port, "mqttnet-sub");
            await peer.SubscribeAsync("sn/#", MqttQualityOfServiceLevel.ExactlyOnce);
            using var node = new SnNode(server.SnEndPoint, "node-pub");
            node.Connect();
            int topicId = node.Register("sn/temp");

            node.Publish(0, topicId, "q0");
            Assert.AreEqual("sn/temp=q0 q0", await peer.NextAsync());
            node.Publish(1, topicId, "q1");
            Assert.AreEqual("sn/temp=q1 q1", await peer.NextAsync());
            node.Publish(2, topicId, "q2");
            Assert.AreEqual("sn/temp=q2 q2", await peer.NextAsync());
        }

        [TestMethod]
        public async Task Mqttnet_publications_reach_the_sn_client_and_retained_messages_reach_a_new_sn_subscriber()
        {
            using var server = new GatewayServer();
            await using MqttnetPeer peer = await MqttnetPeer.ConnectAsync(server.Listener.Port, "mqttnet-pub");
            await peer.PublishAsync("cfg/rate", "5", MqttQualityOfServiceLevel.AtLeastOnce, retain: true);

            using var node = new SnNode(server.SnEndPoint, "node-sub");
            node.Connect();
            node.Subscribe("cfg/rate", 1);
            StringAssert.EndsWith(node.WaitFor("message "), "qos1 retain 5");

            node.Subscribe("cmd/+", 2);
            await peer.PublishAsync("cmd/led", "on", MqttQualityOfServiceLevel.ExactlyOnce);
            StringAssert.EndsWith(node.WaitFor("message "), "qos2 on"); // after the gateway's REGISTER for the wildcard match
            await peer.PublishAsync("cmd/led", "off", MqttQualityOfServiceLevel.AtLeastOnce);
            StringAssert.EndsWith(node.WaitFor("message "), "qos1 off");
        }

        [TestMethod]
        public async Task Will_of_a_lost_sn_client_reaches_mqttnet()
        {
            using var server = new GatewayServer();
            await using MqttnetPeer peer = await MqttnetPeer.ConnectAsync(server.Listener.Port, "mqttnet-watch");
            await peer.SubscribeAsync("dead/#", MqttQualityOfServiceLevel.AtLeastOnce);
            using var node = new SnNode(server.SnEndPoint, "node-will", o =>
            {
                o.KeepAliveSeconds = 1;
                o.WillTopic = "dead/node-will";
                o.WillMessage = System.Text.Encoding.UTF8.GetBytes("offline");
                o.WillQos = 1;
            });
            node.Connect();
            // The node stops talking: after 1.5 s the gateway declares it lost and publishes its Will.
            Assert.AreEqual("dead/node-will=offline q1", await peer.NextAsync());
            Assert.AreEqual(1, server.Gateway.Statistics.WillsPublished);
        }
    }
}
