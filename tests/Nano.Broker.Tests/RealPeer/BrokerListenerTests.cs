using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;
using Nano.Net;

namespace Nano.Broker.Tests.RealPeer
{
    /// <summary>The TCP poll loop: allocation, refusal, slow readers, shutdown.</summary>
    [TestClass]
    public sealed class BrokerListenerTests
    {
        [TestMethod]
        [DataRow(0, false)]
        [DataRow(1, false)]
        [DataRow(0, true)]
        [DataRow(1, true)]
        public void Forwarding_a_message_allocates_nothing_on_the_poll_loop_thread(int qos, bool select)
        {
            var options = new BrokerOptions { MaxConnections = 4 };
            var engine = new BrokerEngine(options);
            var listener = new BrokerListener(engine, options);
            if (select)
            {
                listener.Readiness = new Nano.Net.Desktop.SocketSelectReadiness();
            }
            listener.Start(IPAddress.Loopback, 0);
            try
            {
                using var subscriber = new RawMqttClient(listener.Port);
                using var publisher = new RawMqttClient(listener.Port);
                long now = 0;
                var buffer = new byte[256];

                subscriber.Send(RawMqttClient.Connect("sub", 4, keepAlive: 0));
                Exchange(listener, ref now, subscriber, buffer, 4);
                subscriber.Send(RawMqttClient.Subscribe(1, "a/b", qos));
                Exchange(listener, ref now, subscriber, buffer, 5);
                Assert.AreEqual(qos, buffer[4], "granted QoS");
                publisher.Send(RawMqttClient.Connect("pub", 4, keepAlive: 0));
                Exchange(listener, ref now, publisher, buffer, 4);

                byte[] publish = RawMqttClient.Publish("a/b", new byte[64], qos, 1);
                byte[] ack = RawMqttClient.PubAck(1);
                // Warm up (JIT, first-use paths), then measure.
                for (int i = 0; i < 300; i++)
                {
                    ForwardOne(i);
                }
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 3000; i++)
                {
                    ForwardOne(i);
                }
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.AreEqual(0L, allocated, "bytes allocated over 3000 messages");
                Assert.AreEqual(0L, engine.Statistics.MessagesDropped);

                void ForwardOne(int i)
                {
                    if (qos == 1)
                    {
                        publish[8] = (byte)(i % 200 + 1); // packet id low byte, after 0x32, length, "a/b"
                    }
                    publisher.Socket.Send(publish, 0, publish.Length, SocketFlags.None);
                    Exchange(listener, ref now, subscriber, buffer, publish.Length);
                    if (qos == 1)
                    {
                        ack[2] = buffer[7];
                        ack[3] = buffer[8];
                        subscriber.Socket.Send(ack, 0, ack.Length, SocketFlags.None);
                        Exchange(listener, ref now, publisher, buffer, 4);
                        if (buffer[0] != 0x40 || buffer[3] != publish[8])
                        {
                            Assert.Fail("PUBACK expected");
                        }
                    }
                }
            }
            finally
            {
                listener.Stop();
            }
        }

        /// <summary>Polls the listener on this thread until <paramref name="count"/> bytes reach the client, then reads them.</summary>
        private static void Exchange(BrokerListener listener, ref long now, RawMqttClient client, byte[] buffer, int count)
        {
            for (int spins = 0; client.Socket.Available < count; spins++)
            {
                if (spins > 1_000_000)
                {
                    Assert.Fail("no answer from the broker");
                }
                listener.PollOnce(++now);
            }
            int read = client.Socket.Receive(buffer, 0, count, SocketFlags.None);
            if (read != count)
            {
                Assert.Fail("short read");
            }
        }

        [TestMethod]
        public void A_connection_beyond_max_connections_is_closed_at_once()
        {
            using var broker = new TestBroker(o => o.Broker.MaxConnections = 2);
            using var a = new RawMqttClient(broker.Port);
            a.Send(RawMqttClient.Connect("a", 4));
            CollectionAssert.AreEqual(new byte[] { 0x20, 2, 0, 0 }, a.ReadPacket());
            using var b = new RawMqttClient(broker.Port);
            b.Send(RawMqttClient.Connect("b", 4));
            CollectionAssert.AreEqual(new byte[] { 0x20, 2, 0, 0 }, b.ReadPacket());

            using var c = new RawMqttClient(broker.Port);
            Assert.IsTrue(c.WaitForClose());
            Assert.AreEqual(1L, broker.Host.Listener.ConnectionsRefused);
            Assert.AreEqual(2, broker.Host.Listener.OpenConnections);
        }

