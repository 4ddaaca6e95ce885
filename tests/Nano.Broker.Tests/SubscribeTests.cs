using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests
{
    [TestClass]
    public sealed class SubscribeTests
    {
        [TestMethod]
        public void One_SUBACK_per_SUBSCRIBE_with_codes_in_filter_order_MQTT_3_8_4_4_MQTT_3_9_3_1()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxQos = 1 });
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(0x0A0B, "x", 2, "y", 0, "z/#", 1));
            Assert.AreEqual("90050A0B" + "010001", c.Next().Hex); // QoS 2 capped to the configured maximum
            c.ExpectNothing();
        }

        [TestMethod]
        public void Capacity_refusal_is_0x80_at_level_4_MQTT_3_8_4_5()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxSubscriptionsPerClient = 2, MaxTopicLength = 8 });
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "a", 1, "b", 1, "c", 1));
            Assert.AreEqual("90050001" + "010180", c.Next().Hex);
            ScriptedClient d = broker.Connect("d");
            d.Send(Packets.Subscribe(2, "123456789", 0, "12345678", 0));
            Assert.AreEqual("90040002" + "8000", d.Next().Hex);
            Assert.AreEqual(2, broker.Engine.Statistics.SubscriptionsRefused);
            Assert.IsFalse(c.WantsClose);
        }

        [TestMethod]
        public void Capacity_refusal_closes_at_level_3_which_has_no_failure_code()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxSubscriptionsPerClient = 1 });
            ScriptedClient c = broker.Connect("c", level: 3);
            c.Send(Packets.Subscribe(1, "a", 1, "b", 1));
            c.ExpectNothing();
            Assert.IsTrue(c.WantsClose);
        }

        [TestMethod]
        public void Invalid_filter_closes_the_connection_MQTT_4_7_1_2()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "a/#/b", 0));
            c.ExpectNothing();
            Assert.IsTrue(c.WantsClose);
        }

        [TestMethod]
        public void SUBSCRIBE_without_filters_closes_MQTT_3_8_3_3()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("c");
            c.Send(new byte[] { 0x82, 2, 0, 1 });
            Assert.IsTrue(c.WantsClose);
        }

        [TestMethod]
        public void SUBSCRIBE_with_wrong_flags_closes_MQTT_3_8_1_1()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("c");
            byte[] s = Packets.Subscribe(1, "a", 0);
            s[0] = 0x80;
            c.Send(s);
            Assert.IsTrue(c.WantsClose);
        }

        [TestMethod]
        public void Resubscribe_replaces_the_QoS_and_resends_retained_MQTT_3_8_4_3()
        {
            var broker = new ScriptedBroker();
            broker.Connect("p").Send(Packets.Publish("t", "r", 2, 1, retain: true));
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "t", 0));
            Assert.AreEqual("9003000100", c.Next().Hex);
            Received first = c.Next();
            Assert.AreEqual(0, first.Qos);
            Assert.IsTrue(first.Retain);
            c.Send(Packets.Subscribe(2, "t", 1));
            Assert.AreEqual("9003000201", c.Next().Hex);
            Received again = c.Next();
            Assert.AreEqual(1, again.Qos);
            Assert.IsTrue(again.Retain);
            Assert.AreEqual(1, broker.Engine.SubscriptionCount);
            c.Send(Packets.PubAck(again.PacketId));
            broker.Connect("p2").Send(Packets.Publish("t", "n", 2, 1));
            Received live = c.Next();
            Assert.AreEqual(1, live.Qos);
            Assert.IsFalse(live.Retain);
            c.ExpectNothing();
        }

        [TestMethod]
        public void UNSUBACK_is_sent_even_when_nothing_matched_MQTT_3_10_4_5()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Unsubscribe(0x0102, "nothing"));
            Assert.AreEqual("B0020102", c.Next().Hex);
        }

        [TestMethod]
        public void Unsubscribe_stops_delivery_and_compares_filters_literally_MQTT_3_10_4_1_MQTT_3_10_4_2()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "a/+", 0, "a/b", 0));
            c.Next();
            c.Send(Packets.Unsubscribe(2, "a/b", "a/#"));
            Assert.AreEqual("B0020002", c.Next().Hex); // one UNSUBACK for several filters [MQTT-3.10.4-6]
            Assert.AreEqual(1, broker.Engine.SubscriptionCount, "a/+ is not removed by a/b or a/#");
            c.Send(Packets.Unsubscribe(3, "a/+"));
            c.Next();
            broker.Connect("p").Send(Packets.Publish("a/b", "x"));
            c.ExpectNothing();
        }

        /// <summary>Matching scans only up to the highest subscription row in use; rows freed at the top and
        /// in the middle, then taken again, must all still be seen.</summary>
        [TestMethod]
        public void Subscriptions_freed_and_taken_again_in_any_order_are_all_matched()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "a", 0, "b", 0, "c", 0, "d", 0));
            c.Next();
            c.Send(Packets.Unsubscribe(2, "d", "c"));
            c.Next();
            c.Send(Packets.Unsubscribe(3, "a"));
            c.Next();
            c.Send(Packets.Subscribe(4, "e", 0, "f", 0));
            c.Next();
            Assert.AreEqual(3, broker.Engine.SubscriptionCount);
            ScriptedClient p = broker.Connect("p");
            foreach (string topic in new[] { "a", "b", "c", "d", "e", "f" })
            {
                p.Send(Packets.Publish(topic, topic));
            }
            Assert.AreEqual("b", c.Next().Topic);
            Assert.AreEqual("e", c.Next().Topic);
            Assert.AreEqual("f", c.Next().Topic);
            c.ExpectNothing();
        }

        [TestMethod]
        public void Wildcards_match_per_level_and_hash_matches_the_parent_MQTT_4_7_1_2_MQTT_4_7_1_3()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "sport/#", 0, "+/+", 0));
            c.Next();
            ScriptedClient p = broker.Connect("p");
            p.Send(Packets.Publish("sport", "1"));
            p.Send(Packets.Publish("sport/tennis/player1", "2"));
            p.Send(Packets.Publish("/finance", "3"));
            p.Send(Packets.Publish("other", "4"));
            Assert.AreEqual("1", c.Next().Payload);
            Assert.AreEqual("2", c.Next().Payload);
            Received third = c.Next();
            Assert.AreEqual("/finance", third.Topic);
            c.ExpectNothing();
        }

        [TestMethod]
        public void Leading_wildcards_do_not_match_dollar_topics_MQTT_4_7_2_1()
        {
            var broker = new ScriptedBroker();
            ScriptedClient all = broker.Connect("all");
            all.Send(Packets.Subscribe(1, "#", 0, "+/x", 0));
            all.Next();
            ScriptedClient sys = broker.Connect("sys");
            sys.Send(Packets.Subscribe(1, "$SYS/#", 0));
            sys.Next();
            broker.Connect("p").Send(Packets.Publish("$SYS/x", "v"));
            Assert.AreEqual("$SYS/x", sys.Next().Topic);
            all.ExpectNothing();
        }
    }
}
