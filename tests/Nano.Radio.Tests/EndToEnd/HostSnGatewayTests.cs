using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Protocol;
using Nano.Host;
using Nano.MqttSn.Client;
using Nano.MqttSn.Gateway;
using Nano.Radio.Tests.Radio;

namespace Nano.Radio.Tests.EndToEnd
{
    /// <summary>The PC host's MQTT-SN gateway configured from the command line: predefined topics from a file in
    /// the Paho gateway's format, gateway id and discovery, over real loopback UDP, with MQTTnet as the peer.</summary>
    [TestClass]
    public sealed class HostSnGatewayTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

        [TestMethod]
        public async Task A_host_given_a_predefined_topics_file_serves_qos_minus_1_and_qos_1_publishes_to_predefined_ids()
        {
            string file = Path.GetTempFileName();
            try
            {
                File.WriteAllText(file, "# Paho MQTT-SN gateway format\n*,plant/boiler/temperature,1\n\nmeter-7, plant/meter/7/reading , 2\n*,plant/other,2\n");
                using BrokerHost host = Start("--sn_predefined_topics", file);
                var received = Channel.CreateUnbounded<string>();
                using var subscriber = new MqttClientFactory().CreateMqttClient();
                subscriber.ApplicationMessageReceivedAsync += e =>
                {
                    received.Writer.TryWrite(e.ApplicationMessage.Topic + "=" + Encoding.UTF8.GetString(e.ApplicationMessage.Payload) + " q" + (int)e.ApplicationMessage.QualityOfServiceLevel);
                    return Task.CompletedTask;
                };
                await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", host.Port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).WithClientId("watch").Build());
                await subscriber.SubscribeAsync("plant/#", MqttQualityOfServiceLevel.AtLeastOnce);

                using var sensor = new Udp(host.SnPort);
                sensor.Send("0B 0C 61 00 01 00 00 32 31 2E 35"); // PUBLISH QoS -1, predefined id 1, no connection [§6.8]
                Assert.AreEqual("plant/boiler/temperature=21.5 q0", await Next(received));

                using var meter = new Udp(host.SnPort);
                meter.Send("0D 04 04 01 00 3C 6D 65 74 65 72 2D 37"); // CONNECT "meter-7"
                Assert.AreEqual("03 05 00", meter.Receive());
                meter.Send("0A 0C 21 00 02 00 05 34 32 31"); // PUBLISH QoS 1, predefined id 2, MsgId 5
                Assert.AreEqual("07 0D 00 02 00 05 00", meter.Receive());
                Assert.AreEqual("plant/meter/7/reading=421 q1", await Next(received), "meter-7's own id 2 comes before the one for every client");
                sensor.Send("08 0C 61 00 02 00 00 78"); // id 2 for a sender without a connection: every client's
                Assert.AreEqual("plant/other=x q0", await Next(received));
            }
            finally
            {
                File.Delete(file);
            }
        }

        [TestMethod]
        public void An_sn_client_on_loopback_finds_the_hosts_gateway_with_searchgw()
        {
            using BrokerHost host = Start("--sn_gateway_id", "7", "--sn_advertise_interval", "0");
            var gateways = new Gateways();
            var client = new SnClient(new SnClientOptions { ClientId = "finder", SearchGwMaxDelayMs = 0, SearchGwRetryMs = 500, RandomSeed = 3 }, gateways);
            using var udp = new Udp(host.SnPort);
            var clock = Stopwatch.StartNew();
            byte[] buffer = new byte[256];
            client.StartSearch(0);
            while (client.GatewayId < 0 && clock.Elapsed < Timeout)
            {
                client.Poll(clock.ElapsedMilliseconds);
                int n;
                while ((n = client.NextDatagram(buffer, 0, out bool broadcast)) > 0)
                {
                    Assert.IsTrue(broadcast, "SEARCHGW is a broadcast; on loopback it goes to the gateway's port");
                    udp.SendRaw(buffer, n);
                }
                string hex = udp.Receive(20);
                if (hex != null)
                {
                    byte[] d = FrameFeeder.Hex(hex);
                    client.Receive(d, 0, d.Length, clock.ElapsedMilliseconds);
                }
            }
            Assert.AreEqual(7, client.GatewayId);
            Assert.AreEqual(7, gateways.Heard);
            Assert.IsFalse(client.Searching);
        }

