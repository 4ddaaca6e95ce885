#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Broker;

namespace Nano.DeviceTests.Broker
{
    [TestClass]
    public class BrokerWillTests
    {
        private static RigClient WithWill(Rig rig, string clientId, int qos, bool retain, int keepAlive)
        {
            RigClient c = rig.Accept();
            c.Send(Wire.Connect(clientId, true, keepAlive, "will/" + clientId, "gone", qos, retain, null, 4));
            Assert.AreEqual("20020000", c.Next());
            return c;
        }

        [TestMethod]
        public void The_Will_is_published_when_the_connection_is_lost_MQTT_3_1_2_8()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "will/#", 1);
            RigClient w = WithWill(rig, "w", 1, false, 0);
            w.Lost();
            Assert.AreEqual(Wire.PublishHex("will/w", "gone", 1, 1, false, false), sub.Next());
        }

        [TestMethod]
        public void The_Will_is_not_published_after_DISCONNECT_MQTT_3_14_4_3()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "will/#", 1);
            RigClient w = WithWill(rig, "w", 1, false, 0);
            w.Disconnect();
            w.Lost();
            sub.ExpectNothing();
            Assert.AreEqual(0, rig.Engine.PooledMessageCount); // removed from the session [MQTT-3.1.2-10]
        }

        [TestMethod]
        public void The_Will_is_published_on_keep_alive_expiry_MQTT_3_1_2_24()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "will/#", 0);
            WithWill(rig, "w", 0, false, 2);
            rig.Advance(3001);
            Assert.AreEqual(Wire.PublishHex("will/w", "gone", 0, 0, false, false), sub.Next());
        }

        [TestMethod]
        public void The_Will_is_published_after_a_protocol_violation_MQTT_4_8_0_1()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "will/#", 0);
            RigClient w = WithWill(rig, "w", 0, false, 0);
            w.Send(Wire.Connect("w", true, 0));
            Assert.IsTrue(w.WantsClose);
            Assert.AreEqual(Wire.PublishHex("will/w", "gone", 0, 0, false, false), sub.Next());
        }

        [TestMethod]
        public void A_retained_Will_is_stored_as_retained_MQTT_3_1_2_17()
        {
            Rig rig = new Rig();
            RigClient w = WithWill(rig, "w", 0, true, 0);
            w.Lost();
            Assert.AreEqual(1, rig.Engine.RetainedCount);
            RigClient sub = rig.Connect("s");
            sub.Send(Wire.Subscribe(1, "will/w", 0));
            Assert.AreEqual("9003000100", sub.Next());
            Assert.AreEqual(Wire.PublishHex("will/w", "gone", 0, 0, true, false), sub.Next());
        }

        [TestMethod]
        public void The_displaced_connection_s_Will_is_published_on_takeover_MQTT_3_1_4_2()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "will/#", 0);
            RigClient first = WithWill(rig, "w", 0, false, 0);
            RigClient second = rig.Connect("w");
            Assert.IsTrue(first.WantsClose);
            Assert.AreEqual(Wire.PublishHex("will/w", "gone", 0, 0, false, false), sub.Next());
            Assert.IsFalse(second.WantsClose);
        }

        [TestMethod]
        public void A_Will_with_QoS_2_is_delivered_at_QoS_2_MQTT_3_1_2_16()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "will/#", 2);
            RigClient w = WithWill(rig, "w", 2, false, 0);
            w.Lost();
            Assert.AreEqual(Wire.PublishHex("will/w", "gone", 2, 1, false, false), sub.Next());
        }
    }
}
