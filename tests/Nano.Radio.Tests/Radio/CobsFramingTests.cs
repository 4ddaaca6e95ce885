using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Radio;
using static Nano.Radio.Tests.Radio.FrameFeeder;

namespace Nano.Radio.Tests.Radio
{
    [TestClass]
    public sealed class CobsFramingTests
    {
        // Payload 11 22 00 33 + CRC 0x0745: COBS 03 11 22 04 33 07 45 (the paper's 11 22 00 33 example
        // with two more octets), between 0x00 delimiters.
        private const string Vector = "00 03 11 22 04 33 07 45 00";

        [TestMethod]
        public void Encodes_the_vector()
        {
            CollectionAssert.AreEqual(Hex(Vector), Encode(new CobsFraming(64), null, Hex("11 22 00 33")));
            CollectionAssert.AreEqual(Hex("00 03 03 0C 03 D0 A1 00"), Encode(new CobsFraming(64), null, Hex("03 0C 00")));
        }

        [TestMethod]
        public void Decodes_the_vector_at_every_split_point()
        {
            byte[] stream = Concat(Hex(Vector), Hex(Vector));
            for (int split = 0; split <= stream.Length; split++)
            {
                List<ReceivedFrame> frames = FeedSplit(new CobsFraming(64), stream, split);
                Assert.AreEqual(2, frames.Count, "split " + split);
                CollectionAssert.AreEqual(Hex("11 22 00 33"), frames[0].Payload);
            }
        }

        [TestMethod]
        public void Runs_around_254_octets_round_trip_and_measure_exactly()
        {
            foreach (int length in new[] { 1, 252, 253, 254, 255, 256, 300, 508, 509, 600 })
            {
                foreach (bool zeros in new[] { false, true })
                {
                    var payload = new byte[length];
                    for (int i = 0; i < length; i++)
                    {
                        payload[i] = zeros && i % 97 == 5 ? (byte)0 : (byte)(1 + i % 250);
                    }

                    var framing = new CobsFraming(600);
                    byte[] frame = Encode(framing, null, payload);
                    for (int i = 1; i < frame.Length - 1; i++)
                    {
                        Assert.AreNotEqual(0, frame[i], "zero inside the frame");
                    }

                    Assert.IsTrue(frame.Length <= length + 2 + 2 + 1 + (length + 2) / 254, "overhead for " + length);
                    List<ReceivedFrame> frames = Feed(new CobsFraming(600), frame, 7);
                    Assert.AreEqual(1, frames.Count, "length " + length);
                    CollectionAssert.AreEqual(payload, frames[0].Payload, "length " + length);
                }
            }
        }

        [TestMethod]
        public void Bad_crc_is_dropped_and_counted()
        {
            var framing = new CobsFraming(64);
            List<ReceivedFrame> frames = Feed(framing, Concat(Hex("00 03 11 22 04 33 07 46 00"), Hex(Vector)), 1);
            Assert.AreEqual(1, frames.Count);
            Assert.AreEqual(1, framing.ChecksumErrors);
        }

        [TestMethod]
        public void Truncated_block_and_garbage_resynchronise_at_the_next_delimiter()
        {
            var framing = new CobsFraming(64);
            List<ReceivedFrame> frames = Feed(framing, Concat(Hex("00 05 11 22 00 7F 13"), Hex(Vector)), 1);
            Assert.AreEqual(1, frames.Count);
            Assert.AreEqual(2, framing.MalformedFrames);
        }

        [TestMethod]
        public void Oversize_frame_is_rejected_and_counted()
        {
            var framing = new CobsFraming(8);
            byte[] big = Encode(new CobsFraming(64), null, new byte[20]);
            List<ReceivedFrame> frames = Feed(framing, Concat(big, Hex(Vector)), 3);
            Assert.AreEqual(1, frames.Count);
            Assert.AreEqual(1, framing.OversizeFrames);
        }
    }
}
