#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.MqttSn.Client;
using Nano.MqttSn.Codec;

namespace Nano.DeviceTests.SnClient
{
    /// <summary>The SN client allocates nothing per publish, per received PUBLISH and per sleep-cycle ping (design §3).</summary>
    [TestClass]
    public class SnClientAllocationDeviceTests
    {
        private const int Warmups = 5;
        private const int Iterations = 100;
        private static ClientScript _s;
        private static byte[] _data;
        private static byte[] _out;
        private static byte[] _ack;
        private static byte[] _received;
        private static byte[] _pingResp;
        private static int _failures;

        private static void Setup(ClientScript s)
        {
            _s = s;
            _data = Hex.Parse("32 31 2E 35");
            _out = new byte[128];
            _ack = Hex.Parse("07 0D 00 01 00 00 00");
            _pingResp = Hex.Parse("02 17");
            _failures = 0;
        }

        private static void Drain()
        {
            bool broadcast;
            while (_s.Client.NextDatagram(_out, 0, out broadcast) > 0)
            {
            }
        }

        private static void Count(SnClientResult r)
        {
            if (r != SnClientResult.Ok)
            {
                _failures++;
            }
        }

        private static void Count(SnError e)
        {
            if (e != SnError.None)
            {
                _failures++;
            }
        }

        private static void PublishQos0()
        {
            int msgId;
            Count(_s.Client.Publish(0, SnTopicIdType.Predefined, 1, false, _data, 0, _data.Length, _s.Now, out msgId));
            Drain();
        }

        private static void PublishQosMinusOne()
        {
            int msgId;
            Count(_s.Client.Publish(SnQos.MinusOne, SnTopicIdType.Predefined, 1, false, _data, 0, _data.Length, _s.Now, out msgId));
            Drain();
        }

        private static void PublishQos1()
        {
            int msgId;
            Count(_s.Client.Publish(1, SnTopicIdType.Predefined, 1, false, _data, 0, _data.Length, _s.Now, out msgId));
            Drain();
            _ack[4] = (byte)(msgId >> 8);
            _ack[5] = (byte)msgId;
            Count(_s.Client.Receive(_ack, 0, _ack.Length, _s.Now));
        }

        private static void PublishQos1Queued()
        {
            int first;
            int second;
            Count(_s.Client.Publish(1, SnTopicIdType.Predefined, 1, false, _data, 0, _data.Length, _s.Now, out first));
            Count(_s.Client.Publish(1, SnTopicIdType.Predefined, 1, false, _data, 0, _data.Length, _s.Now, out second));
            Drain();
            Acknowledge(first);
            Drain();
            Acknowledge(second);
        }

        private static void Acknowledge(int msgId)
        {
            _ack[4] = (byte)(msgId >> 8);
            _ack[5] = (byte)msgId;
            Count(_s.Client.Receive(_ack, 0, _ack.Length, _s.Now));
        }

        private static void ReceivePublish()
        {
            Count(_s.Client.Receive(_received, 0, _received.Length, _s.Now));
            Drain();
        }

        private static void SleepCyclePing()
        {
            _s.Now += 60000;
            Count(_s.Client.Wake(_s.Now));
            Drain();
            Count(_s.Client.Receive(_pingResp, 0, _pingResp.Length, _s.Now));
        }

        private static void AssertNothingAllocated(Operation op, string what)
        {
            long bytes = Allocation.Measure(op, Warmups, Iterations);
            Assert.AreEqual(0, _failures, what + " failed");
            Assert.AreEqual(0L, bytes, what + " allocated");
        }

        [TestMethod]
        public void Publish_qos0_allocates_nothing()
        {
            Setup(ClientScript.Connected());
            AssertNothingAllocated(PublishQos0, "QoS 0 PUBLISH");
        }

        [TestMethod]
        public void Publish_qos_minus_one_allocates_nothing()
        {
            Setup(new ClientScript(false));
            AssertNothingAllocated(PublishQosMinusOne, "QoS -1 PUBLISH");
        }

        [TestMethod]
        public void Publish_qos1_and_its_PUBACK_allocate_nothing()
        {
            Setup(ClientScript.Connected());
            AssertNothingAllocated(PublishQos1, "QoS 1 PUBLISH + PUBACK");
            Assert.AreEqual(Warmups + Iterations, _s.Events.Completed);
        }

        [TestMethod]
        public void A_qos1_PUBLISH_queued_behind_another_and_both_PUBACKs_allocate_nothing()
        {
            Setup(ClientScript.Connected());
            AssertNothingAllocated(PublishQos1Queued, "two QoS 1 PUBLISH, the second queued, + PUBACKs");
            Assert.AreEqual(2 * (Warmups + Iterations), _s.Events.Completed);
        }

        [TestMethod]
        public void A_received_PUBLISH_on_a_registered_id_is_handed_its_name_without_allocating_section_6_10()
        {
            Setup(ClientScript.Connected());
            _received = Hex.Parse("09 0A 00 07 00 01 61 2F 63");
            Count(_s.Client.Receive(_received, 0, _received.Length, _s.Now));
            Drain();
            _received = Hex.Parse("0B 0C 00 00 07 00 00 32 31 2E 35");
            AssertNothingAllocated(ReceivePublish, "received QoS 0 PUBLISH on a registered id");
            Assert.AreEqual(3, _s.Events.LastTopicNameLength);
        }

        [TestMethod]
        public void A_received_qos0_PUBLISH_allocates_nothing()
        {
            Setup(ClientScript.Connected());
            _received = Hex.Parse("0B 0C 01 00 01 00 00 32 31 2E 35");
            AssertNothingAllocated(ReceivePublish, "received QoS 0 PUBLISH");
            Assert.AreEqual(Warmups + Iterations, _s.Events.Messages);
        }

        [TestMethod]
        public void A_received_qos1_PUBLISH_and_the_PUBACK_allocate_nothing()
        {
            Setup(ClientScript.Connected());
            _received = Hex.Parse("0B 0C 21 00 01 00 05 32 31 2E 35");
            AssertNothingAllocated(ReceivePublish, "received QoS 1 PUBLISH");
            Assert.AreEqual(Warmups + Iterations, _s.Events.Messages);
        }

        [TestMethod]
        public void A_sleep_cycle_ping_allocates_nothing_section_6_14()
        {
            ClientScript s = ClientScript.Connected();
            Setup(s);
            Count(s.Client.Sleep(600, s.Now));
            Drain();
            byte[] disconnect = Hex.Parse("02 18");
            Count(s.Client.Receive(disconnect, 0, disconnect.Length, s.Now));
            AssertNothingAllocated(SleepCyclePing, "wake PINGREQ + PINGRESP");
            Assert.AreEqual(1 + Warmups + Iterations, s.Events.Asleep);
        }
    }
}
