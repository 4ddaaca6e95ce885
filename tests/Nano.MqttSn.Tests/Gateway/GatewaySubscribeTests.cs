using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Gateway;

namespace Nano.MqttSn.Tests.Gateway
{
    /// <summary>SUBSCRIBE/UNSUBSCRIBE and gateway-to-client delivery: topic ids, REGISTER before wildcard
    /// matches, QoS 1/2 flows, re-sends, retained messages.</summary>
    [TestClass]
    public class GatewaySubscribeTests
    {
        [TestMethod]
        public void Subscribe_to_a_plain_name_returns_its_topic_id_and_mqtt_publications_use_it()
        {
            var h = new GatewayHarness();
            h.Connect("A", "node1");
            h.Send("A", Sn.Subscribe(1, 3, "cmd/led"));
            h.Expect("A", "08 13 20 00 01 00 03 00"); // granted QoS 1, topic id 1, MsgId 3

            h.Mqtt("app").Publish("cmd/led", "on", 1);
            h.Expect("A", "09 0C 20 00 01 00 01 6F 6E");
            h.Send("A", Sn.PubAck(1, 1, 0));
            h.ExpectNothing();
            Assert.AreEqual(1, h.Gateway.Statistics.PublishesSent);
        }

        [TestMethod]
        public void Qos_is_downgraded_to_the_granted_qos()
        {
            var h = new GatewayHarness();
            h.Connect("A", "node1");
            h.Send("A", Sn.Subscribe(0, 1, "cmd/led"));
            h.Expect("A", "08 13 00 00 01 00 01 00");
            h.Mqtt("app").Publish("cmd/led", "on", 1);
            h.Expect("A", "09 0C 00 00 01 00 00 6F 6E");
        }

        [TestMethod]
        public void Wildcard_subscribe_gets_topic_id_zero_and_register_precedes_each_new_topic_section_6_10()
        {
            var h = new GatewayHarness();
            h.Connect("A", "node1");
            h.Send("A", Sn.Subscribe(1, 1, "s/#"));
            h.Expect("A", "08 13 20 00 00 00 01 00");

            MqttPeer app = h.Mqtt("app");
            app.Publish("s/x", "1", 1);
            app.Publish("s/x", "2", 1, packetId: 2);
            h.Expect("A", "09 0A 00 01 00 01 73 2F 78"); // REGISTER id 1 "s/x", nothing before REGACK
            h.Advance(1_000);
            h.ExpectNothing();

            h.Send("A", Sn.RegAck(1, 1, 0));
            h.Expect("A", "08 0C 20 00 01 00 02 31");
            h.Send("A", Sn.PubAck(1, 2, 0));
            h.Expect("A", "08 0C 20 00 01 00 03 32"); // the id is known now: no second REGISTER
            h.Send("A", Sn.PubAck(1, 3, 0));
            h.ExpectNothing();
            Assert.AreEqual(1, h.Gateway.Statistics.RegistersSent);
        }

        [TestMethod]
        public void Rejected_regack_stops_deliveries_on_that_topic_name_section_6_10()
        {
            var h = new GatewayHarness();
            h.Connect("A", "node1");
            h.Send("A", Sn.Subscribe(0, 1, "s/+"));
            h.Expect("A", "08 13 00 00 00 00 01 00");
            MqttPeer app = h.Mqtt("app");
            app.Publish("s/x", "1", 0);
            h.Expect("A", "09 0A 00 01 00 01 73 2F 78");
            h.Send("A", Sn.RegAck(0, 1, 3));
            h.ExpectNothing();
            app.Publish("s/x", "2", 0);
            app.Publish("s/y", "3", 0);
            h.Expect("A", "09 0A 00 02 00 02 73 2F 79");
            Assert.AreEqual(2, h.Gateway.Statistics.DeliveriesAborted);
        }

        [TestMethod]
        public void Qos2_delivery_runs_publish_pubrec_pubrel_pubcomp()
        {
            var h = new GatewayHarness();
            h.Connect("A", "node1");
            h.Send("A", Sn.Subscribe(2, 1, "q2"));
            h.Expect("A", "08 13 40 00 01 00 01 00");
            h.Mqtt("app").Publish("q2", "x", 2);
            h.Expect("A", "08 0C 40 00 01 00 01 78"); // QoS 2 with the id from SUBACK
            h.Send("A", Sn.MsgId(0x0F, 1)); // PUBREC
            h.Expect("A", "04 10 00 01"); // PUBREL
            h.Send("A", Sn.MsgId(0x0E, 1)); // PUBCOMP
            h.ExpectNothing();
        }

        [TestMethod]
        public void Unacknowledged_publish_is_resent_with_dup_every_t_retry_then_the_client_is_lost_section_6_13()
        {
            var h = new GatewayHarness();
            MqttPeer watcher = h.Mqtt("watcher");
            watcher.Subscribe("dead/#", 0);
            h.Send("A", Sn.Connect("node1", 600, true, true));
            h.Send("A", Sn.WillTopic(0, false, "dead/node1"));
            h.Send("A", Sn.WillMsg("x"));
            h.Expect("A", "02 06", "02 08", "03 05 00");
            h.Send("A", Sn.Subscribe(1, 1, "cmd"));
            h.Expect("A", "08 13 20 00 01 00 01 00");
            h.Mqtt("app").Publish("cmd", "go", 1);
            h.Expect("A", "09 0C 20 00 01 00 01 67 6F");
            h.Advance(9_999);
            h.ExpectNothing();
            h.Advance(1);
            h.Expect("A", "09 0C A0 00 01 00 01 67 6F"); // DUP
            h.Advance(10_000);
            h.Expect("A", "09 0C A0 00 01 00 01 67 6F");
            h.Advance(10_000); // N_RETRY = 2 re-sends exhausted
            h.ExpectNothing();
            Assert.AreEqual(SnClientStatus.Lost, h.Status("node1"));
            CollectionAssert.AreEqual(new[] { "dead/node1=x q0" }, watcher.Messages());
            Assert.AreEqual(2, h.Gateway.Statistics.Retries);
        }

