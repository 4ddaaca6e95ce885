using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests
{
    [TestClass]
    public sealed class RobustnessTests
    {
        private static readonly byte[][] Valid =
        {
            Packets.Connect("f1", clean: false, keepAlive: 5, willTopic: "w/f1", willMessage: new byte[] { 1, 2 }, willQos: 1, willRetain: true, user: "u", password: new byte[] { 9 }),
            Packets.Subscribe(1, "a/+", 2, "#", 1, "$SYS/#", 0),
            Packets.Publish("a/b", "payload", 2, 3, retain: true),
            Packets.Publish("a/c", "", 1, 4, retain: true),
            Packets.PubRel(3),
            Packets.PubAck(1),
            Packets.PubRec(2),
            Packets.PubComp(2),
            Packets.Unsubscribe(5, "a/+"),
            Packets.PingReq,
            Packets.Disconnect,
        };

        [TestMethod]
        public void Seeded_mutations_of_valid_sessions_never_throw_and_keep_invariants()
        {
            var random = new Random(20261126);
            var engine = new BrokerEngine(new BrokerOptions { MaxConnections = 4, SysIntervalMs = 500, RetryIntervalMs = 300, SessionExpiryMs = 2000, RetainedExpiryMs = 3000 });
            var sink = new byte[2048];
            long now = 0;
            for (int round = 0; round < 3000; round++)
            {
                int c = engine.Accept(now);
                if (c < 0)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        engine.Closed(i);
                    }
                    continue;
                }
                int packets = random.Next(1, 8);
                for (int k = 0; k < packets; k++)
                {
                    byte[] p = (byte[])Valid[k == 0 ? 0 : random.Next(Valid.Length)].Clone();
                    int mutations = random.Next(0, 3);
                    for (int m = 0; m < mutations; m++)
                    {
                        p[random.Next(p.Length)] = (byte)random.Next(256);
                    }
                    int cut = random.Next(4) == 0 ? random.Next(p.Length + 1) : p.Length;
                    engine.Receive(c, p, 0, cut, now);
                    engine.ReadOutput(c, sink, 0, random.Next(sink.Length));
                }
                now += random.Next(0, 400);
                engine.Poll(now);
                if (random.Next(3) == 0)
                {
                    engine.ConnectionLost(c, now);
                }
                if (random.Next(2) == 0 || engine.WantsClose(c))
                {
                    while (engine.ReadOutput(c, sink, 0, sink.Length) > 0)
                    {
                    }
                    engine.Closed(c);
                }
                // Counters against what they count: a connected client holds a connection slot and a session.
                Assert.IsTrue(engine.Statistics.ClientsConnected <= engine.ConnectionCount, "connected clients without a connection");
                Assert.IsTrue(engine.Statistics.ClientsConnected <= engine.SessionCount, "connected clients without a session");
                Assert.IsTrue(engine.SessionCount <= new BrokerOptions().MaxSessions, "more sessions than the table holds");
            }
            for (int i = 0; i < 4; i++)
            {
                engine.Closed(i);
            }
            Assert.AreEqual(0, engine.Statistics.ClientsConnected);
            Assert.AreEqual(0, engine.ConnectionCount);
        }

        [TestMethod]
        public void Invalid_arguments_from_the_host_are_ignored()
        {
            var engine = new BrokerEngine(new BrokerOptions());
            engine.Receive(-1, new byte[1], 0, 1, 0);
            engine.Receive(99, new byte[1], 0, 1, 0);
            engine.Receive(0, null, 0, 1, 0);
            int c = engine.Accept(0);
            engine.Receive(c, new byte[4], 2, 3, 0);
            Assert.AreEqual(0, engine.ReadOutput(c, null, 0, 1));
            Assert.AreEqual(0, engine.ReadOutput(c, new byte[4], 3, 2));
            Assert.AreEqual(0, engine.PendingOutput(42));
            Assert.IsFalse(engine.WantsClose(-3));
            engine.Closed(77);
            engine.ConnectionLost(77, 0);
            Assert.IsFalse(engine.Publish(new byte[] { (byte)'#' }, 0, 1, new byte[0], 0, 0, 0, false, 0));
            Assert.IsFalse(engine.Publish(new byte[] { (byte)'a' }, 0, 1, new byte[0], 0, 0, 3, false, 0));
            Assert.IsFalse(engine.WantsClose(c));
        }

        [TestMethod]
        public void Too_much_unprocessed_input_closes_the_connection()
        {
            var engine = new BrokerEngine(new BrokerOptions { InputBufferSize = 1024, MaxPacketSize = 1024, OutputBufferSize = 1024 });
            int c = engine.Accept(0);
            byte[] connect = Packets.Connect("c");
            engine.Receive(c, connect, 0, connect.Length, 0);
            var pings = new byte[4000];
            for (int i = 0; i < pings.Length; i += 2)
            {
                pings[i] = 0xC0;
            }
            Assert.AreEqual(1024, engine.ReceiveCapacity(c));
            engine.Receive(c, pings, 0, pings.Length, 0); // 2,000 PINGRESP do not fit and nobody reads them
            Assert.IsTrue(engine.WantsClose(c));
        }

        [TestMethod]
        public void Local_publish_reaches_subscribers_and_the_retained_store()
        {
            var broker = new ScriptedBroker();
            ScriptedClient c = broker.Connect("c");
            c.Send(Packets.Subscribe(1, "gw/+", 1));
            c.Next();
            byte[] topic = System.Text.Encoding.UTF8.GetBytes("gw/t");
            Assert.IsTrue(broker.Engine.Publish(topic, 0, topic.Length, new byte[] { 0x31 }, 0, 1, 1, true, broker.Now));
            Received r = c.Next();
            Assert.AreEqual("gw/t", r.Topic);
            Assert.AreEqual(1, r.Qos);
            Assert.IsFalse(r.Retain);
            Assert.AreEqual(1, broker.Engine.RetainedCount);
        }
    }
}
