using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Host;
using Nano.Mqtt.Broker;
using Nano.Mqtt.Persistence;

namespace Nano.Broker.Tests.Persistence
{
    /// <summary>The record log on real files: torn last writes, flipped bytes, compaction.</summary>
    [TestClass]
    public sealed class StoreFormatTests
    {
        private string _directory;

        [TestInitialize]
        public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("nano-store-").FullName;

        [TestCleanup]
        public void DeleteDirectory() => Directory.Delete(_directory, true);

        [TestMethod]
        public void A_last_record_torn_at_every_byte_offset_is_cut_off_and_the_others_are_kept()
        {
            string path = Path.Combine(_directory, "log");
            int lastStart = WriteRecords(path, 5);
            byte[] whole = File.ReadAllBytes(path);
            Assert.AreEqual(5, Read(path, out RecoveryReport intact).Count);
            Assert.AreEqual(StoreDamage.None, intact.Damage);
            for (int cut = lastStart + 1; cut < whole.Length; cut++)
            {
                string torn = Path.Combine(_directory, "torn" + cut);
                File.WriteAllBytes(torn, whole.AsSpan(0, cut).ToArray());
                List<string> records = Read(torn, out RecoveryReport report);
                Assert.AreEqual(4, records.Count, "cut at " + cut);
                Assert.AreEqual(StoreDamage.Torn, report.Damage, "cut at " + cut);
                Assert.AreEqual(lastStart, report.ValidBytes, "cut at " + cut);
                Assert.AreEqual(cut - lastStart, report.DiscardedBytes, "cut at " + cut);
                Assert.AreEqual(lastStart, new FileInfo(torn).Length, "the torn end is truncated away, cut at " + cut);
                Assert.AreEqual(4, Read(torn, out RecoveryReport again).Count);
                Assert.AreEqual(StoreDamage.None, again.Damage, "a second start finds a clean log");
            }
        }

        [TestMethod]
        public void A_flipped_byte_anywhere_in_a_record_stops_recovery_before_it()
        {
            string path = Path.Combine(_directory, "log");
            WriteRecords(path, 5);
            byte[] whole = File.ReadAllBytes(path);
            var starts = RecordStarts(whole);
            for (int at = starts[2]; at < starts[3]; at++)
            {
                string flipped = Path.Combine(_directory, "flip" + at);
                byte[] damaged = (byte[])whole.Clone();
                damaged[at] ^= 0x10;
                File.WriteAllBytes(flipped, damaged);
                List<string> records = Read(flipped, out RecoveryReport report);
                Assert.AreEqual(2, records.Count, "flip at " + at);
                Assert.AreNotEqual(StoreDamage.None, report.Damage, "flip at " + at);
                Assert.AreEqual(starts[2], report.ValidBytes, "flip at " + at);
                if (at >= starts[2] + 4)
                {
                    Assert.AreEqual(StoreDamage.Corrupt, report.Damage, "a flip after the length field fails the CRC, at " + at);
                }
            }
        }

        [TestMethod]
        public void Compaction_keeps_exactly_the_live_state()
        {
            string path = Path.Combine(_directory, "nano.db");
            var a = new ScriptedBroker();
            using (var medium = new FileStoreMedium(path))
            {
                var store = new BrokerPersistence(medium);
                store.Open(a.Engine, a.Now);
                BuildState(a);
                medium.Sync();
                File.Copy(path, path + ".uncompacted");
                long before = new FileInfo(path).Length;
                store.Compact();
                long after = new FileInfo(path).Length;
                Console.WriteLine("log " + before + " bytes, snapshot " + after + " bytes");
                Assert.IsTrue(after < before / 2, "compaction dropped the dead records: " + before + " -> " + after);
            }
            string compacted = Observe(path);
            string replayed = Observe(path + ".uncompacted");
            Console.WriteLine(compacted);
            Assert.AreEqual(replayed, compacted);
            StringAssert.StartsWith(compacted, "sessions 3, subscriptions 2, retained 1;");
            StringAssert.Contains(compacted, "a: 34 t/0 m0 id1 | 32 t/1 m1 id2 | 32 t/2 m2 id3 | 32 t/3 m3 id4 ");
            StringAssert.Contains(compacted, "b: 62 id1 | 3A t/2 m2 id3 | 3A t/3 m3 id4 | 3A t/4 m4 id5 ");
            StringAssert.Contains(compacted, "q: 50 id9 ");
            StringAssert.Contains(compacted, "retained: 90 id1 | 33 r/1 v19 id1");
        }

