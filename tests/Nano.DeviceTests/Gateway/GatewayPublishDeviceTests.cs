#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.MqttSn.Gateway;

namespace Nano.DeviceTests.Gateway
{
    /// <summary>Client-to-gateway PUBLISH at QoS -1..2, REGISTER, predefined and short topics (MQTT-SN 1.2 §6.5–§6.8),
    /// checked as the exact MQTT packets a subscriber of the broker receives.</summary>
    [TestClass]
    public class GatewayPublishDeviceTests
    {
        private static GatewayRig Connected()
        {
            SnGatewayOptions o = GatewayRig.Options();
            o.AddPredefinedTopic(7, "s/pre");
            GatewayRig r = new GatewayRig(o);
            r.Connect("A", "node1", 60, true);
            return r;
        }

        [TestMethod]
        public void Register_is_answered_with_regack_carrying_a_new_topic_id_section_6_5()
        {
            GatewayRig r = Connected();
            r.Send("A", SnDatagrams.Register(1, "t/temp"));
            r.Expect("A", "07 0B 00 01 00 01 00");
            r.Send("A", SnDatagrams.Register(2, "c/d"));
            r.Expect("A", "07 0B 00 02 00 02 00");
            r.Send("A", SnDatagrams.Register(3, "t/temp"));
            r.Expect("A", "07 0B 00 01 00 03 00");
        }

        [TestMethod]
        public void Qos0_publish_reaches_an_mqtt_subscriber_as_a_qos0_publish_section_6_6()
        {
            GatewayRig r = Connected();
            int sub = r.MqttSubscriber("w", "#", 2);
            r.Send("A", SnDatagrams.Register(1, "t/temp"));
            r.Expect("A", "07 0B 00 01 00 01 00");
            r.Send("A", SnDatagrams.Publish(0, 0, 1, 0, "21.5"));
            r.ExpectNothing();
            Assert.AreEqual("30 0C 00 06 " + Hex.Text("t/temp") + " " + Hex.Text("21.5"), r.MqttRead(sub));
            Assert.AreEqual(1L, r.Gateway.Statistics.PublishesReceived);
        }

        [TestMethod]
        public void Qos1_publish_is_acknowledged_with_its_topic_id_after_the_broker_took_it_section_6_6()
        {
            GatewayRig r = Connected();
            int sub = r.MqttSubscriber("w", "#", 2);
            r.Send("A", SnDatagrams.Register(1, "t/temp"));
            r.Expect("A", "07 0B 00 01 00 01 00");
            r.Send("A", SnDatagrams.Publish(1, 0, 1, 0x1234, "22", true, false));
            r.Expect("A", "07 0D 00 01 12 34 00");
            Assert.AreEqual("32 0C 00 06 " + Hex.Text("t/temp") + " 00 01 " + Hex.Text("22"), r.MqttRead(sub));
            Assert.AreEqual(1, r.Broker.RetainedCount);
        }

        [TestMethod]
        public void Qos2_publish_runs_pubrec_pubrel_pubcomp_and_is_delivered_once_section_6_6()
        {
            GatewayRig r = Connected();
            int sub = r.MqttSubscriber("w", "#", 2);
            r.Send("A", SnDatagrams.Register(1, "t/temp"));
            r.Expect("A", "07 0B 00 01 00 01 00");
            r.Send("A", SnDatagrams.Publish(2, 0, 1, 9, "23"));
            r.Expect("A", "04 0F 00 09");
            r.Send("A", SnDatagrams.Publish(2, 0, 1, 9, "23", false, true)); // PUBREC was lost
            r.Expect("A", "04 0F 00 09");
            r.Send("A", SnDatagrams.MsgId(0x10, 9));
            r.Expect("A", "04 0E 00 09");
            Assert.AreEqual("34 0C 00 06 " + Hex.Text("t/temp") + " 00 01 " + Hex.Text("23"), r.MqttRead(sub));
        }

        [TestMethod]
        public void Publish_with_an_unknown_topic_id_gets_puback_invalid_topic_id_section_6_7()
        {
            GatewayRig r = Connected();
            int sub = r.MqttSubscriber("w", "#", 0);
            r.Send("A", SnDatagrams.Publish(1, 0, 5, 3, "x"));
            r.Expect("A", "07 0D 00 05 00 03 02");
            r.Send("A", SnDatagrams.Publish(0, 1, 99, 0, "x"));
            r.Expect("A", "07 0D 00 63 00 00 02");
            Assert.AreEqual("", r.MqttRead(sub));
            Assert.AreEqual(2L, r.Gateway.Statistics.PublishesRejected);
        }

