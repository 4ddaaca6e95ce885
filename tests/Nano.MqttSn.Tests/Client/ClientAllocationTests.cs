using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Client;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Tests.Client
{
    [TestClass]
    public class ClientAllocationTests
    {
        private sealed class CountingListener : ISnClientListener
        {
            public int Messages;
            public int Completed;
            public int Connected;

            public void OnGateway(int gwId, byte[] gwAdd, int gwAddOffset, int gwAddLength) { }
            public void OnConnected() => Connected++;
            public void OnDisconnected(SnDisconnectReason reason, int returnCode) { }
            public void OnAsleep() { }
            public void OnMessage(int topicIdType, int topicId, byte[] topicName, int topicNameOffset, int topicNameLength, int qos, bool retain, byte[] payload, int offset, int length) => Messages++;
            public void OnRegistered(int msgId, int topicId, int returnCode) { }
            public void OnSubscribed(int msgId, int grantedQos, int topicId, int returnCode) { }
            public void OnUnsubscribed(int msgId, int returnCode) { }
            public void OnPublishCompleted(int msgId, int returnCode) => Completed += returnCode == 0 ? 1 : 0;
        }

        [TestMethod]
        public void Steady_state_publish_and_receive_at_every_qos_allocate_nothing()
        {
            var listener = new CountingListener();
            var client = new SnClient(ScriptedGateway.Options(), listener);
            byte[] rx = new byte[64];
            byte[] tx = new byte[128];
            byte[] data = Bytes.Ascii("21.5");
            long now = 0;
            client.Connect(now);
            client.NextDatagram(tx, 0, out _);
            Receive(client, rx, "03 05 00", now);
            Receive(client, rx, "09 0A 00 09 00 01 73 2F 78", now);
            client.NextDatagram(tx, 0, out _);

            Run(client, listener, rx, tx, data, ref now, 100);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(client, listener, rx, tx, data, ref now, 10_000);
            long after = GC.GetAllocatedBytesForCurrentThread();
            Assert.AreEqual(0L, after - before);
            Assert.AreEqual(10_100 * 2, listener.Completed);
            Assert.AreEqual(10_100 * 3, listener.Messages);
            Assert.AreEqual(SnClientState.Active, client.State);
        }

        private static void Receive(SnClient client, byte[] rx, string hex, long now)
        {
            byte[] b = Bytes.Hex(hex);
            Array.Copy(b, rx, b.Length);
            Assert.AreEqual(SnError.None, client.Receive(rx, 0, b.Length, now));
        }

        private static void Run(SnClient client, CountingListener listener, byte[] rx, byte[] tx, byte[] data, ref long now, int iterations)
        {
            for (int i = 0; i < iterations; i++)
            {
                now += 10;
                client.Publish(1, SnTopicIdType.Normal, 9, false, data, 0, 4, now, out int id);
                client.NextDatagram(tx, 0, out _);
                Put(rx, 0x07, SnMessageType.PubAck, 0x00, 0x09, id, 0);
                client.Receive(rx, 0, 7, now);

                client.Publish(2, SnTopicIdType.Normal, 9, false, data, 0, 4, now, out id);
                client.NextDatagram(tx, 0, out _);
                Put(rx, 0x04, SnMessageType.PubRec, id >> 8, id, -1, -1);
                client.Receive(rx, 0, 4, now);
                client.NextDatagram(tx, 0, out _);
                Put(rx, 0x04, SnMessageType.PubComp, id >> 8, id, -1, -1);
                client.Receive(rx, 0, 4, now);

                client.Publish(0, SnTopicIdType.Normal, 9, false, data, 0, 4, now, out _);
                client.NextDatagram(tx, 0, out _);

                int inbound = 1 + (i % 60000);
                PutPublish(rx, 0x00, 0);
                client.Receive(rx, 0, 8, now);
                PutPublish(rx, 0x20, inbound);
                client.Receive(rx, 0, 8, now);
                client.NextDatagram(tx, 0, out _);
                PutPublish(rx, 0x40, inbound);
                client.Receive(rx, 0, 8, now);
                client.NextDatagram(tx, 0, out _);
                Put(rx, 0x04, SnMessageType.PubRel, inbound >> 8, inbound, -1, -1);
                client.Receive(rx, 0, 4, now);
                client.NextDatagram(tx, 0, out _);
                client.Poll(now);
            }
        }

        private static void Put(byte[] rx, int len, byte type, int a, int b, int msgId, int rc)
        {
            rx[0] = (byte)len;
            rx[1] = type;
            rx[2] = (byte)a;
            rx[3] = (byte)b;
            if (msgId >= 0)
            {
                rx[4] = (byte)(msgId >> 8);
                rx[5] = (byte)msgId;
                rx[6] = (byte)rc;
            }
        }

        private static void PutPublish(byte[] rx, int flags, int msgId)
        {
            rx[0] = 8;
            rx[1] = SnMessageType.Publish;
            rx[2] = (byte)flags;
            rx[3] = 0;
            rx[4] = 9;
            rx[5] = (byte)(msgId >> 8);
            rx[6] = (byte)msgId;
            rx[7] = 0x31;
        }
    }
}
