#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.Mqtt.Bridge;
using Nano.Mqtt.Client;

namespace Nano.DeviceTests.Bridge
{
    /// <summary>A bridge between two broker engines in memory: topic mapping, QoS, the queue budget and
    /// backpressure, loop prevention, and what it costs on the heap.</summary>
    [TestClass]
    public class BridgeDeviceTests
    {
        private static readonly byte[] Payload = new byte[] { (byte)'v' };
        private static readonly byte[] Topic = TestData.Ascii("sensors/kitchen/temp");
        private static int localCount;
        private static int remoteCount;
        private static int lastQos;
        private static int lastPayload;
        private static int outOfOrder;
        private static byte[] lastTopic = new byte[64];
        private static int lastTopicLength;
        private static BridgeRig rig;
        private static BridgeEngine bridge;

        [TestMethod]
        public void Out_and_in_lines_swap_the_prefixes_and_cross_at_most_at_the_line_QoS_MQTT_3_8_4_6()
        {
            NewRig();
            BridgeOptions o = BridgeRig.SmallBridge("b");
            o.AddTopic(BridgeRig.Topic("s/#", BridgeDirection.Out, 1, "l/", "r/"));
            o.AddTopic(BridgeRig.Topic("c/#", BridgeDirection.In, 2, "e/", "k/"));
            bridge = rig.AddBridge(o, rig.Local, rig.Remote);
            Subscribe(rig.RemoteClient, "r/#", 2, false);
            Subscribe(rig.LocalClient, "e/#", 2, true);
            Settle();

            Reset();
            Publish(rig.LocalClient, "l/s/t", 2, 0);
            rig.Run(20);
            Assert.AreEqual(1, remoteCount, "out");
            Assert.AreEqual("r/s/t", LastTopic());
            Assert.AreEqual(1, lastQos, "QoS 2 crosses an out line of QoS 1 at QoS 1");

            Publish(rig.RemoteClient, "k/c/x", 2, 1);
            rig.Run(20);
            Assert.AreEqual(1, localCount, "in");
            Assert.AreEqual("e/c/x", LastTopic());
            Assert.AreEqual(2, lastQos);

            Publish(rig.LocalClient, "l/other", 1, 2);
            Publish(rig.RemoteClient, "r/s/t", 1, 3);
            rig.Run(20);
            Assert.AreEqual(1, localCount, "a remote topic outside the in line is not forwarded");
            Assert.AreEqual(2, remoteCount, "only the remote client's own publication reached it");
            Assert.AreEqual(0L, bridge.Statistics.MessagesDropped);

            Release();
        }

        [TestMethod]
        public void Messages_wait_within_the_budget_while_the_remote_is_down_then_the_local_broker_holds_the_rest_and_all_arrive_in_order_MQTT_4_6_0_2()
        {
            OneLine("q/#", BridgeDirection.Out, false);
            rig.BridgeLink(0).Close(rig.NowMs);
            rig.BridgeLink(0).Reachable = false;
            Reset();
            for (int i = 0; i < 10; i++)
            {
                Publish(rig.LocalClient, "q/n", 1, i);
                rig.Run(2);
            }

            rig.Run(20);
            Assert.AreEqual(4, bridge.Queued, "the budget: inflight 2 + queued 2");
            Assert.AreEqual(0, rig.LocalClient.StoredMessages, "the local broker acknowledged every publication");
            Assert.AreEqual(0L, bridge.Statistics.MessagesDropped);
            Assert.AreEqual(0L, rig.Local.Statistics.DroppedQueueFull, "the rest wait in the bridge's session on the local broker");

            rig.BridgeLink(0).Reachable = true;
            rig.Run(100);
            Assert.AreEqual(10, remoteCount, "every message arrived");
            Assert.AreEqual(9, lastPayload);
            Assert.AreEqual(0, outOfOrder, "in publish order");
            Assert.AreEqual(0, bridge.Queued);

            Release();
        }

