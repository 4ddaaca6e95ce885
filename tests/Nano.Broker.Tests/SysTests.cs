using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests
{
    [TestClass]
    public sealed class SysTests
    {
        [TestMethod]
        public void The_version_is_published_as_retained_SYS_broker_version_like_Mosquittos()
        {
            var broker = new ScriptedBroker(new BrokerOptions { SysIntervalMs = 10_000 });
            broker.Connect("first");
            broker.Advance(10_000);
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "$SYS/broker/version", 0));
            c.Next();
            Received version = c.Next();
            Assert.AreEqual("$SYS/broker/version", version.Topic);
            Assert.AreEqual(BrokerEngine.Version, version.Payload);
            Assert.AreEqual("Nano version 0.1.0", version.Payload);
            Assert.IsTrue(version.Retain);
        }

        [TestMethod]
        public void Statistics_are_published_as_retained_SYS_topics_each_interval()
        {
            var broker = new ScriptedBroker(new BrokerOptions { SysIntervalMs = 10_000 });
            broker.Engine.HeapFree = 54_321;
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "$SYS/broker/uptime", 0, "$SYS/broker/clients/connected", 0, "$SYS/broker/heap/free", 0));
            c.Next();
            broker.Advance(9_999);
            c.ExpectNothing();
            broker.Advance(1);
            Assert.AreEqual("$SYS/broker/uptime", c.Next().Topic.ToString());
            var drained = c.Drain();
            Assert.AreEqual(2, drained.Count);
            Assert.AreEqual("$SYS/broker/clients/connected", drained[0].Topic);
            Assert.AreEqual("1", drained[0].Payload);
            Assert.AreEqual("54321", drained[1].Payload);
            Assert.AreEqual(0, broker.Engine.RetainedCount, "$SYS messages do not use the user retained quota");

            broker.Advance(10_000);
            Received uptime = c.Next();
            Assert.AreEqual("20", uptime.Payload);
            Assert.IsFalse(uptime.Retain);

            ScriptedClient late = broker.Connect("late");
            late.Send(Packets.Subscribe(1, "$SYS/broker/clients/+", 0));
            late.Next();
            var retained = late.Drain();
            Assert.AreEqual(3, retained.Count); // connected, total, maximum
            Assert.IsTrue(retained[0].Retain);
        }

        [TestMethod]
        public void Security_counters_are_published_under_SYS_broker_security()
        {
            var broker = new ScriptedBroker(new BrokerOptions
            {
                SysIntervalMs = 10_000, AllowAnonymous = false, MaxTopicLevels = 4, MaxPublishRate = 1, PublishBurst = 8,
            });
            broker.Engine.Acl = Security.TopicAclTests.Load(
                "user watcher\n" +
                "topic read $SYS/#\n" +
                "topic read home/watcher/#\n" +
                "user writer\n" +
                "topic write home/#\n" +
                "topic write quiet/#\n");
            ScriptedClient watcher = Connect(broker, "watcher", "watcher");
            watcher.Send(Packets.Subscribe(1, "$SYS/broker/security/#", 0, "home/#", 0, "secret/#", 0, "private/#", 0));
            Assert.AreEqual("90060001" + "00" + "00" + "80" + "80", watcher.Next().Hex);

            ScriptedClient anonymous = broker.Accept();
            anonymous.Send(Packets.Connect("anonymous"));
            Assert.AreEqual("20020005", anonymous.Next().Hex);
            anonymous.Closed();
            for (int i = 0; i < 2; i++)
            {
                ScriptedClient willer = broker.Accept();
                willer.Send(Packets.Connect("willer", willTopic: "elsewhere/will", willMessage: new byte[] { 1 }, user: "writer"));
                Assert.AreEqual("20020005", willer.Next().Hex);
                willer.Closed();
            }

            ScriptedClient writer = Connect(broker, "writer", "writer");
            for (int i = 0; i < 3; i++)
            {
                writer.Send(Packets.Publish("elsewhere/x", "denied"));
            }
            for (int i = 0; i < 4; i++)
            {
                ScriptedClient deep = Connect(broker, "deep" + i, "writer");
                deep.Send(Packets.Publish("home/a/b/c/d", "too deep"));
                Assert.IsTrue(deep.WantsClose);
                deep.Closed();
            }
            for (int i = 0; i < 5; i++)
            {
                writer.Send(Packets.Publish("home/other", "unreadable"));
            }
            writer.Send(Packets.Publish("quiet/x", "throttled")); // the ninth PUBLISH exceeds the burst
            watcher.ExpectNothing();

            broker.Advance(10_000);
            var report = watcher.Drain();
            Assert.AreEqual(7, report.Count);
            Assert.AreEqual("$SYS/broker/security/authentication/failures", report[0].Topic);
            Assert.AreEqual("1", report[0].Payload);
            Assert.AreEqual("$SYS/broker/security/wills/denied", report[1].Topic);
            Assert.AreEqual("2", report[1].Payload);
            Assert.AreEqual("$SYS/broker/security/publishes/denied", report[2].Topic);
            Assert.AreEqual("3", report[2].Payload);
            Assert.AreEqual("$SYS/broker/security/publishes/rejected", report[3].Topic);
            Assert.AreEqual("4", report[3].Payload);
            Assert.AreEqual("$SYS/broker/security/publishes/throttled", report[4].Topic);
            Assert.AreEqual("1", report[4].Payload);
            Assert.AreEqual("$SYS/broker/security/subscriptions/denied", report[5].Topic);
            Assert.AreEqual("2", report[5].Payload);
            Assert.AreEqual("$SYS/broker/security/deliveries/denied", report[6].Topic);
            Assert.AreEqual("5", report[6].Payload);

            ScriptedClient late = Connect(broker, "late", "watcher");
            late.Send(Packets.Subscribe(1, "$SYS/broker/security/#", 0));
            late.Next();
            var retained = late.Drain();
            Assert.AreEqual(7, retained.Count);
            Assert.IsTrue(retained.TrueForAll(r => r.Retain));
        }

        [TestMethod]
        public void Hash_subscription_does_not_receive_SYS_MQTT_4_7_2_1()
        {
            var broker = new ScriptedBroker(new BrokerOptions { SysIntervalMs = 1_000 });
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "#", 0));
            c.Next();
            broker.Advance(1_000);
            c.ExpectNothing();
        }

        private static ScriptedClient Connect(ScriptedBroker broker, string clientId, string user)
        {
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Connect(clientId, user: user));
            Assert.AreEqual("20020000", c.Next().Hex);
            return c;
        }
    }
}
