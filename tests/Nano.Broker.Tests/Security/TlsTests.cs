using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Broker.Tests.RealPeer;
using Nano.Host;
using Nano.Net.Desktop;
using NanoClient = Nano.Mqtt.Client.MqttClient;
using NanoClientOptions = Nano.Mqtt.Client.MqttClientOptions;

namespace Nano.Broker.Tests.Security
{
    /// <summary>The TLS listener and the Nano client's TLS transport with a test CA made by CertificateRequest.</summary>
    [TestClass]
    public sealed class TlsTests
    {
        internal static readonly X509Certificate2 Ca = TestCertificates.CreateCa("Nano Test CA");
        private static readonly X509Certificate2 OtherCa = TestCertificates.CreateCa("Some Other CA");
        internal static readonly X509Certificate2 Server = TestCertificates.CreateServer(Ca);

        private static TestBroker StartTlsBroker() => new TestBroker(o =>
        {
            o.Tls = new SslStreamTls(Server, null);
            o.TlsPort = 0;
        });

        internal static bool ChainsTo(X509Certificate2 ca, X509Certificate certificate)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var leaf = new X509Certificate2(certificate);
            return chain.Build(leaf);
        }

        [TestMethod]
        public async Task MQTTnet_exchanges_QoS_1_messages_over_TLS_with_the_test_CA()
        {
            using TestBroker broker = StartTlsBroker();
            Assert.AreNotEqual(0, broker.Host.TlsPort);
            var peers = new List<MqttPeer>();
            try
            {
                foreach (string id in new[] { "tls-sub", "tls-pub" })
                {
                    var peer = new MqttPeer();
                    await peer.ConnectAsync(new MqttClientOptionsBuilder()
                        .WithTcpServer("localhost", broker.Host.TlsPort)
                        .WithProtocolVersion(MqttProtocolVersion.V311)
                        .WithClientId(id)
                        .WithTimeout(TestBroker.Timeout)
                        .WithTlsOptions(t => t.UseTls().WithTargetHost("localhost")
                            .WithCertificateValidationHandler(e => e.SslPolicyErrors == System.Net.Security.SslPolicyErrors.None || ChainsTo(Ca, e.Certificate)))
                        .Build());
                    peers.Add(peer);
                }
                await peers[0].SubscribeAsync("secure/#", MqttQualityOfServiceLevel.AtLeastOnce);
                for (int i = 0; i < 20; i++)
                {
                    await peers[1].PublishAsync("secure/" + i, new string('x', i * 100), MqttQualityOfServiceLevel.AtLeastOnce);
                }
                for (int i = 0; i < 20; i++)
                {
                    Assert.AreEqual(new PeerMessage("secure/" + i, new string('x', i * 100), 1, false, false), await peers[0].NextAsync());
                }
                Assert.AreEqual(2, broker.Host.TlsListener.OpenConnections);
                Assert.AreEqual(0, broker.Host.Listener.OpenConnections);
            }
            finally
            {
                foreach (MqttPeer peer in peers)
                {
                    await peer.DisposeAsync();
                }
            }
        }

        [TestMethod]
        public async Task Plain_MQTT_sent_to_the_TLS_port_is_refused_without_a_CONNACK()
        {
            using TestBroker broker = StartTlsBroker();
            using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000 };
            raw.Connect(IPAddress.Loopback, broker.Host.TlsPort);
            raw.Send(Packets.Connect("plain"));
            var buffer = new byte[256];
            int n;
            try
            {
                n = raw.Receive(buffer);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                n = 0;
            }
            Assert.AreEqual(0, n, "the broker closed the connection and sent no MQTT bytes");
            await TestBroker.WaitUntilAsync(() => broker.Host.TlsListener.OpenConnections == 0, "the socket released");
            Assert.AreEqual(0L, broker.Statistics.ClientsConnected);

