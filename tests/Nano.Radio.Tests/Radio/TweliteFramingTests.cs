using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Radio;
using static Nano.Radio.Tests.Radio.FrameFeeder;

namespace Nano.Radio.Tests.Radio
{
    [TestClass]
    public sealed class TweliteFramingTests
    {
        // App_Uart manual worked example: "HELLO" to the parent, and as the parent outputs it.
        private const string SendExample = "A5 5A 80 07 00 01 48 45 4C 4C 4F 43 04";
        private const string ReceiveExample = "A5 5A 80 07 78 01 48 45 4C 4C 4F 3B 04";

        [TestMethod]
        public void Encodes_the_App_Uart_manual_example()
        {
            var framing = new TweliteFraming();
            CollectionAssert.AreEqual(Hex(SendExample), Encode(framing, new[] { TweliteFraming.Parent }, Hex("48 45 4C 4C 4F")));
        }

        [TestMethod]
        public void Decodes_the_App_Uart_manual_example_with_source_78()
        {
            var framing = new TweliteFraming();
            List<ReceivedFrame> frames = Feed(framing, Hex(ReceiveExample), 1);
            Assert.AreEqual(1, frames.Count);
            CollectionAssert.AreEqual(new byte[] { 0x78 }, frames[0].Address);
            CollectionAssert.AreEqual(Hex("48 45 4C 4C 4F"), frames[0].Payload);
            Assert.AreEqual(0, framing.DiscardedBytes, "the EOT after a frame is not noise");
        }

        [TestMethod]
        public void End_of_transmission_is_optional_on_input()
        {
            var framing = new TweliteFraming();
            byte[] withoutEot = Hex("A5 5A 80 07 78 01 48 45 4C 4C 4F 3B");
            Assert.AreEqual(2, Feed(framing, Concat(withoutEot, withoutEot), 5).Count);
            Assert.AreEqual(0, framing.DiscardedBytes);
        }

        [TestMethod]
        public void Length_without_the_MSB_set_is_not_a_header()
        {
            var framing = new TweliteFraming();
            List<ReceivedFrame> frames = Feed(framing, Concat(Hex("A5 5A 00 07 78 01"), Hex(ReceiveExample)), 1);
            Assert.AreEqual(1, frames.Count);
            Assert.AreEqual(6, framing.DiscardedBytes);
        }

        [TestMethod]
        public void Bad_xor_is_dropped_and_counted()
        {
            var framing = new TweliteFraming();
            byte[] bad = Hex(ReceiveExample);
            bad[11] = 0x3C;
            List<ReceivedFrame> frames = Feed(framing, Concat(bad, Hex(ReceiveExample)), 4);
            Assert.AreEqual(1, frames.Count);
            Assert.AreEqual(1, framing.ChecksumErrors);
        }

        [TestMethod]
        public void Other_commands_and_local_module_messages_are_skipped_and_counted()
        {
            var framing = new TweliteFraming();
            byte[] otherCommand = Frame(0x05, 0x02, Hex("AA"));
            byte[] extended = Frame(0x05, 0xA0, Hex("01 02 03"));
            byte[] local = Frame(TweliteFraming.LocalModule, 0xF0, Hex("01"));
            List<ReceivedFrame> frames = Feed(framing, Concat(otherCommand, extended, local, Hex(ReceiveExample)), 3);
            Assert.AreEqual(1, frames.Count);
            Assert.AreEqual(3, framing.SkippedFrames);
        }

        [TestMethod]
        public void Broadcast_to_all_children_uses_logical_id_78()
        {
            var framing = new TweliteFraming();
            byte[] frame = Encode(framing, new[] { TweliteFraming.AllChildren }, Hex("03 0C 00"));
            CollectionAssert.AreEqual(Hex("A5 5A 80 05 78 01 03 0C 00 76 04"), frame);
        }

        [TestMethod]
        public void Garbage_truncated_and_every_split_point_resynchronise()
        {
            byte[] good = Hex(ReceiveExample);
            byte[] stream = Concat(Hex("A5 00 5A 13"), good.AsSpan(0, 7).ToArray(), good, Hex("A5 5A"), good);
            for (int split = 0; split <= stream.Length; split++)
            {
                var framing = new TweliteFraming();
                List<ReceivedFrame> frames = FeedSplit(framing, stream, split);
                Assert.AreEqual(2, frames.Count, "split " + split);
                CollectionAssert.AreEqual(Hex("48 45 4C 4C 4F"), frames[0].Payload);
                CollectionAssert.AreEqual(Hex("48 45 4C 4C 4F"), frames[1].Payload);
            }
        }

        [TestMethod]
        public void Oversize_frames_are_rejected_and_counted()
        {
            var framing = new TweliteFraming(0x01, 16);
            byte[] big = Frame(0x05, 0x01, new byte[40]);
            List<ReceivedFrame> frames = Feed(framing, Concat(big, Hex(ReceiveExample)), 1);
            Assert.AreEqual(1, frames.Count);
            Assert.AreEqual(1, framing.OversizeFrames);
            Assert.AreEqual(-1, framing.MeasureFrame(new byte[1], 0, new byte[17], 0, 17));
        }

        internal static byte[] Frame(byte logicalId, byte command, byte[] data)
        {
            var frame = new List<byte> { 0xA5, 0x5A, (byte)(0x80 | ((data.Length + 2) >> 8)), (byte)(data.Length + 2), logicalId, command };
            frame.AddRange(data);
            int xor = 0;
            for (int i = 4; i < frame.Count; i++)
            {
                xor ^= frame[i];
            }

            frame.Add((byte)xor);
            frame.Add(0x04);
            return frame.ToArray();
        }
    }
}