        [TestMethod]
        public async Task With_the_drop_policy_a_subscriber_that_stops_reading_does_not_hold_up_the_others()
        {
            using var broker = new TestBroker(o =>
            {
                o.Broker.MaxQueued = 50;
                o.Broker.QueueFullPolicy = QueueFullPolicy.Drop;
            });
            using var slow = new RawMqttClient(broker.Port, receiveBufferSize: 4096);
            slow.Send(RawMqttClient.Connect("slow", 4));
            CollectionAssert.AreEqual(new byte[] { 0x20, 2, 0, 0 }, slow.ReadPacket());
            slow.Send(RawMqttClient.Subscribe(1, "flood", 0));
            CollectionAssert.AreEqual(new byte[] { 0x90, 3, 0, 1, 0 }, slow.ReadPacket());

            await using var fast = await broker.ConnectAsync("fast", MqttProtocolVersion.V311);
            await fast.SubscribeAsync("flood", MqttQualityOfServiceLevel.AtLeastOnce);
            await using var publisher = await broker.ConnectAsync("pub", MqttProtocolVersion.V311);

            const int Messages = 3000;
            string padding = new string('x', 2000);
            // Lock-step with the fast subscriber, so only the slow one can fall behind: whether the
            // fast one keeps up must not depend on how busy the machine is.
            for (int i = 0; i < Messages; i++)
            {
                await publisher.PublishAsync("flood", i.ToString("D5") + padding, MqttQualityOfServiceLevel.AtLeastOnce);
                var m = await fast.NextAsync();
                Assert.AreEqual(i.ToString("D5"), m.Payload.Substring(0, 5));
            }
            Assert.IsTrue(broker.Statistics.DroppedQueueFull > 0, "the slow subscriber's queue overflowed (6 MB against a 4 KB window)");
            Assert.AreEqual(3, broker.Host.Listener.OpenConnections, "the slow subscriber is still connected");
        }

        [TestMethod]
        public void Stop_closes_every_connection_and_the_listening_socket()
        {
            var broker = new TestBroker();
            int port = broker.Port;
            using var client = new RawMqttClient(port);
            client.Send(RawMqttClient.Connect("c", 4));
            CollectionAssert.AreEqual(new byte[] { 0x20, 2, 0, 0 }, client.ReadPacket());

            broker.Dispose();

            Assert.IsTrue(client.WaitForClose());
            Assert.IsFalse(broker.Host.Listener.IsListening);
            Assert.AreEqual(0, broker.Host.Listener.OpenConnections);
            var refused = Assert.ThrowsExactly<SocketException>(() => new RawMqttClient(port));
            Assert.AreEqual(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }

        [TestMethod]
        public void Poll_loop_reports_work_from_any_endpoint_and_refuses_beyond_capacity()
        {
            var idle = new FakeEndpoint(false);
            var busy = new FakeEndpoint(true);
            var loop = new PollLoop(2);
            Assert.IsTrue(loop.Add(idle));
            Assert.IsFalse(loop.PollOnce(1));
            Assert.IsTrue(loop.Add(busy));
            Assert.IsFalse(loop.Add(new FakeEndpoint(true)));
            Assert.IsTrue(loop.PollOnce(2));
            Assert.AreEqual(2L, idle.LastNow);
            Assert.AreEqual(2L, busy.LastNow);
            loop.Stop();
            Assert.IsTrue(idle.Stopped && busy.Stopped);
        }

        private sealed class FakeEndpoint : IPollable
        {
            private readonly bool _works;

            public FakeEndpoint(bool works) => _works = works;

            public long LastNow { get; private set; } = -1;

            public bool Stopped { get; private set; }

            public bool PollOnce(long nowMs)
            {
                LastNow = nowMs;
                return _works;
            }

            public void Stop() => Stopped = true;
        }
    }
}
