using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Radio;
using static Nano.Radio.Tests.Radio.FrameFeeder;

namespace Nano.Radio.Tests.Radio
{
    [TestClass]
    public sealed class SlipFramingTests
    {
        // Payload C0 DB 01, CRC-16/CCITT-FALSE 0x3397: both data escapes, END before and after.
        private const string EscapeVector = "C0 DB DC DB DD 01 33 97 C0";

        [TestMethod]
        public void Crc16_ccitt_false_check_value_is_29B1()
        {
            byte[] check = System.Text.Encoding.ASCII.GetBytes("123456789");
            Assert.AreEqual(0x29B1, Crc16CcittFalse.Compute(check, 0, check.Length));
        }

        [TestMethod]
        public void Encodes_END_and_ESC_escapes_RFC_1055()
        {
            var framing = new SlipFraming(64);
            CollectionAssert.AreEqual(Hex(EscapeVector), Encode(framing, null, Hex("C0 DB 01")));
        }

        [TestMethod]
        public void Escaped_CRC_octets_round_trip()
        {
            var framing = new SlipFraming(64);
            for (int value = 0; value < 256; value++)
            {
                byte[] payload = { (byte)value, 0xC0, (byte)(255 - value) };
                byte[] frame = Encode(framing, null, payload);
                List<ReceivedFrame> frames = Feed(new SlipFraming(64), frame, 1);
                Assert.AreEqual(1, frames.Count);
                CollectionAssert.AreEqual(payload, frames[0].Payload);
                Assert.AreEqual(0, frames[0].Address.Length);
            }
        }

        [TestMethod]
        public void Decodes_the_escape_vector_at_every_split_point()
        {
            byte[] stream = Concat(Hex(EscapeVector), Hex(EscapeVector));
            for (int split = 0; split <= stream.Length; split++)
            {
                List<ReceivedFrame> frames = FeedSplit(new SlipFraming(64), stream, split);
                Assert.AreEqual(2, frames.Count, "split " + split);
                CollectionAssert.AreEqual(Hex("C0 DB 01"), frames[1].Payload);
            }
        }

        [TestMethod]
        public void Bad_crc_is_dropped_and_counted()
        {
            var framing = new SlipFraming(64);
            List<ReceivedFrame> frames = Feed(framing, Concat(Hex("C0 DB DC DB DD 01 33 98 C0"), Hex(EscapeVector)), 2);
            Assert.AreEqual(1, frames.Count);
            Assert.AreEqual(1, framing.ChecksumErrors);
        }

        [TestMethod]
        public void Invalid_escape_and_short_frames_are_malformed()
        {
            var framing = new SlipFraming(64);
            List<ReceivedFrame> frames = Feed(framing, Concat(Hex("C0 01 DB 02 03 04 C0 C0 05 06 C0"), Hex(EscapeVector)), 1);
            Assert.AreEqual(1, frames.Count);
            Assert.AreEqual(2, framing.MalformedFrames);
            Assert.AreEqual(0, framing.ChecksumErrors);
        }

        [TestMethod]
        public void Garbage_and_truncated_frame_resynchronise_at_the_next_END()
        {
            var framing = new SlipFraming(64);
            byte[] tail = Hex(EscapeVector).AsSpan(4).ToArray();
            List<ReceivedFrame> frames = Feed(framing, Concat(tail, Hex("13 37"), Hex(EscapeVector)), 1);
            Assert.AreEqual(1, frames.Count);
            Assert.AreEqual(1, framing.ChecksumErrors);
        }

        [TestMethod]
        public void Oversize_frame_is_rejected_and_counted()
        {
            var framing = new SlipFraming(8);
            byte[] big = Encode(new SlipFraming(64), null, new byte[20]);
            List<ReceivedFrame> frames = Feed(framing, Concat(big, Hex(EscapeVector)), 3);
            Assert.AreEqual(1, frames.Count);
            Assert.AreEqual(1, framing.OversizeFrames);
            Assert.AreEqual(-1, framing.MeasureFrame(null, 0, new byte[9], 0, 9));
        }

        [TestMethod]
        public void Abandoned_partial_frame_is_counted_and_next_frame_decodes()
        {
            var framing = new SlipFraming(64);
            Assert.AreEqual(0, Feed(framing, Hex("C0 01 02"), 1).Count);
            framing.AbandonPartialFrame();
            Assert.AreEqual(1, framing.MalformedFrames);
            Assert.AreEqual(1, Feed(framing, Hex(EscapeVector), 9).Count);
        }
    }
}
