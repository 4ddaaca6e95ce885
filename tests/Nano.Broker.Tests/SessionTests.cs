using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests
{
    [TestClass]
    public sealed class SessionTests
    {
        [TestMethod]
        public void Session_present_is_0_for_clean_session_MQTT_3_2_2_1()
        {
            var broker = new ScriptedBroker();
            broker.Connect("p", clean: false).Send(Packets.Disconnect);
            broker.Connect("p", clean: true, sessionPresent: false);
        }

        [TestMethod]
        public void Session_present_is_1_when_a_stored_session_resumes_MQTT_3_2_2_2()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("p", clean: false, sessionPresent: false); // [MQTT-3.2.2-3]
            c.Send(Packets.Disconnect);
            c.Closed();
            broker.Connect("p", clean: false, sessionPresent: true);
        }

        [TestMethod]
        public void Session_present_is_never_set_at_level_3()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("p", clean: false, level: 3);
            c.Send(Packets.Disconnect);
            broker.Connect("p", clean: false, sessionPresent: false, level: 3);
        }

        [TestMethod]
        public void Clean_session_discards_the_stored_subscriptions_MQTT_3_1_2_6()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("p", clean: false);
            c.Send(Packets.Subscribe(1, "t", 1));
            c.Next();
            c.Send(Packets.Disconnect);
            Assert.AreEqual(1, broker.Engine.SubscriptionCount);
            ScriptedClient again = broker.Connect("p", clean: true);
            Assert.AreEqual(0, broker.Engine.SubscriptionCount);
            broker.Connect("pub").Send(Packets.Publish("t", "x"));
            again.ExpectNothing();
        }

        [TestMethod]
        public void Clean_session_ends_with_the_connection_MQTT_3_1_2_6()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("p");
            c.Send(Packets.Subscribe(1, "t", 1));
            c.Send(Packets.Disconnect);
            Assert.AreEqual(0, broker.Engine.SessionCount);
            Assert.AreEqual(0, broker.Engine.SubscriptionCount);
        }

        [TestMethod]
        public void Takeover_closes_the_existing_connection_and_publishes_its_Will_MQTT_3_1_4_2()
        {
            var broker = new ScriptedBroker();
            ScriptedClient watcher = broker.Connect("w");
            watcher.Send(Packets.Subscribe(1, "will", 0));
            watcher.Next();
            ScriptedClient first = broker.Accept();
            first.Send(Packets.Connect("dup", willTopic: "will", willMessage: new byte[] { 0x01 }));
            first.Next();
            ScriptedClient second = broker.Connect("dup");
            Assert.IsTrue(first.WantsClose);
            Assert.IsFalse(second.WantsClose);
            Assert.AreEqual("3007000477696C6C01", watcher.Next().Hex);
            Assert.AreEqual(1, broker.Engine.Statistics.Takeovers);
            first.Closed();
            Assert.AreEqual(2, broker.Engine.Statistics.ClientsConnected);
        }

        [TestMethod]
        public void Takeover_of_a_persistent_session_keeps_subscriptions_and_reports_session_present()
        {
            var broker = new ScriptedBroker();
            ScriptedClient first = broker.Connect("dup", clean: false);
            first.Send(Packets.Subscribe(1, "t", 0));
            first.Next();
            ScriptedClient second = broker.Connect("dup", clean: false, sessionPresent: true);
            Assert.IsTrue(first.WantsClose);
            broker.Connect("pub").Send(Packets.Publish("t", "x"));
            Assert.AreEqual("30040001" + "7478", second.Next().Hex);
        }

        [TestMethod]
        public void Messages_for_an_offline_persistent_session_are_queued_and_sent_on_reconnect_MQTT_3_1_2_5()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = broker.Connect("s", clean: false);
            sub.Send(Packets.Subscribe(1, "t", 2));
            sub.Next();
            sub.Send(Packets.Disconnect);
            sub.Closed();
            ScriptedClient pub = broker.Connect("pub");
            pub.Send(Packets.Publish("t", "q0", 0));
            pub.Send(Packets.Publish("t", "q1", 1, 5));
            pub.Send(Packets.Publish("t", "q2", 2, 6));
            ScriptedClient again = broker.Connect("s", clean: false, sessionPresent: true);
            Received first = again.Next();
            Assert.AreEqual("q1", first.Payload);
            Assert.AreEqual(1, first.Qos);
            Assert.IsFalse(first.Dup);
            Received second = again.Next();
            Assert.AreEqual("q2", second.Payload);
            Assert.AreEqual(2, second.Qos);
            again.ExpectNothing(); // QoS 0 is not queued offline by default
        }

        [TestMethod]
        public void QoS_0_is_queued_offline_when_configured()
        {
            var broker = new ScriptedBroker(new BrokerOptions { QueueQos0 = true });
            ScriptedClient sub = broker.Connect("s", clean: false);
            sub.Send(Packets.Subscribe(1, "t", 0));
            sub.Next();
            sub.Send(Packets.Disconnect);
            broker.Connect("pub").Send(Packets.Publish("t", "q0"));
            ScriptedClient again = broker.Connect("s", clean: false, sessionPresent: true);
            Assert.AreEqual("q0", again.Next().Payload);
        }

        [TestMethod]
        public void Unacknowledged_PUBLISH_is_resent_with_DUP_and_the_same_id_on_reconnect_MQTT_4_4_0_1()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = broker.Connect("s", clean: false);
            sub.Send(Packets.Subscribe(1, "t", 1));
            sub.Next();
            broker.Connect("pub").Send(Packets.Publish("t", "m", 1, 3));
            Received original = sub.Next();
            Assert.IsFalse(original.Dup);
            sub.Engine.ConnectionLost(sub.Id, broker.Now);
            sub.Closed();
            ScriptedClient again = broker.Connect("s", clean: false, sessionPresent: true);
            Received resent = again.Next();
            Assert.IsTrue(resent.Dup);
            Assert.AreEqual(original.PacketId, resent.PacketId);
            Assert.AreEqual(original.Hex.Substring(2), resent.Hex.Substring(2));
            Assert.AreEqual(original.Bytes[0] | 0x08, resent.Bytes[0]);
            again.Send(Packets.PubAck(resent.PacketId));
            again.ExpectNothing();
            again.Send(Packets.Disconnect);
            broker.Connect("s", clean: false, sessionPresent: true).ExpectNothing();
        }

        [TestMethod]
        public void PUBREL_is_resent_on_reconnect_and_the_PUBLISH_is_not_MQTT_4_4_0_1_MQTT_4_3_3_1()
        {
            var broker = new ScriptedBroker();
            ScriptedClient sub = broker.Connect("s", clean: false);
            sub.Send(Packets.Subscribe(1, "t", 2));
            sub.Next();
            broker.Connect("pub").Send(Packets.Publish("t", "m", 2, 3));
            Received publish = sub.Next();
            Assert.AreEqual(2, publish.Qos);
            sub.Send(Packets.PubRec(publish.PacketId));
            Assert.AreEqual("6202" + publish.PacketId.ToString("X4"), sub.Next().Hex);
            sub.Engine.ConnectionLost(sub.Id, broker.Now);
            ScriptedClient again = broker.Connect("s", clean: false, sessionPresent: true);
            Assert.AreEqual("6202" + publish.PacketId.ToString("X4"), again.Next().Hex);
            again.ExpectNothing();
            again.Send(Packets.PubComp(publish.PacketId));
            Assert.AreEqual(0, broker.Engine.PooledMessageCount);
        }

        [TestMethod]
        public void Abandoned_persistent_session_expires()
        {
            var broker = new ScriptedBroker(new BrokerOptions { SessionExpiryMs = 60_000 });
            ScriptedClient c = broker.Connect("p", clean: false);
            c.Send(Packets.Subscribe(1, "t", 1));
            c.Send(Packets.Disconnect);
            c.Closed();
            broker.Advance(59_999);
            Assert.AreEqual(1, broker.Engine.SessionCount);
            broker.Advance(1);
            Assert.AreEqual(0, broker.Engine.SessionCount);
            Assert.AreEqual(0, broker.Engine.SubscriptionCount);
            Assert.AreEqual(1, broker.Engine.Statistics.SessionsExpired);
            broker.Connect("p", clean: false, sessionPresent: false);
        }

        [TestMethod]
        public void Full_session_table_evicts_the_offline_session_idle_longest()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxConnections = 2, MaxSessions = 2 });
            ScriptedClient a = broker.Connect("a", clean: false);
            a.Send(Packets.Disconnect);
            a.Closed();
            broker.Advance(10);
            ScriptedClient b = broker.Connect("b", clean: false);
            b.Send(Packets.Disconnect);
            b.Closed();
            broker.Connect("c", clean: false);
            Assert.AreEqual(1, broker.Engine.Statistics.SessionsEvicted);
            broker.Connect("b", clean: false, sessionPresent: true);
        }

        [TestMethod]
        public void Will_that_does_not_fit_the_message_pool_gets_CONNACK_3()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxMessages = 1, MaxRetained = 0 });
            ScriptedClient a = broker.Accept();
            a.Send(Packets.Connect("a", willTopic: "w", willMessage: new byte[] { 1 }));
            Assert.AreEqual("20020000", a.Next().Hex);
            ScriptedClient b = broker.Accept();
            b.Send(Packets.Connect("b", willTopic: "w", willMessage: new byte[] { 1 }));
            Assert.AreEqual("20020003", b.Next().Hex);
            Assert.IsTrue(b.WantsClose);
            a.Send(Packets.Disconnect);
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Connect("c", willTopic: "w", willMessage: new byte[] { 1 }));
            Assert.AreEqual("20020000", c.Next().Hex);
        }

        [TestMethod]
        public void Queue_limit_drops_the_oldest_QoS_0_first_then_the_new_message_and_counts_each_drop()
        {
            var broker = new ScriptedBroker(new BrokerOptions { MaxQueued = 3, MaxInflight = 1, QueueQos0 = true });
            ScriptedClient sub = broker.Connect("s", clean: false);
            sub.Send(Packets.Subscribe(1, "t", 1));
            sub.Next();
            sub.Send(Packets.Disconnect);
            ScriptedClient pub = broker.Connect("pub");
            pub.Send(Packets.Publish("t", "a", 0));
            pub.Send(Packets.Publish("t", "b", 1, 1));
            pub.Send(Packets.Publish("t", "c", 1, 2));
            pub.Send(Packets.Publish("t", "d", 1, 3)); // drops "a" (oldest QoS 0)
            pub.Send(Packets.Publish("t", "e", 1, 4)); // queue holds only QoS 1: "e" is dropped
            Assert.AreEqual(2, broker.Engine.Statistics.DroppedQueueFull);
            ScriptedClient again = broker.Connect("s", clean: false, sessionPresent: true);
            Received b = again.Next();
            Assert.AreEqual("b", b.Payload);
            again.ExpectNothing(); // inflight window of 1
            again.Send(Packets.PubAck(b.PacketId));
            Received c = again.Next();
            Assert.AreEqual("c", c.Payload);
            again.Send(Packets.PubAck(c.PacketId));
            Assert.AreEqual("d", again.Next().Payload);
        }
    }
}
