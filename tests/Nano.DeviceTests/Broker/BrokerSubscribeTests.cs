#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Broker;

namespace Nano.DeviceTests.Broker
{
    [TestClass]
    public class BrokerSubscribeTests
    {
        [TestMethod]
        public void SUBACK_has_one_code_per_filter_in_order_capped_at_MaxQos_MQTT_3_8_4_4_and_5()
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxQos = 1;
            Rig rig = new Rig(o);
            RigClient c = rig.Connect("s");
            c.Send(Wire.Subscribe(0x1234, "a", 2, "b", 0));
            Assert.AreEqual("900412340100", c.Next());
        }

        [TestMethod]
        public void A_filter_beyond_the_per_client_limit_gets_0x80_MQTT_3_9_3_2()
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxSubscriptionsPerClient = 1;
            Rig rig = new Rig(o);
            RigClient c = rig.Connect("s");
            c.Send(Wire.Subscribe(1, "a", 1, "b", 1));
            Assert.AreEqual("900400010180", c.Next());
            Assert.IsFalse(c.WantsClose);
            Assert.AreEqual(1, rig.Engine.SubscriptionCount);
        }

        [TestMethod]
        public void A_filter_with_a_misplaced_wildcard_closes_the_connection_MQTT_4_7_1_2()
        {
            Rig rig = new Rig();
            RigClient c = rig.Connect("s");
            c.Send(Wire.Subscribe(1, "a/#/b", 0));
            Assert.IsTrue(c.WantsClose);
        }

        [TestMethod]
        public void Resubscribing_replaces_the_QoS_of_the_identical_filter_MQTT_3_8_4_3()
        {
            Rig rig = new Rig();
            RigClient c = rig.Subscriber("s", "t", 0);
            c.Send(Wire.Subscribe(2, "t", 1));
            Assert.AreEqual("9003000201", c.Next());
            Assert.AreEqual(1, rig.Engine.SubscriptionCount);
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("t", "x", 1, 1, false));
            Assert.AreEqual(Wire.PublishHex("t", "x", 1, 1, false, false), c.Next());
            c.ExpectNothing();
        }

        [TestMethod]
        public void UNSUBSCRIBE_stops_delivery_and_is_always_answered_MQTT_3_10_4_4_and_5()
        {
            Rig rig = new Rig();
            RigClient c = rig.Subscriber("s", "t", 0);
            c.Send(Wire.Unsubscribe(2, "t"));
            Assert.AreEqual("B0020002", c.Next());
            c.Send(Wire.Unsubscribe(3, "never/subscribed"));
            Assert.AreEqual("B0020003", c.Next());
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("t", "x", 0, 0, false));
            c.ExpectNothing();
            Assert.AreEqual(0, rig.Engine.SubscriptionCount);
        }

        [TestMethod]
        public void UNSUBSCRIBE_removes_only_the_byte_identical_filter_MQTT_3_10_4_1()
        {
            Rig rig = new Rig();
            RigClient c = rig.Subscriber("s", "a/+", 0);
            c.Send(Wire.Unsubscribe(2, "a/b"));
            Assert.AreEqual("B0020002", c.Next());
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("a/b", "x", 0, 0, false));
            Assert.AreEqual(Wire.PublishHex("a/b", "x", 0, 0, false, false), c.Next());
        }

        [TestMethod]
        public void Wildcards_at_the_first_level_do_not_match_dollar_topics_MQTT_4_7_2_1()
        {
            Rig rig = new Rig();
            RigClient all = rig.Subscriber("all", "#", 0);
            RigClient plus = rig.Subscriber("plus", "+/x", 0);
            RigClient dollar = rig.Subscriber("dollar", "$app/#", 0);
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("$app/x", "d", 0, 0, false));
            Assert.AreEqual(Wire.PublishHex("$app/x", "d", 0, 0, false, false), dollar.Next());
            all.ExpectNothing();
            plus.ExpectNothing();
        }

        [TestMethod]
        public void Subscriptions_of_a_clean_session_end_with_the_connection_MQTT_3_1_2_6()
        {
            Rig rig = new Rig();
            RigClient c = rig.Subscriber("s", "t", 0);
            c.Disconnect();
            Assert.AreEqual(0, rig.Engine.SubscriptionCount);
            Assert.AreEqual(0, rig.Engine.SessionCount);
        }
    }
}
