#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Broker;
using Nano.Mqtt.Codec;

namespace Nano.DeviceTests.Broker
{
    /// <summary>The device's bounds on topic depth and QoS 2 messages awaiting PUBREL: beyond them a packet is refused by
    /// closing the connection with a reason for the diagnostics sink, never acknowledged and then dropped.</summary>
    [TestClass]
    public class BrokerFlowLimitTests
    {
        [TestMethod]
        public void A_filter_deeper_than_MaxTopicLevels_gets_0x80_and_a_deeper_PUBLISH_closes_unacknowledged_MQTT_3_9_3()
        {
            BrokerOptions options = new BrokerOptions();
            options.MaxTopicLevels = 3;
            CountingDiagnostics sink = new CountingDiagnostics();
            Rig rig = Watched(options, sink);
            RigClient sub = rig.Connect("s");
            sub.Send(Wire.Subscribe(1, "a/b/c", 1, "a/b/c/d", 1));
            Assert.AreEqual("900400010180", sub.Next());
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("a/b/c/d", "x", 1, 5, false));
            Assert.AreEqual("", pub.Next(), "no PUBACK for a refused PUBLISH");
            Assert.IsTrue(pub.WantsClose);
            Assert.AreEqual(1, sink.Counts[(int)BrokerEvent.ProtocolError]);
            Assert.AreEqual((int)MqttError.TopicTooDeep, sink.LastReason);
            Assert.AreEqual(1L, rig.Engine.Statistics.PublishesRejected);
            sub.ExpectNothing();
            pub.Closed();
            RigClient again = rig.Connect("p");
            again.Send(Wire.Publish("a/b/c", "y", 1, 6, false));
            Assert.AreEqual("40020006", again.Next());
            Assert.AreEqual(Wire.PublishHex("a/b/c", "y", 1, 1, false, false), sub.Next());
        }

        [TestMethod]
        public void A_QoS_2_PUBLISH_beyond_MaxAwaitingRelease_closes_unacknowledged_MQTT_4_3_3_2()
        {
            BrokerOptions options = new BrokerOptions();
            options.MaxAwaitingRelease = 2;
            CountingDiagnostics sink = new CountingDiagnostics();
            Rig rig = Watched(options, sink);
            RigClient pub = rig.Connect("p");
            pub.Send(Wire.Publish("t", "1", 2, 1, false));
            pub.Send(Wire.Publish("t", "2", 2, 2, false));
            Assert.AreEqual("50020001", pub.Next());
            Assert.AreEqual("50020002", pub.Next());
            pub.Send(Wire.Publish("t", "2", 2, 2, false, true));
            Assert.AreEqual("50020002", pub.Next(), "a duplicate takes no new place");
            Assert.IsFalse(pub.WantsClose);
            pub.Send(Wire.Publish("t", "3", 2, 3, false));
            Assert.AreEqual("", pub.Next());
            Assert.IsTrue(pub.WantsClose);
            Assert.AreEqual((int)MqttError.AwaitingReleaseFull, sink.LastReason);
        }

        /// <summary>A rig whose engine reports to <paramref name="sink"/>.</summary>
        public static Rig Watched(BrokerOptions options, CountingDiagnostics sink)
        {
            Rig rig = new Rig(options);
            rig.Engine.Diagnostics = sink;
            return rig;
        }
    }
}
