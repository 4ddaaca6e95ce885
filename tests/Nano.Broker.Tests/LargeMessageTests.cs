using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests
{
    /// <summary>
    /// Large packets with <see cref="BrokerOptions.MaxMessageMemory"/>: a packet beyond the connection's input buffer gets
    /// an array of its size, a PUBLISH keeps it as its one stored copy for every subscriber, memory is given back when
    /// the last subscriber has it, and at the budget a large packet is left unread rather than dropped.
    /// </summary>
    [TestClass]
    public sealed class LargeMessageTests
    {
        private const int PayloadSize = 90_000;

        private static ScriptedBroker Broker() => new ScriptedBroker(new BrokerOptions
        {
            MaxPacketSize = 100_000,
            InputBufferSize = 256,
            MessagePoolBytes = 1024,
            MaxMessageMemory = 150_000,
        });

        private static byte[] Payload(int seed)
        {
            var payload = new byte[PayloadSize];
            new Random(seed).NextBytes(payload);
            return payload;
        }

        /// <summary>Sends a packet in the parts the engine says it can take, as a host does; returns the bytes taken.</summary>
        private static int SendAsHost(ScriptedClient c, byte[] packet, int from = 0)
        {
            int at = from;
            while (at < packet.Length)
            {
                int room = c.Engine.ReceiveCapacity(c.Id);
                if (room == 0)
                {
                    break;
                }
                int n = Math.Min(Math.Min(room, 1000), packet.Length - at);
                c.Engine.Receive(c.Id, packet, at, n, 1_000_000);
                at += n;
            }
            return at;
        }

        private static ScriptedClient Subscriber(ScriptedBroker broker, string id)
        {
            ScriptedClient s = broker.Connect(id);
            s.Send(Packets.Subscribe(1, "big/t", 1));
            Assert.AreEqual("9003000101", s.Next().Hex);
            return s;
        }

        [TestMethod]
        public void A_large_publish_is_stored_once_in_its_input_array_for_two_subscribers_and_given_back_after_their_PUBACKs()
        {
            ScriptedBroker broker = Broker();
            ScriptedClient a = Subscriber(broker, "a");
            ScriptedClient b = Subscriber(broker, "b");
            ScriptedClient publisher = broker.Connect("pub");
            byte[] payload = Payload(1);
            byte[] packet = Packets.Publish("big/t", payload, qos: 1, packetId: 5);

            Assert.AreEqual(packet.Length, SendAsHost(publisher, packet));

            Assert.AreEqual("40020005", publisher.Next().Hex, "PUBACK [MQTT-4.3.2-2]");
            Assert.AreEqual(packet.Length, broker.Engine.MessageMemoryInUse, "the input array, kept as the one stored copy");
            foreach (ScriptedClient s in new[] { a, b })
            {
                Received r = s.Next();
                Assert.AreEqual("big/t", r.Topic);
                CollectionAssert.AreEqual(payload, r.PayloadBytes);
                s.Send(Packets.PubAck(r.PacketId));
            }
            Assert.AreEqual(0, broker.Engine.MessageMemoryInUse, "given back once both subscribers acknowledged");
            Assert.AreEqual(0, broker.Engine.PooledMessageCount);
        }

        [TestMethod]
        public void At_the_memory_budget_a_large_publish_is_left_unread_until_memory_is_given_back_and_nothing_is_dropped()
        {
            ScriptedBroker broker = Broker();
            ScriptedClient a = Subscriber(broker, "a");
            ScriptedClient first = broker.Connect("first");
            ScriptedClient second = broker.Connect("second");
            byte[] payload1 = Payload(1);
            byte[] payload2 = Payload(2);
            byte[] packet1 = Packets.Publish("big/t", payload1, qos: 1, packetId: 1);
            byte[] packet2 = Packets.Publish("big/t", payload2, qos: 1, packetId: 2);
            Assert.AreEqual(packet1.Length, SendAsHost(first, packet1));
            Assert.AreEqual("40020001", first.Next().Hex);

            int taken = SendAsHost(second, packet2);
            Assert.AreEqual(256, taken, "the input buffer's worth, then no memory for the rest");
            broker.Advance(1000);
            Assert.AreEqual(0, broker.Engine.ReceiveCapacity(second.Id), "still unread after a poll");
            second.ExpectNothing();

            Received r1 = a.Next();
            CollectionAssert.AreEqual(payload1, r1.PayloadBytes);
            a.Send(Packets.PubAck(r1.PacketId));
            Assert.AreEqual(packet2.Length, SendAsHost(second, packet2, taken), "read once the first message was given back");
            Assert.AreEqual("40020002", second.Next().Hex);
            Received r2 = a.Next();
            CollectionAssert.AreEqual(payload2, r2.PayloadBytes);
            Assert.AreEqual(0L, broker.Engine.Statistics.DroppedPoolFull);
            Assert.IsFalse(second.WantsClose);
        }

        [TestMethod]
        public void Large_packets_other_than_publish_take_memory_only_while_they_are_handled()
        {
            ScriptedBroker broker = Broker();
            ScriptedClient c = broker.Connect("c");
            object[] filters = Enumerable.Range(0, 8).SelectMany(i => new object[] { "f/" + i + "/" + new string('x', 40), 0 }).ToArray();
            byte[] subscribe = Packets.Subscribe(3, filters);
            Assert.IsTrue(subscribe.Length > 256, "larger than the input buffer");
            Assert.AreEqual(subscribe.Length, SendAsHost(c, subscribe));
            Assert.AreEqual(0x90, c.Next().Bytes[0], "SUBACK");
            Assert.AreEqual(0, broker.Engine.MessageMemoryInUse);
        }
    }
}
