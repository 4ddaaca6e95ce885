using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests
{
    /// <summary>
    /// Byte-identical filters of several sessions share their bytes in the subscription arena and are compared once
    /// per PUBLISH. The arena is sized here to hold one 12-byte filter and no second one, so whether a filter was
    /// stored again, kept or given back shows in which SUBSCRIBE is refused.
    /// </summary>
    [TestClass]
    public sealed class SharedFilterTests
    {
        private const string Filter = "sensor/temp1";
        private const string Other = "sensor/temp2";

        /// <summary>A broker whose arena holds one 12-byte filter and no second one, with sessions a and b on <see cref="Filter"/>.</summary>
        private static ScriptedBroker Sharers(out ScriptedClient a, out ScriptedClient b)
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxSubscriptionBytes = 20 });
            a = Subscriber(broker, "a", Filter);
            b = Subscriber(broker, "b", Filter);
            return broker;
        }

        private static ScriptedClient Subscriber(ScriptedBroker broker, string id, string filter, int qos = 0)
        {
            ScriptedClient c = broker.Connect(id);
            c.Send(Packets.Subscribe(1, filter, qos));
            Assert.AreEqual("90030001" + qos.ToString("X2"), c.Next().Hex);
            return c;
        }

        /// <summary>SUBACK return code of one SUBSCRIBE of <paramref name="filter"/> at QoS 0.</summary>
        private static string Subscribe(ScriptedClient c, string filter)
        {
            c.Send(Packets.Subscribe(9, filter, 0));
            return c.Next().Hex.Substring(8);
        }

        [TestMethod]
        public void Sessions_subscribing_one_filter_store_its_bytes_once_and_each_gets_the_message_MQTT_3_3_5_1()
        {
            ScriptedBroker broker = Sharers(out ScriptedClient a, out ScriptedClient b);
            ScriptedClient c = Subscriber(broker, "c", Filter);
            Assert.AreEqual("80", Subscribe(broker.Connect("d"), Other), "the arena holds one 12-byte filter");
            ScriptedClient p = broker.Connect("p");
            p.Send(Packets.Publish(Other, "no"));
            p.Send(Packets.Publish(Filter, "yes"));
            foreach (ScriptedClient s in new[] { a, b, c })
            {
                Assert.AreEqual("yes", s.Next().Payload);
                s.ExpectNothing();
            }
        }

        [TestMethod]
        public void Unsubscribing_one_sharer_keeps_the_bytes_for_the_others_until_the_last_leaves_MQTT_3_10_4_1()
        {
            ScriptedBroker broker = Sharers(out ScriptedClient a, out ScriptedClient b);
            a.Send(Packets.Unsubscribe(2, Filter));
            Assert.AreEqual("B0020002", a.Next().Hex);
            ScriptedClient p = broker.Connect("p");
            p.Send(Packets.Publish(Filter, "1"));
            Assert.AreEqual("1", b.Next().Payload);
            a.ExpectNothing();
            Assert.AreEqual("80", Subscribe(a, Other), "b still holds the bytes");
            b.Send(Packets.Unsubscribe(3, Filter));
            Assert.AreEqual("B0020003", b.Next().Hex);
            Assert.AreEqual(0, broker.Engine.SubscriptionCount);
            Assert.AreEqual("00", Subscribe(a, Other), "the last sharer gave the bytes back");
            p.Send(Packets.Publish(Other, "2"));
            p.Send(Packets.Publish(Filter, "3"));
            Assert.AreEqual("2", a.Next().Payload);
            a.ExpectNothing();
            b.ExpectNothing();
        }

        [TestMethod]
        public void Filters_behind_a_removed_shared_filter_still_match_and_it_can_be_subscribed_again()
        {
            ScriptedBroker broker = new ScriptedBroker(new BrokerOptions { MaxSubscriptionBytes = 30 });
            ScriptedClient a = Subscriber(broker, "a", Filter);
            ScriptedClient b = Subscriber(broker, "b", Filter);
            ScriptedClient c = Subscriber(broker, "c", "x/+/z");
            ScriptedClient d = Subscriber(broker, "d", "x/y");
            a.Closed(); // a clean session ends with its subscriptions [MQTT-3.1.2-6]
            b.Closed();
            Assert.AreEqual(2, broker.Engine.SubscriptionCount);
            ScriptedClient e = Subscriber(broker, "e", Filter);
            Assert.AreEqual("80", Subscribe(broker.Connect("f"), Other), "12 + 5 + 3 of 30 bytes are in use");
            ScriptedClient p = broker.Connect("p");
            p.Send(Packets.Publish("x/y/z", "1"));
            p.Send(Packets.Publish("x/y", "2"));
            p.Send(Packets.Publish(Filter, "3"));
            Assert.AreEqual("1", c.Next().Payload);
            Assert.AreEqual("2", d.Next().Payload);
            Assert.AreEqual("3", e.Next().Payload);
            c.ExpectNothing();
            d.ExpectNothing();
            e.ExpectNothing();
        }

        [TestMethod]
        public void A_sharer_raising_its_QoS_leaves_the_other_at_its_own_MQTT_3_8_4_3()
        {
            ScriptedBroker broker = Sharers(out ScriptedClient a, out ScriptedClient b);
            a.Send(Packets.Subscribe(2, Filter, 1));
            Assert.AreEqual("9003000201", a.Next().Hex);
            Assert.AreEqual(2, broker.Engine.SubscriptionCount);
            broker.Connect("p").Send(Packets.Publish(Filter, "m", 1, 7));
            Assert.AreEqual(1, a.Next().Qos);
            Assert.AreEqual(0, b.Next().Qos);
        }

        [TestMethod]
        public void Overlapping_shared_filters_give_each_session_one_delivery_at_its_highest_QoS_MQTT_3_3_5_1()
        {
            ScriptedBroker broker = new ScriptedBroker();
            ScriptedClient a = broker.Connect("a");
            a.Send(Packets.Subscribe(1, "a/b", 0, "a/+", 1));
            a.Next();
            ScriptedClient b = broker.Connect("b");
            b.Send(Packets.Subscribe(1, "a/+", 0, "a/b", 0));
            b.Next();
            ScriptedClient c = Subscriber(broker, "c", "a/+", 1);
            ScriptedClient p = broker.Connect("p");
            p.Send(Packets.Publish("a/c", "1", 1, 1)); // same length as a/b: no exact match, every a/+ does
            p.Send(Packets.Publish("a/b/c", "2", 1, 2)); // neither filter
            p.Send(Packets.Publish("a/b", "3", 1, 3));
            foreach (string payload in new[] { "1", "3" })
            {
                Received ra = a.Next();
                Assert.AreEqual(payload, ra.Payload);
                Assert.AreEqual(1, ra.Qos);
                a.Send(Packets.PubAck(ra.PacketId));
                Received rb = b.Next();
                Assert.AreEqual(payload, rb.Payload);
                Assert.AreEqual(0, rb.Qos);
                Received rc = c.Next();
                Assert.AreEqual(payload, rc.Payload);
                c.Send(Packets.PubAck(rc.PacketId));
            }
            a.ExpectNothing();
            b.ExpectNothing();
            c.ExpectNothing();
        }

        [TestMethod]
        public void A_queue_full_of_bytes_holds_the_publisher_back_and_one_with_room_does_not_MQTT_4_6_0_2()
        {
            ScriptedBroker broker = new ScriptedBroker(new BrokerOptions { MaxQueuedBytes = 8, QueueFullPolicy = QueueFullPolicy.Backpressure });
            ScriptedClient slow = Subscriber(broker, "slow", "t");
            ScriptedClient p = broker.Connect("p");
            p.Send(Packets.Publish("t", "123", 1, 1)); // written straight into slow's empty output, not queued
            p.Send(Packets.Publish("t", "1234", 1, 2)); // to an empty queue: 5 of 8 bytes
            p.Send(Packets.Publish("t", "1234", 1, 3)); // to a queue with room: 10 of 8 bytes, now full
            Assert.AreEqual("40020001", p.Next().Hex);
            Assert.AreEqual("40020002", p.Next().Hex);
            Assert.AreEqual("40020003", p.Next().Hex);
            p.Send(Packets.Publish("t", "next", 1, 4));
            p.ExpectNothing(); // waits in p's input, unacknowledged, for room in slow's queue
            Assert.AreEqual(0L, broker.Engine.Statistics.MessagesDropped);
            Assert.AreEqual("123", slow.Next().Payload);
            Assert.AreEqual("1234", slow.Next().Payload);
            Assert.AreEqual("1234", slow.Next().Payload);
            Assert.AreEqual("40020004", p.Next().Hex);
            Assert.AreEqual("next", slow.Next().Payload);
            slow.ExpectNothing();
        }
    }
}
