using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Broker.Tests.RealPeer;
using Nano.Mqtt.Broker;
using Nano.Mqtt.Persistence;
using Nano.Net;

namespace Nano.Broker.Tests.Persistence
{
    /// <summary>When the engine makes its records durable: before any output that acknowledges or announces them.</summary>
    [TestClass]
    public sealed class SyncPolicyTests
    {
        [TestMethod]
        public void A_PUBACK_is_handed_over_only_after_the_queued_message_is_synced()
        {
            var broker = new ScriptedBroker();
            BrokerPersistence store = Open(broker, out WatchedMedium medium);
            ScriptedClient s = broker.Connect("s", clean: false);
            s.Send(Packets.Subscribe(1, "t", 1));
            Assert.IsTrue(medium.Unsynced > 0, "the subscription is recorded");
            Assert.AreEqual("90", s.Next().Hex.Substring(0, 2));
            Assert.AreEqual(0, medium.Unsynced, "the SUBACK was handed over after the subscription was synced");
            s.Closed();
            ScriptedClient p = broker.Connect("p");
            long syncs = store.Syncs;
            p.Send(Packets.Publish("t", "kept", qos: 1, packetId: 5));
            Assert.IsTrue(medium.Unsynced > 0, "the message was recorded for the offline session");
            Assert.AreEqual(syncs, store.Syncs, "no sync before there is output");
            Assert.AreEqual("40020005", p.Next().Hex);
            Assert.AreEqual(0, medium.Unsynced);
            Assert.AreEqual(syncs + 1, store.Syncs, "one sync for the step");
        }

        [TestMethod]
        public void Publish_from_inside_the_host_is_durable_when_it_returns()
        {
            var broker = new ScriptedBroker();
            Open(broker, out WatchedMedium medium);
            byte[] topic = Encoding.ASCII.GetBytes("r");
            byte[] payload = Encoding.ASCII.GetBytes("retained");
            Assert.IsTrue(broker.Engine.Publish(topic, 0, 1, payload, 0, payload.Length, 1, true, broker.Now));
            Assert.AreEqual(0, medium.Unsynced, "a gateway may send its PUBACK now");
        }

        [TestMethod]
        public void A_listener_step_answering_many_connections_syncs_once_and_sends_nothing_before()
        {
            const int subscribers = 5;
            var options = new BrokerOptions { MaxConnections = subscribers + 1 };
            var engine = new BrokerEngine(options);
            var medium = new WatchedMedium();
            var store = new BrokerPersistence(medium);
            store.Open(engine, 0);
            var listener = new BrokerListener(engine, options) { Readiness = new Nano.Net.Desktop.SocketSelectReadiness() };
            listener.Start(IPAddress.Loopback, 0);
            var clients = new List<RawMqttClient>();
            try
            {
                long now = 0;
                for (int i = 0; i < subscribers; i++)
                {
                    var s = new RawMqttClient(listener.Port);
                    clients.Add(s);
                    s.Send(RawMqttClient.Connect("s" + i, 4, clean: false, keepAlive: 0));
                    Assert.AreEqual(0x20, Answer(listener, ref now, s)[0], "CONNACK");
                    s.Send(RawMqttClient.Subscribe(1, "t", 1));
                    Assert.AreEqual(0x90, Answer(listener, ref now, s)[0], "SUBACK");
                }
                var publisher = new RawMqttClient(listener.Port);
                clients.Add(publisher);
                publisher.Send(RawMqttClient.Connect("p", 4, keepAlive: 0));
                Assert.AreEqual(0x20, Answer(listener, ref now, publisher)[0], "CONNACK");

                int receivedAtFirstSync = -1;
                medium.Synced = () =>
                {
                    if (receivedAtFirstSync < 0)
                    {
                        receivedAtFirstSync = 0;
                        clients.ForEach(c => receivedAtFirstSync += c.Socket.Available);
                    }
                };
                long syncs = store.Syncs;
                // Two messages for each subscriber: the walk over connections with output moves each one's first into its
                // inflight window; the second enters it, with a record, while the listener reads that connection's output.
                byte[] first = RawMqttClient.Publish("t", new byte[] { 1 }, qos: 1, packetId: 7);
                byte[] second = RawMqttClient.Publish("t", new byte[] { 2 }, qos: 1, packetId: 8);
                byte[] both = new byte[first.Length + second.Length];
                first.CopyTo(both, 0);
                second.CopyTo(both, first.Length);
                publisher.Send(both);
                listener.ReadWaitMicroseconds = 5_000_000; // the step waits for the PUBLISH, then answers it
                listener.PollOnce(++now);

                Assert.AreEqual(syncs + 1, store.Syncs, "one sync for the 2 PUBACKs and the 10 PUBLISHes of one step");
                Assert.AreEqual(0, receivedAtFirstSync, "no byte reached any client before the sync");
                Assert.AreEqual("40020007", Convert.ToHexString(publisher.ReadPacket()));
                Assert.AreEqual("40020008", Convert.ToHexString(publisher.ReadPacket()));
                for (int i = 0; i < subscribers; i++)
                {
                    Assert.AreEqual(0x32, clients[i].ReadPacket()[0], "the first QoS 1 PUBLISH, sent in the same step");
                    Assert.AreEqual(0x32, clients[i].ReadPacket()[0], "the second");
                }
            }
            finally
            {
                listener.Stop();
                clients.ForEach(c => c.Dispose());
            }
        }

