using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet.Protocol;
using Nano.Broker.Tests.RealPeer;
using Nano.Broker.Tests.Security;

namespace Nano.Broker.Tests.Bridge
{
    /// <summary>Nano's host bridged over TCP/TLS to MQTTnet's server (and to another Nano host).</summary>
    [TestClass]
    public sealed class BridgeRealPeerTests
    {
        private static string Config(RemoteBroker remote, string lines) =>
            "connection cloud\naddress 127.0.0.1:" + remote.Port + "\nremote_clientid edge1\ntry_private false\nnotifications false\nrestart_timeout 1\n" + lines;

        [TestMethod]
        public async Task In_out_and_both_lines_swap_their_prefixes_against_MQTTnet()
        {
            await using var remote = new RemoteBroker();
            await remote.StartAsync();
            using var host = new BridgedHost(Config(remote, "topic sensors/# out 1 site/ cloud/site1/\ntopic cmd/# in 1 site/ cloud/site1/\ntopic chat/# both 1 \"\" room/\n"));
            await host.WaitReadyAsync();
            await using var cloud = await remote.ConnectAsync("cloud-app");
            await cloud.SubscribeAsync("#", MqttQualityOfServiceLevel.AtLeastOnce);
            await using var local = await host.ConnectAsync("local-app");
            await local.SubscribeAsync("#", MqttQualityOfServiceLevel.AtLeastOnce);

            await local.PublishAsync("site/sensors/t1", "21.5", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.AreEqual("site/sensors/t1", (await local.NextAsync()).Topic, "the local subscriber's own copy");
            PeerMessage m = await cloud.NextAsync();
            Assert.AreEqual("cloud/site1/sensors/t1 21.5", m.Topic + " " + m.Payload);

            await cloud.PublishAsync("cloud/site1/cmd/valve", "open", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.AreEqual("cloud/site1/cmd/valve", (await cloud.NextAsync()).Topic);
            m = await local.NextAsync();
            Assert.AreEqual("site/cmd/valve open", m.Topic + " " + m.Payload);

            await local.PublishAsync("chat/a", "hi", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.AreEqual("chat/a", (await local.NextAsync()).Topic);
            Assert.AreEqual("room/chat/a hi", Text(await cloud.NextAsync()));
            await cloud.PublishAsync("room/chat/b", "yo", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.AreEqual("room/chat/b yo", Text(await cloud.NextAsync()));
            Assert.AreEqual("chat/b yo", Text(await local.NextAsync()));

            // Sentinels: nothing else (no echo of chat/a back into the local broker, nothing outside the lines) arrived.
            await cloud.PublishAsync("room/chat/end", "x", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.AreEqual("room/chat/end x", Text(await cloud.NextAsync()));
            Assert.AreEqual("chat/end x", Text(await local.NextAsync()));
            Assert.IsTrue(local.InboxEmpty && cloud.InboxEmpty);
            Assert.AreEqual(1L, host.Bridge().Statistics.EchoesDropped, "MQTTnet sent chat/a back; the hop check dropped it");
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        public async Task Each_QoS_crosses_end_to_end_both_ways(int qos)
        {
            await using var remote = new RemoteBroker();
            await remote.StartAsync();
            using var host = new BridgedHost(Config(remote, "topic up/# out 2\ntopic down/# in 2\n"));
            await host.WaitReadyAsync();
            await using var cloud = await remote.ConnectAsync("cloud-app");
            await cloud.SubscribeAsync("up/#", MqttQualityOfServiceLevel.ExactlyOnce);
            await using var local = await host.ConnectAsync("local-app");
            await local.SubscribeAsync("down/#", MqttQualityOfServiceLevel.ExactlyOnce);

            await local.PublishAsync("up/x", "u", (MqttQualityOfServiceLevel)qos);
            PeerMessage m = await cloud.NextAsync();
            Assert.AreEqual("up/x u q" + qos, m.Topic + " " + m.Payload + " q" + m.Qos);
            await cloud.PublishAsync("down/y", "d", (MqttQualityOfServiceLevel)qos);
            m = await local.NextAsync();
            Assert.AreEqual("down/y d q" + qos, m.Topic + " " + m.Payload + " q" + m.Qos);
        }

        /// <summary>MQTTnet's server is stopped and started again (a new instance that remembers nothing) in the middle of the
        /// stream. A restarted remote has forgotten which PUBLISHes it took: only those still unacknowledged (at most
        /// max_inflight_messages, 20) can arrive twice; a QoS 2 message whose PUBREC arrived is never sent again [MQTT-4.3.3-1].</summary>
        [TestMethod]
        [DataRow(1, 1000)]
        [DataRow(2, 300)]
        public async Task A_remote_restart_in_the_middle_of_the_stream_loses_nothing_keeps_the_order_and_repeats_only_what_was_in_flight(int qos, int count)
        {
            await using var remote = new RemoteBroker();
            await remote.StartAsync();
            using var host = new BridgedHost(Config(remote, "topic seq out " + qos + "\n"));
            await host.WaitReadyAsync();
            await using var local = await host.ConnectAsync("producer");
            for (int i = 0; i < count; i++)
            {
                await local.PublishAsync("seq", i.ToString(), (MqttQualityOfServiceLevel)qos);
                if (i == count * 2 / 5)
                {
                    await remote.StopAsync();
                    await remote.StartAsync();
                }
            }
            await BridgedHost.WaitAsync(() => remote.Snapshot("edge1").Select(a => a.Payload).Distinct().Count() == count, count + " distinct messages at the remote", TimeSpan.FromSeconds(30));
            Accepted[] accepted = remote.Snapshot("edge1");
            CollectionAssert.AreEqual(Enumerable.Range(0, count).ToArray(), accepted.Select(a => int.Parse(a.Payload)).Distinct().ToArray(), "each message first arrives in publish order");
            Assert.IsTrue(accepted.Length - count <= 20, (accepted.Length - count) + " repeated");
            Assert.IsTrue(host.Bridge().Remote.Statistics.Connections >= 2, "the bridge reconnected");
            Assert.AreEqual(0L, host.Bridge().Statistics.MessagesDropped);
        }

        [TestMethod]
        public async Task QoS_2_through_a_remote_that_drops_the_bridge_mid_stream_reaches_a_persistent_subscriber_exactly_once()
        {
            await using var remote = new RemoteBroker();
            await remote.StartAsync();
            using var host = new BridgedHost(Config(remote, "topic q2 out 2\n"));
            await host.WaitReadyAsync();
            await using var local = await host.ConnectAsync("producer");
            await using var cloud = await remote.ConnectAsync("consumer", clean: false);
            await cloud.SubscribeAsync("q2", MqttQualityOfServiceLevel.ExactlyOnce);
            for (int i = 0; i < 200; i++)
            {
                await local.PublishAsync("q2", i.ToString(), MqttQualityOfServiceLevel.ExactlyOnce);
                if (i == 100)
                {
                    await remote.Server.DisconnectClientAsync("edge1", new MQTTnet.Server.MqttServerClientDisconnectOptions());
                }
            }
            int[] received = new int[200];
            for (int n = 0; n < 200; n++)
            {
                received[int.Parse((await cloud.NextAsync()).Payload)]++;
            }
            await local.PublishAsync("q2", "end", MqttQualityOfServiceLevel.ExactlyOnce);
            Assert.AreEqual("end", (await cloud.NextAsync()).Payload);
            Assert.IsTrue(received.All(c => c == 1), "every message exactly once");
            Assert.IsTrue(host.Bridge().Remote.Statistics.Connections >= 2, "the bridge reconnected");
        }

        [TestMethod]
        public async Task Two_Nano_brokers_bridged_both_ways_on_one_topic_deliver_without_a_loop()
        {
            int portA = RemoteBroker.FreePort();
            int portB = RemoteBroker.FreePort();
            string Lines(string name, int port) => "connection " + name + "\naddress 127.0.0.1:" + port + "\nnotifications false\nrestart_timeout 1\ntopic t/# both 1\n";
            using var a = new BridgedHost(Lines("to-b", portB), portA);
            using var b = new BridgedHost(Lines("to-a", portA), portB);
            await a.WaitReadyAsync();
            await b.WaitReadyAsync();
            await using var atA = await a.ConnectAsync("at-a");
            await atA.SubscribeAsync("t/#", MqttQualityOfServiceLevel.AtLeastOnce);
            await using var atB = await b.ConnectAsync("at-b");
            await atB.SubscribeAsync("t/#", MqttQualityOfServiceLevel.AtLeastOnce);

            await atA.PublishAsync("t/x", "1", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.AreEqual("t/x 1", Text(await atA.NextAsync()));
            // Two bridges are two paths from A to B (to-b out, to-a in): B gets one copy per path; none comes back to A.
            Assert.AreEqual("t/x 1", Text(await atB.NextAsync()));
            Assert.AreEqual("t/x 1", Text(await atB.NextAsync()));
            await Task.Delay(300);
            long forwarded = a.Bridge().Statistics.MessagesOut + a.Bridge().Statistics.MessagesIn + b.Bridge().Statistics.MessagesOut + b.Bridge().Statistics.MessagesIn;
            Assert.AreEqual(2L, forwarded, "one forward per bridge, then nothing: no loop");
            Assert.IsTrue(atA.InboxEmpty, "nothing came back to A");
            Assert.IsTrue(atB.InboxEmpty);
        }

        [TestMethod]
        public async Task Notifications_are_retained_on_the_remote_and_the_Will_turns_them_to_0()
        {
            await using var remote = new RemoteBroker();
            await remote.StartAsync();
            var host = new BridgedHost("connection cloud\naddress 127.0.0.1:" + remote.Port + "\ntry_private false\nrestart_timeout 1\ntopic x out 0\n");
            try
            {
                await host.WaitReadyAsync();
                await BridgedHost.WaitAsync(() => remote.Snapshot("cloud").Any(a => a.Topic == "$SYS/broker/connection/cloud/state"), "the state notification", TimeSpan.FromSeconds(5));
                await using (var first = await remote.ConnectAsync("watcher1"))
                {
                    await first.SubscribeAsync("$SYS/broker/connection/cloud/state", MqttQualityOfServiceLevel.AtLeastOnce);
                    PeerMessage up = await first.NextAsync();
                    Assert.AreEqual("1 retained", up.Payload + (up.Retain ? " retained" : ""));
                }
                await using (var local = await host.ConnectAsync("local-watcher"))
                {
                    await local.SubscribeAsync("$SYS/broker/connection/cloud/state", MqttQualityOfServiceLevel.AtLeastOnce);
                    PeerMessage up = await local.NextAsync();
                    Assert.AreEqual("1 retained", up.Payload + (up.Retain ? " retained" : ""));
                }
            }
            finally
            {
                host.Dispose();
            }
            await using var second = await remote.ConnectAsync("watcher2");
            await second.SubscribeAsync("$SYS/broker/connection/cloud/state", MqttQualityOfServiceLevel.AtLeastOnce);
            PeerMessage down = await second.NextAsync();
            Assert.AreEqual("0 retained", down.Payload + (down.Retain ? " retained" : ""), "the bridge's Will");
        }

        [TestMethod]
        public async Task The_bridge_counters_are_published_under_its_SYS_topics_at_sys_interval()
        {
            await using var remote = new RemoteBroker();
            await remote.StartAsync();
            using var host = new BridgedHost(Config(remote, "topic up out 1\nsys_interval 1\n"));
            await host.WaitReadyAsync();
            await using var local = await host.ConnectAsync("local-app");
            await local.PublishAsync("up", "1", MqttQualityOfServiceLevel.AtLeastOnce);
            await local.PublishAsync("up", "2", MqttQualityOfServiceLevel.AtLeastOnce);
            await BridgedHost.WaitAsync(() => host.Bridge().Statistics.MessagesOut == 2, "two messages out", TimeSpan.FromSeconds(5));
            await local.SubscribeAsync("$SYS/broker/connection/cloud/messages/out", MqttQualityOfServiceLevel.AtMostOnce);
            PeerMessage m = await local.NextAsync();
            while (m.Payload != "2")
            {
                m = await local.NextAsync(); // a report from before the second message, then the next one
            }
            Assert.AreEqual("$SYS/broker/connection/cloud/messages/out", m.Topic);
        }

        [TestMethod]
        public async Task TLS_to_the_remote_works_with_the_test_CA_and_a_certificate_from_another_CA_is_refused()
        {
            using var ca = TestCertificates.CreateCa("Nano bridge test CA");
            using var other = TestCertificates.CreateCa("Another CA");
            using var server = TestCertificates.CreateServer(ca);
            string caFile = Path.GetTempFileName();
            string otherFile = Path.GetTempFileName();
            File.WriteAllText(caFile, ca.ExportCertificatePem());
            File.WriteAllText(otherFile, other.ExportCertificatePem());
            try
            {
                await using var remote = new RemoteBroker(server);
                await remote.StartAsync();
                string Lines(string cafile) => "connection cloud\naddress localhost:" + remote.Port + "\nbridge_cafile " + cafile
                    + "\ntry_private false\nnotifications false\nrestart_timeout 1\ntopic s out 1\n";
                using (var good = new BridgedHost(Lines(caFile)))
                {
                    await good.WaitReadyAsync();
                    await using var local = await good.ConnectAsync("local-app");
                    await local.PublishAsync("s", "over tls", MqttQualityOfServiceLevel.AtLeastOnce);
                    await BridgedHost.WaitAsync(() => remote.Snapshot("cloud").Any(a => a.Topic == "s" && a.Payload == "over tls"), "the message at the TLS remote", TimeSpan.FromSeconds(5));
                }
                using var bad = new BridgedHost(Lines(otherFile));
                await BridgedHost.WaitAsync(() => bad.Bridge().Remote.Statistics.ConnectAttempts >= 2, "two refused dials", TimeSpan.FromSeconds(10));
                Assert.IsFalse(bad.Bridge().Connected, "a certificate from another CA is refused");
                Assert.AreEqual(0L, bad.Bridge().Remote.Statistics.Connections);
            }
            finally
            {
                File.Delete(caFile);
                File.Delete(otherFile);
            }
        }

        private static string Text(PeerMessage m) => m.Topic + " " + m.Payload;
    }
}
