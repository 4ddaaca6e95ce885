using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Codec;
using static Nano.Mqtt.Tests.TestBytes;

namespace Nano.Mqtt.Tests
{
    [TestClass]
    public sealed class FrameReaderTests
    {
        private static readonly string[] Packets =
        {
            "100C00044D515454040200050000",        // CONNECT
            "3209000361 2F62 0001 7878",           // PUBLISH QoS 1 "a/b" id 1 payload "xx"
            "C000",                                // PINGREQ
            "82080002 0003 612F23 01",             // SUBSCRIBE "a/#" QoS 1
            "E000",                                // DISCONNECT
        };

        private static byte[] Stream(bool withLargePublish, string tail)
        {
            var all = new List<byte>();
            foreach (string p in Packets)
            {
                all.AddRange(Hex(p));
            }

            if (withLargePublish)
            {
                // 130-byte body: a two-byte remaining length.
                var publish = new PublishPacket { Topic = Slice("t"), Payload = new ByteSlice(new byte[127], 0, 127) };
                byte[] b = new byte[publish.GetSize()];
                publish.Encode(b, 0);
                all.InsertRange(14, b);
            }

            all.AddRange(Hex(tail));
            return all.ToArray();
        }

        /// <summary>Feeds the stream in the given chunks; returns every packet (hex) and the last status.</summary>
        private static List<string> Run(FrameReader reader, byte[] stream, int[] cuts)
        {
            var seen = new List<string>();
            int start = 0;
            for (int c = 0; c <= cuts.Length; c++)
            {
                int end = c < cuts.Length ? cuts[c] : stream.Length;
                byte[] chunk = stream[start..end];
                int offset = 0;
                int count = chunk.Length;
                while (count > 0)
                {
                    int used = reader.Feed(chunk, offset, count, out FrameStatus status);
                    Assert.IsTrue(used >= 0 && used <= count);
                    offset += used;
                    count -= used;
                    if (status == FrameStatus.PacketReady)
                    {
                        seen.Add(ToHex(reader.PacketBuffer, reader.PacketOffset, reader.PacketLength));
                    }
                    else if (status != FrameStatus.NeedMore)
                    {
                        seen.Add(status.ToString());
                        return seen;
                    }
                    else
                    {
                        Assert.AreEqual(0, count, "NeedMore must consume everything offered");
                    }
                }

                start = end;
            }

            seen.Add(reader.HasPartialPacket ? "partial" : "idle");
            return seen;
        }

        private static void AssertAllChunkingsEqual(byte[] stream, int maxPacketSize)
        {
            var reader = new FrameReader(maxPacketSize);
            List<string> expected = Run(reader, stream, new int[0]);
            string joined = string.Join(",", expected);

            for (int i = 0; i <= stream.Length; i++)
            {
                reader.Reset();
                Assert.AreEqual(joined, string.Join(",", Run(reader, stream, new[] { i })), "split at " + i);
            }

            for (int i = 0; i <= stream.Length; i++)
            {
                for (int j = i; j <= stream.Length; j++)
                {
                    reader.Reset();
                    Assert.AreEqual(joined, string.Join(",", Run(reader, stream, new[] { i, j })), "split at " + i + "," + j);
                }
            }

            var single = new int[stream.Length - 1];
            for (int i = 0; i < single.Length; i++)
            {
                single[i] = i + 1;
            }

            reader.Reset();
            Assert.AreEqual(joined, string.Join(",", Run(reader, stream, single)), "one byte at a time");
        }

        [TestMethod]
        public void Every_chunking_of_a_valid_stream_yields_the_same_packets()
        {
            byte[] stream = Stream(true, string.Empty);
            var reader = new FrameReader(256);
            List<string> packets = Run(reader, stream, new int[0]);
            Assert.AreEqual(7, packets.Count);
            Assert.AreEqual("100C00044D515454040200050000", packets[0]);
            Assert.AreEqual("3082", packets[1].Substring(0, 4));
            Assert.AreEqual("C000", packets[3]);
            Assert.AreEqual("E000", packets[5]);
            Assert.AreEqual("idle", packets[6]);
            AssertAllChunkingsEqual(stream, 256);
        }

