using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests
{
    [TestClass]
    public sealed class RetainedTests
    {
        [TestMethod]
        public void Retained_message_keeps_its_QoS_and_is_sent_with_RETAIN_1_to_a_new_subscription_MQTT_3_3_1_5_MQTT_3_3_1_8()
        {
            var broker = new ScriptedBroker();
            broker.Connect("p").Send(Packets.Publish("t", "v", 1, 1, retain: true));
            Assert.AreEqual(1, broker.Engine.RetainedCount);
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "#", 2));
            c.Next();
            Assert.AreEqual("33060001740001" + "76", c.Next().Hex); // QoS 1 as stored, RETAIN=1, broker id 1
        }

        [TestMethod]
        public void Newer_retained_message_replaces_the_older_one_MQTT_3_3_1_5()
        {
            var broker = new ScriptedBroker();
            ScriptedClient p = broker.Connect("p");
            p.Send(Packets.Publish("t", "old", 0, retain: true));
            p.Send(Packets.Publish("t", "new", 0, retain: true));
            Assert.AreEqual(1, broker.Engine.RetainedCount);
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "t", 0));
            c.Next();
            Assert.AreEqual("new", c.Next().Payload);
            c.ExpectNothing();
        }

        [TestMethod]
        public void Zero_length_retained_is_delivered_and_clears_the_store_MQTT_3_3_1_10_MQTT_3_3_1_11()
        {
            var broker = new ScriptedBroker();
            ScriptedClient live = broker.Connect("live");
            live.Send(Packets.Subscribe(1, "t", 0));
            live.Next();
            ScriptedClient p = broker.Connect("p");
            p.Send(Packets.Publish("t", "v", 0, retain: true));
            live.Next();
            p.Send(Packets.Publish("t", "", 0, retain: true));
            Assert.AreEqual("30030001" + "74", live.Next().Hex);
            Assert.AreEqual(0, broker.Engine.RetainedCount);
            ScriptedClient late = broker.Connect("late");
            late.Send(Packets.Subscribe(1, "t", 0));
            late.Next();
            late.ExpectNothing();
            Assert.AreEqual(0, broker.Engine.PooledMessageCount);
        }

        [TestMethod]
        public void RETAIN_0_leaves_the_store_alone_MQTT_3_3_1_12()
        {
            var broker = new ScriptedBroker();
            ScriptedClient p = broker.Connect("p");
            p.Send(Packets.Publish("t", "kept", 0, retain: true));
            p.Send(Packets.Publish("t", "", 0));
            p.Send(Packets.Publish("t", "other", 0));
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "t", 0));
            c.Next();
            Assert.AreEqual("kept", c.Next().Payload);
        }

        [TestMethod]
        public void Full_store_rejects_a_new_topic_counts_it_and_still_accepts_replacements()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxRetained = 2, MaxRetainedBytes = 100 });
            ScriptedClient p = broker.Connect("p");
            p.Send(Packets.Publish("a", "1", 0, retain: true));
            p.Send(Packets.Publish("b", "1", 0, retain: true));
            p.Send(Packets.Publish("c", "1", 0, retain: true));
            Assert.AreEqual(2, broker.Engine.RetainedCount);
            Assert.AreEqual(1, broker.Engine.Statistics.RetainedRejected);
            p.Send(Packets.Publish("b", "2", 0, retain: true));
            Assert.AreEqual(1, broker.Engine.Statistics.RetainedRejected);
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "#", 0));
            c.Next();
            Assert.AreEqual("a1", c.Next().Topic + c.Drain().Count);
        }

        [TestMethod]
        public void Byte_limit_rejects_a_retained_message_that_would_exceed_it()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxRetained = 10, MaxRetainedBytes = 10 });
            ScriptedClient p = broker.Connect("p");
            p.Send(Packets.Publish("a", "12345678", 0, retain: true)); // 9 bytes
            p.Send(Packets.Publish("b", "12", 0, retain: true));       // 12 bytes in total: refused
            Assert.AreEqual(1, broker.Engine.RetainedCount);
            p.Send(Packets.Publish("a", "123456789", 0, retain: true)); // replacement of 10 bytes fits
            Assert.AreEqual(1, broker.Engine.RetainedCount);
            Assert.AreEqual(1, broker.Engine.Statistics.RetainedRejected);
        }

        [TestMethod]
        public void Retained_message_expires_when_configured()
        {
            var broker = new ScriptedBroker(new BrokerOptions { RetainedExpiryMs = 10_000 });
            broker.Connect("p").Send(Packets.Publish("t", "v", 0, retain: true));
            broker.Advance(9_999);
            Assert.AreEqual(1, broker.Engine.RetainedCount);
            broker.Advance(1);
            Assert.AreEqual(0, broker.Engine.RetainedCount);
            Assert.AreEqual(1, broker.Engine.Statistics.RetainedExpired);
        }

        [TestMethod]
        public void Retained_messages_survive_the_end_of_the_publishers_session_MQTT_3_1_2_7()
        {
            var broker = new ScriptedBroker();
            ScriptedClient p = broker.Connect("p");
            p.Send(Packets.Publish("t", "v", 0, retain: true));
            p.Send(Packets.Disconnect);
            p.Closed();
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "t", 0));
            c.Next();
            Assert.AreEqual("v", c.Next().Payload);
        }
    }
}