        /// <summary>Three persistent sessions and one clean one, with subscriptions added and removed, messages queued,
        /// inflight, released and awaiting PUBREL, and retained values replaced 20 times and cleared.</summary>
        private static void BuildState(ScriptedBroker broker)
        {
            ScriptedClient a = broker.Connect("a", clean: false);
            a.Send(Packets.Subscribe(1, "t/#", 2, "x/y", 1));
            a.Send(Packets.Unsubscribe(2, "x/y"));
            a.Drain();
            a.Closed();
            ScriptedClient b = broker.Connect("b", clean: false);
            b.Send(Packets.Subscribe(1, "t/#", 2));
            ScriptedClient c = broker.Connect("c", clean: true);
            c.Send(Packets.Subscribe(1, "t/#", 2));
            ScriptedClient p = broker.Connect("p", clean: true);
            for (int i = 0; i < 20; i++)
            {
                p.Send(Packets.Publish("r/1", "v" + i, qos: 1, packetId: 100 + i, retain: true));
                p.Drain();
            }
            p.Send(Packets.Publish("r/2", "gone", qos: 1, packetId: 200, retain: true));
            p.Drain();
            p.Send(Packets.Publish("r/2", "", qos: 1, packetId: 201, retain: true));
            p.Drain();
            b.Drain();
            for (int i = 0; i < 6; i++)
            {
                p.Send(Packets.Publish("t/" + i, "m" + i, qos: i == 0 ? 2 : 1, packetId: 300 + i));
                p.Drain();
            }
            Assert.AreEqual(4, b.Drain().Count, "b's inflight window is full");
            b.Send(Packets.Concat(Packets.PubRec(1), Packets.PubAck(2)));
            b.Drain();
            ScriptedClient q = broker.Connect("q", clean: false);
            q.Send(Packets.Publish("u/1", "unreleased", qos: 2, packetId: 9));
            q.Drain();
            c.Drain();
        }

        /// <summary>The observable state of a broker opened from the store: counts, then what each persistent client receives
        /// when it reconnects, then the retained messages a new subscriber gets.</summary>
        private static string Observe(string path)
        {
            var broker = new ScriptedBroker();
            using var medium = new FileStoreMedium(path);
            new BrokerPersistence(medium).Open(broker.Engine, broker.Now);
            var text = new StringBuilder();
            text.Append("sessions ").Append(broker.Engine.SessionCount).Append(", subscriptions ").Append(broker.Engine.SubscriptionCount)
                .Append(", retained ").Append(broker.Engine.RetainedCount).Append(';');
            foreach (string id in new[] { "a", "b", "q" })
            {
                ScriptedClient c = broker.Connect(id, clean: false, sessionPresent: true);
                if (id == "q")
                {
                    c.Send(Packets.Publish("u/1", "unreleased", qos: 2, packetId: 9, dup: true));
                }
                text.Append(' ').Append(id).Append(": ").Append(Describe(c.Drain()));
            }
            ScriptedClient reader = broker.Connect("reader");
            reader.Send(Packets.Subscribe(1, "#", 1));
            text.Append(" retained: ").Append(Describe(reader.Drain()));
            return text.ToString();
        }

        private static string Describe(List<Received> packets)
        {
            var text = new StringBuilder();
            foreach (Received r in packets)
            {
                text.Append(r.Bytes[0].ToString("X2"));
                if (r.IsPublish)
                {
                    int p = r.BodyOffset + 2 + r.Topic.Length + (r.Qos > 0 ? 2 : 0);
                    text.Append(' ').Append(r.Topic).Append(' ').Append(Encoding.UTF8.GetString(r.Bytes, p, r.Bytes.Length - p));
                }
                if (!r.IsPublish || r.Qos > 0)
                {
                    text.Append(" id").Append(r.PacketId);
                }
                text.Append(" | ");
            }
            return text.Length > 3 ? text.ToString(0, text.Length - 2) : "";
        }

        /// <summary>Writes <paramref name="count"/> records of several kinds and sizes; returns where the last one starts.</summary>
        private static int WriteRecords(string path, int count)
        {
            using var medium = new FileStoreMedium(path);
            var log = new RecordLog(medium, 8);
            int lastStart = 0;
            for (int i = 0; i < count; i++)
            {
                lastStart = medium.Length;
                log.Begin(RecordKind.Retained);
                log.PutByte(i % 3);
                log.PutInt(3);
                log.PutBytes(Encoding.ASCII.GetBytes("t/" + i + new string('x', i * 7)), 0, 3 + i * 7);
                log.End();
                medium.Sync();
            }
            return lastStart;
        }

        private static List<string> Read(string path, out RecoveryReport report)
        {
            var sink = new Collector();
            report = new RecoveryReport();
            using var medium = new FileStoreMedium(path);
            RecordLog.Recover(medium, sink, report);
            return sink.Records;
        }

        private static List<int> RecordStarts(byte[] log)
        {
            var starts = new List<int>();
            for (int p = 0; p < log.Length; p += 4 + BitConverter.ToInt32(log, p) + 4)
            {
                starts.Add(p);
            }
            starts.Add(log.Length);
            return starts;
        }

        private sealed class Collector : IRecordSink
        {
            public readonly List<string> Records = new List<string>();

            public void Apply(RecordKind kind, byte[] data, int offset, int count) =>
                Records.Add(kind + " " + Convert.ToHexString(data, offset, count));
        }
    }
}
