using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Gateway;

namespace Nano.MqttSn.Tests.Gateway
{
    [TestClass]
    public class GatewayConnectTests
    {
        [TestMethod]
        public void Connect_without_will_is_accepted_and_opens_a_broker_session()
        {
            var h = new GatewayHarness();
            h.Send("A", "0B 04 04 01 00 3C 6E 6F 64 65 31"); // CONNECT clean, keep-alive 60, "node1"
            h.Expect("A", "03 05 00");
            Assert.AreEqual(SnClientStatus.Active, h.Status("node1"));
            Assert.AreEqual(1, h.Broker.SessionCount);
            Assert.AreEqual(1, h.Broker.ConnectionCount);
            Assert.AreEqual(1, h.Gateway.Statistics.ClientsConnected);
        }

        [TestMethod]
        public void Connect_with_will_flag_prompts_for_will_topic_then_message_section_6_2()
        {
            var h = new GatewayHarness();
            h.Send("A", Sn.Connect("node1", 60, true, true));
            h.Expect("A", "02 06"); // WILLTOPICREQ
            Assert.AreEqual(SnClientStatus.AwaitingWillTopic, h.Status("node1"));
            h.Send("A", Sn.WillTopic(1, false, "dead/node1"));
            h.Expect("A", "02 08"); // WILLMSGREQ
            h.Send("A", Sn.WillMsg("gone"));
            h.Expect("A", "03 05 00");
            Assert.AreEqual(SnClientStatus.Active, h.Status("node1"));
        }

        [TestMethod]
        public void Empty_will_topic_deletes_the_will_and_connects_without_willmsg_section_6_2()
        {
            var h = new GatewayHarness();
            MqttPeer peer = h.Mqtt("watcher");
            peer.Subscribe("dead/#", 0);
            h.Send("A", Sn.Connect("node1", 10, true, true));
            h.Expect("A", "02 06");
            h.Send("A", "02 07"); // empty WILLTOPIC
            h.Expect("A", "03 05 00");
            h.Advance(16_000);
            Assert.AreEqual(SnClientStatus.Lost, h.Status("node1"));
            Assert.AreEqual(0, peer.Messages().Count);
        }

        [TestMethod]
        public void Keep_alive_expiry_after_one_and_a_half_periods_publishes_the_will_to_mqtt_subscribers()
        {
            var h = new GatewayHarness();
            MqttPeer peer = h.Mqtt("watcher");
            peer.Subscribe("dead/#", 1);
            h.Send("A", Sn.Connect("node1", 10, true, true));
            h.Send("A", Sn.WillTopic(1, false, "dead/node1"));
            h.Send("A", Sn.WillMsg("gone"));
            h.Expect("A", "02 06", "02 08", "03 05 00");

            h.Advance(15_000); // exactly 1.5 x 10 s: still alive
            Assert.AreEqual(SnClientStatus.Active, h.Status("node1"));
            Assert.AreEqual(0, peer.Messages().Count);

            h.Advance(1);
            Assert.AreEqual(SnClientStatus.Lost, h.Status("node1"));
            CollectionAssert.AreEqual(new[] { "dead/node1=gone q1" }, peer.Messages());
            Assert.AreEqual(1, h.Gateway.Statistics.WillsPublished);
            Assert.AreEqual(1, h.Gateway.Statistics.ClientsLost);
            Assert.AreEqual(1, h.Broker.SessionCount, "the clean session ended with the client; the watcher's remains");
        }

        [TestMethod]
        public void Traffic_from_the_client_restarts_the_keep_alive_timer()
        {
            var h = new GatewayHarness();
            h.Connect("A", "node1", 10);
            h.Advance(14_000);
            h.Send("A", Sn.PingReq());
            h.Expect("A", "02 17");
            h.Advance(14_000);
            Assert.AreEqual(SnClientStatus.Active, h.Status("node1"));
            h.Advance(1_001);
            Assert.AreEqual(SnClientStatus.Lost, h.Status("node1"));
        }

