using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests
{
    /// <summary>
    /// A QoS 0 delivery to a connection with nothing else to send is written straight into its output at routing time
    /// (no pooled copy, no queue entry); every other delivery is queued, and the two paths keep the order in which
    /// the messages were published [MQTT-4.6.0-2..5]. The default output (64 B) is the ESP32's.
    /// </summary>
    [TestClass]
    public sealed class DirectDeliveryTests
    {
        private static string Payloads(ScriptedClient c)
        {
            string all = "";
            foreach (Received r in c.Drain())
            {
                Assert.IsTrue(r.IsPublish, "unexpected " + r.Hex);
                all += r.Payload + ",";
            }
            return all;
        }

        [TestMethod]
        public void QoS_0_to_an_idle_subscriber_needs_no_pooled_copy_and_counts_as_sent_MQTT_4_3_1_1()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = PublishTests.Subscriber(broker, "s", "a/b", 0);
            ScriptedClient pub = broker.Connect("p");
            BrokerStatistics statistics = broker.Engine.Statistics;
            long packets = statistics.PacketsSent;
            long bytes = statistics.BytesSent;
            pub.Send(Packets.Publish("a/b", "hi", 0));
            Assert.AreEqual(0, broker.Engine.PooledMessageCount, "written into the subscriber's output, not copied");
            Assert.AreEqual(9, broker.Engine.PendingOutput(sub.Id));
            Assert.AreEqual(packets + 1, statistics.PacketsSent);
            Assert.AreEqual(1L, statistics.MessagesSent);
            Assert.AreEqual(bytes, statistics.BytesSent, "bytes count when the host reads them");
            Assert.AreEqual("3007" + "0003612F62" + "6869", sub.Next().Hex);
            Assert.AreEqual(bytes + 9, statistics.BytesSent);
            pub.ExpectNothing();
        }

        [TestMethod]
        public void Fan_out_writes_the_same_packet_to_every_idle_subscriber_MQTT_4_5_0_1()
        {
            var broker = new ScriptedBroker();
            var subs = new ScriptedClient[4];
            for (int i = 0; i < subs.Length; i++)
            {
                subs[i] = PublishTests.Subscriber(broker, "s" + i, i % 2 == 0 ? "t/#" : "t/+", i % 2);
            }
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("t/x", "0123456789", 0));
            Assert.AreEqual(0, broker.Engine.PooledMessageCount);
            Assert.AreEqual(4L, broker.Engine.Statistics.MessagesSent);
            foreach (ScriptedClient s in subs)
            {
                Assert.AreEqual("300F" + "0003742F78" + "30313233343536373839", s.Next().Hex);
                s.ExpectNothing();
            }
        }

        [TestMethod]
        public void A_delivery_that_does_not_fit_the_output_is_queued_and_what_follows_queues_behind_it_MQTT_4_6_0_2()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = PublishTests.Subscriber(broker, "s", "t", 0);
            ScriptedClient pub = broker.Connect("p");
            string big = new string('b', 70);
            pub.Send(Packets.Publish("t", big, 0));
            Assert.AreEqual(1, broker.Engine.PooledMessageCount, "larger than the 64 B output: queued");
            pub.Send(Packets.Publish("t", "after", 0));
            Assert.AreEqual(2, broker.Engine.PooledMessageCount, "the queue is not empty: queued behind");
            Assert.AreEqual(big + ",after,", Payloads(sub));
            Assert.AreEqual(0, broker.Engine.PooledMessageCount);
            pub.Send(Packets.Publish("t", "idle", 0));
            Assert.AreEqual(0, broker.Engine.PooledMessageCount, "idle again: written directly");
            Assert.AreEqual("idle,", Payloads(sub));
        }

        [TestMethod]
        public void A_delivery_waits_behind_a_packet_part_way_read_MQTT_4_6_0_2()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = PublishTests.Subscriber(broker, "s", "t", 0);
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("t", new string('b', 70), 0));
            var head = new byte[5];
            Assert.AreEqual(5, broker.Engine.ReadOutput(sub.Id, head, 0, head.Length), "the queued PUBLISH is in progress");
            pub.Send(Packets.Publish("t", "next", 0));
            Assert.AreEqual(2, broker.Engine.PooledMessageCount, "queued: a packet is in progress");
            var rest = new byte[256];
            int n = broker.Engine.ReadOutput(sub.Id, rest, 0, rest.Length);
            Assert.AreEqual(75 - 5 + 9, n);
            Assert.AreEqual("3007" + "000174" + "6E657874", System.Convert.ToHexString(rest, 70, 9));
        }

        [TestMethod]
        public void Deliveries_queue_behind_one_written_directly_until_the_output_is_read_MQTT_4_6_0_2()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = PublishTests.Subscriber(broker, "s", "t", 0);
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("t", "m0", 0)); // 7 B
            pub.Send(Packets.Publish("t", "m1", 0));
            pub.Send(Packets.Publish("t", "m2", 0));
            Assert.AreEqual(2, broker.Engine.PooledMessageCount, "m0 written; m1 and m2 queued: the output is not empty");
            sub.Send(Packets.Publish("u", "x", 1, 5));
            Assert.AreEqual(7 + 4, broker.Engine.PendingOutput(sub.Id), "m0 and the subscriber's own PUBACK");
            string order = "";
            foreach (Received r in sub.Drain())
            {
                order += (r.IsPublish ? r.Payload : r.Hex) + ",";
            }
            Assert.AreEqual("m0,40020005,m1,m2,", order);
            pub.Send(Packets.Publish("t", "m3", 0));
            Assert.AreEqual(0, broker.Engine.PooledMessageCount, "read: written directly again");
            Assert.AreEqual("m3,", Payloads(sub));
            Assert.AreEqual(4L, broker.Engine.Statistics.MessagesSent);
        }

        [TestMethod]
        public void An_acknowledgement_owed_to_a_subscriber_waits_behind_a_direct_PUBLISH_that_fills_its_output_until_it_is_read()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = PublishTests.Subscriber(broker, "s", "t", 0);
            ScriptedClient pub = broker.Connect("p");
            string big = new string('b', 59);
            pub.Send(Packets.Publish("t", big, 0)); // 64 B: the whole output
            Assert.AreEqual(0, broker.Engine.PooledMessageCount);
            sub.Send(Packets.Publish("u", "x", 1, 5));
            Assert.AreEqual(64, broker.Engine.PendingOutput(sub.Id), "no room for the PUBACK yet");
            var got = sub.Drain();
            Assert.AreEqual(2, got.Count);
            Assert.AreEqual(big, got[0].Payload);
            Assert.AreEqual("40020005", got[1].Hex, "the PUBLISH is acknowledged once the output is read");
        }

        [TestMethod]
        public void A_QoS_1_delivery_is_written_directly_into_the_inflight_window_and_QoS_0_ones_of_the_same_PUBLISH_too_MQTT_3_8_4_6()
        {
            var broker = new ScriptedBroker();
            ScriptedClient at1 = PublishTests.Subscriber(broker, "s1", "t", 1);
            ScriptedClient at0 = PublishTests.Subscriber(broker, "s0", "t", 0);
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("t", "x", 1, 3));
            Assert.AreEqual("40020003", pub.Next().Hex);
            Assert.AreEqual(1, broker.Engine.PooledMessageCount, "one copy, held by the inflight entry");
            Assert.AreEqual(8, broker.Engine.PendingOutput(at1.Id));
            Assert.AreEqual(6, broker.Engine.PendingOutput(at0.Id));
            Assert.AreEqual(2L, broker.Engine.Statistics.MessagesSent);
            Assert.AreEqual("3004000174" + "78", at0.Next().Hex);
            Assert.AreEqual("32060001740001" + "78", at1.Next().Hex);
            at1.Send(Packets.PubAck(1));
            Assert.AreEqual(0, broker.Engine.PooledMessageCount);
        }

        [TestMethod]
        public void A_QoS_1_delivery_is_queued_while_the_inflight_window_is_full_and_sent_in_order_after_the_PUBACK_MQTT_4_6_0_6()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxInflight = 1 });
            ScriptedClient sub = PublishTests.Subscriber(broker, "s", "t", 1);
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("t", "a", 1, 1));
            Assert.AreEqual("32060001740001" + "61", sub.Next().Hex);
            pub.Send(Packets.Publish("t", "b", 1, 2));
            pub.Send(Packets.Publish("t", "c", 0));
            Assert.AreEqual(3, broker.Engine.PooledMessageCount, "a inflight; b queued for the window; c queued behind it");
            sub.ExpectNothing();
            sub.Send(Packets.PubAck(1));
            var got = sub.Drain();
            Assert.AreEqual(2, got.Count);
            Assert.AreEqual("32060001740002" + "62", got[0].Hex);
            Assert.AreEqual("3004000174" + "63", got[1].Hex);
        }

        [TestMethod]
        public void A_QoS_1_PUBLISH_to_subscribers_granted_QoS_0_only_is_acknowledged_and_needs_no_copy_MQTT_4_3_2_2()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = PublishTests.Subscriber(broker, "s", "t", 0);
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("t", "x", 1, 3));
            Assert.AreEqual(0, broker.Engine.PooledMessageCount);
            Assert.AreEqual("40020003", pub.Next().Hex);
            Assert.AreEqual("3004000174" + "78", sub.Next().Hex);
        }

        [TestMethod]
        public void A_publisher_subscribed_to_its_own_topic_gets_its_PUBACK_and_the_delivery_at_every_size_near_its_output_size()
        {
            // Its PUBACK goes into its own output between the copy decision and the delivery, here behind a packet part-way
            // read, so its own delivery is queued behind it.
            for (int payload = 40; payload <= 64; payload++)
            {
                var broker = new ScriptedBroker();
                ScriptedClient self = PublishTests.Subscriber(broker, "self", "t", 0);
                self.Send(Packets.Publish("z", "-", 1, 8));
                var part = new byte[2];
                Assert.AreEqual(2, broker.Engine.ReadOutput(self.Id, part, 0, 2));
                string text = new string('p', payload);
                self.Send(Packets.Publish("t", text, 1, 9));
                Assert.AreEqual(2, broker.Engine.ReadOutput(self.Id, part, 0, 2));
                Assert.AreEqual("0008", System.Convert.ToHexString(part));
                var got = self.Drain();
                Assert.AreEqual(2, got.Count, "payload " + payload);
                Assert.AreEqual("40020009", got[0].Hex);
                Assert.AreEqual(text, got[1].Payload);
                Assert.AreEqual(0, got[1].Qos);
                Assert.AreEqual(0, broker.Engine.PooledMessageCount);
                Assert.AreEqual(0L, broker.Engine.Statistics.DroppedPoolFull);
            }
        }

        [TestMethod]
        public void A_live_message_is_queued_behind_retained_messages_still_to_send_MQTT_3_3_1_8()
        {
            var broker = new ScriptedBroker();
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("r/1", "old", 0, retain: true));
            ScriptedClient sub = broker.Connect("s");
            sub.Send(Packets.Subscribe(1, "r/#", 0));
            pub.Send(Packets.Publish("r/1", "live", 0));
            Assert.AreEqual(2, broker.Engine.PooledMessageCount, "the retained one and the queued live one");
            var got = sub.Drain();
            Assert.AreEqual(3, got.Count);
            Assert.AreEqual("9003000100", got[0].Hex);
            Assert.AreEqual("old", got[1].Payload);
            Assert.IsTrue(got[1].Retain);
            Assert.AreEqual("live", got[2].Payload);
            Assert.IsFalse(got[2].Retain);
        }

        [TestMethod]
        public void A_live_QoS_0_message_is_queued_behind_an_inflight_message_to_resend_MQTT_4_4_0_1()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = broker.Connect("s", clean: false);
            sub.Send(Packets.Subscribe(1, "t", 1, "u", 0));
            sub.Drain();
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("t", "unacked", 1, 1));
            Assert.AreEqual("unacked", sub.Next().Payload);
            broker.Engine.ConnectionLost(sub.Id, broker.Now);
            sub.Closed();
            sub = broker.Accept();
            sub.Send(Packets.Connect("s", false));
            pub.Send(Packets.Publish("u", "live", 0));
            Assert.AreEqual(2, broker.Engine.PooledMessageCount, "the live one is queued behind the message to resend");
            var got = sub.Drain();
            Assert.AreEqual(3, got.Count);
            Assert.AreEqual("20020100", got[0].Hex);
            Assert.AreEqual("unacked", got[1].Payload);
            Assert.IsTrue(got[1].Dup, "[MQTT-3.3.1-1]");
            Assert.AreEqual("live", got[2].Payload);
        }
    }
}
