#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Broker;
using Nano.DeviceTests.Support;
using Nano.Mqtt.Persistence;

namespace Nano.DeviceTests.Persistence
{
    [TestClass]
    public class StoreDeviceTests
    {
        private static RecordLog _log;

        /// <summary>A persistent subscriber offline with one queued QoS 1 message, then a retained message (the last record).</summary>
        private static MemoryStoreMedium Stored()
        {
            MemoryStoreMedium medium = new MemoryStoreMedium(1024);
            Rig rig = new Rig();
            new BrokerPersistence(medium).Open(rig.Engine, rig.Now);
            RigClient s = rig.Connect("s", false, false);
            s.Send(Wire.Subscribe(1, "t", 1));
            Assert.AreEqual("9003000101", s.Next());
            s.Disconnect();
            RigClient p = rig.Connect("p");
            p.Send(Wire.Publish("t", "one", 1, 1, false));
            Assert.AreEqual("40020001", p.Next());
            p.Send(Wire.Publish("r", "kept", 1, 2, true));
            Assert.AreEqual("40020002", p.Next());
            return medium;
        }

        [TestMethod]
        public void A_broker_restarted_from_the_store_resumes_the_persistent_session_MQTT_3_1_2_4()
        {
            MemoryStoreMedium medium = Stored();
            Rig rig = new Rig();
            RecoveryReport report = new BrokerPersistence(medium).Open(rig.Engine, rig.Now);
            Assert.AreEqual((int)StoreDamage.None, (int)report.Damage);
            Assert.AreEqual(1, report.Sessions);
            Assert.AreEqual(1, report.Subscriptions);
            Assert.AreEqual(1, report.Queued);
            Assert.AreEqual(1, report.Retained);
            RigClient s = rig.Connect("s", false, true);
            Assert.AreEqual(Wire.PublishHex("t", "one", 1, 1, false, false), s.Next());
            s.Send(Wire.Subscribe(2, "r", 0));
            Assert.AreEqual("9003000200", s.Next());
            Assert.AreEqual(Wire.PublishHex("r", "kept", 0, 0, true, false), s.Next());
        }

        [TestMethod]
        public void A_torn_last_record_is_cut_off_and_the_rest_restored()
        {
            MemoryStoreMedium medium = Stored();
            int length = medium.Length;
            medium.Truncate(length - 3);
            Rig rig = new Rig();
            RecoveryReport report = new BrokerPersistence(medium).Open(rig.Engine, rig.Now);
            Assert.AreEqual((int)StoreDamage.Torn, (int)report.Damage);
            Assert.AreEqual(length - 3 - report.ValidBytes, report.DiscardedBytes);
            Assert.AreEqual(1, report.Queued);
            Assert.AreEqual(0, report.Retained);
        }

        [TestMethod]
        public void A_flipped_byte_stops_recovery_at_its_record()
        {
            MemoryStoreMedium medium = Stored();
            medium.Image[medium.Length - 6] ^= 0x01;
            Rig rig = new Rig();
            RecoveryReport report = new BrokerPersistence(medium).Open(rig.Engine, rig.Now);
            Assert.AreEqual((int)StoreDamage.Corrupt, (int)report.Damage);
            Assert.AreEqual(1, report.Sessions);
            Assert.AreEqual(0, report.Retained);
        }

        [TestMethod]
        public void Writing_a_record_allocates_nothing()
        {
            _log = new RecordLog(new MemoryStoreMedium(8192), 64);
            long bytes = Allocation.Measure(WriteQueued, 2, 100);
            Assert.AreEqual(0L, bytes, "bytes allocated by 100 record writes");
            long start = System.DateTime.UtcNow.Ticks;
            for (int i = 0; i < 100; i++)
            {
                WriteQueued();
            }
            long perRecord = (System.DateTime.UtcNow.Ticks - start) / 100 / 10;
            System.Console.WriteLine("store record (18 B, Queued): " + perRecord.ToString() + " us, 0 B allocated");
        }

        private static void WriteQueued()
        {
            _log.Begin(RecordKind.Queued);
            _log.PutInt(3);
            _log.PutInt(17);
            _log.PutByte(1);
            _log.End();
        }
    }
}
