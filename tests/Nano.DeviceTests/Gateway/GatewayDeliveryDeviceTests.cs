#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.MqttSn.Gateway;

namespace Nano.DeviceTests.Gateway
{
    /// <summary>SUBSCRIBE/UNSUBSCRIBE and gateway-to-client delivery of MQTT publications: topic ids, REGISTER before
    /// an unknown name, QoS 0/1/2 flows, re-sends (MQTT-SN 1.2 §6.6, §6.9, §6.10, §6.13).</summary>
    [TestClass]
    public class GatewayDeliveryDeviceTests
    {
        [TestMethod]
        public void Subscribe_to_a_plain_name_returns_its_topic_id_and_a_qos1_publication_uses_it_section_6_9()
        {
            GatewayRig r = new GatewayRig();
            r.Connect("A", "node1", 60, true);
            r.Send("A", SnDatagrams.Subscribe(1, 3, "cmd/led"));
            r.Expect("A", "08 13 20 00 01 00 03 00");

            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("cmd/led", "on", 1, false, 5));
            Assert.AreEqual("40 02 00 05", r.MqttRead(app));
            r.Expect("A", "09 0C 20 00 01 00 01 6F 6E");
            r.Send("A", SnDatagrams.PubAck(1, 1, 0));
            r.ExpectNothing();
            Assert.AreEqual(1L, r.Gateway.Statistics.PublishesSent);
        }