        [TestMethod]
        public void Two_character_topic_without_an_id_is_sent_as_a_short_topic_name()
        {
            var h = new GatewayHarness();
            h.Connect("A", "node1");
            h.Send("A", Sn.Subscribe(0, 1, "+"));
            h.Expect("A", "08 13 00 00 00 00 01 00");
            h.Mqtt("app").Publish("ab", "x", 0);
            h.Expect("A", "08 0C 02 61 62 00 00 78"); // TopicIdType short, no REGISTER
        }

        [TestMethod]
        public void Retained_message_is_delivered_to_a_new_subscriber_after_suback()
        {
            var h = new GatewayHarness();
            h.Mqtt("app").Publish("cfg/rate", "5", 1, retain: true);
            h.Connect("A", "node1");
            h.Send("A", Sn.Subscribe(1, 1, "cfg/rate"));
            h.Expect("A", "08 13 20 00 01 00 01 00", "08 0C 30 00 01 00 01 35"); // SUBACK, then PUBLISH retain QoS 1
        }

        [TestMethod]
        public void Retained_match_of_a_wildcard_is_registered_before_it_is_published()
        {
            var h = new GatewayHarness();
            h.Mqtt("app").Publish("cfg/rate", "5", 0, retain: true);
            h.Connect("A", "node1");
            h.Send("A", Sn.Subscribe(0, 1, "cfg/#"));
            h.Expect("A", "08 13 00 00 00 00 01 00", "0E 0A 00 01 00 01 63 66 67 2F 72 61 74 65");
            h.Send("A", Sn.RegAck(1, 1, 0));
            h.Expect("A", "08 0C 10 00 01 00 00 35");
        }

        [TestMethod]
        public void Predefined_subscription_receives_with_the_predefined_id_section_6_7()
        {
            var o = GatewayHarness.Options();
            o.AddPredefinedTopic(0x0102, "sys/time");
            var h = new GatewayHarness(o);
            h.Connect("A", "node1");
            h.Send("A", Sn.SubscribeId(0, 1, 1, 0x0102));
            h.Expect("A", "08 13 00 01 02 00 01 00");
            h.Send("A", Sn.SubscribeId(0, 1, 2, 0x0999)); // unknown predefined id
            h.Expect("A", "08 13 00 09 99 00 02 02");
            h.Mqtt("app").Publish("sys/time", "12:00", 0);
            h.Expect("A", "0C 0C 01 01 02 00 00 31 32 3A 30 30");
        }

        [TestMethod]
        public void Unsubscribe_is_acknowledged_and_stops_deliveries()
        {
            var h = new GatewayHarness();
            h.Connect("A", "node1");
            h.Send("A", Sn.Subscribe(0, 1, "a/b"));
            h.Expect("A", "08 13 00 00 01 00 01 00");
            h.Send("A", Sn.Unsubscribe(2, "a/b"));
            h.Expect("A", "04 15 00 02");
            h.Mqtt("app").Publish("a/b", "x", 0);
            h.ExpectNothing();
        }

        [TestMethod]
        public void A_full_buffer_leaves_further_messages_in_the_broker_and_all_arrive_in_order()
        {
            var o = GatewayHarness.Options();
            o.MaxBufferedWhileAsleep = 1;
            var h = new GatewayHarness(o);
            h.Connect("A", "node1");
            h.Send("A", Sn.Subscribe(1, 1, "cmd"));
            h.Expect("A", "08 13 20 00 01 00 01 00");
            MqttPeer app = h.Mqtt("app");
            for (int i = 1; i <= 6; i++)
            {
                app.Publish("cmd", i.ToString(), 1, packetId: (ushort)i);
            }
            for (int i = 1; i <= 6; i++)
            {
                h.Expect("A", "08 0C 20 00 01 00 " + i.ToString("X2") + " " + (0x30 + i).ToString("X2"));
                h.Send("A", Sn.PubAck(1, i, 0));
            }
            h.ExpectNothing();
            Assert.AreEqual(0, h.Gateway.Statistics.DroppedWhileAsleep);
        }

        [TestMethod]
        public void Pingreq_from_an_active_client_gets_pingresp()
        {
            var h = new GatewayHarness();
            h.Connect("A", "node1");
            h.Send("A", "02 16");
            h.Expect("A", "02 17");
        }

        [TestMethod]
        public void Invalid_topic_id_puback_makes_the_gateway_register_the_topic_again()
        {
            var h = new GatewayHarness();
            h.Connect("A", "node1");
            h.Send("A", Sn.Subscribe(1, 1, "a/b"));
            h.Expect("A", "08 13 20 00 01 00 01 00");
            h.Mqtt("app").Publish("a/b", "x", 1);
            h.Expect("A", "08 0C 20 00 01 00 01 78");
            h.Send("A", Sn.PubAck(1, 1, 2));
            h.Expect("A", "09 0A 00 01 00 02 61 2F 62");
            h.Send("A", Sn.RegAck(1, 2, 0));
            h.Expect("A", "08 0C 20 00 01 00 03 78");
        }
    }
}
