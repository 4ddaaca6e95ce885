using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests
{
    [TestClass]
    public sealed class WillTests
    {
        private static ScriptedClient Watcher(ScriptedBroker broker, int qos = 2)
        {
            ScriptedClient w = broker.Connect("watcher");
            w.Send(Packets.Subscribe(1, "will/#", qos));
            w.Next();
            return w;
        }

        private static ScriptedClient WithWill(ScriptedBroker broker, string id, int qos = 0, bool retain = false, int keepAlive = 0)
        {
            ScriptedClient c = broker.Accept();
            c.Send(Packets.Connect(id, keepAlive: keepAlive, willTopic: "will/" + id, willMessage: new byte[] { 0x47, 0x00 }, willQos: qos, willRetain: retain));
            Assert.AreEqual("20020000", c.Next().Hex);
            return c;
        }

        [TestMethod]
        public void Will_is_not_published_after_DISCONNECT_MQTT_3_14_4_3()
        {
            var broker = new ScriptedBroker();
            ScriptedClient w = Watcher(broker);
            ScriptedClient c = WithWill(broker, "c");
            c.Send(Packets.Disconnect);
            Assert.IsTrue(c.WantsClose);
            c.Closed();
            w.ExpectNothing();
            Assert.AreEqual(0, broker.Engine.Statistics.WillsPublished);
            Assert.AreEqual(0, broker.Engine.PooledMessageCount);
        }

        [TestMethod]
        public void Will_is_published_on_connection_loss_with_its_QoS_MQTT_3_1_2_8_MQTT_3_1_2_16()
        {
            var broker = new ScriptedBroker();
            ScriptedClient w = Watcher(broker);
            ScriptedClient c = WithWill(broker, "c", qos: 1);
            broker.Engine.ConnectionLost(c.Id, broker.Now);
            Assert.IsTrue(c.WantsClose);
            Assert.AreEqual("32" + "0C" + "0006" + "77696C6C2F63" + "0001" + "4700", w.Next().Hex);
            Assert.AreEqual(0, broker.Engine.RetainedCount);
            c.Closed();
            w.ExpectNothing();
        }

        [TestMethod]
        public void Will_with_retain_is_stored_as_retained_MQTT_3_1_2_17()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = WithWill(broker, "c", qos: 2, retain: true);
            c.Closed(); // the host closed the socket without the engine asking: abnormal
            Assert.AreEqual(1, broker.Engine.RetainedCount);
            ScriptedClient late = broker.Connect("late");
            late.Send(Packets.Subscribe(1, "will/c", 2));
            late.Next();
            Received r = late.Next();
            Assert.IsTrue(r.Retain);
            Assert.AreEqual(2, r.Qos);
        }

        [TestMethod]
        public void Will_is_published_on_a_protocol_violation_MQTT_4_8_0_1()
        {
            var broker = new ScriptedBroker();
            ScriptedClient w = Watcher(broker, 0);
            ScriptedClient c = WithWill(broker, "c");
            c.Send(new byte[] { 0xF0, 0 }); // reserved packet type 15
            Assert.IsTrue(c.WantsClose);
            Assert.AreEqual("will/c", w.Next().Topic);
        }

        [TestMethod]
        public void Keep_alive_expiry_closes_after_one_and_a_half_intervals_and_publishes_the_Will_MQTT_3_1_2_24()
        {
            var broker = new ScriptedBroker();
            ScriptedClient w = Watcher(broker, 0);
            ScriptedClient c = WithWill(broker, "c", keepAlive: 10);
            broker.Advance(9_000);
            c.Send(Packets.PingReq);
            Assert.AreEqual("D000", c.Next().Hex); // [MQTT-3.12.4-1]
            broker.Advance(15_000);
            Assert.IsFalse(c.WantsClose, "exactly 1.5 x keep-alive is still in time");
            w.ExpectNothing();
            broker.Advance(1);
            Assert.IsTrue(c.WantsClose);
            Assert.AreEqual("will/c", w.Next().Topic);
            Assert.AreEqual(1, broker.Engine.Statistics.KeepAliveTimeouts);
        }

        [TestMethod]
        public void DISCONNECT_with_reserved_flags_is_a_violation_and_publishes_the_Will_MQTT_3_14_1_1()
        {
            var broker = new ScriptedBroker();
            ScriptedClient w = Watcher(broker, 0);
            ScriptedClient c = WithWill(broker, "c");
            c.Send(new byte[] { 0xE1, 0 });
            Assert.IsTrue(c.WantsClose);
            Assert.AreEqual("will/c", w.Next().Topic);
            Assert.AreEqual(1, broker.Engine.Statistics.ProtocolErrors);
        }

        [TestMethod]
        public void Keep_alive_0_never_expires()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("c", keepAlive: 0);
            broker.Advance(100_000_000);
            Assert.IsFalse(c.WantsClose);
        }

        [TestMethod]
        public void Any_packet_counts_as_keep_alive_activity()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("c", keepAlive: 2);
            for (int i = 0; i < 10; i++)
            {
                broker.Advance(2_900);
                c.Send(Packets.Publish("t", "x"));
            }
            Assert.IsFalse(c.WantsClose);
        }
    }
}