        [TestMethod]
        public void Every_chunking_reports_a_too_large_packet_at_the_same_point()
        {
            byte[] stream = Stream(false, "30 FF FF FF 7F 00 01");
            List<string> result = Run(new FrameReader(64), stream, new int[0]);
            Assert.AreEqual("TooLarge", result[result.Count - 1]);
            Assert.AreEqual(Packets.Length + 1, result.Count);
            AssertAllChunkingsEqual(stream, 64);
        }

        [TestMethod]
        public void Every_chunking_reports_a_fifth_length_byte_as_malformed()
        {
            byte[] stream = Stream(false, "30 80 80 80 80 01");
            List<string> result = Run(new FrameReader(64), stream, new int[0]);
            Assert.AreEqual("Malformed", result[result.Count - 1]);
            AssertAllChunkingsEqual(stream, 64);
        }

        [TestMethod]
        public void Too_large_is_reported_from_the_header_before_the_body_arrives()
        {
            var reader = new FrameReader(100);
            byte[] header = Hex("30 E4 00"); // remaining length 100: total 102 > 100
            int used = reader.Feed(header, 0, 2, out FrameStatus status);
            Assert.AreEqual(FrameStatus.NeedMore, status);
            Assert.AreEqual(2, used);
            used = reader.Feed(header, 2, 1, out status);
            Assert.AreEqual(FrameStatus.TooLarge, status);

            // Sticky until Reset.
            Assert.AreEqual(0, reader.Feed(Hex("C0 00"), 0, 2, out status));
            Assert.AreEqual(FrameStatus.TooLarge, status);
            reader.Reset();
            Assert.AreEqual(2, reader.Feed(Hex("C0 00"), 0, 2, out status));
            Assert.AreEqual(FrameStatus.PacketReady, status);
        }

        [TestMethod]
        public void Packet_of_exactly_the_maximum_size_is_accepted_and_one_more_byte_is_not()
        {
            var reader = new FrameReader(10);
            byte[] ok = Hex("30 08 00 01 61 01 02 03 04 05");
            Assert.AreEqual(10, reader.Feed(ok, 0, 10, out FrameStatus status));
            Assert.AreEqual(FrameStatus.PacketReady, status);

            byte[] tooBig = Hex("30 09 00 01 61 01 02 03 04 05 06");
            reader.Feed(tooBig, 0, tooBig.Length, out status);
            Assert.AreEqual(FrameStatus.TooLarge, status);
        }

        [TestMethod]
        public void Whole_packet_in_the_chunk_is_exposed_without_copying()
        {
            var reader = new FrameReader(64);
            byte[] data = Hex("FF C0 00 D0 00");
            Assert.AreEqual(2, reader.Feed(data, 1, 4, out FrameStatus status));
            Assert.AreEqual(FrameStatus.PacketReady, status);
            Assert.AreSame(data, reader.PacketBuffer);
            Assert.AreEqual(1, reader.PacketOffset);
            Assert.AreEqual(PacketType.PingReq, reader.PacketType);
            Assert.AreEqual(2, reader.Feed(data, 3, 2, out status));
            Assert.AreEqual(PacketType.PingResp, reader.PacketType);
        }

        [TestMethod]
        public void Empty_feed_needs_more_and_consumes_nothing()
        {
            var reader = new FrameReader(64);
            Assert.AreEqual(0, reader.Feed(new byte[4], 2, 0, out FrameStatus status));
            Assert.AreEqual(FrameStatus.NeedMore, status);
            Assert.IsNull(reader.PacketBuffer);
            Assert.IsFalse(reader.HasPartialPacket);
        }

        [TestMethod]
        public void Invalid_range_consumes_nothing_without_throwing()
        {
            var reader = new FrameReader(64);
            Assert.AreEqual(0, reader.Feed(null, 0, 5, out FrameStatus status));
            Assert.AreEqual(FrameStatus.NeedMore, status);
            Assert.AreEqual(0, reader.Feed(new byte[2], 1, 5, out status));
        }
    }
}
