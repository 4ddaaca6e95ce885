using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests.Security
{
    [TestClass]
    public sealed class AclEngineTests
    {
        private const string Rules =
            "topic read public/#\n" +
            "user alice\n" +
            "topic readwrite home/#\n" +
            "topic write public/#\n" +
            "user bob\n" +
            "topic read home/bob/#\n" +
            "topic write home/bob/#\n" +
            "pattern write devices/%c/#\n" +
            "pattern read inbox/%u/#\n";

        private static ScriptedBroker Broker(BrokerOptions options = null)
        {
            var broker = new ScriptedBroker(options);
            broker.Engine.Acl = TopicAclTests.Load(Rules);
            return broker;
        }

        private static ScriptedClient Connect(ScriptedBroker broker, string clientId, string user, string willTopic = null, bool willRetain = false)
        {
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Connect(clientId, user: user, willTopic: willTopic, willMessage: Encoding.UTF8.GetBytes("gone"), willQos: willTopic == null ? 0 : 1, willRetain: willRetain));
            Assert.AreEqual("20020000", c.Next().Hex);
            return c;
        }

        [TestMethod]
        public void A_denied_PUBLISH_is_acknowledged_per_QoS_and_dropped_MQTT_3_3_5_2()
        {
            ScriptedBroker broker = Broker();
            ScriptedClient alice = Connect(broker, "a", "alice");
            alice.Send(Packets.Subscribe(1, "home/#", 2));
            Assert.AreEqual("9003000102", alice.Next().Hex);
            ScriptedClient bob = Connect(broker, "b", "bob");
            bob.Send(Packets.Publish("home/alice/door", "x", qos: 1, packetId: 7));
            Assert.AreEqual("40020007", bob.Next().Hex);
            bob.Send(Packets.Publish("home/alice/door", "x", qos: 2, packetId: 8));
            Assert.AreEqual("50020008", bob.Next().Hex);
            bob.Send(Packets.PubRel(8));
            Assert.AreEqual("70020008", bob.Next().Hex);
            bob.Send(Packets.Publish("home/alice/door", "x"));
            Assert.IsFalse(bob.WantsClose);
            alice.ExpectNothing();
            Assert.AreEqual(3L, broker.Engine.Statistics.PublishesDenied);

            bob.Send(Packets.Publish("home/bob/door", "open", qos: 1, packetId: 9));
            Assert.AreEqual("40020009", bob.Next().Hex);
            Received r = alice.Next();
            Assert.AreEqual("home/bob/door", r.Topic);
        }

        [TestMethod]
        public void A_SUBSCRIBE_without_read_access_gets_0x80_for_that_filter_only()
        {
            ScriptedBroker broker = Broker();
            ScriptedClient bob = Connect(broker, "b", "bob");
            bob.Send(Packets.Subscribe(2, "home/alice/#", 1, "home/bob/x", 1, "public/#", 0));
            Assert.AreEqual("9005" + "0002" + "80" + "01" + "80", bob.Next().Hex);
            Assert.AreEqual(2L, broker.Engine.Statistics.SubscriptionsDenied);
            Assert.AreEqual(1, broker.Engine.SubscriptionCount);
        }

        [TestMethod]
        public void A_SUBSCRIBE_refused_by_the_ACL_closes_a_3_1_connection_which_has_no_failure_code()
        {
            ScriptedBroker broker = Broker();
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Connect("b", user: "bob", level: 3));
            Assert.AreEqual("20020000", c.Next().Hex);
            c.Send(Packets.Subscribe(2, "home/alice/#", 1));
            Assert.IsTrue(c.WantsClose);
            c.ExpectNothing();
        }

        [TestMethod]
        public void A_wildcard_subscription_is_granted_and_filtered_at_each_delivery()
        {
            ScriptedBroker broker = Broker();
            ScriptedClient bob = Connect(broker, "b", "bob");
            bob.Send(Packets.Subscribe(3, "#", 1));
            Assert.AreEqual("9003000301", bob.Next().Hex);
            ScriptedClient alice = Connect(broker, "a", "alice");
            alice.Send(Packets.Publish("home/alice/secret", "s"));
            alice.Send(Packets.Publish("home/bob/note", "n"));
            Received r = bob.Next();
            Assert.AreEqual("home/bob/note", r.Topic);
            bob.ExpectNothing();
            Assert.AreEqual(1L, broker.Engine.Statistics.DeliveriesDenied);
        }

        [TestMethod]
        public void Retained_messages_are_never_sent_to_a_client_without_read_access()
        {
            ScriptedBroker broker = Broker();
            ScriptedClient alice = Connect(broker, "a", "alice");
            alice.Send(Packets.Publish("home/alice/key", "k", retain: true));
            alice.Send(Packets.Publish("home/bob/hello", "h", retain: true));
            Assert.AreEqual(2, broker.Engine.RetainedCount);
            ScriptedClient bob = Connect(broker, "b", "bob");
            bob.Send(Packets.Subscribe(4, "home/#", 0, "home/alice/key", 0));
            Assert.AreEqual("9004000400" + "80", bob.Next().Hex);
            Received r = bob.Next();
            Assert.AreEqual("home/bob/hello", r.Topic);
            Assert.IsTrue(r.Retain);
            bob.ExpectNothing();
            Assert.AreEqual(1L, broker.Engine.Statistics.DeliveriesDenied);
        }

        [TestMethod]
        public void A_Will_topic_the_client_may_not_write_refuses_the_CONNECT_with_5()
        {
            ScriptedBroker broker = Broker();
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Connect("b", user: "bob", willTopic: "home/alice/alarm", willMessage: new byte[] { 1 }));
            Assert.AreEqual("20020005", c.Next().Hex);
            Assert.IsTrue(c.WantsClose);
            Assert.AreEqual(1L, broker.Engine.Statistics.WillsDenied);
            Assert.AreEqual(0, broker.Engine.PooledMessageCount);
        }

        [TestMethod]
        public void Will_and_retained_Will_do_not_leak_to_a_client_without_read_access()
        {
            ScriptedBroker broker = Broker();
            ScriptedClient bob = Connect(broker, "b", "bob");
            bob.Send(Packets.Subscribe(1, "#", 1));
            Assert.AreEqual("9003000101", bob.Next().Hex);
            ScriptedClient dev = Connect(broker, "dev1", null, willTopic: "devices/dev1/state", willRetain: true);
            broker.Engine.ConnectionLost(dev.Id, broker.Now);
            Assert.AreEqual(1L, broker.Engine.Statistics.WillsPublished);
            Assert.AreEqual(1, broker.Engine.RetainedCount);
            bob.ExpectNothing();
            Assert.AreEqual(1L, broker.Engine.Statistics.DeliveriesDenied);

            ScriptedClient alice = Connect(broker, "a", "alice");
            alice.Send(Packets.Subscribe(2, "+/dev1/#", 1));
            Assert.AreEqual("9003000201", alice.Next().Hex); // overlaps alice's home/#, so granted; the retained Will is filtered
            alice.ExpectNothing();
            Assert.AreEqual(2L, broker.Engine.Statistics.DeliveriesDenied);
        }

        [TestMethod]
        public void Percent_u_and_percent_c_patterns_follow_the_connecting_identity()
        {
            ScriptedBroker broker = Broker();
            ScriptedClient carol = Connect(broker, "c", "carol");
            carol.Send(Packets.Subscribe(1, "inbox/carol/#", 1, "inbox/dave/#", 1));
            Assert.AreEqual("90040001" + "01" + "80", carol.Next().Hex);
            ScriptedClient anon = Connect(broker, "x", null);
            anon.Send(Packets.Subscribe(2, "inbox/+/#", 1));
            Assert.AreEqual("9003000280", anon.Next().Hex); // %u never applies to anonymous clients
            ScriptedClient dev = Connect(broker, "dev9", null);
            dev.Send(Packets.Publish("devices/dev9/t", "1", qos: 1, packetId: 1));
            dev.Send(Packets.Publish("devices/dev8/t", "1", qos: 1, packetId: 2));
            Assert.AreEqual("40020001", dev.Next().Hex);
            Assert.AreEqual("40020002", dev.Next().Hex);
            Assert.AreEqual(1L, broker.Engine.Statistics.PublishesDenied);
        }

        [TestMethod]
        public void A_resumed_session_is_checked_with_the_user_of_the_new_connection()
        {
            ScriptedBroker broker = Broker();
            ScriptedClient first = broker.Accept();
            first.Send(Packets.Connect("shared", clean: false, user: "alice"));
            Assert.AreEqual("20020000", first.Next().Hex);
            first.Send(Packets.Subscribe(1, "home/#", 1));
            Assert.AreEqual("9003000101", first.Next().Hex);
            first.Send(Packets.Disconnect);
            first.Closed();
            ScriptedClient second = broker.Accept();
            second.Send(Packets.Connect("shared", clean: false, user: "bob"));
            Assert.AreEqual("20020100", second.Next().Hex);
            ScriptedClient alice = Connect(broker, "a", "alice");
            alice.Send(Packets.Publish("home/alice/x", "1", qos: 1, packetId: 1));
            alice.Send(Packets.Publish("home/bob/x", "2", qos: 1, packetId: 2));
            Received r = second.Next();
            Assert.AreEqual("home/bob/x", r.Topic);
            second.ExpectNothing();
        }

        [TestMethod]
        public void Routing_with_an_ACL_allocates_nothing()
        {
            ScriptedBroker broker = Broker();
            ScriptedClient bob = Connect(broker, "b", "bob");
            bob.Send(Packets.Subscribe(1, "#", 0));
            bob.Drain();
            ScriptedClient alice = Connect(broker, "a", "alice");
            byte[] allowed = Packets.Publish("home/bob/x", "1");
            byte[] denied = Packets.Publish("home/alice/x", "1");
            byte[] output = new byte[256];
            long before = 0;
            for (int i = 0; i < 600; i++)
            {
                if (i == 100)
                {
                    before = System.GC.GetAllocatedBytesForCurrentThread();
                }
                broker.Engine.Receive(alice.Id, allowed, 0, allowed.Length, broker.Now);
                broker.Engine.Receive(alice.Id, denied, 0, denied.Length, broker.Now);
                while (broker.Engine.ReadOutput(bob.Id, output, 0, output.Length) > 0)
                {
                }
            }
            Assert.AreEqual(0L, System.GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.AreEqual(600L, broker.Engine.Statistics.DeliveriesDenied);
            Assert.AreEqual(600L, broker.Engine.Statistics.MessagesSent);
        }
    }
}
