using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MQTTnet.Formatter;
using Nano.Host;
using MQTTnet.Protocol;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Nano.Broker.Tests.RealPeer
{
    /// <summary>The PC host's defaults never refuse what an MQTT 3.1.1 client may lawfully send or ask for: QoS 2
    /// messages awaiting PUBREL under every packet identifier, topics of any depth, every retained message at once.</summary>
    [TestClass]
    public sealed class FlowLimitTests
    {
        [TestMethod]
        public async Task Hundred_QoS_2_publishes_before_any_PUBREL_are_each_delivered_exactly_once_MQTT_4_3_3_2()
        {
            using var broker = new TestBroker();
            await using var subscriber = await broker.ConnectAsync("sub", MqttProtocolVersion.V311);
            await subscriber.SubscribeAsync("q2/#", MqttQualityOfServiceLevel.ExactlyOnce);
            using var publisher = new RawMqttClient(broker.Port);
            publisher.Send(RawMqttClient.Connect("rawpub", 4));
            Assert.AreEqual("20020000", Packets.Hex(publisher.ReadPacket()), "CONNACK accepted");

            var ids = new int[100];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = i == ids.Length - 1 ? 65535 : 1 + i * 655; // spread over the whole identifier space
            }
            foreach (int id in ids)
            {
                publisher.Send(Packets.Publish("q2/" + id, "m" + id, qos: 2, packetId: id));
            }
            foreach (int id in ids)
            {
                Assert.AreEqual(Packets.Hex(Packets.PubRec(id)), Packets.Hex(publisher.ReadPacket()), "PUBREC " + id);
            }
            foreach (int id in ids)
            {
                publisher.Send(Packets.Publish("q2/" + id, "m" + id, qos: 2, packetId: id, dup: true)); // re-sent before PUBREL [MQTT-4.3.3-2]
            }
            foreach (int id in ids)
            {
                Assert.AreEqual(Packets.Hex(Packets.PubRec(id)), Packets.Hex(publisher.ReadPacket()), "PUBREC of the duplicate " + id);
            }
            foreach (int id in ids)
            {
                publisher.Send(Packets.PubRel(id));
            }
            foreach (int id in ids)
            {
                Assert.AreEqual(Packets.Hex(Packets.PubComp(id)), Packets.Hex(publisher.ReadPacket()), "PUBCOMP " + id);
            }
            publisher.Send(Packets.Publish("q2/end", "end"));

            var received = new HashSet<string>();
            PeerMessage m;
            while ((m = await subscriber.NextAsync()).Topic != "q2/end")
            {
                Assert.AreEqual("q2/" + m.Payload.Substring(1), m.Topic);
                Assert.IsTrue(received.Add(m.Payload), "delivered twice: " + m.Payload);
            }
            Assert.HasCount(ids.Length, received);
            Assert.AreEqual(0L, broker.Statistics.ProtocolErrors);
        }

        [TestMethod]
        public async Task A_200_level_topic_is_delivered_through_the_PC_host()
        {
            using var broker = new TestBroker();
            await using var subscriber = await broker.ConnectAsync("sub", MqttProtocolVersion.V311);
            await subscriber.SubscribeAsync("deep/#", MqttQualityOfServiceLevel.AtLeastOnce);
            await using var publisher = await broker.ConnectAsync("pub", MqttProtocolVersion.V311);
            string topic = "deep" + string.Concat(Enumerable.Range(1, 199).Select(i => "/" + i));
            Assert.HasCount(200, topic.Split('/'));
            await publisher.PublishAsync(topic, "bottom", MqttQualityOfServiceLevel.AtLeastOnce);
            PeerMessage m = await subscriber.NextAsync();
            Assert.AreEqual(topic, m.Topic);
            Assert.AreEqual("bottom", m.Payload);
            Assert.AreEqual(0L, broker.Statistics.PublishesRejected);
        }

        [TestMethod]
        public async Task Five_hundred_retained_messages_reach_a_new_hash_subscriber_through_a_queue_of_10_MQTT_3_3_1_6()
        {
            Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(new[] { "--max_queued_messages", "10" }, out HostOptions parsed, out string error), error);
            using var broker = new TestBroker(o => o.Broker.MaxQueued = parsed.Broker.MaxQueued);
            await using (var publisher = await broker.ConnectAsync("pub", MqttProtocolVersion.V311))
            {
                for (int i = 0; i < 500; i++)
                {
                    await publisher.PublishAsync("kept/" + i, "v" + i, MqttQualityOfServiceLevel.AtLeastOnce, retain: true);
                }
            }
            await using var subscriber = await broker.ConnectAsync("sub", MqttProtocolVersion.V311);
            await subscriber.SubscribeAsync("#", MqttQualityOfServiceLevel.AtLeastOnce);
            var received = new HashSet<string>();
            for (int i = 0; i < 500; i++)
            {
                PeerMessage m = await subscriber.NextAsync();
                Assert.IsTrue(m.Retain, "[MQTT-3.3.1-8]");
                Assert.AreEqual("kept/" + m.Payload.Substring(1), m.Topic);
                Assert.IsTrue(received.Add(m.Topic), "delivered twice: " + m.Topic);
            }
            await subscriber.PublishAsync("end", "end");
            Assert.AreEqual("end", (await subscriber.NextAsync()).Topic);
            Assert.AreEqual(0L, broker.Statistics.MessagesDropped);
            Assert.AreEqual(0L, broker.Statistics.RetainedRejected);
        }
    }
}
