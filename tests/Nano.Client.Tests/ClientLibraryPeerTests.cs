using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Protocol;
using Nano.Broker.Tests.Security;
using Nano.Mqtt.Client;
using Nano.Net.Desktop;
using MqttClientOptions = Nano.Mqtt.Client.MqttClientOptions;

namespace Nano.Client.Tests
{
    /// <summary>Delivery results, the PC profile and Abort, against MQTTnet's server over loopback.</summary>
    [TestClass]
    public sealed class ClientLibraryPeerTests
    {
        private const int Timeout = 10000;

        [TestMethod]
        public async Task Qos_1_and_2_publishes_complete_Acknowledged_with_packet_id_and_topic()
        {
            await using var broker = await MqttNetBroker.StartAsync(persistentSessions: false);
            using var nano = new NanoPeer(broker.Port, new MqttClientOptions { ClientId = "done" });
            var completions = Record(nano);
            nano.Client.Connect();
            nano.WaitConnected();
            Assert.AreEqual(PublishResult.Accepted, nano.Client.Publish("done/1", Encoding.UTF8.GetBytes("one"), 1, false));
            Assert.AreEqual(PublishResult.Accepted, nano.Client.Publish("done/2", Encoding.UTF8.GetBytes("two"), 2, false));
            NanoPeer.Until(() => Snapshot(completions).Length == 2, Timeout, "two completions");
            CollectionAssert.AreEqual(new[] { "Acknowledged:1:done/1/q1", "Acknowledged:2:done/2/q2" }, Snapshot(completions));
        }

        [TestMethod]
        public async Task Completion_after_a_reconnect_follows_the_DUP_re_send_MQTT_4_4_0_1()
        {
            await using var broker = await MqttNetBroker.StartAsync(persistentSessions: true);
            var seen = new List<string>();
            broker.Server.InterceptingPublishAsync += e =>
            {
                lock (seen)
                {
                    seen.Add(e.ApplicationMessage.Topic + "/dup=" + e.ApplicationMessage.Dup);
                }

                return Task.CompletedTask;
            };
            using var nano = new NanoPeer(broker.Port, new MqttClientOptions { ClientId = "redo", CleanSession = false, ReconnectMinMs = 50, ReconnectMaxMs = 100 });
            var completions = Record(nano);
            nano.Client.Connect();
            nano.WaitConnected();
            nano.Paused = true;
            nano.Client.Publish("redo/1", Encoding.UTF8.GetBytes("one"), 1, false);
            nano.Client.Publish("redo/2", Encoding.UTF8.GetBytes("two"), 2, false);
            await broker.Server.DisconnectClientAsync("redo", new MQTTnet.Server.MqttServerClientDisconnectOptions());
            Assert.AreEqual(0, Snapshot(completions).Length, "nothing completes before the server has the messages");
            nano.Paused = false;
            NanoPeer.Until(() => Snapshot(completions).Length == 2, Timeout, "two completions after the reconnect");
            CollectionAssert.AreEqual(new[] { "Acknowledged:1:redo/1/q1", "Acknowledged:2:redo/2/q2" }, Snapshot(completions));
            lock (nano.Client.Engine)
            {
                Assert.AreEqual(2L, nano.Client.Engine.Statistics.MessagesResent);
                Assert.AreEqual(2L, nano.Client.Engine.Statistics.Connections);
            }

            lock (seen)
            {
                CollectionAssert.AreEqual(new[] { "redo/1/dup=True", "redo/2/dup=True" }, seen, "the server received only the DUP copies");
            }
        }

        [TestMethod]
        public async Task One_megabyte_each_way_with_the_PC_profile_and_no_other_setting()
        {
            await using var broker = await MqttNetBroker.StartAsync(persistentSessions: false);
            using var nano = new NanoPeer(broker.Port, MqttClientOptions.ForPc());
            var completions = Record(nano);
            var received = new List<byte[]>();
            nano.Client.Subscribe("big/#", 1, (buffer, to, tl, po, pl, qos, retain) =>
            {
                byte[] copy = new byte[pl];
                Array.Copy(buffer, po, copy, 0, pl);
                lock (received)
                {
                    received.Add(copy);
                }
            });
            nano.Client.Connect();
            nano.WaitConnected();
            byte[] payload = new byte[1024 * 1024];
            new Random(18).NextBytes(payload);
            Assert.AreEqual(PublishResult.Accepted, nano.Client.Publish("big/up", payload, 1, false));
            NanoPeer.Until(() => Snapshot(completions).Length == 1, Timeout, "PUBACK of the 1 MB message");
            Assert.AreEqual("Acknowledged:2:big/up/q1", Snapshot(completions)[0], "packet id 1 went to the SUBSCRIBE");
            NanoPeer.Until(() => { lock (received) { return received.Count == 1; } }, Timeout, "the 1 MB message back from the server");
            CollectionAssert.AreEqual(payload, received[0]);
        }

