#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Codec;
using Nano.DeviceTests.Support;
using Nano.Mqtt.Client;

namespace Nano.DeviceTests.Client
{
    /// <summary>Completion results reach a handler without allocating, with the packet id, topic and outcome.</summary>
    [TestClass]
    public class ClientCompletionDeviceTests
    {
        private static readonly byte[] Topic = TestData.Ascii("t");
        private static readonly byte[] Payload = new byte[] { 1, 2, 3, 4 };
        private static readonly byte[] Ack = new byte[4];
        private static ScriptedServer server;
        private static int failures;
        private static int acknowledged;
        private static int lastPacketId;

        [TestMethod]
        public void Qos_1_and_2_completions_reach_the_handler_without_allocating_MQTT_4_3_2_1_MQTT_4_3_3_1()
        {
            server = new ScriptedServer(ScriptedServer.Options(), false);
            server.Engine.PublishCompleted += OnPublishCompleted;
            failures = 0;
            acknowledged = 0;
            CodecAllocationDeviceTests.AssertNothingAllocated(PublishQos1AndQos2, "client publish QoS 1 and 2 with a completion handler");
            server = null; // the suite shares one ESP32-sized heap: release the engine for the tests that follow
            Assert.AreEqual(0, failures, "a flow or a completion went wrong");
            Assert.IsTrue(acknowledged > 0, "completions reported");
        }

        private static void PublishQos1AndQos2()
        {
            int before = acknowledged;
            server.Engine.Publish(Topic, 0, 1, Payload, 0, 4, 1, false);
            Check(server.Take() == 11);
            int id = AckSent(0x40);
            Check(acknowledged == before + 1 && lastPacketId == id);
            server.Engine.Publish(Topic, 0, 1, Payload, 0, 4, 2, false);
            Check(server.Take() == 11);
            id = AckSent(0x50);
            Check(server.Take() == 4);
            Check(acknowledged == before + 1);
            Ack[0] = 0x70;
            server.Feed(Ack, 2);
            Check(acknowledged == before + 2 && lastPacketId == id);
        }

        /// <summary>Answers the PUBLISH just taken with an acknowledgment of <paramref name="type"/>; returns its packet id.</summary>
        private static int AckSent(int type)
        {
            Ack[0] = (byte)type;
            Ack[1] = 2;
            Ack[2] = server.Sent[5];
            Ack[3] = server.Sent[6];
            server.Feed(Ack, 1);
            return (Ack[2] << 8) | Ack[3];
        }

        private static void OnPublishCompleted(int packetId, byte[] topic, int topicOffset, int topicLength, int qos, PublishOutcome outcome)
        {
            Check(outcome == PublishOutcome.Acknowledged && topicLength == 1 && topic[topicOffset] == Topic[0] && qos > 0);
            lastPacketId = packetId;
            acknowledged++;
        }

        private static void Check(bool ok)
        {
            if (!ok)
            {
                failures++;
            }
        }
    }
}
