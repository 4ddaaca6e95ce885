#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Broker;

namespace Nano.DeviceTests.Broker
{
    [TestClass]
    public class BrokerSessionTests
    {
        private static RigClient Persistent(Rig rig, string clientId, int qos)
        {
            RigClient c = rig.Connect(clientId, false, false);
            c.Send(Wire.Subscribe(1, "t", qos));
            Assert.AreEqual("90030001" + (qos == 1 ? "01" : (qos == 2 ? "02" : "00")), c.Next());
            return c;
        }

        [TestMethod]
        public void An_offline_persistent_session_queues_QoS_1_and_2_but_not_QoS_0_MQTT_3_1_2_5()
        {
            Rig rig = new Rig();
            Persistent(rig, "s", 2).Disconnect();
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("t", "zero", 0, 0, false));
            pub.Send(Wire.Publish("t", "one", 1, 1, false));
            Assert.AreEqual("40020001", pub.Next());
            pub.Send(Wire.Publish("t", "two", 2, 2, false));
            Assert.AreEqual("50020002", pub.Next());
            RigClient back = rig.Connect("s", false, true);
            Assert.AreEqual(Wire.PublishHex("t", "one", 1, 1, false, false), back.Next());
            Assert.AreEqual(Wire.PublishHex("t", "two", 2, 2, false, false), back.Next());
            back.ExpectNothing();
        }

        [TestMethod]
        public void QueueQos0_keeps_QoS_0_for_an_offline_session()
        {
            BrokerOptions o = new BrokerOptions();
            o.QueueQos0 = true;
            Rig rig = new Rig(o);
            Persistent(rig, "s", 0).Disconnect();
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("t", "zero", 0, 0, false));
            RigClient back = rig.Connect("s", false, true);
            Assert.AreEqual(Wire.PublishHex("t", "zero", 0, 0, false, false), back.Next());
        }

        [TestMethod]
        public void Subscriptions_survive_reconnecting_to_a_persistent_session_MQTT_3_1_2_4()
        {
            Rig rig = new Rig();
            Persistent(rig, "s", 0).Disconnect();
            RigClient back = rig.Connect("s", false, true);
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("t", "x", 0, 0, false));
            Assert.AreEqual(Wire.PublishHex("t", "x", 0, 0, false, false), back.Next());
        }

        [TestMethod]
        public void Clean_session_discards_a_stored_session_MQTT_3_1_2_6()
        {
            Rig rig = new Rig();
            Persistent(rig, "s", 1).Disconnect();
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("t", "one", 1, 1, false));
            Assert.AreEqual("40020001", pub.Next());
            RigClient clean = rig.Connect("s", true, false);
            clean.ExpectNothing();
            Assert.AreEqual(0, rig.Engine.SubscriptionCount);
        }

        [TestMethod]
        public void An_offline_session_expires_after_SessionExpiryMs()
        {
            BrokerOptions o = new BrokerOptions();
            o.SessionExpiryMs = 60000;
            Rig rig = new Rig(o);
            Persistent(rig, "s", 1).Disconnect();
            rig.Advance(59999);
            Assert.AreEqual(1, rig.Engine.SessionCount);
            rig.Advance(1);
            Assert.AreEqual(0, rig.Engine.SessionCount);
        }

        [TestMethod]
        public void Queued_QoS_1_messages_are_delivered_in_publication_order_MQTT_4_6_0_5()
        {
            Rig rig = new Rig();
            Persistent(rig, "s", 1).Disconnect();
            RigClient pub = rig.Connect("p");
            for (int i = 0; i < 6; i++)
            {
                pub.Send(Wire.Publish("t", "m" + i, 1, i + 1, false));
                pub.Next();
            }
            RigClient back = rig.Connect("s", false, true);
            for (int i = 0; i < 6; i++)
            {
                if (i == 4)
                {
                    for (int k = 1; k <= 4; k++)
                    {
                        back.Send(Wire.PubAck(k));
                    }
                }
                Assert.AreEqual(Wire.PublishHex("t", "m" + i, 1, i + 1, false, false), back.Next());
            }
        }

        [TestMethod]
        public void Acknowledged_QoS_1_messages_are_not_dropped_for_a_slow_subscriber()
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxInflight = 1;
            o.MaxQueued = 2;
            Rig rig = new Rig(o);
            RigClient sub = rig.Subscriber("s", "t", 1);
            RigClient pub = rig.Connect("p");
            for (int i = 0; i < 6; i++)
            {
                pub.Send(Wire.Publish("t", "m" + i, 1, i + 1, false));
            }
            int acks = 0;
            while (pub.Next().Length > 0)
            {
                acks++;
            }
            int delivered = 0;
            for (int round = 0; round < 12 && delivered < 6; round++)
            {
                string p = sub.Next();
                if (p.Length == 0)
                {
                    while (pub.Next().Length > 0)
                    {
                        acks++;
                    }
                    continue;
                }
                Assert.AreEqual(Wire.PublishHex("t", "m" + delivered, 1, delivered + 1, false, false), p);
                delivered++;
                sub.Send(Wire.PubAck(delivered));
            }
            while (pub.Next().Length > 0)
            {
                acks++;
            }
            Assert.AreEqual(6, delivered);
            Assert.AreEqual(6, acks);
            Assert.AreEqual(0L, rig.Engine.Statistics.DroppedQueueFull);
        }
    }
}