        [TestMethod]
        public void Gateway_options_are_parsed_applied_and_checked()
        {
            string file = Path.GetTempFileName();
            try
            {
                File.WriteAllText(file, "*,a/b,1\nnode,a/c,x\n");
                Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(new[] { "--sn_gateway_id", "42", "--sn_advertise_interval", "60",
                    "--sn_discovery_address", "225.1.1.1:1883", "--sn_max_clients", "5", "--sn_max_keep_alive", "300" }, out HostOptions o, out string error), error);
                Assert.AreEqual(42, o.Gateway.GatewayId);
                Assert.AreEqual(60_000, o.Gateway.AdvertiseIntervalMs);
                Assert.AreEqual(IPAddress.Parse("225.1.1.1"), o.SnDiscoveryAddress);
                Assert.AreEqual(1883, o.SnDiscoveryPort);
                Assert.AreEqual(5, o.Gateway.MaxClients);
                Assert.AreEqual(300, o.Gateway.MaxKeepAliveSeconds);

                Assert.AreEqual(ParseOutcome.Error, HostOptionsParser.Parse(new[] { "--sn_predefined_topics", file }, out _, out error));
                StringAssert.Contains(error, file + ":2:");
                Assert.AreEqual(ParseOutcome.Error, HostOptionsParser.Parse(new[] { "--sn_gateway_id", "0" }, out _, out _));
                Assert.AreEqual(ParseOutcome.Error, HostOptionsParser.Parse(new[] { "--sn_discovery_address", "nowhere" }, out _, out _));
                StringAssert.Contains(HostOptionsParser.Usage, "--sn_predefined_topics <file>");
            }
            finally
            {
                File.Delete(file);
            }
        }

        [TestMethod]
        public void The_status_line_shows_the_gateways_ignored_datagrams_by_kind()
        {
            var s = new SnGatewayStatistics { ClientsConnected = 2, DatagramsIgnored = 6, DatagramsMalformed = 3, DatagramsUnknownType = 2, DatagramsOutOfState = 1 };
            Assert.AreEqual("sn clients 2 | sn ignored 6 (malformed 3, unknown type 2, out of state 1)", StatusLine.FormatGateway(s));
        }

        private static BrokerHost Start(params string[] snOptions)
        {
            string[] args = new string[snOptions.Length + 6];
            new[] { "--port", "0", "--bind", "127.0.0.1", "--sys_interval", "0" }.CopyTo(args, 0);
            snOptions.CopyTo(args, 6);
            Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(args, out HostOptions options, out string error), error);
            var host = new BrokerHost(options);
            host.Start();
            return host;
        }

        private static async Task<string> Next(Channel<string> received)
        {
            using var cancel = new System.Threading.CancellationTokenSource(Timeout);
            return await received.Reader.ReadAsync(cancel.Token);
        }

        private sealed class Udp : IDisposable
        {
            private readonly Socket _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            private readonly IPEndPoint _gateway;
            private readonly byte[] _buffer = new byte[1024];

            public Udp(int port)
            {
                _gateway = new IPEndPoint(IPAddress.Loopback, port);
                _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            }

            public void Send(string hex) => _socket.SendTo(FrameFeeder.Hex(hex), _gateway);

            public void SendRaw(byte[] datagram, int count) => _socket.SendTo(datagram, 0, count, SocketFlags.None, _gateway);

            public string Receive(int waitMs = 5_000)
            {
                if (!_socket.Poll(waitMs * 1000, SelectMode.SelectRead))
                {
                    return null;
                }
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int n = _socket.ReceiveFrom(_buffer, ref from);
                return BitConverter.ToString(_buffer, 0, n).Replace("-", " ");
            }

            public void Dispose() => _socket.Close();
        }

        private sealed class Gateways : ISnClientListener
        {
            public int Heard = -1;

            public void OnGateway(int gwId, byte[] gwAdd, int gwAddOffset, int gwAddLength) => Heard = gwId;

            public void OnConnected()
            {
            }

            public void OnDisconnected(SnDisconnectReason reason, int returnCode)
            {
            }

            public void OnAsleep()
            {
            }

            public void OnMessage(int topicIdType, int topicId, byte[] topicName, int topicNameOffset, int topicNameLength, int qos, bool retain, byte[] payload, int offset, int length)
            {
            }

            public void OnRegistered(int msgId, int topicId, int returnCode)
            {
            }

            public void OnSubscribed(int msgId, int grantedQos, int topicId, int returnCode)
            {
            }

            public void OnUnsubscribed(int msgId, int returnCode)
            {
            }

            public void OnPublishCompleted(int msgId, int returnCode)
            {
            }
        }
    }
}
