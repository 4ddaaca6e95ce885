#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.Mqtt.Codec;

namespace Nano.DeviceTests.Codec
{
    /// <summary>Packet boundaries in a byte stream split anywhere (§2.2.3 remaining length).</summary>
    [TestClass]
    public class FrameReaderDeviceTests
    {
        // PINGREQ, a PUBLISH with a 2-byte remaining length (130 bytes of body), DISCONNECT.
        private static byte[] Stream()
        {
            byte[] s = new byte[2 + 3 + 130 + 2];
            s[0] = 0xC0;
            s[2] = 0x30;
            s[3] = 0x82;
            s[4] = 0x01;
            s[5] = 0;
            s[6] = 1;
            s[7] = (byte)'t';
            s[s.Length - 2] = 0xE0;
            return s;
        }

        [TestMethod]
        public void Every_split_point_of_a_stream_yields_the_same_three_packets_MQTT_2_2_3()
        {
            byte[] stream = Stream();
            FrameReader reader = new FrameReader(256);
            for (int split = 0; split <= stream.Length; split++)
            {
                int found = 0;
                int lengths = 0;
                found += FeedAll(reader, stream, 0, split, ref lengths);
                found += FeedAll(reader, stream, split, stream.Length - split, ref lengths);
                Assert.AreEqual(3, found, "split at " + split.ToString());
                Assert.AreEqual(stream.Length, lengths);
                Assert.IsFalse(reader.HasPartialPacket);
            }
        }

        [TestMethod]
        public void Every_pair_of_split_points_inside_the_fixed_header_is_reassembled()
        {
            byte[] stream = Stream();
            FrameReader reader = new FrameReader(256);
            for (int a = 2; a < 6; a++)
            {
                for (int b = a; b < 8; b++)
                {
                    int lengths = 0;
                    int found = FeedAll(reader, stream, 0, a, ref lengths) + FeedAll(reader, stream, a, b - a, ref lengths)
                        + FeedAll(reader, stream, b, stream.Length - b, ref lengths);
                    Assert.AreEqual(3, found);
                }
            }
        }

        [TestMethod]
        public void Frame_reader_finds_packets_fed_one_byte_at_a_time()
        {
            byte[] stream = Stream();
            FrameReader reader = new FrameReader(256);
            int lengths = 0;
            int found = 0;
            for (int i = 0; i < stream.Length; i++)
            {
                found += FeedAll(reader, stream, i, 1, ref lengths);
            }

            Assert.AreEqual(3, found);
        }

        [TestMethod]
        public void A_whole_packet_is_returned_in_the_callers_buffer_without_copying()
        {
            byte[] stream = Stream();
            FrameReader reader = new FrameReader(256);
            FrameStatus status;
            Assert.AreEqual(2, reader.Feed(stream, 0, stream.Length, out status));
            Assert.IsTrue(status == FrameStatus.PacketReady);
            Assert.AreSame(stream, reader.PacketBuffer);
            Assert.AreEqual(0, reader.PacketOffset);
            Assert.IsTrue(reader.PacketType == PacketType.PingReq);
        }

        [TestMethod]
        public void A_packet_announced_above_the_maximum_is_refused_before_its_body()
        {
            FrameReader reader = new FrameReader(64);
            byte[] header = TestData.Hex("30 82 01");
            FrameStatus status;
            reader.Feed(header, 0, 3, out status);
            Assert.IsTrue(status == FrameStatus.TooLarge);
            Assert.AreEqual(0, reader.Feed(header, 0, 3, out status));
            Assert.IsTrue(status == FrameStatus.TooLarge, "the failure is reported until Reset");
            reader.Reset();
            Assert.AreEqual(2, reader.Feed(TestData.Hex("C0 00"), 0, 2, out status));
            Assert.IsTrue(status == FrameStatus.PacketReady);
        }

        [TestMethod]
        public void A_fifth_remaining_length_byte_is_malformed_MQTT_2_2_3()
        {
            byte[] bad = TestData.Hex("30 FF FF FF FF 01");
            FrameReader whole = new FrameReader(256);
            FrameStatus status;
            whole.Feed(bad, 0, bad.Length, out status);
            Assert.IsTrue(status == FrameStatus.Malformed);
            FrameReader bytewise = new FrameReader(256);
            for (int i = 0; i < 5; i++)
            {
                bytewise.Feed(bad, i, 1, out status);
            }

            Assert.IsTrue(status == FrameStatus.Malformed);
        }

        [TestMethod]
        public void Reset_discards_a_partial_packet()
        {
            FrameReader reader = new FrameReader(64);
            FrameStatus status;
            reader.Feed(TestData.Hex("30 05 00"), 0, 3, out status);
            Assert.IsTrue(reader.HasPartialPacket);
            reader.Reset();
            Assert.IsFalse(reader.HasPartialPacket);
            reader.Feed(TestData.Hex("D0 00"), 0, 2, out status);
            Assert.IsTrue(status == FrameStatus.PacketReady && reader.PacketType == PacketType.PingResp);
        }

        private static int FeedAll(FrameReader reader, byte[] data, int offset, int count, ref int lengths)
        {
            int found = 0;
            while (count > 0)
            {
                FrameStatus status;
                int used = reader.Feed(data, offset, count, out status);
                offset += used;
                count -= used;
                if (status == FrameStatus.PacketReady)
                {
                    found++;
                    lengths += reader.PacketLength;
                }
                else
                {
                    Assert.IsTrue(status == FrameStatus.NeedMore);
                }
            }

            return found;
        }
    }
}
