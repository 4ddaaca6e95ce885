using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Gateway;

namespace Nano.MqttSn.Tests.Gateway
{
    /// <summary>Capacity bounds and the broker closing a client's session on its own.</summary>
    [TestClass]
    public class GatewayLimitsTests
    {
        [TestMethod]
        public void Register_beyond_the_topic_table_gets_regack_congestion()
        {
            var o = GatewayHarness.Options();
            o.MaxRegisteredTopicsPerClient = 1;
            var h = new GatewayHarness(o);
            h.Connect("A", "node1");
            h.Send("A", Sn.Register(1, "a"));
            h.Send("A", Sn.Register(2, "b"));
            h.Expect("A", "07 0B 00 01 00 01 00", "07 0B 00 00 00 02 01");
        }

        [TestMethod]
        public void Data_that_does_not_fit_the_link_datagram_is_silently_aborted_and_counted_section_6_10()
        {
            var o = GatewayHarness.Options();
            o.MaxPayload = 400;
            var h = new GatewayHarness(o); // link datagrams of 256 octets
            h.Connect("A", "node1");
            h.Send("A", Sn.Subscribe(0, 1, "big"));
            h.Expect("A", "08 13 00 00 01 00 01 00");
            MqttPeer app = h.Mqtt("app");
            app.Publish("big", new string('x', 250), 0);
            app.Publish("big", "ok", 0);
            h.Expect("A", "09 0C 00 00 01 00 00 6F 6B");
            Assert.AreEqual(1, h.Gateway.Statistics.DeliveriesAborted);
        }

        [TestMethod]
        public void Takeover_by_an_mqtt_client_with_the_same_client_id_publishes_the_will_and_disconnects_the_sn_client_MQTT_3_1_4_2()
        {
            var h = new GatewayHarness();
            MqttPeer watcher = h.Mqtt("watcher");
            watcher.Subscribe("dead/#", 0);
            h.Send("A", Sn.Connect("shared", 60, true, true));
            h.Send("A", Sn.WillTopic(0, false, "dead/shared"));
            h.Send("A", Sn.WillMsg("taken"));
            h.Expect("A", "02 06", "02 08", "03 05 00");
            h.Mqtt("shared");
            h.Expect("A", "02 18");
            Assert.AreEqual(SnClientStatus.Disconnected, h.Status("shared"));
            CollectionAssert.AreEqual(new[] { "dead/shared=taken q0" }, watcher.Messages());
        }

        [TestMethod]
        public void Qos_minus_one_can_be_refused_by_configuration()
        {
            var o = GatewayHarness.Options();
            o.AcceptQosMinusOne = false;
            var h = new GatewayHarness(o);
            MqttPeer peer = h.Mqtt("watcher");
            peer.Subscribe("#", 0);
            h.Send("X", Sn.Publish(-1, 2, Sn.Short("ab"), 0, "m"));
            Assert.AreEqual(0, peer.Messages().Count);
            Assert.AreEqual(1, h.Gateway.Statistics.PublishesRejected);
        }

        [TestMethod]
        public void Keep_alive_zero_is_never_supervised()
        {
            var h = new GatewayHarness();
            h.Connect("A", "node1", 0);
            h.Advance(24 * 3600 * 1000L);
            Assert.AreEqual(SnClientStatus.Active, h.Status("node1"));
        }

        [TestMethod]
        public void Predefined_topics_reject_reserved_ids_and_duplicates()
        {
            var o = new SnGatewayOptions();
            Assert.IsTrue(o.AddPredefinedTopic(1, "a/b"));
            Assert.IsFalse(o.AddPredefinedTopic(1, "c"));
            Assert.IsFalse(o.AddPredefinedTopic(0, "c"));
            Assert.IsFalse(o.AddPredefinedTopic(0xFFFF, "c"));
            Assert.IsFalse(o.AddPredefinedTopic(2, "a/#"));
            Assert.AreEqual(1, o.PredefinedTopicCount);
        }
    }
}
