using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Client;

namespace Nano.Client.Tests
{
    [TestClass]
    public sealed class AllocationTests
    {
        private static long _payloadBytes;

        [TestMethod]
        public void Byte_level_publish_and_receive_allocate_nothing_in_steady_state()
        {
            var client = new MqttClient(new MqttClientOptions { ClientId = "alloc", KeepAliveSeconds = 30 });
            byte[] filter = { (byte)'i', (byte)'n', (byte)'/', (byte)'#' };
            Assert.IsTrue(client.Subscribe(filter, 0, filter.Length, 2, OnMessage));
            MqttClientEngine engine = client.Engine;
            byte[] output = new byte[1024];
            client.Connect();
            engine.Connect(0);
            engine.ReadOutput(output, 0, output.Length);
            Feed(engine, Convert.FromHexString("20020000"));
            engine.ReadOutput(output, 0, output.Length);
            Feed(engine, Convert.FromHexString("9003000102"));

            byte[] topic = { (byte)'o', (byte)'u', (byte)'t' };
            byte[] payload = new byte[32];
            byte[][] inbound =
            {
                Convert.FromHexString(EngineHarness.PublishHex("in/a", "payload-0", 0, 0)),
                Convert.FromHexString(EngineHarness.PublishHex("in/b", "payload-1", 1, 0)),
                Convert.FromHexString(EngineHarness.PublishHex("in/c", "payload-2", 2, 0)),
            };
            byte[] ack = new byte[4];
            byte[] pubrel = { 0x62, 2, 0, 0 };

            Run(client, engine, topic, payload, inbound, ack, pubrel, output, 1000);
            long before = GC.GetAllocatedBytesForCurrentThread();
            long delivered = engine.Statistics.MessagesDelivered;
            long acknowledged = engine.Statistics.MessagesAcknowledged;
            Run(client, engine, topic, payload, inbound, ack, pubrel, output, 10000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual(10000, engine.Statistics.MessagesDelivered - delivered);
            Assert.AreEqual(10000, engine.Statistics.MessagesAcknowledged - acknowledged);
            Assert.AreEqual(0L, allocated);
            Assert.IsTrue(_payloadBytes > 0);
        }

        private static void Run(MqttClient client, MqttClientEngine engine, byte[] topic, byte[] payload, byte[][] inbound, byte[] ack, byte[] pubrel, byte[] output, int count)
        {
            for (int i = 0; i < count; i++)
            {
                long now = engine.NowMs + 1;
                int qos = 1 + (i & 1);
                payload[0] = (byte)i;
                Assert.AreEqual(PublishResult.Accepted, client.Publish(topic, 0, topic.Length, payload, 0, payload.Length, qos, false));
                int n = engine.ReadOutput(output, 0, output.Length);
                int id = (output[n - payload.Length - 2] << 8) | output[n - payload.Length - 1];
                ack[0] = (byte)(qos == 1 ? 0x40 : 0x50);
                ack[1] = 2;
                ack[2] = (byte)(id >> 8);
                ack[3] = (byte)id;
                engine.Receive(ack, 0, 4, now);
                if (qos == 2)
                {
                    engine.ReadOutput(output, 0, output.Length); // PUBREL
                    ack[0] = 0x70;
                    engine.Receive(ack, 0, 4, now);
                }

                byte[] message = inbound[i % 3];
                if (message[0] != 0x30)
                {
                    int messageId = 1 + (i % 60000);
                    message[message.Length - 11] = (byte)(messageId >> 8);
                    message[message.Length - 10] = (byte)messageId;
                    pubrel[2] = (byte)(messageId >> 8);
                    pubrel[3] = (byte)messageId;
                }

                engine.Receive(message, 0, message.Length, now);
                if ((message[0] & 0x06) == 0x04)
                {
                    engine.Receive(pubrel, 0, 4, now);
                }

                engine.ReadOutput(output, 0, output.Length);
                engine.Poll(now);
            }
        }

        private static void OnMessage(byte[] buffer, int topicOffset, int topicLength, int payloadOffset, int payloadLength, int qos, bool retain)
        {
            _payloadBytes += payloadLength;
        }

        private static void Feed(MqttClientEngine engine, byte[] bytes)
        {
            Assert.AreEqual(bytes.Length, engine.Receive(bytes, 0, bytes.Length, engine.NowMs));
        }
    }
}
