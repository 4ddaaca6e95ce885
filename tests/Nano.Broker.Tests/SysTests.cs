using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests
{
    [TestClass]
    public sealed class SysTests
    {
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
        public void Hash_subscription_does_not_receive_SYS_MQTT_4_7_2_1()
        {
            var broker = new ScriptedBroker(new BrokerOptions { SysIntervalMs = 1_000 });
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "#", 0));
            c.Next();
            broker.Advance(1_000);
            c.ExpectNothing();
        }
    }
}
