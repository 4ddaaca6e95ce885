using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Nano.MqttSn.Tests.Gateway
{
    /// <summary>Client-to-gateway PUBLISH at every QoS, REGISTER, predefined ids and short names.</summary>
    [TestClass]
    public class GatewayPublishTests
    {
        private static GatewayHarness Connected(out MqttPeer peer)
        {
            var o = GatewayHarness.Options();
            o.AddPredefinedTopic(7, "sensors/predefined");
            var h = new GatewayHarness(o);
            peer = h.Mqtt("watcher");
            peer.Subscribe("#", 2);
            h.Connect("A", "node1");
            return h;
        }

        [TestMethod]
        public void Register_assigns_a_topic_id_and_qos0_publish_reaches_mqtt_subscribers()
        {
            GatewayHarness h = Connected(out MqttPeer peer);
            h.Send("A", Sn.Register(1, "t/temp"));
            h.Expect("A", "07 0B 00 01 00 01 00"); // REGACK id 1
            h.Send("A", Sn.Publish(0, 0, 1, 0, "21.5"));
            h.ExpectNothing();
            CollectionAssert.AreEqual(new[] { "t/temp=21.5 q0" }, peer.Messages());
            Assert.AreEqual(1, h.Gateway.Statistics.PublishesReceived);
        }

        [TestMethod]
        public void Register_of_a_known_name_returns_the_same_id()
        {
            GatewayHarness h = Connected(out _);
            h.Send("A", Sn.Register(1, "a/b"));
            h.Send("A", Sn.Register(2, "c/d"));
            h.Send("A", Sn.Register(3, "a/b"));
            h.Expect("A", "07 0B 00 01 00 01 00", "07 0B 00 02 00 02 00", "07 0B 00 01 00 03 00");
        }

        [TestMethod]
        public void Qos1_publish_is_acknowledged_with_its_topic_id_after_the_broker_took_it()
        {
            GatewayHarness h = Connected(out MqttPeer peer);
            h.Send("A", Sn.Register(1, "t/temp"));
            h.Expect("A", "07 0B 00 01 00 01 00");
            h.Send("A", Sn.Publish(1, 0, 1, 0x1234, "22"));
            h.Expect("A", "07 0D 00 01 12 34 00");
            CollectionAssert.AreEqual(new[] { "t/temp=22 q1" }, peer.Messages());
        }

        [TestMethod]
        public void Qos2_publish_runs_pubrec_pubrel_pubcomp_and_delivers_once()
        {
            GatewayHarness h = Connected(out MqttPeer peer);
            h.Send("A", Sn.Register(1, "t/temp"));
            h.Expect("A", "07 0B 00 01 00 01 00");
            h.Send("A", Sn.Publish(2, 0, 1, 9, "23"));
            h.Expect("A", "04 0F 00 09"); // PUBREC
            h.Send("A", Sn.Publish(2, 0, 1, 9, "23", dup: true)); // the client missed PUBREC
            h.Expect("A", "04 0F 00 09");
            h.Send("A", Sn.MsgId(0x10, 9)); // PUBREL
            h.Expect("A", "04 0E 00 09"); // PUBCOMP
            CollectionAssert.AreEqual(new[] { "t/temp=23 q2" }, peer.Messages());
        }

        [TestMethod]
        public void Publish_with_an_unknown_topic_id_gets_puback_invalid_topic_id_section_6_7()
        {
            GatewayHarness h = Connected(out MqttPeer peer);
            h.Send("A", Sn.Publish(1, 0, 5, 3, "x"));
            h.Expect("A", "07 0D 00 05 00 03 02");
            h.Send("A", Sn.Publish(0, 1, 99, 0, "x")); // unknown predefined id, QoS 0: error PUBACK too
            h.Expect("A", "07 0D 00 63 00 00 02");
            Assert.AreEqual(0, peer.Messages().Count);
            Assert.AreEqual(2, h.Gateway.Statistics.PublishesRejected);
        }

        [TestMethod]
        public void Topic_ids_are_per_client_section_7_3()
        {
            GatewayHarness h = Connected(out MqttPeer peer);
            h.Connect("B", "node2");
            h.Send("A", Sn.Register(1, "a/only"));
            h.Expect("A", "07 0B 00 01 00 01 00");
            h.Send("B", Sn.Publish(1, 0, 1, 4, "x"));
            h.Expect("B", "07 0D 00 01 00 04 02");
            Assert.AreEqual(0, peer.Messages().Count);
        }

        [TestMethod]
        public void Predefined_and_short_topics_publish_without_register()
        {
            GatewayHarness h = Connected(out MqttPeer peer);
            h.Send("A", Sn.Publish(1, 1, 7, 1, "p"));
            h.Send("A", Sn.Publish(1, 2, Sn.Short("ab"), 2, "s"));
            h.Expect("A", "07 0D 00 07 00 01 00", "07 0D 61 62 00 02 00");
            CollectionAssert.AreEqual(new[] { "sensors/predefined=p q1", "ab=s q1" }, peer.Messages());
        }

        [TestMethod]
        public void Qos_minus_one_with_predefined_and_short_topics_needs_no_connection_section_6_8()
        {
            var o = GatewayHarness.Options();
            o.AddPredefinedTopic(7, "sensors/predefined");
            var h = new GatewayHarness(o);
            MqttPeer peer = h.Mqtt("watcher");
            peer.Subscribe("#", 1);

            h.Send("X", Sn.Publish(-1, 1, 7, 0, "m1"));
            h.Send("Y", Sn.Publish(-1, 2, Sn.Short("zz"), 0, "m2", retain: true));
            h.Send("Y", Sn.Publish(-1, 1, 8, 0, "unknown id")); // dropped: nobody to tell
            h.ExpectNothing();
            CollectionAssert.AreEqual(new[] { "sensors/predefined=m1 q0", "zz=m2 q0" }, peer.Messages());
            Assert.AreEqual(2, h.Gateway.Statistics.PublishesQosMinusOne);
            Assert.AreEqual(1, h.Gateway.Statistics.PublishesRejected);
            Assert.AreEqual(1, h.Broker.RetainedCount);
            Assert.AreEqual(0, h.Gateway.ClientCount);
        }

        [TestMethod]
        public void Qos_minus_one_extended_form_carries_the_topic_name_inline()
        {
            var h = new GatewayHarness();
            MqttPeer peer = h.Mqtt("watcher");
            peer.Subscribe("#", 0);
            // flags 0x60 (QoS -1, normal): TopicId field = name length 3, MsgId 0, then "a/b" and data.
            h.Send("X", "0C 0C 60 00 03 00 00 61 2F 62 68 69");
            CollectionAssert.AreEqual(new[] { "a/b=hi q0" }, peer.Messages());
        }

        [TestMethod]
        public void Short_topic_with_a_wildcard_is_rejected()
        {
            GatewayHarness h = Connected(out MqttPeer peer);
            h.Send("A", Sn.Publish(1, 2, Sn.Short("a#"), 2, "s"));
            h.Expect("A", "07 0D 61 23 00 02 02");
            Assert.AreEqual(0, peer.Messages().Count);
        }

        [TestMethod]
        public void Publish_larger_than_max_payload_is_refused_with_not_supported()
        {
            var o = GatewayHarness.Options();
            o.MaxPayload = 4;
            var h = new GatewayHarness(o);
            h.Connect("A", "node1");
            h.Send("A", Sn.Publish(1, 2, Sn.Short("ab"), 2, "12345"));
            h.Expect("A", "07 0D 61 62 00 02 03");
        }
    }
}
