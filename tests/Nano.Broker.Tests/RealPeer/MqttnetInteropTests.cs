using System;
using System.Linq;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Nano.Broker.Tests.RealPeer
{
    /// <summary>MQTTnet clients at protocol levels 3 (3.1) and 4 (3.1.1) against the PC host's broker over loopback TCP.</summary>
    [TestClass]
    public sealed class MqttnetInteropTests
    {
        [TestMethod]
        [DataRow(MqttProtocolVersion.V310)]
        [DataRow(MqttProtocolVersion.V311)]
        public async Task Every_qos_pair_is_delivered_at_the_minimum_of_publish_and_granted_qos_MQTT_3_8_4_6(MqttProtocolVersion version)
        {
            using var broker = new TestBroker();
            await using var publisher = await broker.ConnectAsync("pub", version);
            var subscribers = new MqttPeer[3];
            for (int s = 0; s < 3; s++)
            {
                subscribers[s] = await broker.ConnectAsync("sub" + s, version);
                await subscribers[s].SubscribeAsync("q/" + s, (MqttQualityOfServiceLevel)s);
            }
            for (int s = 0; s < 3; s++)
            {
                for (int p = 0; p < 3; p++)
                {
                    var result = await publisher.Client.PublishAsync(new MqttApplicationMessageBuilder()
                        .WithTopic("q/" + s).WithPayload("m" + p).WithQualityOfServiceLevel((MqttQualityOfServiceLevel)p).Build());
                    Assert.IsTrue(result.IsSuccess, "publish at QoS " + p);
                }
            }
            for (int s = 0; s < 3; s++)
            {
                var received = new PeerMessage[3];
                for (int i = 0; i < 3; i++)
                {
                    received[i] = await subscribers[s].NextAsync();
                }
                foreach (var m in received.OrderBy(m => m.Payload, StringComparer.Ordinal).Select((m, p) => (m, p)))
                {
                    Assert.AreEqual("q/" + s, m.m.Topic);
                    Assert.AreEqual("m" + m.p, m.m.Payload);
                    Assert.AreEqual(Math.Min(s, m.p), m.m.Qos, "subscribed at " + s + ", published at " + m.p);
                    Assert.IsFalse(m.m.Retain, "[MQTT-3.3.1-9]");
                    Assert.IsFalse(m.m.Dup, "[MQTT-3.3.1-3]");
                }
                await subscribers[s].DisposeAsync();
            }
        }

        [TestMethod]
        public async Task Sessions_on_one_filter_each_get_its_messages_until_each_unsubscribes_MQTT_3_10_4_1()
        {
            using var broker = new TestBroker();
            await using var publisher = await broker.ConnectAsync("pub", MqttProtocolVersion.V311);
            var subscribers = new MqttPeer[3];
            for (int s = 0; s < subscribers.Length; s++)
            {
                subscribers[s] = await broker.ConnectAsync("sub" + s, MqttProtocolVersion.V311);
                await subscribers[s].SubscribeAsync("shared/filter", MqttQualityOfServiceLevel.AtLeastOnce);
                await subscribers[s].SubscribeAsync("marker", MqttQualityOfServiceLevel.AtLeastOnce);
            }
            try
            {
                for (int round = 0; round < subscribers.Length; round++)
                {
                    await publisher.PublishAsync("shared/filter", "m" + round, MqttQualityOfServiceLevel.AtLeastOnce);
                    await publisher.PublishAsync("marker", "after m" + round, MqttQualityOfServiceLevel.AtLeastOnce);
                    for (int s = 0; s < subscribers.Length; s++)
                    {
                        if (s >= round)
                        {
                            Assert.AreEqual(new PeerMessage("shared/filter", "m" + round, 1, false, false), await subscribers[s].NextAsync(), "sub" + s);
                        }
                        Assert.AreEqual("after m" + round, (await subscribers[s].NextAsync()).Payload, "sub" + s + " got nothing else");
                    }
                    await subscribers[round].Client.UnsubscribeAsync(new MqttClientUnsubscribeOptionsBuilder().WithTopicFilter("shared/filter").Build());
                }
            }
            finally
            {
                foreach (MqttPeer s in subscribers)
                {
                    await s.DisposeAsync();
                }
            }
        }

        [TestMethod]
        [DataRow(MqttProtocolVersion.V310)]
        [DataRow(MqttProtocolVersion.V311)]
        public async Task Retained_message_reaches_new_subscribers_and_an_empty_payload_clears_it_MQTT_3_3_1_6_MQTT_3_3_1_10(MqttProtocolVersion version)
        {
            using var broker = new TestBroker();
            await using var live = await broker.ConnectAsync("live", version);
            await live.SubscribeAsync("r/#", MqttQualityOfServiceLevel.AtLeastOnce);
            await using var publisher = await broker.ConnectAsync("pub", version);

            await publisher.PublishAsync("r/a", "one", MqttQualityOfServiceLevel.AtLeastOnce, retain: true);
            Assert.AreEqual(new PeerMessage("r/a", "one", 1, false, false), await live.NextAsync(), "forwarded live with RETAIN 0 [MQTT-3.3.1-9]");

            await using (var first = await broker.ConnectAsync("first", version))
            {
                await first.SubscribeAsync("r/+", MqttQualityOfServiceLevel.AtLeastOnce);
                Assert.AreEqual(new PeerMessage("r/a", "one", 1, true, false), await first.NextAsync(), "[MQTT-3.3.1-8]");
            }

            await publisher.PublishAsync("r/a", "", MqttQualityOfServiceLevel.AtLeastOnce, retain: true);
            Assert.AreEqual(new PeerMessage("r/a", "", 1, false, false), await live.NextAsync(), "an empty retained PUBLISH is delivered normally [MQTT-3.3.1-10]");
            await publisher.PublishAsync("r/b", "two", MqttQualityOfServiceLevel.AtLeastOnce, retain: true);

            await using var second = await broker.ConnectAsync("second", version);
            await second.SubscribeAsync("r/+", MqttQualityOfServiceLevel.AtLeastOnce);
            await second.PublishAsync("r/sentinel", "end", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.AreEqual(new PeerMessage("r/b", "two", 1, true, false), await second.NextAsync());
            Assert.AreEqual(new PeerMessage("r/sentinel", "end", 1, false, false), await second.NextAsync(), "r/a must be gone [MQTT-3.3.1-11]");
        }

        [TestMethod]
        [DataRow(MqttProtocolVersion.V310)]
        [DataRow(MqttProtocolVersion.V311)]
        public async Task Will_is_not_published_after_DISCONNECT_MQTT_3_14_4_3(MqttProtocolVersion version)
        {
            using var broker = new TestBroker();
            await using var watcher = await broker.ConnectAsync("watcher", version);
            await watcher.SubscribeAsync("will/#", MqttQualityOfServiceLevel.AtLeastOnce);
            await watcher.SubscribeAsync("end", MqttQualityOfServiceLevel.AtLeastOnce);
            var polite = await broker.ConnectAsync("polite", version, configure: b => b.WithWillTopic("will/polite").WithWillPayload("gone"));
            Assert.AreEqual(2, broker.Statistics.ClientsConnected);

            await polite.Client.DisconnectAsync().WaitAsync(TestBroker.Timeout);
            polite.Client.Dispose();
            await TestBroker.WaitUntilAsync(() => broker.Statistics.ClientsConnected == 1, "the DISCONNECT to be processed");

            Assert.AreEqual(0L, broker.Statistics.WillsPublished);
            await watcher.PublishAsync("end", "sentinel", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.AreEqual(new PeerMessage("end", "sentinel", 1, false, false), await watcher.NextAsync());
        }

        [TestMethod]
        [DataRow(MqttProtocolVersion.V310)]
        [DataRow(MqttProtocolVersion.V311)]
        public async Task Offline_qos1_messages_are_queued_and_delivered_in_order_on_reconnect_MQTT_3_1_2_5(MqttProtocolVersion version)
        {
            using var broker = new TestBroker();
            await using (var keeper = await broker.ConnectAsync("keeper", version, clean: false))
            {
                await keeper.SubscribeAsync("off/t", MqttQualityOfServiceLevel.AtLeastOnce);
            }
            await TestBroker.WaitUntilAsync(() => broker.Statistics.ClientsConnected == 0, "the DISCONNECT to be processed");

            await using var publisher = await broker.ConnectAsync("pub", version);
            await publisher.PublishAsync("off/t", "1", MqttQualityOfServiceLevel.AtLeastOnce);
            await publisher.PublishAsync("off/t", "q0", MqttQualityOfServiceLevel.AtMostOnce);
            await publisher.PublishAsync("off/t", "2", MqttQualityOfServiceLevel.ExactlyOnce);
            await publisher.PublishAsync("off/t", "3", MqttQualityOfServiceLevel.AtLeastOnce);

            await using var back = await broker.ConnectAsync("keeper", version, clean: false);
            Assert.AreEqual(version == MqttProtocolVersion.V311, back.ConnectResult.IsSessionPresent, "[MQTT-3.2.2-2] (reserved 0 at 3.1)");
            Assert.AreEqual(new PeerMessage("off/t", "1", 1, false, false), await back.NextAsync());
            Assert.AreEqual(new PeerMessage("off/t", "2", 1, false, false), await back.NextAsync());
            Assert.AreEqual(new PeerMessage("off/t", "3", 1, false, false), await back.NextAsync());

            await publisher.PublishAsync("off/t", "live", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.AreEqual(new PeerMessage("off/t", "live", 1, false, false), await back.NextAsync(), "QoS 0 is not queued offline by default");
        }

        [TestMethod]
        [DataRow(MqttProtocolVersion.V310)]
        [DataRow(MqttProtocolVersion.V311)]
        public async Task Second_connection_with_the_same_client_id_takes_over_the_session_MQTT_3_1_4_2(MqttProtocolVersion version)
        {
            using var broker = new TestBroker();
            await using var first = await broker.ConnectAsync("twin", version, clean: false);
            await first.SubscribeAsync("tk/t", MqttQualityOfServiceLevel.AtLeastOnce);

            await using var second = await broker.ConnectAsync("twin", version, clean: false);
            var closed = await first.Disconnected.Task.WaitAsync(TestBroker.Timeout);
            Assert.IsTrue(closed.ClientWasConnected);
            Assert.IsTrue(second.Client.IsConnected);
            Assert.AreEqual(version == MqttProtocolVersion.V311, second.ConnectResult.IsSessionPresent);
            Assert.AreEqual(1L, broker.Statistics.Takeovers);

            await using var publisher = await broker.ConnectAsync("pub", version);
            await publisher.PublishAsync("tk/t", "after", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.AreEqual(new PeerMessage("tk/t", "after", 1, false, false), await second.NextAsync(), "the subscription belongs to the session");
        }

        [TestMethod]
        [DataRow(MqttProtocolVersion.V310)]
        [DataRow(MqttProtocolVersion.V311)]
        public async Task Plus_matches_one_level_and_hash_the_parent_and_all_below_MQTT_4_7_1_2_MQTT_4_7_1_3(MqttProtocolVersion version)
        {
            using var broker = new TestBroker();
            await using var plus = await broker.ConnectAsync("plus", version);
            await plus.SubscribeAsync("w/+/temp", MqttQualityOfServiceLevel.AtLeastOnce);
            await using var hash = await broker.ConnectAsync("hash", version);
            await hash.SubscribeAsync("w/#", MqttQualityOfServiceLevel.AtLeastOnce);
            await using var publisher = await broker.ConnectAsync("pub", version);

            foreach (var topic in new[] { "w/kitchen/temp", "w/kitchen/humidity", "w", "x/kitchen/temp", "w/a/b/temp", "w//temp", "w/end/temp" })
            {
                await publisher.PublishAsync(topic, topic, MqttQualityOfServiceLevel.AtLeastOnce);
            }

            foreach (var topic in new[] { "w/kitchen/temp", "w//temp", "w/end/temp" })
            {
                Assert.AreEqual(topic, (await plus.NextAsync()).Topic);
            }
            foreach (var topic in new[] { "w/kitchen/temp", "w/kitchen/humidity", "w", "w/a/b/temp", "w//temp", "w/end/temp" })
            {
                Assert.AreEqual(topic, (await hash.NextAsync()).Topic);
            }
            Assert.IsTrue(plus.InboxEmpty);
            Assert.IsTrue(hash.InboxEmpty);
        }

        [TestMethod]
        [DataRow(MqttProtocolVersion.V310)]
        [DataRow(MqttProtocolVersion.V311)]
        public async Task Password_file_user_connects_with_MQTTnet_credentials(MqttProtocolVersion version)
        {
            using var broker = new TestBroker(o =>
            {
                o.Authenticator = Nano.Host.PasswordFile.Parse("alice:s3cret\n", out _);
                o.Broker.AllowAnonymous = false;
            });
            await using var alice = await broker.ConnectAsync("alice", version, configure: b => b.WithCredentials("alice", "s3cret"));
            Assert.AreEqual(MqttClientConnectResultCode.Success, alice.ConnectResult.ResultCode);
            await alice.SubscribeAsync("a", MqttQualityOfServiceLevel.ExactlyOnce);
            await alice.PublishAsync("a", "hello", MqttQualityOfServiceLevel.ExactlyOnce);
            Assert.AreEqual(new PeerMessage("a", "hello", 2, false, false), await alice.NextAsync());
        }

        [TestMethod]
        [DataRow(64)]
        [DataRow(16 * 1024)]
        public async Task QoS_0_fan_out_written_directly_or_queued_arrives_complete_and_in_order_MQTT_4_6_0_2(int outputBufferSize)
        {
            using var broker = new TestBroker(o => o.Broker.OutputBufferSize = outputBufferSize);
            await using var publisher = await broker.ConnectAsync("pub", MqttProtocolVersion.V311);
            var subscribers = new MqttPeer[4];
            for (int s = 0; s < subscribers.Length; s++)
            {
                subscribers[s] = await broker.ConnectAsync("sub" + s, MqttProtocolVersion.V311);
                await subscribers[s].SubscribeAsync("fan/#", MqttQualityOfServiceLevel.AtMostOnce);
            }
            const int Messages = 200;
            for (int i = 0; i < Messages; i++)
            {
                // Payloads of 1 to 100 bytes: some fit the 64 B output and are written directly, some are queued.
                await publisher.PublishAsync("fan/" + (i % 3), i + ":" + new string('x', i % 97));
            }
            foreach (MqttPeer subscriber in subscribers)
            {
                for (int i = 0; i < Messages; i++)
                {
                    Assert.AreEqual(new PeerMessage("fan/" + (i % 3), i + ":" + new string('x', i % 97), 0, false, false), await subscriber.NextAsync());
                }
                await subscriber.DisposeAsync();
            }
            Assert.AreEqual((long)Messages * subscribers.Length, broker.Statistics.MessagesSent);
            Assert.AreEqual(0L, broker.Statistics.DroppedQueueFull + broker.Statistics.DroppedPoolFull);
        }
    }
}
