using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests
{
    [TestClass]
    public sealed class PublishTests
    {
        internal static ScriptedClient Subscriber(ScriptedBroker broker, string id, string filter, int qos)
        {
            ScriptedClient c = broker.Connect(id);
            c.Send(Packets.Subscribe(1, filter, qos));
            Assert.AreEqual("90030001" + qos.ToString("X2"), c.Next().Hex);
            return c;
        }

        [TestMethod]
        public void QoS_0_is_forwarded_as_a_new_packet_with_RETAIN_0_MQTT_3_3_1_9()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = Subscriber(broker, "s", "a/b", 0);
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("a/b", "hi", 0, retain: true));
            pub.ExpectNothing();
            Assert.AreEqual("3007" + "0003612F62" + "6869", sub.Next().Hex);
        }

        [TestMethod]
        public void One_ReadOutput_returns_every_ready_packet_in_order_and_a_short_read_means_nothing_more_MQTT_4_6_0_6()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = Subscriber(broker, "s", "t", 1);
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("t", "x", 0));
            pub.Send(Packets.Publish("t", "y", 1, 9));
            pub.Send(Packets.Publish("t", "z", 0));
            Assert.AreEqual("40020009", pub.Next().Hex);
            string expected = "3004000174" + "78" + "32060001740001" + "79" + "3004000174" + "7A";
            var output = new byte[64];
            int n = broker.Engine.ReadOutput(sub.Id, output, 0, 10);
            Assert.AreEqual(10, n, "a read that fills the room may leave more");
            n += broker.Engine.ReadOutput(sub.Id, output, 10, output.Length - 10);
            Assert.AreEqual(expected.Length / 2, n, "the rest in one read, the cut packet first");
            Assert.AreEqual(expected, System.Convert.ToHexString(output, 0, n));
            Assert.AreEqual(0, broker.Engine.ReadOutput(sub.Id, output, 0, output.Length));
        }

        [TestMethod]
        public void QoS_1_is_acknowledged_with_the_same_id_MQTT_4_3_2_2_and_forwarded_with_a_broker_id_MQTT_2_3_1_4()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = Subscriber(broker, "s", "t", 1);
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("t", "x", 1, 0x1234));
            Assert.AreEqual("40021234", pub.Next().Hex);
            Received r = sub.Next();
            Assert.AreEqual("32060001740001" + "78", r.Hex); // the subscriber's own id sequence, starting at 1
            sub.Send(Packets.PubAck(1));
            Assert.AreEqual(0, broker.Engine.PooledMessageCount);
        }

        [TestMethod]
        public void QoS_2_inbound_is_not_delivered_twice_before_PUBREL_MQTT_4_3_3_2()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = Subscriber(broker, "s", "t", 0);
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("t", "x", 2, 7));
            Assert.AreEqual("50020007", pub.Next().Hex);
            Assert.AreEqual("x", sub.Next().Payload);
            pub.Send(Packets.Publish("t", "x", 2, 7, dup: true));
            Assert.AreEqual("50020007", pub.Next().Hex);
            sub.ExpectNothing();
            pub.Send(Packets.PubRel(7));
            Assert.AreEqual("70020007", pub.Next().Hex);
            pub.Send(Packets.Publish("t", "y", 2, 7)); // the id is free again after PUBCOMP
            Assert.AreEqual("50020007", pub.Next().Hex);
            Assert.AreEqual("y", sub.Next().Payload);
        }

        [TestMethod]
        public void QoS_2_outbound_flow_PUBREC_PUBREL_PUBCOMP_frees_the_message()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = Subscriber(broker, "s", "t", 2);
            broker.Connect("p").Send(Packets.Publish("t", "x", 2, 1));
            Received r = sub.Next();
            Assert.AreEqual("34060001740001" + "78", r.Hex);
            sub.Send(Packets.PubRec(1));
            Assert.AreEqual("62020001", sub.Next().Hex);
            Assert.AreEqual(0, broker.Engine.PooledMessageCount, "the message is released once PUBREC arrived");
            sub.Send(Packets.PubComp(1));
            sub.ExpectNothing();
        }

        [TestMethod]
        public void Delivery_is_downgraded_to_the_granted_QoS_MQTT_3_8_4_6()
        {
            var broker = new ScriptedBroker();
            ScriptedClient q0 = Subscriber(broker, "s0", "t", 0);
            ScriptedClient q1 = Subscriber(broker, "s1", "t", 1);
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("t", "x", 2, 1));
            Assert.AreEqual(0, q0.Next().Qos);
            Assert.AreEqual(1, q1.Next().Qos);
            pub.Send(Packets.Publish("t", "y", 0));
            Assert.AreEqual(0, q1.Next().Qos, "never upgraded");
        }

        [TestMethod]
        public void Overlapping_subscriptions_deliver_once_at_the_maximum_QoS_MQTT_3_3_5_1()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = broker.Connect("s");
            sub.Send(Packets.Subscribe(1, "a/#", 0, "a/+", 2, "a/b", 1));
            Assert.AreEqual("9005000100" + "0201", sub.Next().Hex);
            broker.Connect("p").Send(Packets.Publish("a/b", "x", 2, 1));
            Assert.AreEqual(2, sub.Next().Qos);
            sub.ExpectNothing();
        }

        [TestMethod]
        public void Inflight_window_holds_back_later_messages_in_order_MQTT_4_6_0_6()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxInflight = 2 });
            ScriptedClient sub = Subscriber(broker, "s", "t", 1);
            ScriptedClient pub = broker.Connect("p");
            for (int i = 0; i < 5; i++)
            {
                pub.Send(Packets.Publish("t", "m" + i, 1, i + 1));
            }
            List<Received> first = sub.Drain();
            Assert.AreEqual(2, first.Count);
            Assert.AreEqual("m0", first[0].Payload);
            Assert.AreEqual("m1", first[1].Payload);
            sub.Send(Packets.PubAck(first[1].PacketId));
            Assert.AreEqual("m2", sub.Next().Payload);
            sub.ExpectNothing();
            sub.Send(Packets.PubAck(first[0].PacketId));
            Assert.AreEqual("m3", sub.Next().Payload);
        }

        [TestMethod]
        public void QoS_0_waits_behind_a_full_inflight_window_to_keep_order_MQTT_4_6_0_6()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxInflight = 1 });
            ScriptedClient sub = Subscriber(broker, "s", "t", 1);
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("t", "a", 1, 1));
            pub.Send(Packets.Publish("t", "b", 1, 2));
            pub.Send(Packets.Publish("t", "c", 0));
            Received a = sub.Next();
            sub.ExpectNothing();
            sub.Send(Packets.PubAck(a.PacketId));
            Assert.AreEqual("b", sub.Next().Payload);
            Assert.AreEqual("c", sub.Next().Payload, "sent after b, which has left the queue");
        }

        [TestMethod]
        public void Outgoing_packet_ids_are_never_0_and_wrap_after_65535_MQTT_2_3_1_1()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = Subscriber(broker, "s", "t", 1);
            ScriptedClient pub = broker.Connect("p");
            byte[] publish = Packets.Publish("t", "x", 1, 1);
            var buffer = new byte[64];
            int previous = 0;
            for (int i = 0; i < 70_000; i++)
            {
                pub.Send(publish);
                pub.Engine.ReadOutput(pub.Id, buffer, 0, buffer.Length);
                int n = sub.Engine.ReadOutput(sub.Id, buffer, 0, buffer.Length);
                Assert.AreEqual(8, n);
                int id = (buffer[5] << 8) | buffer[6];
                Assert.AreNotEqual(0, id);
                Assert.AreEqual(previous == 65535 ? 1 : previous + 1, id);
                previous = id;
                sub.Send(Packets.PubAck(id));
            }
        }

        [TestMethod]
        public void Unacknowledged_ids_are_skipped_by_the_allocator_MQTT_2_3_1_2()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxInflight = 2 });
            ScriptedClient sub = Subscriber(broker, "s", "t", 1);
            ScriptedClient pub = broker.Connect("p");
            var buffer = new byte[64];
            pub.Send(Packets.Publish("t", "x", 1, 1)); // id 1 stays unacknowledged
            sub.Drain();
            for (int i = 0; i < 65_535; i++)
            {
                pub.Send(Packets.Publish("t", "x", 1, 1));
                pub.Engine.ReadOutput(pub.Id, buffer, 0, buffer.Length);
                sub.Engine.ReadOutput(sub.Id, buffer, 0, buffer.Length);
                int id = (buffer[5] << 8) | buffer[6];
                Assert.AreNotEqual(1, id);
                Assert.AreNotEqual(0, id);
                sub.Send(Packets.PubAck(id));
            }
        }

        [TestMethod]
        public void Too_many_unreleased_QoS_2_messages_close_the_connection()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxAwaitingRelease = 2 });
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Publish("t", "1", 2, 1));
            c.Send(Packets.Publish("t", "2", 2, 2));
            Assert.AreEqual(2, c.Drain().Count);
            c.Send(Packets.PubRel(1));
            Assert.AreEqual("70020001", c.Next().Hex);
            c.Send(Packets.Publish("t", "3", 2, 3));
            Assert.AreEqual("50020003", c.Next().Hex);
            Assert.IsFalse(c.WantsClose);
            c.Send(Packets.Publish("t", "4", 2, 4));
            Assert.IsTrue(c.WantsClose);
        }

        [TestMethod]
        public void Publish_with_QoS_3_closes_the_connection_MQTT_3_3_1_4()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("c");
            byte[] p = Packets.Publish("t", "x", 1, 1);
            p[0] = 0x36;
            c.Send(p);
            c.ExpectNothing();
            Assert.IsTrue(c.WantsClose);
        }

        [TestMethod]
        public void Publish_topic_with_wildcard_closes_the_connection_MQTT_3_3_2_2()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Publish("a/+", "x"));
            Assert.IsTrue(c.WantsClose);
        }

        [TestMethod]
        public void PUBREL_with_wrong_flags_closes_the_connection_MQTT_3_6_1_1()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("c");
            c.Send(new byte[] { 0x60, 2, 0, 1 });
            Assert.IsTrue(c.WantsClose);
        }

        [TestMethod]
        public void Subscriber_gets_its_own_publication_after_the_PUBACK()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = Subscriber(broker, "s", "t", 1);
            c.Send(Packets.Publish("t", "x", 1, 9));
            Assert.AreEqual("40020009", c.Next().Hex);
            Assert.AreEqual("x", c.Next().Payload);
        }

        [TestMethod]
        public void Unacknowledged_message_is_retried_with_DUP_then_dropped_after_MaxRetries()
        {
            var broker = new ScriptedBroker(new BrokerOptions { RetryIntervalMs = 1000, MaxRetries = 2 });
            ScriptedClient sub = broker.Connect("s", level: 3);
            sub.Send(Packets.Subscribe(1, "t", 1));
            sub.Next();
            broker.Connect("p").Send(Packets.Publish("t", "x", 1, 1));
            Received first = sub.Next();
            Assert.IsFalse(first.Dup);
            broker.Advance(999);
            sub.ExpectNothing();
            broker.Advance(1);
            Received retry = sub.Next();
            Assert.IsTrue(retry.Dup);
            Assert.AreEqual(first.PacketId, retry.PacketId);
            broker.Advance(1000);
            Assert.IsTrue(sub.Next().Dup);
            broker.Advance(1000);
            sub.ExpectNothing();
            Assert.AreEqual(1, broker.Engine.Statistics.DroppedRetriesExhausted);
            Assert.AreEqual(0, broker.Engine.PooledMessageCount);
        }

        [TestMethod]
        public void Slow_subscriber_applies_backpressure_instead_of_losing_packets()
        {
            var broker = new ScriptedBroker(new BrokerOptions { OutputBufferSize = 64, MaxPacketSize = 64, InputBufferSize = 256, MaxQueued = 64, MaxMessages = 64 });
            ScriptedClient c = broker.Connect("c");
            for (int i = 0; i < 40; i++)
            {
                c.Send(Packets.PingReq); // 80 bytes of PINGRESP do not fit 64 bytes of output
            }
            Assert.IsFalse(c.WantsClose);
            Assert.AreEqual(40, c.Drain().Count);
        }
    }
}
