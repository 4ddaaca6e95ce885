#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Broker;

namespace Nano.DeviceTests.Broker
{
    [TestClass]
    public class BrokerAclTests
    {
        /// <summary>Anonymous clients may read public/# and write public/in/#.</summary>
        private static Rig WithAcl()
        {
            Rig rig = new Rig();
            TopicAcl acl = new TopicAcl(8, 4, 256);
            byte[] read = Wire.Ascii("public/#");
            byte[] write = Wire.Ascii("public/in/#");
            Assert.IsTrue(acl.AddTopic(TopicAcl.Anonymous, TopicAcl.Read, read, 0, read.Length));
            Assert.IsTrue(acl.AddTopic(TopicAcl.Anonymous, TopicAcl.Write, write, 0, write.Length));
            rig.Engine.Acl = acl;
            return rig;
        }

        [TestMethod]
        public void A_denied_PUBLISH_is_acknowledged_and_dropped_MQTT_3_3_5_2()
        {
            Rig rig = WithAcl();
            RigClient sub = rig.Subscriber("s", "public/#", 1);
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("public/out", "x", 1, 5, false));
            Assert.AreEqual("40020005", pub.Next());
            Assert.IsFalse(pub.WantsClose);
            sub.ExpectNothing();
            pub.Send(Wire.Publish("public/in/a", "y", 1, 6, false));
            Assert.AreEqual("40020006", pub.Next());
            Assert.AreEqual(Wire.PublishHex("public/in/a", "y", 1, 1, false, false), sub.Next());
            Assert.AreEqual(1L, rig.Engine.Statistics.PublishesDenied);
        }

        [TestMethod]
        public void A_denied_subscription_gets_0x80_MQTT_3_9_3_2()
        {
            Rig rig = WithAcl();
            RigClient c = rig.Connect("s");
            c.Send(Wire.Subscribe(1, "private/#", 1, "public/x", 1));
            Assert.AreEqual("900400018001", c.Next());
            Assert.AreEqual(1, rig.Engine.SubscriptionCount);
        }

        [TestMethod]
        public void A_Will_to_a_topic_the_client_may_not_write_is_refused_with_CONNACK_5()
        {
            Rig rig = WithAcl();
            RigClient c = rig.Accept();
            c.Send(Wire.Connect("w", true, 0, "private/will", "x", 0, false, null, 4));
            Assert.AreEqual("20020005", c.Next());
            Assert.IsTrue(c.WantsClose);
        }
    }
}
