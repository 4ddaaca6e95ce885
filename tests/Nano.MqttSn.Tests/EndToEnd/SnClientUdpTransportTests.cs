using System;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet.Protocol;
using Nano.MqttSn.Client;
using Nano.MqttSn.Tests.Client;
using Nano.Net;

namespace Nano.MqttSn.Tests.EndToEnd
{
    /// <summary>SnClient over its own UDP transport (Nano.Net.SnClientUdpTransport) against Nano's gateway on loopback,
    /// MQTTnet on the broker's TCP port as the independent peer.</summary>
    [TestClass]
    public class SnClientUdpTransportTests
    {
        [TestMethod]
        public void Discovery_then_CONNECT_without_passing_the_gateway_address_section_6_1()
        {
            using var server = new GatewayServer();
            using var node = new UdpNode("found", server);
            server.Udp.BroadcastPort = node.Transport.Port; // the gateway's GWINFO broadcast reaches the node on loopback
            Assert.IsNull(node.Transport.Gateway);
            node.Client.StartSearch(node.Now);
            node.WaitFor("gateway 1");
            Assert.AreEqual(server.SnEndPoint, node.Transport.Gateway, "the gateway's address is remembered from its GWINFO");
            Assert.AreEqual(SnClientResult.Ok, node.Client.Connect(node.Now));
            node.WaitFor("connected");
            Assert.AreEqual(SnClientState.Active, node.Client.State);
        }

        [TestMethod]
        public void CONNECT_before_any_gateway_is_known_goes_to_the_broadcast_address_and_the_answer_teaches_the_gateway()
        {
            using var server = new GatewayServer();
            using var node = new UdpNode("direct", server);
            Assert.AreEqual(SnClientResult.Ok, node.Client.Connect(node.Now));
            node.WaitFor("connected");
            Assert.AreEqual(server.SnEndPoint, node.Transport.Gateway);
        }

        [TestMethod]
        public async Task REGISTER_and_PUBLISH_queued_in_one_call_sequence_reach_an_MQTTnet_subscriber_in_order()
        {
            using var server = new GatewayServer();
            await using MqttnetPeer peer = await MqttnetPeer.ConnectAsync(server.Listener.Port, "mqttnet-sub");
            await peer.SubscribeAsync("sn/#", MqttQualityOfServiceLevel.ExactlyOnce);
            using var node = new UdpNode("queued", server);
            node.Transport.Gateway = server.SnEndPoint;
            Assert.AreEqual(SnClientResult.Ok, node.Client.Connect(node.Now));
            node.WaitFor("connected");
            Assert.AreEqual(SnClientResult.Ok, node.PublishTo("sn/temp", 1, "21.5"));
            Assert.AreEqual(SnClientResult.Ok, node.PublishTo("sn/temp", 2, "21.6"));
            Assert.AreEqual(SnClientResult.Ok, node.PublishTo("sn/hum", 1, "40"));
            node.WaitFor("published 5 0");
            Assert.AreEqual("sn/temp=21.5 q1", await peer.NextAsync());
            Assert.AreEqual("sn/temp=21.6 q2", await peer.NextAsync());
            Assert.AreEqual("sn/hum=40 q1", await peer.NextAsync());
        }

        [TestMethod]
        public async Task Messages_from_MQTTnet_reach_the_node_with_their_topic_names_section_6_10()
        {
            using var server = new GatewayServer();
            await using MqttnetPeer peer = await MqttnetPeer.ConnectAsync(server.Listener.Port, "mqttnet-pub");
            using var node = new UdpNode("named", server);
            node.Transport.Gateway = server.SnEndPoint;
            Assert.AreEqual(SnClientResult.Ok, node.Client.Connect(node.Now));
            node.WaitFor("connected");
            byte[] filter = Encoding.UTF8.GetBytes("cmd/+");
            Assert.AreEqual(SnClientResult.Ok, node.Client.Subscribe(filter, 0, filter.Length, 1, node.Now, out _));
            node.WaitFor("subscribed");
            await peer.PublishAsync("cmd/led", "on", MqttQualityOfServiceLevel.AtLeastOnce);
            StringAssert.EndsWith(node.WaitFor("message "), "qos1 on");
            Assert.AreEqual("cmd/led", node.Events.LastTopicName);
            await peer.PublishAsync("cmd/fan", "off", MqttQualityOfServiceLevel.AtMostOnce);
            StringAssert.EndsWith(node.WaitFor("message "), "qos0 off");
            Assert.AreEqual("cmd/fan", node.Events.LastTopicName);
        }

        [TestMethod]
        public void An_empty_datagram_is_counted_and_does_not_hold_back_the_ones_behind_it()
        {
            using var server = new GatewayServer();
            using var node = new UdpNode("empty", server);
            using var stranger = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
            var to = new IPEndPoint(IPAddress.Loopback, node.Transport.Port);
            stranger.SendTo(Array.Empty<byte>(), to);
            stranger.SendTo(new byte[] { 0x03, 0x00, 0x07 }, to); // ADVERTISE is 5 octets: malformed too
            Assert.AreEqual(SnClientResult.Ok, node.Client.Connect(node.Now));
            node.WaitFor("connected");
            Assert.AreEqual(2, node.Client.MalformedDatagrams);
        }

        /// <summary>An SnClient on its UDP transport bound to a loopback port, broadcasting to the gateway's port, pumped by the test thread.</summary>
        private sealed class UdpNode : IDisposable
        {
            private readonly Stopwatch _clock = Stopwatch.StartNew();

            public UdpNode(string clientId, GatewayServer server)
            {
                var options = new SnClientOptions { ClientId = clientId, RetryIntervalMs = 1_000, MaxRetries = 3, MaxPacketSize = 256, SearchGwMaxDelayMs = 0 };
                Client = new SnClient(options, Events);
                Transport = new SnClientUdpTransport(Client, 256) { BroadcastAddress = IPAddress.Loopback, BroadcastPort = server.Udp.Port };
                Transport.Start(IPAddress.Loopback, 0);
            }

            public SnClient Client { get; }

            public SnClientUdpTransport Transport { get; }

            public EventLog Events { get; } = new EventLog();

            public long Now => _clock.ElapsedMilliseconds;

            public SnClientResult PublishTo(string topic, int qos, string payload)
            {
                byte[] t = Encoding.UTF8.GetBytes(topic);
                byte[] d = Encoding.UTF8.GetBytes(payload);
                return Client.Publish(qos, t, 0, t.Length, false, d, 0, d.Length, Now, out _);
            }

            /// <summary>Pumps until an event line containing <paramref name="text"/> is logged; returns it and drops the lines before it.</summary>
            public string WaitFor(string text)
            {
                var watch = Stopwatch.StartNew();
                while (watch.Elapsed < SnNode.Timeout)
                {
                    int i = Events.Lines.FindIndex(l => l.Contains(text, StringComparison.Ordinal));
                    if (i >= 0)
                    {
                        string line = Events.Lines[i];
                        Events.Lines.RemoveRange(0, i + 1);
                        return line;
                    }

                    if (!Transport.PollOnce(Now))
                    {
                        System.Threading.Thread.Sleep(1);
                    }
                }

                Assert.Fail("no '" + text + "' within " + SnNode.Timeout + "; events: " + string.Join(" | ", Events.Lines));
                return null;
            }

            public void Dispose() => Transport.Stop();
        }
    }
}