        [TestMethod]
        public void A_both_line_between_two_bridged_brokers_delivers_once_each_way_and_never_loops()
        {
            OneLine("t/#", BridgeDirection.Both, true);
            Reset();
            Publish(rig.LocalClient, "t/a", 1, 1);
            rig.Run(50);
            Publish(rig.RemoteClient, "t/b", 1, 2);
            rig.Run(50);
            Assert.AreEqual(2, localCount, "t/a (own) and t/b (bridged in), once each");
            Assert.AreEqual(2, remoteCount, "t/a (bridged out) and t/b (own), once each");
            Assert.AreEqual(1L, bridge.Statistics.MessagesOut);
            Assert.AreEqual(1L, bridge.Statistics.MessagesIn);

            Release();
        }

#if !NANOFRAMEWORK_1_0
        // Two bridges and two brokers at once do not fit the suite's shared interpreter heap; run on .NET only.
        [TestMethod]
        public void Two_bridges_carrying_one_topic_both_ways_between_two_brokers_stop_after_one_hop()
        {
            NewRig();
            BridgeOptions ab = BridgeRig.SmallBridge("ab");
            ab.AddTopic(BridgeRig.Topic("t/#", BridgeDirection.Both, 1, "", ""));
            BridgeEngine forward = rig.AddBridge(ab, rig.Local, rig.Remote);
            BridgeOptions ba = BridgeRig.SmallBridge("ba");
            ba.AddTopic(BridgeRig.Topic("t/#", BridgeDirection.Both, 1, "", ""));
            BridgeEngine backward = rig.AddBridge(ba, rig.Remote, rig.Local);
            Subscribe(rig.RemoteClient, "t/#", 1, false);
            Subscribe(rig.LocalClient, "t/#", 1, true);
            rig.Run(100);
            Assert.IsTrue(forward.Ready && backward.Ready, "both bridges up");
            Reset();
            Publish(rig.LocalClient, "t/a", 1, 1);
            rig.Run(200);
            // Two paths lead from the local broker to the remote one (ab out, ba in); none leads back.
            Assert.AreEqual(1, localCount, "the publisher's broker gets no copy back");
            Assert.AreEqual(2, remoteCount, "one copy per bridge path, then nothing more");
            long forwarded = forward.Statistics.MessagesOut + forward.Statistics.MessagesIn + backward.Statistics.MessagesOut + backward.Statistics.MessagesIn;
            rig.Run(200);
            Assert.AreEqual(2L, forwarded, "one forward per bridge");
            Assert.AreEqual(forwarded, forward.Statistics.MessagesOut + forward.Statistics.MessagesIn + backward.Statistics.MessagesOut + backward.Statistics.MessagesIn, "no loop");

            Release();
        }
#endif

        [TestMethod]
        public void The_state_notification_is_retained_on_both_brokers_and_the_remote_Will_says_0()
        {
            NewRig();
            BridgeOptions o = BridgeRig.SmallBridge("up");
            o.Notifications = true;
            o.AddTopic(BridgeRig.Topic("x/#", BridgeDirection.Out, 0, "", ""));
            bridge = rig.AddBridge(o, rig.Local, rig.Remote);
            rig.Run(20);
            Assert.IsTrue(bridge.Connected);
            Reset();
            Subscribe(rig.RemoteClient, "$SYS/broker/connection/up/state", 1, false);
            Subscribe(rig.LocalClient, "$SYS/broker/connection/up/state", 1, true);
            rig.Run(20);
            Assert.AreEqual(1, remoteCount, "retained on the remote");
            Assert.AreEqual((int)'1', lastPayload);
            Assert.AreEqual(1, localCount, "retained locally");
            rig.BridgeLink(0).Reachable = false;
            rig.BridgeLink(0).Close(rig.NowMs);
            rig.Run(20);
            Assert.AreEqual(2, remoteCount, "the Will reached the remote");
            Assert.AreEqual((int)'0', lastPayload);
            Assert.AreEqual(2, localCount, "and the local state changed");

            Release();
        }

        [TestMethod]
        public void Forwarding_a_QoS_1_message_each_way_allocates_nothing()
        {
            OneLine("sensors/kitchen/temp", BridgeDirection.Both, true);
            Reset();
            Operation op = ForwardBothWays;
            long bytes = Allocation.Measure(op, 3, 10);
            Assert.AreEqual(26, remoteCount, "each round reached the remote");
            Assert.AreEqual(26, localCount, "each round reached the local broker");
            Assert.AreEqual(0L, bytes, "bridge forwarding, QoS 1 out and in");

            Release();
        }

        [TestMethod]
        public void A_bridge_with_the_device_client_defaults_takes_at_most_20_KB_at_construction()
        {
            rig = null;
            bridge = null;
            Mqtt.Broker.BrokerEngine local = new Mqtt.Broker.BrokerEngine(BridgeRig.SmallBroker());
            BridgeOptions o = new BridgeOptions("cloud");
            o.AddTopic(BridgeRig.Topic("sensors/#", BridgeDirection.Out, 1, "", "site1/"));
            o.AddTopic(BridgeRig.Topic("cmd/#", BridgeDirection.In, 1, "", "site1/"));
            new BridgeEngine(o, local);
            long bytes = 0;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                BridgeOptions again = new BridgeOptions("cloud");
                again.AddTopic(BridgeRig.Topic("sensors/#", BridgeDirection.Out, 1, "", "site1/"));
                again.AddTopic(BridgeRig.Topic("cmd/#", BridgeDirection.In, 1, "", "site1/"));
                int collections = HeapProbe.CollectionCount();
                long before = HeapProbe.AllocatedBytes();
                bridge = null;
                bridge = new BridgeEngine(again, local);
                bytes = HeapProbe.AllocatedBytes() - before;
                if (collections == HeapProbe.CollectionCount())
                {
                    break;
                }
            }