        [TestMethod]
        public void Disconnect_is_answered_and_does_not_publish_the_will_section_6_12()
        {
            var h = new GatewayHarness();
            MqttPeer peer = h.Mqtt("watcher");
            peer.Subscribe("dead/#", 0);
            h.Send("A", Sn.Connect("node1", 10, true, true));
            h.Send("A", Sn.WillTopic(0, false, "dead/node1"));
            h.Send("A", Sn.WillMsg("gone"));
            h.Expect("A", "02 06", "02 08", "03 05 00");
            h.Send("A", Sn.Disconnect());
            h.Expect("A", "02 18");
            Assert.AreEqual(SnClientStatus.Disconnected, h.Status("node1"));
            h.Advance(60_000);
            Assert.AreEqual(0, peer.Messages().Count);
            Assert.AreEqual(0, h.Broker.ConnectionCount - 1, "only the MQTT peer's connection remains");
        }

        [TestMethod]
        public void Will_topic_and_message_updates_are_acknowledged_and_used_when_lost_section_6_4()
        {
            var h = new GatewayHarness();
            MqttPeer peer = h.Mqtt("watcher");
            peer.Subscribe("#", 0);
            h.Send("A", Sn.Connect("node1", 10, true, true));
            h.Send("A", Sn.WillTopic(0, false, "old"));
            h.Send("A", Sn.WillMsg("x"));
            h.Expect("A", "02 06", "02 08", "03 05 00");

            h.Send("A", Sn.Message(0x1A, new byte[] { 0x10 }, Bytes.Ascii("new/topic"))); // WILLTOPICUPD, retain
            h.Expect("A", "03 1B 00");
            h.Send("A", Sn.Message(0x1C, Bytes.Ascii("bye"))); // WILLMSGUPD
            h.Expect("A", "03 1D 00");
            h.Advance(16_000);
            CollectionAssert.AreEqual(new[] { "new/topic=bye q0" }, peer.Messages());
            Assert.AreEqual(1, h.Broker.RetainedCount, "the updated Will kept its retain flag");
        }

        [TestMethod]
        public void Publish_from_an_unconnected_address_is_answered_with_disconnect_section_6_12()
        {
            var h = new GatewayHarness();
            h.Send("Z", Sn.Publish(1, 0, 1, 5, "x"));
            h.Expect("Z", "02 18");
        }

        [TestMethod]
        public void Persistent_session_keeps_subscriptions_and_registers_the_topic_again_after_reconnect()
        {
            var h = new GatewayHarness();
            h.Connect("A", "node1", 60, clean: false);
            h.Send("A", Sn.Subscribe(1, 1, "t/a"));
            h.Expect("A", "08 13 20 00 01 00 01 00");
            h.Send("A", Sn.Disconnect());
            h.Expect("A", "02 18");

            MqttPeer peer = h.Mqtt("pub");
            peer.Publish("t/a", "offline", 1);

            h.Send("B", Sn.Connect("node1", 60, false, false)); // same ClientId, new address
            List<GatewayHarness.Sent> sent = h.Drain();
            Assert.AreEqual("03 05 00", sent[0].Hex);
            Assert.AreEqual("B", sent[0].To);
            Assert.AreEqual("09 0A 00 01 00 01 74 2F 61", sent[1].Hex, "the id is registered again before it is used");
            Assert.AreEqual(2, sent.Count);
            h.Send("B", Sn.RegAck(1, 1, 0));
            h.Expect("B", "0E 0C 20 00 01 00 02 " + Sn.Hex("offline"));
        }

        [TestMethod]
        public void Clients_beyond_capacity_are_refused_with_congestion()
        {
            var o = GatewayHarness.Options();
            o.MaxClients = 1;
            var h = new GatewayHarness(o);
            h.Connect("A", "node1");
            h.Send("B", Sn.Connect("node2", 60, true, false));
            h.Expect("B", "03 05 01");
            Assert.AreEqual(1, h.Gateway.Statistics.ConnectsRefused);
        }
    }
}