        [TestMethod]
        public void Clean_sessions_write_no_records()
        {
            var broker = new ScriptedBroker();
            BrokerPersistence store = Open(broker, out WatchedMedium medium);
            long records = store.RecordsWritten;
            ScriptedClient s = broker.Connect("s");
            s.Send(Packets.Subscribe(1, "t", 2));
            ScriptedClient p = broker.Connect("p");
            p.Send(Packets.Publish("t", "m", qos: 2, packetId: 5));
            p.Send(Packets.PubRel(5));
            Assert.AreEqual(2, p.Drain().Count);
            Assert.AreEqual(2, s.Drain().Count, "SUBACK and the PUBLISH");
            Assert.AreEqual(records, store.RecordsWritten);
        }

        /// <summary>Polls the listener until the client has bytes to read, then reads one packet.</summary>
        private static byte[] Answer(BrokerListener listener, ref long now, RawMqttClient client)
        {
            for (int spins = 0; client.Socket.Available == 0; spins++)
            {
                Assert.IsTrue(spins < 1_000_000, "no answer from the broker");
                listener.PollOnce(++now);
            }
            return client.ReadPacket();
        }

        private static BrokerPersistence Open(ScriptedBroker broker, out WatchedMedium medium)
        {
            medium = new WatchedMedium();
            var store = new BrokerPersistence(medium);
            store.Open(broker.Engine, broker.Now);
            return store;
        }

        /// <summary>A memory medium that counts the bytes appended since the last sync.</summary>
        private sealed class WatchedMedium : IStoreMedium
        {
            private readonly MemoryStoreMedium _memory = new MemoryStoreMedium(256);

            public int Unsynced;

            public Action Synced;

            public int Length => _memory.Length;

            public int Read(int position, byte[] buffer, int offset, int count) => _memory.Read(position, buffer, offset, count);

            public void Append(byte[] buffer, int offset, int count)
            {
                _memory.Append(buffer, offset, count);
                Unsynced += count;
            }

            public void Sync()
            {
                Unsynced = 0;
                Synced?.Invoke();
            }

            public void Truncate(int length) => _memory.Truncate(length);

            public void BeginReplace() => _memory.BeginReplace();

            public void CommitReplace()
            {
                _memory.CommitReplace();
                Unsynced = 0;
            }
        }
    }
}
