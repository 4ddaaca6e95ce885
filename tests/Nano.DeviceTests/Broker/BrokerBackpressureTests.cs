#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Broker;

namespace Nano.DeviceTests.Broker
{
    /// <summary>The queue-full policy on the engine: with backpressure a PUBLISH waits unacknowledged in its publisher's
    /// input while a connected subscriber's queue or the pool is full, acknowledgements behind it are still handled, and a
    /// stalled subscriber is disconnected after the slow-consumer timeout; with drop, the excess is dropped and counted.</summary>
    [TestClass]
    public class BrokerBackpressureTests
    {
        private static BrokerOptions Small(int maxQueued, int maxInflight)
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxQueued = maxQueued;
            o.MaxInflight = maxInflight;
            return o;
        }

        private static void Publish(RigClient publisher, string topic, int qos, int first, int count)
        {
            for (int i = first; i < first + count; i++)
            {
                publisher.Send(Wire.Publish(topic, i.ToString(), qos, qos == 0 ? 0 : 10 + i, false));
            }
        }

        [TestMethod]
        public void A_QoS_0_PUBLISH_to_a_full_queue_waits_in_its_publisher_input_and_none_is_dropped_MQTT_4_6_0_2()
        {
            Rig rig = new Rig(Small(2, 1));
            RigClient sub = rig.Subscriber("s", "t", 0);
            RigClient pub = rig.Connect("p");
            Publish(pub, "t", 0, 0, 5);
            for (int i = 0; i < 5; i++)
            {
                Assert.AreEqual(Wire.PublishHex("t", i.ToString(), 0, 0, false, false), sub.Next(), "in order, message " + i.ToString());
            }
            sub.ExpectNothing();
            Assert.AreEqual(0L, rig.Engine.Statistics.MessagesDropped);
        }

        [TestMethod]
        public void With_the_drop_policy_a_full_queue_drops_its_oldest_QoS_0_message_and_counts_it()
        {
            BrokerOptions o = Small(2, 1);
            o.QueueFullPolicy = QueueFullPolicy.Drop;
            CountingDiagnostics sink = new CountingDiagnostics();
            Rig rig = BrokerFlowLimitTests.Watched(o, sink);
            RigClient sub = rig.Subscriber("s", "t", 0);
            RigClient pub = rig.Connect("p");
            Publish(pub, "t", 0, 0, 5);
            Assert.AreEqual(Wire.PublishHex("t", "0", 0, 0, false, false), sub.Next(), "written into the idle subscriber's output");
            Assert.AreEqual(Wire.PublishHex("t", "3", 0, 0, false, false), sub.Next());
            Assert.AreEqual(Wire.PublishHex("t", "4", 0, 0, false, false), sub.Next());
            sub.ExpectNothing();
            Assert.AreEqual(2L, rig.Engine.Statistics.DroppedQueueFull, "1 and 2, queued behind it");
            Assert.AreEqual(2, sink.Counts[(int)BrokerEvent.QueueFull]);
        }

        [TestMethod]
        public void A_full_message_pool_leaves_the_PUBLISH_unacknowledged_until_a_delivery_frees_room_MQTT_4_3_2_2()
        {
            BrokerOptions o = Small(8, 1);
            o.MaxMessages = 2;
            o.MaxRetained = 0;
            Rig rig = new Rig(o);
            RigClient sub = rig.Subscriber("s", "t", 0);
            RigClient pub = rig.Connect("p");
            Publish(pub, "t", 1, 0, 4);
            Assert.AreEqual("4002000A", pub.Next(), "written into the idle subscriber's output: no copy");
            Assert.AreEqual("4002000B", pub.Next());
            Assert.AreEqual("4002000C", pub.Next(), "the pool's two messages, queued");
            pub.ExpectNothing();
            for (int i = 0; i < 4; i++)
            {
                Assert.AreEqual(Wire.PublishHex("t", i.ToString(), 0, 0, false, false), sub.Next(), "message " + i.ToString());
            }
            Assert.AreEqual("4002000D", pub.Next());
            Assert.AreEqual(0L, rig.Engine.Statistics.MessagesDropped);
        }

        [TestMethod]
        public void Acknowledgements_behind_a_waiting_PUBLISH_are_handled_so_a_client_publishing_to_itself_does_not_deadlock()
        {
            Rig rig = new Rig(Small(1, 1));
            RigClient x = rig.Subscriber("x", "loop", 1);
            Publish(x, "loop", 1, 1, 3);
            Assert.AreEqual("4002000B", x.Next());
            Assert.AreEqual(Wire.PublishHex("loop", "1", 1, 1, false, false), x.Next());
            Assert.AreEqual("4002000C", x.Next());
            x.ExpectNothing();
            x.Send(Wire.PubAck(1)); // behind the waiting third PUBLISH: it frees the window the queue drains into
            Assert.AreEqual(Wire.PublishHex("loop", "2", 1, 2, false, false), x.Next());
            Assert.AreEqual("4002000D", x.Next());
            x.Send(Wire.PubAck(2));
            Assert.AreEqual(Wire.PublishHex("loop", "3", 1, 3, false, false), x.Next());
            Assert.AreEqual(0L, rig.Engine.Statistics.MessagesDropped);
        }

        [TestMethod]
        public void A_subscriber_whose_full_queue_holds_a_PUBLISH_back_past_the_slow_consumer_timeout_is_disconnected()
        {
            BrokerOptions o = Small(2, 1);
            o.SlowConsumerTimeoutMs = 1000;
            CountingDiagnostics sink = new CountingDiagnostics();
            Rig rig = BrokerFlowLimitTests.Watched(o, sink);
            RigClient sub = rig.Subscriber("s", "t", 0);
            RigClient pub = rig.Connect("p");
            Publish(pub, "t", 1, 0, 4);
            Assert.AreEqual("4002000A", pub.Next(), "written into the idle subscriber's output");
            Assert.AreEqual("4002000B", pub.Next());
            Assert.AreEqual("4002000C", pub.Next(), "queued: the queue is full");
            pub.ExpectNothing();
            rig.Advance(999);
            pub.ExpectNothing();
            Assert.IsFalse(sub.WantsClose);
            rig.Advance(1);
            Assert.IsTrue(sub.WantsClose, "the stalled subscriber is disconnected");
            Assert.AreEqual(1, sink.Counts[(int)BrokerEvent.SlowConsumer]);
            Assert.AreEqual(1, sink.LastReason, "seconds waited");
            Assert.AreEqual("4002000D", pub.Next(), "the PUBLISH it held back is accepted");
            Assert.AreEqual(0L, rig.Engine.Statistics.MessagesDropped);
        }
    }
}
