using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Radio;

namespace Nano.Radio.Tests.Radio
{
    [TestClass]
    public sealed class FramingAllocationTests
    {
        [TestMethod]
        [DataRow("xbee1")]
        [DataRow("xbee2")]
        [DataRow("twelite")]
        [DataRow("slip")]
        [DataRow("cobs")]
        public void Encode_and_decode_allocate_nothing_per_frame(string name)
        {
            RadioFraming framing = RadioStreams.Create(name);
            var random = new Random(3);
            byte[] address = RadioStreams.RandomAddress(framing, random);
            var payload = new byte[40];
            random.NextBytes(payload);
            payload[3] = 0x7E;
            payload[4] = 0xC0;
            payload[5] = 0x00;
            byte[] received = RadioStreams.Received(framing, name, address, payload);
            var transmit = new byte[256];

            int frames = RunFrames(framing, address, payload, received, transmit, 100);
            Assert.AreEqual(100, frames);
            long before = GC.GetAllocatedBytesForCurrentThread();
            frames = RunFrames(framing, address, payload, received, transmit, 10_000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual(10_000, frames);
            Assert.AreEqual(0L, allocated);
        }

        private static int RunFrames(RadioFraming framing, byte[] address, byte[] payload, byte[] received,
            byte[] transmit, int count)
        {
            int frames = 0;
            for (int i = 0; i < count; i++)
            {
                if (framing.WriteFrame(address, 0, payload, 0, payload.Length, transmit, 0) <= 0)
                {
                    return -1;
                }

                int used = 0;
                while (true)
                {
                    used += framing.Feed(received, used, received.Length - used);
                    if (framing.FrameKind == RadioFrameKind.None)
                    {
                        break;
                    }

                    if (framing.PayloadLength == payload.Length && framing.Buffer[framing.PayloadOffset + 3] == 0x7E)
                    {
                        frames++;
                    }
                }
            }

            return frames;
        }
    }
}