            var plainClient = new MqttClientFactory().CreateMqttClient();
            using (plainClient)
            {
                var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Host.TlsPort).WithClientId("mqttnet-plain")
                    .WithTimeout(TimeSpan.FromSeconds(3)).Build();
                var refused = await Assert.ThrowsExactlyAsync<MQTTnet.Adapter.MqttConnectingFailedException>(() => plainClient.ConnectAsync(options));
                Assert.IsInstanceOfType<MQTTnet.Exceptions.MqttCommunicationException>(refused.InnerException, "closed without a CONNACK");
                Assert.IsFalse(plainClient.IsConnected);
            }
        }

        /// <summary>One burst of 200 PUBLISH packets (about 23 KB, more than one TLS record and more than the engine's input
        /// buffer) and then silence: the broker must drain what the TLS layer has already decrypted without waiting for
        /// the socket to become readable again.</summary>
        [TestMethod]
        public void A_burst_buffered_inside_the_TLS_layer_is_drained_without_further_socket_input()
        {
            using TestBroker broker = StartTlsBroker();
            using var tcp = new TcpClient();
            tcp.Connect(IPAddress.Loopback, broker.Host.TlsPort);
            using var tls = new System.Net.Security.SslStream(tcp.GetStream(), false, (sender, certificate, chain, errors) => ChainsTo(Ca, certificate));
            tls.AuthenticateAsClient("localhost");
            tls.ReadTimeout = 5000;
            var burst = new List<byte>();
            burst.AddRange(Packets.Connect("burst"));
            burst.AddRange(Packets.Subscribe(1, "b/#", 0));
            string payload = new string('p', 100);
            for (int i = 0; i < 200; i++)
            {
                burst.AddRange(Packets.Publish("b/" + i.ToString("D3"), payload));
            }
            tls.Write(burst.ToArray());
            tls.Flush();
            int expected = 4 + 5 + 200 * 109; // each PUBLISH: 0x30, length 107, topic length 2 + 5, payload 100
            var received = new byte[expected];
            int total = 0;
            while (total < expected)
            {
                int n = tls.Read(received, total, expected - total);
                Assert.IsTrue(n > 0, "the broker stopped after " + total + " of " + expected + " bytes");
                total += n;
            }
            Assert.AreEqual("20020000", Convert.ToHexString(received, 0, 4));
            Assert.AreEqual("9003000100", Convert.ToHexString(received, 4, 5));
            int last = 9 + 199 * 109;
            Assert.AreEqual("306B" + "0005" + Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes("b/199")), Convert.ToHexString(received, last, 9));
            Assert.AreEqual(200L, broker.Statistics.MessagesReceived);
        }

        /// <summary>Drives a Nano client with TLS on this thread until it connects or the dial fails.</summary>
        private static (bool Connected, long DialFailures) DialNano(int port, SslStreamTls tls, string targetHost, Action<NanoClient> whenConnected = null)
        {
            var client = new NanoClient(new NanoClientOptions { ClientId = "nano-tls", AutoReconnect = false });
            var transport = new Nano.Net.MqttClientTransport(client.Engine, "127.0.0.1", port, 1024, 1024)
            {
                Tls = tls,
                TlsTargetHost = targetHost,
            };
            try
            {
                client.Connect();
                long end = Environment.TickCount64 + 5000;
                while (!client.IsConnected && transport.DialFailures == 0 && Environment.TickCount64 < end)
                {
                    if (!transport.PollOnce(Environment.TickCount64))
                    {
                        Thread.Sleep(1);
                    }
                }
                if (client.IsConnected)
                {
                    whenConnected?.Invoke(client);
                }
                return (client.IsConnected, transport.DialFailures);
            }
            finally
            {
                transport.Stop();
            }
        }

        [TestMethod]
        public void Nano_client_connects_over_TLS_when_the_certificate_chains_to_its_CA_and_names_the_host()
        {
            using TestBroker broker = StartTlsBroker();
            var result = DialNano(broker.Host.TlsPort, new SslStreamTls(null, Ca), "localhost");
            Assert.IsTrue(result.Connected);
            Assert.AreEqual(0L, result.DialFailures);
        }

        [TestMethod]
        public void Nano_client_refuses_a_server_certificate_from_another_CA()
        {
            using TestBroker broker = StartTlsBroker();
            var result = DialNano(broker.Host.TlsPort, new SslStreamTls(null, OtherCa), "localhost");
            Assert.IsFalse(result.Connected);
            Assert.AreEqual(1L, result.DialFailures);
            Assert.AreEqual(0L, broker.Statistics.ClientsConnected);
        }

        [TestMethod]
        public void Nano_client_refuses_a_server_certificate_for_another_host_name()
        {
            using TestBroker broker = StartTlsBroker();
            var result = DialNano(broker.Host.TlsPort, new SslStreamTls(null, Ca), "broker.example.org");
            Assert.IsFalse(result.Connected);
            Assert.AreEqual(1L, result.DialFailures);
        }
    }
}
