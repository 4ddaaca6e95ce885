#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.MqttSn.Radio;

namespace Nano.DeviceTests.Radio
{
    /// <summary>Every framing encodes and decodes a frame without allocating (design §3).</summary>
    [TestClass]
    public class RadioFramingAllocationDeviceTests
    {
        private const int Warmups = 5;
        private const int Iterations = 100;
        private static RadioFraming _framing;
        private static byte[] _address;
        private static byte[] _payload;
        private static byte[] _frame;
        private static byte[] _received;
        private static int _frames;

        private static void Setup(RadioFraming framing, string address, string received)
        {
            _framing = framing;
            _address = address == null ? null : Hex.Parse(address);
            _payload = Hex.Parse("0B 0C 30 00 01 00 02 7E 7D 11 13 C0 DB 00");
            _frame = new byte[128];
            _received = received == null ? null : Hex.Parse(received);
            _frames = 0;
        }

        private static void Encode()
        {
            _framing.WriteFrame(_address, 0, _payload, 0, _payload.Length, _frame, 0);
        }

        private static void EncodeAndDecode()
        {
            int n = _framing.WriteFrame(_address, 0, _payload, 0, _payload.Length, _frame, 0);
            FeedAll(_frame, n);
        }

        private static void Decode()
        {
            FeedAll(_received, _received.Length);
        }

        private static void FeedAll(byte[] data, int count)
        {
            int used = 0;
            while (true)
            {
                used += _framing.Feed(data, used, count - used);
                if (_framing.FrameKind == RadioFrameKind.None)
                {
                    return;
                }

                _frames++;
            }
        }

        private static void AssertNothingAllocated(Operation op, string what, bool decodes)
        {
            long bytes = Allocation.Measure(op, Warmups, Iterations);
            Assert.AreEqual(0L, bytes, what + " allocated");
            if (decodes)
            {
                Assert.AreEqual(Warmups + Iterations, _frames, what + " frames decoded");
            }
        }

        [TestMethod]
        public void XBee_api1_transmit_request_encoding_allocates_nothing()
        {
            Setup(new XBeeFraming(false, 84), "00 13 A2 00 40 0A 01 27 FF FE", null);
            AssertNothingAllocated(Encode, "XBee API 1 encode", false);
        }

        [TestMethod]
        public void XBee_api2_escaped_encoding_and_receive_decoding_allocate_nothing()
        {
            Setup(new XBeeFraming(true, 84), "00 13 A2 00 40 0A 01 27 FF FE",
                "7E 00 12 90 00 13 A2 00 40 52 2B AA 7D 5D 84 01 52 78 44 61 74 61 0D");
            AssertNothingAllocated(Encode, "XBee API 2 encode", false);
            AssertNothingAllocated(Decode, "XBee API 2 decode", true);
        }

        [TestMethod]
        public void XBee_api1_receive_decoding_allocates_nothing()
        {
            Setup(new XBeeFraming(false, 84), null, "7E 00 12 90 00 13 A2 00 40 52 2B AA 7D 84 01 52 78 44 61 74 61 0D");
            AssertNothingAllocated(Decode, "XBee API 1 decode", true);
        }

        [TestMethod]
        public void Twelite_encoding_and_decoding_allocate_nothing()
        {
            Setup(new TweliteFraming(), "00", "A5 5A 80 07 78 01 48 45 4C 4C 4F 3B 04");
            AssertNothingAllocated(Encode, "TWELITE encode", false);
            AssertNothingAllocated(Decode, "TWELITE decode", true);
        }

        [TestMethod]
        public void Slip_encoding_and_decoding_allocate_nothing()
        {
            Setup(new SlipFraming(64), null, null);
            AssertNothingAllocated(EncodeAndDecode, "SLIP", true);
        }

        [TestMethod]
        public void Cobs_encoding_and_decoding_allocate_nothing()
        {
            Setup(new CobsFraming(64), null, null);
            AssertNothingAllocated(EncodeAndDecode, "COBS", true);
        }
    }
}