            System.Console.WriteLine("BridgeEngine construction (client defaults: inflight 4 + 8 queued of 256 B): " + bytes.ToString() + " B");
            Assert.IsTrue(bytes > 0, "the measurement saw the construction");
            Assert.IsTrue(bytes <= 20 * 1024, "bridge: " + bytes.ToString() + " B");

            Release();
        }

        private static void ForwardBothWays()
        {
            Publish(rig.LocalClient, Topic, 1, 5);
            rig.Run(6);
            Publish(rig.RemoteClient, Topic, 1, 6);
            rig.Run(6);
        }

        /// <summary>Lets the engines go: the suite's other tests share the interpreter's heap.</summary>
        private static void Release()
        {
            rig = null;
            bridge = null;
        }

        /// <summary>A rig with one bridge of one QoS 1 line without prefixes, the remote client (and the local one when
        /// <paramref name="subscribeLocal"/>) subscribed to the pattern, all connected.</summary>
        private static void OneLine(string pattern, BridgeDirection direction, bool subscribeLocal)
        {
            NewRig();
            BridgeOptions o = BridgeRig.SmallBridge("b");
            o.AddTopic(BridgeRig.Topic(pattern, direction, 1, "", ""));
            bridge = rig.AddBridge(o, rig.Local, rig.Remote);
            Subscribe(rig.RemoteClient, pattern, 1, false);
            if (subscribeLocal)
            {
                Subscribe(rig.LocalClient, pattern, 1, true);
            }

            Settle();
        }

        /// <summary>Drops the previous test's engines before building new ones: the interpreter's heap holds one rig at a time.</summary>
        private static void NewRig()
        {
            rig = null;
            bridge = null;
            rig = new BridgeRig();
        }

        private static void Settle()
        {
            rig.Run(30);
            Assert.IsTrue(bridge.Ready, "the bridge connected and subscribed on both sides");
        }

        private static void Reset()
        {
            localCount = 0;
            remoteCount = 0;
            lastQos = -1;
            lastPayload = -1;
            outOfOrder = 0;
        }

        private static string LastTopic()
        {
            char[] c = new char[lastTopicLength];
            for (int i = 0; i < c.Length; i++)
            {
                c[i] = (char)lastTopic[i];
            }

            return new string(c);
        }

        private static void Subscribe(MqttClientEngine client, string filter, int qos, bool local)
        {
            byte[] f = TestData.Ascii(filter);
            client.Subscribe(f, 0, f.Length, qos);
            if (local)
            {
                client.MessageReceived += OnLocal;
            }
            else
            {
                client.MessageReceived += OnRemote;
            }

            rig.Run(5);
        }

        private static void Publish(MqttClientEngine client, string topic, int qos, int value)
        {
            Publish(client, TestData.Ascii(topic), qos, value);
        }

        private static void Publish(MqttClientEngine client, byte[] topic, int qos, int value)
        {
            Payload[0] = (byte)value;
            client.Publish(topic, 0, topic.Length, Payload, 0, 1, qos, false);
        }

        private static void OnLocal(byte[] buffer, int topicOffset, int topicLength, int payloadOffset, int payloadLength, int qos, bool retain)
        {
            localCount++;
            Record(buffer, topicOffset, topicLength, payloadOffset, payloadLength, qos);
        }

        private static void OnRemote(byte[] buffer, int topicOffset, int topicLength, int payloadOffset, int payloadLength, int qos, bool retain)
        {
            remoteCount++;
            Record(buffer, topicOffset, topicLength, payloadOffset, payloadLength, qos);
        }

        private static void Record(byte[] buffer, int topicOffset, int topicLength, int payloadOffset, int payloadLength, int qos)
        {
            int value = payloadLength > 0 ? buffer[payloadOffset] : -1;
            if (value < lastPayload)
            {
                outOfOrder++;
            }

            lastPayload = value;
            lastQos = qos;
            lastTopicLength = topicLength < lastTopic.Length ? topicLength : lastTopic.Length;
            System.Array.Copy(buffer, topicOffset, lastTopic, 0, lastTopicLength);
        }
    }
}
