using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Persistence;

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

            public int Length => _memory.Length;

            public int Read(int position, byte[] buffer, int offset, int count) => _memory.Read(position, buffer, offset, count);

            public void Append(byte[] buffer, int offset, int count)
            {
                _memory.Append(buffer, offset, count);
                Unsynced += count;
            }

            public void Sync() => Unsynced = 0;

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
