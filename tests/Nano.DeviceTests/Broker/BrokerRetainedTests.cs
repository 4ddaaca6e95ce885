#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Broker;

namespace Nano.DeviceTests.Broker
{
    [TestClass]
    public class BrokerRetainedTests
    {
        [TestMethod]
        public void A_retained_message_is_sent_to_a_new_subscriber_with_RETAIN_1_MQTT_3_3_1_8()
        {
            Rig rig = new Rig();
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("r/t", "v", 0, 0, true));
            RigClient sub = rig.Connect("s");
            sub.Send(Wire.Subscribe(1, "r/#", 1));
            Assert.AreEqual("9003000101", sub.Next());
            Assert.AreEqual(Wire.PublishHex("r/t", "v", 0, 0, true, false), sub.Next());
            Assert.AreEqual(1, rig.Engine.RetainedCount);
        }

        [TestMethod]
        public void A_retained_message_replaces_the_previous_one_of_its_topic_MQTT_3_3_1_5()
        {
            Rig rig = new Rig();
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("r", "old", 0, 0, true));
            pub.Send(Wire.Publish("r", "new", 1, 1, true));
            Assert.AreEqual("40020001", pub.Next());
            RigClient sub = rig.Connect("s");
            sub.Send(Wire.Subscribe(1, "r", 1));
            Assert.AreEqual("9003000101", sub.Next());
            Assert.AreEqual(Wire.PublishHex("r", "new", 1, 1, true, false), sub.Next());
            sub.ExpectNothing();
        }

        [TestMethod]
        public void A_zero_length_retained_message_deletes_the_topic_MQTT_3_3_1_10_and_11()
        {
            Rig rig = new Rig();
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("r", "v", 0, 0, true));
            pub.Send(Wire.Publish("r", "", 0, 0, true));
            Assert.AreEqual(0, rig.Engine.RetainedCount);
            RigClient sub = rig.Connect("s");
            sub.Send(Wire.Subscribe(1, "r", 0));
            Assert.AreEqual("9003000100", sub.Next());
            sub.ExpectNothing();
        }

        [TestMethod]
        public void A_zero_length_retained_message_is_still_forwarded_to_subscribers_MQTT_3_3_1_12()
        {
            Rig rig = new Rig();
            RigClient sub = rig.Subscriber("s", "r", 0);
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("r", "", 0, 0, true));
            Assert.AreEqual(Wire.PublishHex("r", "", 0, 0, false, false), sub.Next());
        }

        [TestMethod]
        public void Retained_messages_are_sent_at_the_granted_QoS_MQTT_3_8_4_6()
        {
            Rig rig = new Rig();
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("r", "v", 2, 1, true));
            Assert.AreEqual("50020001", pub.Next());
            RigClient sub = rig.Connect("s");
            sub.Send(Wire.Subscribe(1, "r", 0));
            Assert.AreEqual("9003000100", sub.Next());
            Assert.AreEqual(Wire.PublishHex("r", "v", 0, 0, true, false), sub.Next());
        }

        [TestMethod]
        public void Resubscribing_sends_the_retained_messages_again_MQTT_3_8_4_3()
        {
            Rig rig = new Rig();
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("r", "v", 0, 0, true));
            RigClient sub = rig.Connect("s");
            sub.Send(Wire.Subscribe(1, "r", 0));
            Assert.AreEqual("9003000100", sub.Next());
            Assert.AreEqual(Wire.PublishHex("r", "v", 0, 0, true, false), sub.Next());
            sub.Send(Wire.Subscribe(2, "r", 0));
            Assert.AreEqual("9003000200", sub.Next());
            Assert.AreEqual(Wire.PublishHex("r", "v", 0, 0, true, false), sub.Next());
        }

        [TestMethod]
        public void A_new_retained_topic_beyond_MaxRetained_is_not_stored()
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxRetained = 1;
            Rig rig = new Rig(o);
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("a", "1", 0, 0, true));
            pub.Send(Wire.Publish("b", "2", 0, 0, true));
            Assert.AreEqual(1, rig.Engine.RetainedCount);
            Assert.AreEqual(1L, rig.Engine.Statistics.RetainedRejected);
        }

        [TestMethod]
        public void A_hash_subscriber_receives_all_32_retained_messages_of_the_devkitc_budget()
        {
            Rig rig = new Rig(Budgets.DevKitC());
            RigClient pub = rig.Connect("p");
            for (int i = 0; i < 32; i++)
            {
                pub.Send(Wire.Publish("r/" + i, "value-" + i, 1, i + 1, true));
                pub.Next();
            }
            Assert.AreEqual(32, rig.Engine.RetainedCount);
            RigClient sub = rig.Connect("s");
            sub.Send(Wire.Subscribe(1, "#", 1));
            Assert.AreEqual("9003000101", sub.Next());
            int received = 0;
            for (int round = 0; round < 64 && received < 32; round++)
            {
                string packet = sub.Next();
                if (packet.Length == 0)
                {
                    rig.Advance(1);
                    continue;
                }
                Assert.AreEqual("33", packet.Substring(0, 2), "QoS 1 with RETAIN=1");
                sub.Send(Wire.PubAck(Ack(packet)));
                received++;
            }
            Assert.AreEqual(32, received);
        }

        /// <summary>The packet id of a QoS 1 PUBLISH in hexadecimal text with a one-byte remaining length.</summary>
        private static int Ack(string packet)
        {
            int topicLength = Hex(packet, 4) * 256 + Hex(packet, 6);
            int id = 8 + 2 * topicLength;
            return Hex(packet, id) * 256 + Hex(packet, id + 2);
        }

        private static int Hex(string s, int i)
        {
            return Digit(s[i]) * 16 + Digit(s[i + 1]);
        }

        private static int Digit(char c)
        {
            return c <= '9' ? c - '0' : c - 'A' + 10;
        }
    }
}
