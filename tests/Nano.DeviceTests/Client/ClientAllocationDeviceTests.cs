#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using Nano.DeviceTests.Codec;
using Nano.DeviceTests.Support;
using Nano.Mqtt.Client;

namespace Nano.DeviceTests.Client
{
    /// <summary>The client engine's publish and receive paths allocate nothing once it is constructed.</summary>
    [TestClass]
    public class ClientAllocationDeviceTests
    {
        private static readonly byte[] Topic = TestData.Ascii("t");
        private static readonly byte[] Payload = new byte[] { 1, 2, 3, 4 };
        private static readonly byte[] Ack = new byte[4];
        private static readonly byte[] Publish0 = TestData.Hex("30 04 00 01 74 07");
        private static readonly byte[] Publish1 = TestData.Hex("32 06 00 01 74 00 05 07");
        private static readonly byte[] Publish2 = TestData.Hex("34 06 00 01 74 00 05 07");
        private static readonly byte[] PubRel5 = TestData.Hex("62 02 00 05");
        private static ScriptedServer server;
        private static MqttClientOptions options;
        private static int failures;

        [TestMethod]
        public void Publish_qos_0_allocates_nothing()
        {
            Measure(PublishQos0, "client publish QoS 0");
        }

        [TestMethod]
        public void Publish_qos_1_and_its_puback_allocate_nothing()
        {
            Measure(PublishQos1, "client publish QoS 1 + PUBACK");
        }

        [TestMethod]
        public void Publish_qos_2_flow_allocates_nothing()
        {
            Measure(PublishQos2, "client publish QoS 2 + PUBREC/PUBREL/PUBCOMP");
        }

        [TestMethod]
        public void Receiving_a_qos_0_publish_allocates_nothing()
        {
            Measure(ReceiveQos0, "client receive QoS 0");
        }

        [TestMethod]
        public void Receiving_a_qos_1_publish_and_acknowledging_it_allocates_nothing()
        {
            Measure(ReceiveQos1, "client receive QoS 1 + PUBACK");
        }

        [TestMethod]
        public void Receiving_a_qos_2_publish_and_its_pubrel_allocates_nothing()
        {
            Measure(ReceiveQos2, "client receive QoS 2 + PUBREC/PUBREL/PUBCOMP");
        }

        [TestMethod]
        public void Construction_with_default_options_costs_less_than_before()
        {
            options = new MqttClientOptions();
            for (int attempt = 0; attempt < 3; attempt++)
            {
                // The earlier tests' garbage is collected first; the collection empties the runtime's lookup caches,
                // which one construction then pays for before the measured one.
                HeapProbe.Collect();
                Construct();
                int collections = HeapProbe.CollectionCount();
                long before = HeapProbe.AllocatedBytes();
                Construct();
                long bytes = HeapProbe.AllocatedBytes() - before;
                if (collections == HeapProbe.CollectionCount())
                {
                    Console.WriteLine("client engine construction (default options): " + bytes.ToString() + " B");
                    Assert.IsTrue(bytes < 9036, "9,036 B measured before the codec became classes");
                    Assert.IsTrue(bytes > 0, "the measurement saw the construction");
                    return;
                }
            }
            Assert.IsTrue(false, "a garbage collection ran during every construction");
        }

        private static void Measure(Operation op, string what)
        {
            server = new ScriptedServer(ScriptedServer.Options(), false);
            failures = 0;
            CodecAllocationDeviceTests.AssertNothingAllocated(op, what);
            Assert.AreEqual(0, failures, what + " flow failed");
        }

        private static void Construct()
        {
            new MqttClientEngine(options);
        }

        private static void Check(bool ok)
        {
            if (!ok)
            {
                failures++;
            }
        }

        private static void AckSent(int type)
        {
            Ack[0] = (byte)type;
            Ack[1] = 2;
            Ack[2] = server.Sent[5];
            Ack[3] = server.Sent[6];
            server.Feed(Ack, 1);
        }

        private static void PublishQos0()
        {
            Check(server.Engine.Publish(Topic, 0, 1, Payload, 0, 4, 0, false) == PublishResult.Accepted);
            Check(server.Take() == 9);
        }

        private static void PublishQos1()
        {
            server.Engine.Publish(Topic, 0, 1, Payload, 0, 4, 1, false);
            Check(server.Take() == 11);
            AckSent(0x40);
            Check(server.Engine.StoredMessages == 0);
        }

        private static void PublishQos2()
        {
            server.Engine.Publish(Topic, 0, 1, Payload, 0, 4, 2, false);
            Check(server.Take() == 11);
            AckSent(0x50);
            Check(server.Take() == 4);
            Ack[0] = 0x70;
            server.Feed(Ack, 2);
            Check(server.Engine.StoredMessages == 0);
        }

        private static void ReceiveQos0()
        {
            int before = server.Delivered;
            server.Feed(Publish0, 1);
            Check(server.Delivered == before + 1);
        }

        private static void ReceiveQos1()
        {
            server.Feed(Publish1, 1);
            Check(server.Take() == 4);
        }

        private static void ReceiveQos2()
        {
            server.Feed(Publish2, 1);
            Check(server.Take() == 4);
            server.Feed(PubRel5, 2);
            Check(server.Take() == 4);
        }
    }
}