        [TestMethod]
        public void Qos0_publication_is_delivered_without_msgid_section_6_6()
        {
            GatewayRig r = new GatewayRig();
            r.Connect("A", "node1", 60, true);
            r.Send("A", SnDatagrams.Subscribe(0, 1, "cmd/led"));
            r.Expect("A", "08 13 00 00 01 00 01 00");
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("cmd/led", "on", 1, false, 1));
            Assert.AreEqual("40 02 00 01", r.MqttRead(app));
            r.Expect("A", "09 0C 00 00 01 00 00 6F 6E"); // downgraded to the granted QoS 0
            r.ExpectNothing();
        }

        [TestMethod]
        public void Qos2_publication_runs_publish_pubrec_pubrel_pubcomp_with_the_client_section_6_6()
        {
            GatewayRig r = new GatewayRig();
            r.Connect("A", "node1", 60, true);
            r.Send("A", SnDatagrams.Subscribe(2, 1, "q2"));
            r.Expect("A", "08 13 40 00 01 00 01 00");
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("q2", "x", 2, false, 7));
            Assert.AreEqual("50 02 00 07", r.MqttRead(app));
            r.MqttSend(app, MqttPackets.Ack(0x62, 7));
            Assert.AreEqual("70 02 00 07", r.MqttRead(app));
            r.Expect("A", "08 0C 40 00 01 00 01 78");
            r.Send("A", SnDatagrams.MsgId(0x0F, 1));
            r.Expect("A", "04 10 00 01");
            r.Send("A", SnDatagrams.MsgId(0x0E, 1));
            r.ExpectNothing();
        }

        [TestMethod]
        public void Wildcard_subscribe_gets_topic_id_zero_and_register_precedes_a_new_name_section_6_10()
        {
            GatewayRig r = new GatewayRig();
            r.Connect("A", "node1", 60, true);
            r.Send("A", SnDatagrams.Subscribe(1, 1, "s/#"));
            r.Expect("A", "08 13 20 00 00 00 01 00");
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("s/x", "1", 1, false, 1));
            r.MqttSend(app, MqttPackets.Publish("s/x", "2", 1, false, 2));
            r.Expect("A", "09 0A 00 01 00 01 73 2F 78");
            r.Advance(1000);
            r.ExpectNothing();
            r.Send("A", SnDatagrams.RegAck(1, 1, 0));
            r.Expect("A", "08 0C 20 00 01 00 02 31");
            r.Send("A", SnDatagrams.PubAck(1, 2, 0));
            r.Expect("A", "08 0C 20 00 01 00 03 32");
            r.Send("A", SnDatagrams.PubAck(1, 3, 0));
            r.ExpectNothing();
            Assert.AreEqual(1L, r.Gateway.Statistics.RegistersSent);
        }

        [TestMethod]
        public void Rejected_regack_stops_deliveries_on_that_name_section_6_10()
        {
            GatewayRig r = new GatewayRig();
            r.Connect("A", "node1", 60, true);
            r.Send("A", SnDatagrams.Subscribe(0, 1, "s/+"));
            r.Expect("A", "08 13 00 00 00 00 01 00");
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("s/x", "1", 0, false, 0));
            r.Expect("A", "09 0A 00 01 00 01 73 2F 78");
            r.Send("A", SnDatagrams.RegAck(0, 1, 3));
            r.ExpectNothing();
            r.MqttSend(app, MqttPackets.Publish("s/x", "2", 0, false, 0));
            r.MqttSend(app, MqttPackets.Publish("s/y", "3", 0, false, 0));
            r.Expect("A", "09 0A 00 02 00 02 73 2F 79");
            Assert.AreEqual(2L, r.Gateway.Statistics.DeliveriesAborted);
        }

        [TestMethod]
        public void Regack_that_was_lost_is_answered_by_a_resent_register_section_6_13()
        {
            GatewayRig r = new GatewayRig();
            r.Connect("A", "node1", 600, true);
            r.Send("A", SnDatagrams.Subscribe(0, 1, "s/#"));
            r.Expect("A", "08 13 00 00 00 00 01 00");
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("s/x", "1", 0, false, 0));
            r.Expect("A", "09 0A 00 01 00 01 73 2F 78");
            r.Advance(10000);
            r.Expect("A", "09 0A 00 01 00 01 73 2F 78");
            r.Send("A", SnDatagrams.RegAck(1, 1, 0));
            r.Expect("A", "08 0C 00 00 01 00 00 31");
            Assert.AreEqual(1L, r.Gateway.Statistics.Retries);
        }

        [TestMethod]
        public void Unacknowledged_publish_is_resent_with_dup_every_t_retry_then_the_client_is_lost_section_6_13()
        {
            GatewayRig r = new GatewayRig();
            int watcher = r.MqttSubscriber("w", "dead/#", 0);
            r.Send("A", SnDatagrams.Connect("node1", 600, true, true));
            r.Send("A", SnDatagrams.WillTopic(0, false, "dead/n"));
            r.Send("A", SnDatagrams.WillMsg("x"));
            r.Expect("A", "02 06");
            r.Expect("A", "02 08");
            r.Expect("A", "03 05 00");
            r.Send("A", SnDatagrams.Subscribe(1, 1, "cmd"));
            r.Expect("A", "08 13 20 00 01 00 01 00");
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("cmd", "go", 1, false, 1));
            r.Expect("A", "09 0C 20 00 01 00 01 67 6F");
            r.Advance(9999);
            r.ExpectNothing();
            r.Advance(1);
            r.Expect("A", "09 0C A0 00 01 00 01 67 6F");
            r.Advance(10000);
            r.Expect("A", "09 0C A0 00 01 00 01 67 6F");
            r.Advance(10000);
            r.ExpectNothing();
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Lost);
            Assert.AreEqual("30 09 00 06 " + Hex.Text("dead/n") + " 78", r.MqttRead(watcher));
            Assert.AreEqual(2L, r.Gateway.Statistics.Retries);
        }

        [TestMethod]
        public void Two_character_name_without_an_id_is_sent_as_a_short_topic_section_6_7()
        {
            GatewayRig r = new GatewayRig();
            r.Connect("A", "node1", 60, true);
            r.Send("A", SnDatagrams.Subscribe(0, 1, "+"));
            r.Expect("A", "08 13 00 00 00 00 01 00");
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("ab", "x", 0, false, 0));
            r.Expect("A", "08 0C 02 61 62 00 00 78");
        }

        [TestMethod]
        public void Retained_message_follows_the_suback_section_6_9()
        {
            GatewayRig r = new GatewayRig();
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("cfg/rate", "5", 1, true, 1));
            Assert.AreEqual("40 02 00 01", r.MqttRead(app));
            r.Connect("A", "node1", 60, true);
            r.Send("A", SnDatagrams.Subscribe(1, 1, "cfg/rate"));
            r.Expect("A", "08 13 20 00 01 00 01 00");
            r.Expect("A", "08 0C 30 00 01 00 01 35");
        }

        [TestMethod]
        public void Predefined_subscription_is_answered_with_the_id_and_receives_with_it_section_6_7()
        {
            SnGatewayOptions o = GatewayRig.Options();
            o.AddPredefinedTopic(0x0102, "sys/time");
            GatewayRig r = new GatewayRig(o);
            r.Connect("A", "node1", 60, true);
            r.Send("A", SnDatagrams.SubscribeId(0, 1, 1, 0x0102));
            r.Expect("A", "08 13 00 01 02 00 01 00");
            r.Send("A", SnDatagrams.SubscribeId(0, 1, 2, 0x0999));
            r.Expect("A", "08 13 00 09 99 00 02 02");
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("sys/time", "12:00", 0, false, 0));
            r.Expect("A", "0C 0C 01 01 02 00 00 31 32 3A 30 30");
        }

        [TestMethod]
        public void Subscribe_to_a_short_topic_returns_the_short_name_as_topic_id_section_6_9()
        {
            GatewayRig r = new GatewayRig();
            r.Connect("A", "node1", 60, true);
            r.Send("A", SnDatagrams.SubscribeId(1, 2, 4, SnDatagrams.Short("ab")));
            r.Expect("A", "08 13 20 61 62 00 04 00");
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("ab", "z", 0, false, 0));
            r.Expect("A", "08 0C 02 61 62 00 00 7A");
        }

        [TestMethod]
        public void Unsubscribe_is_acknowledged_and_stops_deliveries_section_6_9()
        {
            GatewayRig r = new GatewayRig();
            r.Connect("A", "node1", 60, true);
            r.Send("A", SnDatagrams.Subscribe(0, 1, "a/b"));
            r.Expect("A", "08 13 00 00 01 00 01 00");
            r.Send("A", SnDatagrams.Unsubscribe(2, "a/b"));
            r.Expect("A", "04 15 00 02");
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("a/b", "x", 0, false, 0));
            r.ExpectNothing();
        }

        [TestMethod]
        public void Invalid_topic_id_puback_from_the_client_makes_the_gateway_register_again_section_6_10()
        {
            GatewayRig r = new GatewayRig();
            r.Connect("A", "node1", 60, true);
            r.Send("A", SnDatagrams.Subscribe(1, 1, "cmd"));
            r.Expect("A", "08 13 20 00 01 00 01 00");
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("cmd", "1", 1, false, 1));
            r.Expect("A", "08 0C 20 00 01 00 01 31");
            r.Send("A", SnDatagrams.PubAck(1, 1, 2)); // rejected: invalid topic id
            r.Expect("A", "09 0A 00 01 00 02 63 6D 64");
            r.Send("A", SnDatagrams.RegAck(1, 2, 0));
            r.Expect("A", "08 0C 20 00 01 00 03 31");
        }

        [TestMethod]
        public void Full_buffer_of_an_active_client_leaves_messages_in_the_broker_and_all_arrive_in_order()
        {
            SnGatewayOptions o = GatewayRig.Options();
            o.MaxBufferedWhileAsleep = 1;
            GatewayRig r = new GatewayRig(o);
            r.Connect("A", "node1", 60, true);
            r.Send("A", SnDatagrams.Subscribe(1, 1, "cmd"));
            r.Expect("A", "08 13 20 00 01 00 01 00");
            int app = r.MqttConnect("app");
            for (int i = 1; i <= 4; i++)
            {
                r.MqttSend(app, MqttPackets.Publish("cmd", "" + (char)('0' + i), 1, false, i));
            }
            for (int i = 1; i <= 4; i++)
            {
                r.Expect("A", "08 0C 20 00 01 00 0" + (char)('0' + i) + " 3" + (char)('0' + i));
                r.Send("A", SnDatagrams.PubAck(1, i, 0));
            }
            r.ExpectNothing();
            Assert.AreEqual(0L, r.Gateway.Statistics.DroppedWhileAsleep);
        }
    }
}