        [TestMethod]
        public void Topic_ids_belong_to_one_client_section_7_3()
        {
            GatewayRig r = Connected();
            r.Connect("B", "node2", 60, true);
            r.Send("A", SnDatagrams.Register(1, "a/only"));
            r.Expect("A", "07 0B 00 01 00 01 00");
            r.Send("B", SnDatagrams.Publish(1, 0, 1, 4, "x"));
            r.Expect("B", "07 0D 00 01 00 04 02");
        }

        [TestMethod]
        public void Predefined_and_short_topics_publish_without_register_section_6_7()
        {
            GatewayRig r = Connected();
            int sub = r.MqttSubscriber("w", "#", 0);
            r.Send("A", SnDatagrams.Publish(1, 1, 7, 1, "p"));
            r.Expect("A", "07 0D 00 07 00 01 00");
            r.Send("A", SnDatagrams.Publish(1, 2, SnDatagrams.Short("ab"), 2, "s"));
            r.Expect("A", "07 0D 61 62 00 02 00");
            Assert.AreEqual("30 08 00 05 " + Hex.Text("s/pre") + " 70 30 05 00 02 61 62 73", r.MqttRead(sub));
        }

        [TestMethod]
        public void Qos_minus_one_with_predefined_and_short_topics_needs_no_connection_section_6_8()
        {
            SnGatewayOptions o = GatewayRig.Options();
            o.AddPredefinedTopic(7, "s/pre");
            GatewayRig r = new GatewayRig(o);
            int sub = r.MqttSubscriber("w", "#", 1);
            r.Send("X", SnDatagrams.Publish(-1, 1, 7, 0, "m1"));
            r.Send("Y", SnDatagrams.Publish(-1, 2, SnDatagrams.Short("zz"), 0, "m2"));
            r.Send("Y", SnDatagrams.Publish(-1, 1, 8, 0, "no")); // unknown id: dropped, nobody to tell
            r.ExpectNothing();
            Assert.AreEqual("30 09 00 05 " + Hex.Text("s/pre") + " " + Hex.Text("m1") + " 30 06 00 02 7A 7A " + Hex.Text("m2"), r.MqttRead(sub));
            Assert.AreEqual(2L, r.Gateway.Statistics.PublishesQosMinusOne);
            Assert.AreEqual(1L, r.Gateway.Statistics.PublishesRejected);
            Assert.AreEqual(0, r.Gateway.ClientCount);
        }

        [TestMethod]
        public void Qos_minus_one_in_the_extended_form_carries_the_topic_name_inline_section_6_8()
        {
            GatewayRig r = new GatewayRig();
            int sub = r.MqttSubscriber("w", "#", 0);
            r.Send("X", Hex.Parse("0C 0C 60 00 03 00 00 61 2F 62 68 69"));
            Assert.AreEqual("30 07 00 03 61 2F 62 68 69", r.MqttRead(sub));
        }

        [TestMethod]
        public void Qos_minus_one_is_dropped_when_the_gateway_does_not_accept_it_section_6_8()
        {
            SnGatewayOptions o = GatewayRig.Options();
            o.AcceptQosMinusOne = false;
            GatewayRig r = new GatewayRig(o);
            int sub = r.MqttSubscriber("w", "#", 0);
            r.Send("X", SnDatagrams.Publish(-1, 2, SnDatagrams.Short("zz"), 0, "m"));
            r.ExpectNothing();
            Assert.AreEqual("", r.MqttRead(sub));
            Assert.AreEqual(1L, r.Gateway.Statistics.PublishesRejected);
        }

        [TestMethod]
        public void Short_topic_with_a_wildcard_is_rejected_with_invalid_topic_id_section_6_7()
        {
            GatewayRig r = Connected();
            r.Send("A", SnDatagrams.Publish(1, 2, SnDatagrams.Short("a#"), 2, "s"));
            r.Expect("A", "07 0D 61 23 00 02 02");
        }

        [TestMethod]
        public void Publish_larger_than_max_payload_is_refused_with_not_supported_section_5_3_10()
        {
            SnGatewayOptions o = GatewayRig.Options();
            o.MaxPayload = 4;
            GatewayRig r = new GatewayRig(o);
            r.Connect("A", "node1", 60, true);
            r.Send("A", SnDatagrams.Publish(1, 2, SnDatagrams.Short("ab"), 2, "12345"));
            r.Expect("A", "07 0D 61 62 00 02 03");
        }

        [TestMethod]
        public void Malformed_datagrams_are_counted_and_ignored_section_5_2()
        {
            GatewayRig r = new GatewayRig();
            r.Send("A", Hex.Parse("05 04 00"));
            r.Send("A", Hex.Parse("02 03"));
            r.ExpectNothing();
            Assert.AreEqual(2L, r.Gateway.Statistics.DatagramsIgnored);
        }
    }
}
