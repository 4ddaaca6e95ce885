using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;
using Nano.Net;

namespace Nano.Broker.Tests.Security
{
    /// <summary>
    /// Hostile peers — an oversized remaining length, a CONNECT trickled one byte per tick (slowloris), thousands of
    /// subscriptions from one client, half-open connections — while a well-behaved client keeps publishing and
    /// receiving. The broker must keep serving it, close the others by its limits, and stay within its capacity record.
    /// </summary>
    [TestClass]
    public sealed class HostileInputTests
    {
        private const long TickMs = 100;

        private static BrokerOptions Options() => new BrokerOptions
        {
            MaxConnections = 6,
            MaxSessions = 6,
            MaxSubscriptions = 32,
            MaxSubscriptionsPerClient = 8,
            MaxMessages = 16,
            MessagePoolBytes = 1024,
            ConnectTimeoutMs = 1000,
            MaxPacketSize = 512,
            InputBufferSize = 512,
            OutputBufferSize = 512,
        };

        /// <summary>The engine alone with a fake clock: every hostile pattern at once, measured for allocations after warm-up.</summary>
        [TestMethod]
        public void Engine_survives_hostile_peers_without_allocating_and_keeps_serving()
        {
            var engine = new BrokerEngine(Options());
            var scenario = new EngineScenario(engine);
            scenario.Run(1_000); // warm-up: every path once
            long before = GC.GetAllocatedBytesForCurrentThread();
            scenario.Run(100_000);
            Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.AreEqual(2L * EngineScenario.Ticks, scenario.GoodReceived, "the good client got every message of both runs");
            Assert.AreEqual(0, engine.ConnectionCount, "every slot came back");
            Assert.AreEqual(0, engine.SubscriptionCount);
            Assert.AreEqual(0, engine.PooledMessageCount);
            BrokerStatistics s = engine.Statistics;
            Assert.AreEqual(2L, s.ProtocolErrors, "the oversized remaining length, once per run");
            Assert.AreEqual(2L, s.ConnectTimeouts, "the slowloris CONNECT, once per run");
            Assert.AreEqual(2L, s.KeepAliveTimeouts, "the half-open client, once per run");
            Assert.AreEqual(2L * (EngineScenario.FloodFilters - 8), s.SubscriptionsRefused);
        }

        private sealed class EngineScenario
        {
            public const int Ticks = 40;
            public const int FloodFilters = 2000;

            private readonly BrokerEngine _engine;
            private readonly byte[] _output = new byte[4096];
            private readonly byte[] _connectGood = Packets.Connect("good");
            private readonly byte[] _subscribeGood = Packets.Subscribe(1, "good/t", 0);
            private readonly byte[] _publishGood = Packets.Publish("good/t", "x");
            private readonly byte[] _oversized = { 0x30, 0xFF, 0xFF, 0xFF, 0x7F, 0x00 };
            private readonly byte[] _slowConnect = Packets.Connect("slow");
            private readonly byte[] _halfOpenConnect = Packets.Connect("half", keepAlive: 1, willTopic: "will/half", willMessage: new byte[] { 1 });
            private readonly byte[] _connectFlood = Packets.Connect("flood");
            private readonly byte[][] _flood = new byte[FloodFilters][];
            private readonly byte[] _disconnect = Packets.Disconnect;

            public long GoodReceived;

            public EngineScenario(BrokerEngine engine)
            {
                _engine = engine;
                for (int i = 0; i < FloodFilters; i++)
                {
                    _flood[i] = Packets.Subscribe(1 + i, "flood/" + i, 1);
                }
            }

            public void Run(long start)
            {
                long now = start;
                int good = _engine.Accept(now);
                Send(good, _connectGood, now);
                Send(good, _subscribeGood, now);
                Drain(good);
                int oversized = _engine.Accept(now);
                Send(oversized, _oversized, now);
                Assert.IsTrue(_engine.WantsClose(oversized), "closed from the remaining length, before buffering");
                _engine.Closed(oversized);
                int slow = _engine.Accept(now);
                int half = _engine.Accept(now);
                Send(half, _halfOpenConnect, now);
                Drain(half);
                int flood = _engine.Accept(now);
                Send(flood, _connectFlood, now);
                for (int i = 0; i < FloodFilters; i++)
                {
                    Send(flood, _flood[i], now);
                    Drain(flood); // reads its SUBACKs (0x80 beyond its share)
                }
                Assert.IsFalse(_engine.WantsClose(flood));
                Assert.AreEqual(8 + 1, _engine.SubscriptionCount);
                for (int tick = 0; tick < Ticks; tick++)
                {
                    now += TickMs;
                    if (!_engine.WantsClose(slow))
                    {
                        _engine.Receive(slow, _slowConnect, tick % _slowConnect.Length, 1, now);
                    }
                    Send(good, _publishGood, now);
                    _engine.Poll(now);
                    GoodReceived += Drain(good);
                    Drain(half);
                }
                Assert.IsTrue(_engine.WantsClose(slow), "connect timeout");
                Assert.IsTrue(_engine.WantsClose(half), "keep-alive expiry");
                _engine.Closed(slow);
                _engine.Closed(half);
                Send(flood, _disconnect, now);
                _engine.Closed(flood);
                Send(good, _disconnect, now);
                _engine.Closed(good);
            }

