using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests
{
    [TestClass]
    public sealed class MemoryTests
    {
        /// <summary>A subscriber that answers every PUBLISH and PUBREL from preallocated buffers.</summary>
        private sealed class AckingClient
        {
            private readonly BrokerEngine _engine;
            private readonly byte[] _buffer = new byte[8192];
            private readonly byte[] _ack = new byte[4];
            public readonly int Id;
            public int Publishes;

            public AckingClient(BrokerEngine engine, int id)
            {
                _engine = engine;
                Id = id;
            }

            public void Service(long now)
            {
                int n;
                while ((n = _engine.ReadOutput(Id, _buffer, 0, _buffer.Length)) > 0)
                {
                    int p = 0;
                    while (p < n)
                    {
                        int first = _buffer[p];
                        int length = 0;
                        int shift = 0;
                        int h = p + 1;
                        int digit;
                        do
                        {
                            digit = _buffer[h++];
                            length |= (digit & 0x7F) << shift;
                            shift += 7;
                        }
                        while ((digit & 0x80) != 0);
                        int type = first >> 4;
                        if (type == 3)
                        {
                            Publishes++;
                            int qos = (first >> 1) & 3;
                            if (qos > 0)
                            {
                                int idAt = h + 2 + ((_buffer[h] << 8) | _buffer[h + 1]);
                                Answer(qos == 1 ? 0x40 : 0x50, _buffer[idAt], _buffer[idAt + 1], now);
                            }
                        }
                        else if (type == 6)
                        {
                            Answer(0x70, _buffer[h], _buffer[h + 1], now);
                        }
                        p = h + length;
                    }
                }
            }

            private void Answer(int first, byte high, byte low, long now)
            {
                _ack[0] = (byte)first;
                _ack[1] = 2;
                _ack[2] = high;
                _ack[3] = low;
                _engine.Receive(Id, _ack, 0, 4, now);
            }
        }

        private static AckingClient Connect(BrokerEngine engine, string id, string filter, int qos, long now)
        {
            int c = engine.Accept(now);
            byte[] connect = Packets.Connect(id, clean: false, keepAlive: 60);
            engine.Receive(c, connect, 0, connect.Length, now);
            byte[] subscribe = Packets.Subscribe(1, filter, qos);
            engine.Receive(c, subscribe, 0, subscribe.Length, now);
            var client = new AckingClient(engine, c);
            client.Service(now);
            return client;
        }

        [TestMethod]
        public void Routing_10000_messages_at_QoS_0_1_2_to_several_subscribers_allocates_nothing()
        {
            var engine = new BrokerEngine(new BrokerOptions { SysIntervalMs = 1_000, RetryIntervalMs = 500 });
            engine.HeapFree = 1000;
            long now = 1000;
            var subscribers = new[]
            {
                Connect(engine, "s0", "sensors/#", 0, now),
                Connect(engine, "s1", "sensors/+/temp", 1, now),
                Connect(engine, "s2", "sensors/room1/temp", 2, now),
                Connect(engine, "s3", "#", 2, now),
            };
            AckingClient publisher = Connect(engine, "pub", "none", 0, now);
            byte[][] publishes =
            {
                Packets.Publish("sensors/room1/temp", "21.5", 0),
                Packets.Publish("sensors/room1/temp", "21.6", 1, 11),
                Packets.Publish("sensors/room1/temp", "21.7", 2, 12),
                Packets.Publish("sensors/room2/temp", "19.0", 1, 13, retain: true),
            };
            byte[] pubrel = Packets.PubRel(12);

            void Round(int i)
            {
                now += 7;
                byte[] p = publishes[i % publishes.Length];
                engine.Receive(publisher.Id, p, 0, p.Length, now);
                if (p == publishes[2])
                {
                    engine.Receive(publisher.Id, pubrel, 0, pubrel.Length, now);
                }
                publisher.Service(now);
                foreach (AckingClient s in subscribers)
                {
                    s.Service(now);
                }
                engine.Poll(now);
            }

            for (int i = 0; i < 400; i++)
            {
                Round(i);
            }
            int before = subscribers[3].Publishes;
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                Round(i);
            }
            long delta = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Assert.AreEqual(0L, delta, "bytes allocated while routing");
            Assert.IsTrue(subscribers[3].Publishes - before >= 10_000, "every message reached the # subscriber");
            Assert.AreEqual(0L, engine.Statistics.MessagesDropped);
            Assert.AreEqual(5, engine.Statistics.ClientsConnected);
        }

        [TestMethod]
        public void AllocateOnAccept_takes_connection_buffers_at_accept_only_and_gives_them_back_at_close()
        {
            const int Slots = 1000;
            const int Buffers = 8192 + 4096;
            BrokerOptions Options(bool onAccept) => new BrokerOptions
            {
                MaxConnections = Slots, InputBufferSize = 8192, MaxPacketSize = 8192, OutputBufferSize = 4096, AllocateOnAccept = onAccept,
            };
            long before = GC.GetAllocatedBytesForCurrentThread();
            GC.KeepAlive(new BrokerEngine(Options(false)));
            long upFront = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            var broker = new ScriptedBroker(Options(true));
            long onAccept = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.IsTrue(upFront - onAccept > (long)Slots * (Buffers - 64), "no slot's buffers at construction: " + upFront + " B up front, " + onAccept + " B on accept");

            before = GC.GetAllocatedBytesForCurrentThread();
            ScriptedClient sub = broker.Connect("s");
            long accepted = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.IsTrue(accepted >= Buffers && accepted < 2 * Buffers, "one connection's buffers: " + accepted + " B");
            sub.Send(Packets.Subscribe(1, "t", 1));
            Assert.AreEqual("9003000101", sub.Next().Hex);
            ScriptedClient pub = broker.Connect("p");
            pub.Send(Packets.Publish("t", new byte[6000], 1, 7));
            Assert.AreEqual("40020007", pub.Next().Hex);
            Assert.AreEqual(1 + 2 + 2 + 1 + 2 + 6000, sub.Next().Bytes.Length, "a PUBLISH larger than the acknowledgement buffer, read whole");
            pub.Closed();
            sub.Closed();
            Assert.AreEqual(0, broker.Engine.ConnectionCount);

            ScriptedClient again = broker.Connect("s2");
            again.Send(Packets.PingReq);
            Assert.AreEqual("D000", again.Next().Hex, "a slot given back serves the next connection");
        }

        [TestMethod]
        public void Ten_thousand_connect_disconnect_cycles_leave_counts_and_allocation_flat()
        {
            var engine = new BrokerEngine(new BrokerOptions());
            long now = 1000;
            byte[] persistent = Packets.Concat(Packets.Connect("churn-p", clean: false, willTopic: "w", willMessage: new byte[] { 1 }),
                Packets.Subscribe(1, "a/#", 1), Packets.Publish("a/b", "x", 1, 5));
            byte[] clean = Packets.Concat(Packets.Connect("churn-c", willTopic: "w", willMessage: new byte[] { 2 }, willRetain: true),
                Packets.Subscribe(1, "w", 0), Packets.Publish("a/c", "y", 2, 6), Packets.PubRel(6));
            byte[] anonymous = Packets.Connect("");
            byte[] disconnect = Packets.Disconnect;
            byte[] sink = new byte[4096];

            void Cycle(int i)
            {
                now += 3;
                byte[] connect = (i % 3) == 0 ? persistent : (i % 3) == 1 ? clean : anonymous;
                int c = engine.Accept(now);
                engine.Receive(c, connect, 0, connect.Length, now);
                while (engine.ReadOutput(c, sink, 0, sink.Length) > 0)
                {
                }
                if ((i & 1) == 0)
                {
                    engine.Receive(c, disconnect, 0, disconnect.Length, now);
                }
                else
                {
                    engine.ConnectionLost(c, now);
                }
                engine.Closed(c);
                engine.Poll(now);
            }

            for (int i = 0; i < 300; i++)
            {
                Cycle(i);
            }
            int sessions = engine.SessionCount;
            int pooled = engine.PooledMessageCount;
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                Cycle(i);
            }
            Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - allocated);
            Assert.AreEqual(0, engine.ConnectionCount);
            Assert.AreEqual(0, engine.Statistics.ClientsConnected);
            Assert.AreEqual(sessions, engine.SessionCount);
            Assert.AreEqual(1, engine.SessionCount, "only the persistent session remains");
            Assert.AreEqual(pooled, engine.PooledMessageCount);
        }

        [TestMethod]
        public void Memory_cost_per_session_for_the_default_ESP32_options()
        {
            var options = new BrokerOptions();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var engine = new BrokerEngine(options);
            long total = GC.GetAllocatedBytesForCurrentThread() - before;
            GC.KeepAlive(engine);

            var doubled = new BrokerOptions { MaxSessions = options.MaxSessions * 2 };
            before = GC.GetAllocatedBytesForCurrentThread();
            var bigger = new BrokerEngine(doubled);
            long totalDoubled = GC.GetAllocatedBytesForCurrentThread() - before;
            GC.KeepAlive(bigger);

            long perSessionShare = total / options.MaxSessions;
            long marginalSession = (totalDoubled - total) / options.MaxSessions;
            Console.WriteLine($"default options: {total} bytes preallocated (desktop CLR), {perSessionShare} bytes per session " +
                $"(total / MaxSessions = {options.MaxSessions}); one more session slot costs {marginalSession} bytes");
            Assert.IsTrue(total < 48 * 1024, $"default footprint {total} bytes must leave room in a 50-110 KB heap");
            Assert.IsTrue(marginalSession > 0 && marginalSession < 1024, $"session slot {marginalSession} bytes");
        }
    }
}
