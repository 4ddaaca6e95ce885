#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Broker;

namespace Nano.DeviceTests.Broker
{
    [TestClass]
    public class BrokerPublishTests
    {
        [TestMethod]
        public void QoS_0_is_forwarded_with_exact_bytes_MQTT_4_3_1()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "a/b", 0);
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("a/b", "hi", 0, 0, false));
            pub.ExpectNothing();
            Assert.AreEqual("30070003612F626869", sub.Next());
            sub.ExpectNothing();
        }

        [TestMethod]
        public void QoS_1_is_acknowledged_with_PUBACK_and_forwarded_with_a_packet_id_MQTT_4_3_2_2()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "a/b", 1);
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("a/b", "hi", 1, 7, false));
            Assert.AreEqual("40020007", pub.Next());
            Assert.AreEqual(Wire.PublishHex("a/b", "hi", 1, 1, false, false), sub.Next());
            sub.Send(Wire.PubAck(1));
            rig.Advance(60000);
            sub.ExpectNothing();
        }

        [TestMethod]
        public void QoS_2_inbound_is_delivered_once_and_released_with_PUBCOMP_MQTT_4_3_3_2()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "a/b", 0);
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("a/b", "x", 2, 9, false));
            Assert.AreEqual("50020009", pub.Next());
            Assert.AreEqual(Wire.PublishHex("a/b", "x", 0, 0, false, false), sub.Next());
            pub.Send(Wire.Publish("a/b", "x", 2, 9, false, true));
            Assert.AreEqual("50020009", pub.Next());
            sub.ExpectNothing();
            pub.Send(Wire.PubRel(9));
            Assert.AreEqual("70020009", pub.Next());
            pub.Send(Wire.Publish("a/b", "y", 2, 9, false));
            Assert.AreEqual("50020009", pub.Next());
            Assert.AreEqual(Wire.PublishHex("a/b", "y", 0, 0, false, false), sub.Next());
        }

        [TestMethod]
        public void QoS_2_outbound_runs_PUBLISH_PUBREC_PUBREL_PUBCOMP_MQTT_4_3_3_1()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "a/b", 2);
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("a/b", "x", 2, 3, false));
            Assert.AreEqual("50020003", pub.Next());
            Assert.AreEqual(Wire.PublishHex("a/b", "x", 2, 1, false, false), sub.Next());
            sub.Send(Wire.PubRec(1));
            Assert.AreEqual("62020001", sub.Next());
            sub.Send(Wire.PubComp(1));
            sub.ExpectNothing();
            pub.Send(Wire.PubRel(3));
            Assert.AreEqual("70020003", pub.Next());
        }

        [TestMethod]
        public void Malformed_acknowledgements_close_the_connection_and_well_formed_unknown_ones_are_ignored_MQTT_2_3_1_1()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "a/b", 1);
            sub.Send(Wire.PubAck(9)); // no such inflight entry
            sub.Send(Wire.PubComp(9));
            Assert.IsFalse(sub.WantsClose);
            byte[][] malformed = new byte[][]
            {
                new byte[] { 0x41, 2, 0, 1 }, // flags 0001 [MQTT-2.2.2-1]
                new byte[] { 0x60, 2, 0, 1 }, // PUBREL flags 0000 [MQTT-3.6.1-1]
                new byte[] { 0x40, 3, 0, 1, 0 }, // remaining length 3
                new byte[] { 0x40, 1, 0 }, // remaining length 1
                new byte[] { 0x50, 2, 0, 0 }, // packet id 0 [MQTT-2.3.1-1]
            };
            for (int i = 0; i < malformed.Length; i++)
            {
                RigClient c = rig.Connect("c" + i);
                c.Send(malformed[i]);
                Assert.IsTrue(c.WantsClose, "malformed acknowledgement " + i);
                Assert.AreEqual((long)(i + 1), rig.Engine.Statistics.ProtocolErrors);
                c.Closed();
            }
        }

        [TestMethod]
        public void Delivery_QoS_is_the_minimum_of_published_and_granted_MQTT_3_8_4_6()
        {
            Rig rig = new Rig();
            RigClient low = rig.Subscriber("low", "t", 0);
            RigClient high = rig.Subscriber("high", "t", 2);
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("t", "a", 2, 1, false));
            Assert.AreEqual("50020001", pub.Next());
            Assert.AreEqual(Wire.PublishHex("t", "a", 0, 0, false, false), low.Next());
            Assert.AreEqual(Wire.PublishHex("t", "a", 2, 1, false, false), high.Next());
            pub.Send(Wire.Publish("t", "b", 1, 2, false));
            Assert.AreEqual("40020002", pub.Next());
            Assert.AreEqual(Wire.PublishHex("t", "b", 1, 2, false, false), high.Next());
            pub.Send(Wire.Publish("t", "c", 0, 0, false));
            Assert.AreEqual(Wire.PublishHex("t", "c", 0, 0, false, false), high.Next());
        }

        [TestMethod]
        public void RETAIN_is_cleared_when_forwarding_to_an_existing_subscription_MQTT_3_3_1_9()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "t", 0);
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("t", "r", 0, 0, true));
            Assert.AreEqual(Wire.PublishHex("t", "r", 0, 0, false, false), sub.Next());
        }

        [TestMethod]
        public void Overlapping_subscriptions_deliver_once_at_the_highest_QoS_MQTT_3_3_5_1()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Connect("s");
            sub.Send(Wire.Subscribe(1, "a/+", 0, "a/#", 1));
            Assert.AreEqual("900400010001", sub.Next());
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("a/b", "x", 1, 5, false));
            Assert.AreEqual("40020005", pub.Next());
            Assert.AreEqual(Wire.PublishHex("a/b", "x", 1, 1, false, false), sub.Next());
            sub.ExpectNothing();
            sub.Send(Wire.Unsubscribe(2, "a/#"));
            Assert.AreEqual("B0020002", sub.Next());
            pub.Send(Wire.Publish("a/b", "y", 0, 0, false));
            Assert.AreEqual(Wire.PublishHex("a/b", "y", 0, 0, false, false), sub.Next());
            sub.ExpectNothing();
            sub.Send(Wire.Subscribe(3, "a/#", 1));
            Assert.AreEqual("9003000301", sub.Next());
            pub.Send(Wire.Publish("a/b", "z", 1, 6, false));
            Assert.AreEqual("40020006", pub.Next());
            Assert.AreEqual(Wire.PublishHex("a/b", "z", 1, 2, false, false), sub.Next());
            sub.ExpectNothing();
        }

        [TestMethod]
        public void Packet_ids_are_non_zero_and_distinct_while_inflight_MQTT_2_3_1_1_and_2()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "t", 1);
            RigClient pub = rig.Connect("p");
            for (int i = 0; i < 3; i++)
            {
                pub.Send(Wire.Publish("t", "m", 1, 10 + i, false));
                byte[] ack = Wire.PubAck(10 + i);
                Assert.AreEqual(Wire.Hex(ack, 0, ack.Length), pub.Next());
            }
            Assert.AreEqual(Wire.PublishHex("t", "m", 1, 1, false, false), sub.Next());
            Assert.AreEqual(Wire.PublishHex("t", "m", 1, 2, false, false), sub.Next());
            Assert.AreEqual(Wire.PublishHex("t", "m", 1, 3, false, false), sub.Next());
        }

        [TestMethod]
        public void Each_subscriber_gets_its_own_QoS_and_packet_id_when_several_take_one_PUBLISH_MQTT_3_8_4_6_and_2_3_1_2()
        {
            Rig rig = new Rig();
            RigClient first = rig.Subscriber("q1a", "t", 1);
            RigClient second = rig.Subscriber("q1b", "x", 1);
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("x", "m", 1, 7, false));
            Assert.AreEqual("40020007", pub.Next());
            Assert.AreEqual(Wire.PublishHex("x", "m", 1, 1, false, false), second.Next()); // left unacknowledged
            second.Send(Wire.Subscribe(2, "t", 1));
            Assert.AreEqual("9003000201", second.Next());
            RigClient third = rig.Subscriber("q2a", "t", 2);
            RigClient fourth = rig.Subscriber("q2b", "t", 2);
            pub.Send(Wire.Publish("t", "hello", 2, 8, false));
            Assert.AreEqual("50020008", pub.Next());
            Assert.AreEqual(Wire.PublishHex("t", "hello", 1, 1, false, false), first.Next());
            Assert.AreEqual(Wire.PublishHex("t", "hello", 1, 2, false, false), second.Next());
            Assert.AreEqual(Wire.PublishHex("t", "hello", 2, 1, false, false), third.Next());
            Assert.AreEqual(Wire.PublishHex("t", "hello", 2, 1, false, false), fourth.Next());
            first.ExpectNothing();
            second.ExpectNothing();
        }

        [TestMethod]
        public void The_inflight_window_holds_back_later_messages_in_order_MQTT_4_6_0_6()
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxInflight = 2;
            Rig rig = new Rig(o);
            RigClient sub = rig.Subscriber("s", "t", 1);
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("t", "1", 1, 1, false));
            pub.Send(Wire.Publish("t", "2", 1, 2, false));
            pub.Send(Wire.Publish("t", "3", 1, 3, false));
            Assert.AreEqual(Wire.PublishHex("t", "1", 1, 1, false, false), sub.Next());
            Assert.AreEqual(Wire.PublishHex("t", "2", 1, 2, false, false), sub.Next());
            sub.ExpectNothing();
            sub.Send(Wire.PubAck(1));
            Assert.AreEqual(Wire.PublishHex("t", "3", 1, 3, false, false), sub.Next());
        }

        [TestMethod]
        public void PUBACKs_are_sent_in_the_order_of_the_PUBLISH_packets_MQTT_4_6_0_2()
        {
            Rig rig = new Rig();
            RigClient pub = rig.Connect("p");
            byte[] a = Wire.Publish("t", "1", 1, 0x21, false);
            byte[] b = Wire.Publish("t", "2", 1, 0x22, false);
            byte[] both = new byte[a.Length + b.Length];
            System.Array.Copy(a, both, a.Length);
            System.Array.Copy(b, 0, both, a.Length, b.Length);
            pub.Send(both);
            Assert.AreEqual("40020021", pub.Next());
            Assert.AreEqual("40020022", pub.Next());
        }

        [TestMethod]
        public void Unacknowledged_messages_are_resent_with_DUP_on_reconnect_MQTT_4_4_0_1()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Connect("s", false, false);
            sub.Send(Wire.Subscribe(1, "t", 1));
            Assert.AreEqual("9003000101", sub.Next());
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("t", "m", 1, 4, false));
            Assert.AreEqual(Wire.PublishHex("t", "m", 1, 1, false, false), sub.Next());
            sub.Lost();
            RigClient again = rig.Connect("s", false, true);
            Assert.AreEqual(Wire.PublishHex("t", "m", 1, 1, false, true), again.Next()); // [MQTT-3.3.1-1]
            again.Send(Wire.PubAck(1));
            again.ExpectNothing();
        }

        [TestMethod]
        public void PUBREL_is_resent_on_reconnect_after_PUBREC_MQTT_4_4_0_1()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Connect("s", false, false);
            sub.Send(Wire.Subscribe(1, "t", 2));
            Assert.AreEqual("9003000102", sub.Next());
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("t", "m", 2, 4, false));
            Assert.AreEqual(Wire.PublishHex("t", "m", 2, 1, false, false), sub.Next());
            sub.Send(Wire.PubRec(1));
            Assert.AreEqual("62020001", sub.Next());
            sub.Lost();
            RigClient again = rig.Connect("s", false, true);
            Assert.AreEqual("62020001", again.Next());
            again.Send(Wire.PubComp(1));
            again.ExpectNothing();
        }

        [TestMethod]
        public void A_topic_name_with_a_wildcard_closes_the_connection_MQTT_3_3_2_2()
        {
            Rig rig = new Rig();
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("a/+", "x", 0, 0, false));
            Assert.IsTrue(pub.WantsClose);
        }

        [TestMethod]
        public void A_PUBLISH_with_QoS_3_closes_the_connection_MQTT_3_3_1_4()
        {
            Rig rig = new Rig();
            RigClient pub = rig.Connect("p");
            byte[] p = Wire.Publish("a", "x", 1, 1, false);
            p[0] = 0x36;
            pub.Send(p);
            Assert.IsTrue(pub.WantsClose);
        }

        [TestMethod]
        public void A_host_Publish_reaches_subscribers()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "host/#", 1);
            byte[] topic = Wire.Ascii("host/x");
            byte[] payload = Wire.Ascii("v");
            Assert.IsTrue(rig.Engine.Publish(topic, 0, topic.Length, payload, 0, 1, 1, false, rig.Now));
            Assert.AreEqual(Wire.PublishHex("host/x", "v", 1, 1, false, false), sub.Next());
            Assert.IsFalse(rig.Engine.Publish(Wire.Ascii("a/#"), 0, 3, payload, 0, 1, 0, false, rig.Now));
        }

        [TestMethod]
        public void Output_read_one_byte_at_a_time_is_the_same_byte_stream()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "t", 1);
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("t", "first", 1, 1, false));
            pub.Send(Wire.Publish("t", "second", 0, 0, false));
            string expected = Wire.PublishHex("t", "first", 1, 1, false, false) + Wire.PublishHex("t", "second", 0, 0, false, false);
            byte[] one = new byte[1];
            string got = "";
            while (rig.Engine.ReadOutput(sub.Id, one, 0, 1) == 1)
            {
                got += Wire.Hex(one, 0, 1);
            }
            Assert.AreEqual(expected, got);
        }
    }
}