            private void Send(int id, byte[] packet, long now) => _engine.Receive(id, packet, 0, packet.Length, now);

            /// <summary>Reads all output; returns the PUBLISH packets in it (the good client's traffic is all 3-byte-topic QoS 0).</summary>
            private int Drain(int id)
            {
                int publishes = 0;
                int n;
                while ((n = _engine.ReadOutput(id, _output, 0, _output.Length)) > 0)
                {
                    for (int p = 0; p < n; p += 2 + _output[p + 1])
                    {
                        publishes += (_output[p] >> 4) == 3 ? 1 : 0;
                    }
                }
                return publishes;
            }
        }

        /// <summary>The same patterns over real loopback sockets, the listener driven by a fake clock on this thread.</summary>
        [TestMethod]
        public void Listener_with_real_sockets_closes_hostile_peers_and_keeps_serving_the_good_one()
        {
            BrokerOptions options = Options();
            var engine = new BrokerEngine(options);
            var listener = new BrokerListener(engine, options);
            listener.Start(IPAddress.Loopback, 0);
            long now = 1_000_000;
            var sockets = new List<Socket>();
            try
            {
                Socket Open()
                {
                    var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000, NoDelay = true };
                    s.Connect(IPAddress.Loopback, listener.Port);
                    sockets.Add(s);
                    long accepted = listener.ConnectionsAccepted;
                    Until(() => listener.ConnectionsAccepted == accepted + 1, "accepted");
                    return s;
                }

                void Until(Func<bool> condition, string what)
                {
                    var deadline = DateTime.UtcNow.AddSeconds(5);
                    while (!condition())
                    {
                        Assert.IsTrue(DateTime.UtcNow < deadline, "timed out: " + what);
                        listener.PollOnce(now);
                        Thread.Sleep(1);
                    }
                }

                Socket good = Open();
                good.Send(Packets.Concat(Packets.Connect("good"), Packets.Subscribe(1, "good/t", 0)));
                Until(() => good.Available >= 4 + 5, "CONNACK and SUBACK");
                var buffer = new byte[65536];
                Assert.AreEqual(9, good.Receive(buffer));

                Socket oversized = Open();
                oversized.Send(new byte[] { 0x30, 0xFF, 0xFF, 0xFF, 0x7F });
                Socket halfOpen = Open(); // never sends a byte
                Socket slow = Open();
                byte[] slowConnect = Packets.Connect("slow");
                Socket flood = Open();
                flood.Send(Packets.Connect("flood"));
                Until(() => flood.Available >= 4, "flood CONNACK");
                flood.Receive(buffer, 4, SocketFlags.None);
                var floodBytes = new List<byte>();
                for (int i = 0; i < 3000; i++)
                {
                    floodBytes.AddRange(Packets.Subscribe(1 + i, "flood/" + i, 1));
                }
                flood.Send(floodBytes.ToArray());
                Until(() => engine.Statistics.ProtocolErrors == 1, "oversized closed");

                int goodReceived = 0;
                int floodAcked = 0;
                for (int tick = 0; tick < 30; tick++)
                {
                    now += TickMs;
                    if (tick < slowConnect.Length)
                    {
                        try
                        {
                            slow.Send(slowConnect, tick, 1, SocketFlags.None);
                        }
                        catch (SocketException)
                        {
                            // closed by the connect timeout
                        }
                    }
                    good.Send(Packets.Publish("good/t", "x"));
                    int expected = goodReceived + 1;
                    Until(() => good.Available >= 11, "the good client's message at tick " + tick);
                    goodReceived += good.Receive(buffer, 11, SocketFlags.None) / 11;
                    Assert.AreEqual(expected, goodReceived);
                    while (flood.Available > 0)
                    {
                        floodAcked += flood.Receive(buffer);
                    }
                    Assert.IsTrue(engine.SubscriptionCount <= options.MaxSubscriptionsPerClient + 1);
                    Assert.IsTrue(engine.PooledMessageCount <= options.MaxMessages);
                    Assert.IsTrue(listener.OpenConnections <= options.MaxConnections);
                }
                Until(() =>
                {
                    while (flood.Available > 0)
                    {
                        floodAcked += flood.Receive(buffer);
                    }
                    return floodAcked == 3000 * 5;
                }, "3000 SUBACKs");
                Assert.AreEqual(30, goodReceived);
                Assert.AreEqual(2L, engine.Statistics.ConnectTimeouts, "the half-open and the slowloris connection");
                Assert.AreEqual(3000L - options.MaxSubscriptionsPerClient, engine.Statistics.SubscriptionsRefused);
                Assert.AreEqual(9, engine.SubscriptionCount);
                Assert.AreEqual(2, engine.ConnectionCount, "good and flood remain");
                Assert.AreEqual(2, listener.OpenConnections);
                foreach (Socket closed in new[] { oversized, halfOpen, slow })
                {
                    int n;
                    try
                    {
                        n = closed.Receive(buffer);
                    }
                    catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
                    {
                        n = 0;
                    }
                    Assert.AreEqual(0, n, "the broker closed it");
                }
            }
            finally
            {
                listener.Stop();
                foreach (Socket s in sockets)
                {
                    s.Close();
                }
            }
        }
    }
}