        [TestMethod]
        public async Task Abort_closes_without_DISCONNECT_so_the_Will_is_published_and_no_redial_follows_MQTT_3_1_2_8()
        {
            await using var broker = await MqttNetBroker.StartAsync(persistentSessions: false);
            var wills = new List<string>();
            IMqttClient subscriber = await broker.ConnectClientAsync("abort-sub");
            subscriber.ApplicationMessageReceivedAsync += e =>
            {
                lock (wills)
                {
                    wills.Add(e.ApplicationMessage.Topic + "=" + e.ApplicationMessage.ConvertPayloadToString());
                }

                return Task.CompletedTask;
            };
            await subscriber.SubscribeAsync("will/#", MqttQualityOfServiceLevel.AtLeastOnce);
            using var nano = new NanoPeer(broker.Port, new MqttClientOptions
            {
                ClientId = "nano-abort", WillTopic = "will/abort", WillPayload = Encoding.UTF8.GetBytes("gone"), ReconnectMinMs = 10, ReconnectMaxMs = 10,
            });
            nano.Client.Connect();
            nano.WaitConnected();
            nano.Client.Abort();
            NanoPeer.Until(() => { lock (wills) { return wills.Count == 1; } }, Timeout, "Will");
            Assert.AreEqual("will/abort=gone", wills[0]);
            await Task.Delay(200);
            Assert.IsFalse(nano.Transport.IsOpen, "no redial after Abort");
            Assert.AreEqual(1L, nano.Transport.Dials);
            Assert.AreEqual(DisconnectReason.ClientAbort, nano.Client.Engine.LastDisconnectReason);
            await subscriber.DisconnectAsync();
        }

        [TestMethod]
        public async Task TLS_through_the_Nano_Net_Desktop_adapter_to_an_MQTTnet_server_with_a_test_CA()
        {
            X509Certificate2 ca = TestCertificates.CreateCa("Client Test CA");
            await using var broker = await MqttNetBroker.StartTlsAsync(TestCertificates.CreateServer(ca));
            var seen = new List<string>();
            broker.Server.InterceptingPublishAsync += e =>
            {
                lock (seen)
                {
                    seen.Add(e.ApplicationMessage.Topic + "=" + e.ApplicationMessage.ConvertPayloadToString());
                }

                return Task.CompletedTask;
            };
            using var nano = new NanoPeer(broker.Port, new MqttClientOptions { ClientId = "nano-tls" });
            nano.Transport.Tls = new SslStreamTls(null, ca);
            nano.Transport.TlsTargetHost = "localhost";
            var completions = Record(nano);
            nano.Client.Connect();
            nano.WaitConnected();
            nano.Client.Publish("tls/1", Encoding.UTF8.GetBytes("sealed"), 1, false);
            NanoPeer.Until(() => Snapshot(completions).Length == 1, Timeout, "PUBACK over TLS");
            CollectionAssert.AreEqual(new[] { "tls/1=sealed" }, Snapshot(seen));
        }

        [TestMethod]
        public async Task TLS_dial_fails_when_the_server_certificate_does_not_chain_to_the_given_CA()
        {
            await using var broker = await MqttNetBroker.StartTlsAsync(TestCertificates.CreateServer(TestCertificates.CreateCa("Server CA")));
            using var nano = new NanoPeer(broker.Port, new MqttClientOptions { ClientId = "nano-tls-bad", AutoReconnect = false });
            nano.Transport.Tls = new SslStreamTls(null, TestCertificates.CreateCa("Another CA"));
            nano.Transport.TlsTargetHost = "localhost";
            nano.Client.Connect();
            NanoPeer.Until(() => nano.Transport.DialFailures == 1, Timeout, "failed dial");
            Assert.IsFalse(nano.Client.IsConnected);
        }

        private static List<string> Record(NanoPeer nano)
        {
            var completions = new List<string>();
            nano.Client.PublishCompleted += (packetId, topic, offset, length, qos, outcome) =>
            {
                lock (completions)
                {
                    completions.Add(outcome + ":" + packetId + ":" + Encoding.UTF8.GetString(topic, offset, length) + "/q" + qos);
                }
            };
            return completions;
        }

        private static string[] Snapshot(List<string> list)
        {
            lock (list)
            {
                return list.ToArray();
            }
        }
    }
}
