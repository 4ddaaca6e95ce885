using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Radio;
using static Nano.Radio.Tests.Radio.FrameFeeder;

namespace Nano.Radio.Tests.Radio
{
    [TestClass]
    public sealed class XBeeFramingTests
    {
        // Digi manual examples: Transmit Request "TxData0A" to 0013A200400A0127 / 0xFFFE,
        // Receive Packet "RxData" from 0013A20040522BAA / 0x7D84, Transmit Status for frame 1.
        private const string TransmitExample = "7E 00 16 10 01 00 13 A2 00 40 0A 01 27 FF FE 00 00 54 78 44 61 74 61 30 41 13";
        private const string ReceiveExample = "7E 00 12 90 00 13 A2 00 40 52 2B AA 7D 84 01 52 78 44 61 74 61 0D";
        private const string ReceiveExampleEscaped = "7E 00 12 90 00 13 A2 00 40 52 2B AA 7D 5D 84 01 52 78 44 61 74 61 0D";
        private const string StatusExample = "7E 00 07 8B 01 7D 84 00 00 01 71";
        private const string StatusExampleEscaped = "7E 00 07 8B 01 7D 5D 84 00 00 01 71";

        private static readonly byte[] ExampleDestination = Hex("00 13 A2 00 40 0A 01 27 FF FE");

        [TestMethod]
        public void Transmit_request_matches_the_Digi_example_in_mode_1()
        {
            var framing = new XBeeFraming(false, 84);
            CollectionAssert.AreEqual(Hex(TransmitExample), Encode(framing, ExampleDestination, Hex("54 78 44 61 74 61 30 41")));
            Assert.AreEqual(1, framing.LastFrameId);
        }

        [TestMethod]
        public void Receive_packet_Digi_example_decodes_to_address_and_payload_in_both_modes()
        {
            foreach (bool escaped in new[] { false, true })
            {
                var framing = new XBeeFraming(escaped, 84);
                List<ReceivedFrame> frames = Feed(framing, Hex(escaped ? ReceiveExampleEscaped : ReceiveExample), 64);
                Assert.AreEqual(1, frames.Count);
                Assert.AreEqual(RadioFrameKind.Data, frames[0].Kind);
                CollectionAssert.AreEqual(Hex("00 13 A2 00 40 52 2B AA 7D 84"), frames[0].Address);
                CollectionAssert.AreEqual(Hex("52 78 44 61 74 61"), frames[0].Payload);
                Assert.AreEqual(0x01, framing.ReceiveOptions);
                Assert.AreEqual(0, framing.ChecksumErrors + framing.MalformedFrames + framing.DiscardedBytes);
            }
        }

        [TestMethod]
        public void Mode_2_escape_example_from_Digi_is_decoded_and_its_unknown_type_skipped()
        {
            // 7E 00 02 23 11 CB is sent as 7E 00 02 23 7D 31 CB in API mode 2.
            var escaped = new XBeeFraming(true, 84);
            Assert.AreEqual(0, Feed(escaped, Hex("7E 00 02 23 7D 31 CB"), 1).Count);
            Assert.AreEqual(1, escaped.SkippedFrames);
            Assert.AreEqual(0, escaped.ChecksumErrors);

            var plain = new XBeeFraming(false, 84);
            Assert.AreEqual(0, Feed(plain, Hex("7E 00 02 23 11 CB"), 1).Count);
            Assert.AreEqual(1, plain.SkippedFrames);
            Assert.AreEqual(0, plain.ChecksumErrors);
        }

        [TestMethod]
        public void Transmit_status_reports_frame_id_and_counts_failures()
        {
            var framing = new XBeeFraming(true, 84);
            byte[] failure = Hex("7E 00 07 8B 02 FF FE 00 24 00 51");
            List<ReceivedFrame> frames = Feed(framing, Concat(Hex(StatusExampleEscaped), failure), 3);
            Assert.AreEqual(2, frames.Count);
            Assert.AreEqual(RadioFrameKind.TransmitStatus, frames[0].Kind);
            Assert.AreEqual(1, frames[0].StatusFrameId);
            Assert.AreEqual(0, frames[0].DeliveryStatus);
            Assert.AreEqual(2, frames[1].StatusFrameId);
            Assert.AreEqual(0x24, frames[1].DeliveryStatus);
            Assert.AreEqual(1, framing.TransmitFailures);

            var plain = new XBeeFraming(false, 84);
            Assert.AreEqual(1, Feed(plain, Hex(StatusExample), 1)[0].StatusFrameId);
        }

        [TestMethod]
        public void Every_escaped_octet_is_escaped_and_round_trips()
        {
            var framing = new XBeeFraming(true, 84);
            byte[] address = Hex("7E 7D 11 13 00 00 00 01 7D 13");
            byte[] payload = Hex("7E 7D 11 13 20 5E 5D 31 33");
            byte[] frame = Encode(framing, address, payload);
            for (int i = 1; i < frame.Length; i++)
            {
                Assert.IsFalse(frame[i] == 0x7E || frame[i] == 0x11 || frame[i] == 0x13, "unescaped octet at " + i);
                if (frame[i] == 0x7D)
                {
                    i++;
                }
            }

            // 6 address + 4 payload octets need escaping; the length (23) and frame id (1) do not.
            int sum = 0x10 + 1;
            foreach (byte b in Concat(address, payload))
            {
                sum += b;
            }

            int checksum = 0xFF - (sum & 0xFF);
            int checksumEscape = checksum == 0x7E || checksum == 0x7D || checksum == 0x11 || checksum == 0x13 ? 1 : 0;
            Assert.AreEqual(3 + 14 + payload.Length + 1 + 10 + checksumEscape, frame.Length);
            var receiver = new XBeeFraming(true, 84);
            byte[] received = ReceivePacketFor(true, address, payload);
            List<ReceivedFrame> frames = Feed(receiver, received, 1);
            Assert.AreEqual(1, frames.Count);
            CollectionAssert.AreEqual(address, frames[0].Address);
            CollectionAssert.AreEqual(payload, frames[0].Payload);
        }

        [TestMethod]
        public void Escaped_length_and_checksum_are_computed_on_unescaped_data()
        {
            // 0x11 octets of frame data: length octet 0x11 itself must be escaped.
            var framing = new XBeeFraming(true, 84);
            byte[] frame = Encode(framing, new byte[10], Hex("01 02 03"));
            CollectionAssert.AreEqual(Hex("7E 00 7D 31"), new[] { frame[0], frame[1], frame[2], frame[3] });
            Assert.AreEqual(3 + 1 + 0x11 + 1, frame.Length);
        }

        [TestMethod]
        public void Frame_id_advances_skips_zero_and_is_zero_without_status()
        {
            var framing = new XBeeFraming(false, 84);
            var address = new byte[10];
            var payload = new byte[] { 1 };
            var frame = new byte[32];
            for (int i = 1; i <= 255; i++)
            {
                framing.WriteFrame(address, 0, payload, 0, 1, frame, 0);
                Assert.AreEqual(i, framing.LastFrameId);
                Assert.AreEqual(i, frame[4]);
            }

            framing.WriteFrame(address, 0, payload, 0, 1, frame, 0);
            Assert.AreEqual(1, framing.LastFrameId);
            framing.RequestStatus = false;
            framing.WriteFrame(address, 0, payload, 0, 1, frame, 0);
            Assert.AreEqual(0, framing.LastFrameId);
            Assert.AreEqual(0, frame[4]);
        }

        [TestMethod]
        public void Broadcast_address_is_FFFF_and_FFFE()
        {
            var address = new byte[10];
            XBeeFraming.WriteBroadcastAddress(address, 0);
            CollectionAssert.AreEqual(Hex("00 00 00 00 00 00 FF FF FF FE"), address);
        }

        [TestMethod]
        public void Bad_checksum_is_dropped_and_counted_and_next_frame_decodes()
        {
            foreach (bool escaped in new[] { false, true })
            {
                var framing = new XBeeFraming(escaped, 84);
                byte[] bad = Hex(escaped ? ReceiveExampleEscaped : ReceiveExample);
                bad[bad.Length - 1] ^= 0x01;
                List<ReceivedFrame> frames = Feed(framing, Concat(bad, Status(escaped)), 5);
                Assert.AreEqual(1, frames.Count);
                Assert.AreEqual(RadioFrameKind.TransmitStatus, frames[0].Kind);
                Assert.AreEqual(1, framing.ChecksumErrors);
            }
        }

        [TestMethod]
        public void Garbage_and_truncated_frames_resynchronise_on_the_next_delimiter()
        {
            byte[] truncated = Hex(ReceiveExample).AsSpan(0, 12).ToArray();
            foreach (bool escaped in new[] { false, true })
            {
                byte[] good = Status(escaped);
                byte[] stream = Concat(Hex("00 FF 13 7D 55"), truncated, good, Hex("99 98"), good);
                var framing = new XBeeFraming(escaped, 84);
                List<ReceivedFrame> frames = Feed(framing, stream, 1);
                Assert.AreEqual(2, frames.Count, "escaped=" + escaped);
                Assert.AreEqual(1, frames[1].StatusFrameId);
                // Mode 1 has to read the truncated frame's 11 octets after its delimiter as noise.
                Assert.AreEqual(escaped ? 7 : 18, framing.DiscardedBytes, "escaped=" + escaped);
                Assert.AreEqual(escaped ? 1 : 0, framing.MalformedFrames, "escaped=" + escaped);
                Assert.AreEqual(escaped ? 0 : 1, framing.ChecksumErrors, "escaped=" + escaped);
            }
        }

        [TestMethod]
        public void Mode_1_finds_a_frame_that_a_false_start_ran_into()
        {
            // A noise 0x7E announcing 16 octets swallows the start of the real frame; the checksum
            // fails and the search resumes right after the false delimiter.
            var framing = new XBeeFraming(false, 84);
            byte[] stream = Concat(Hex("7E 00 10 AA"), Hex(ReceiveExample), Hex(StatusExample));
            List<ReceivedFrame> frames = Feed(framing, stream, 1);
            Assert.AreEqual(2, frames.Count);
            CollectionAssert.AreEqual(Hex("52 78 44 61 74 61"), frames[0].Payload);
            Assert.AreEqual(1, framing.ChecksumErrors);
        }

        [TestMethod]
        public void Abandoning_a_false_start_releases_the_frames_behind_it()
        {
            var framing = new XBeeFraming(false, 84);
            byte[] stream = Concat(Hex("7E 00 50 AA"), Hex(StatusExample));
            Assert.AreEqual(0, Feed(framing, stream, 4).Count);
            framing.AbandonPartialFrame();
            var collected = new List<ReceivedFrame>();
            FeedChunk(framing, new byte[0], 0, 0, collected);
            Assert.AreEqual(1, collected.Count);
            Assert.AreEqual(1, framing.MalformedFrames);
        }

        [TestMethod]
        public void Every_split_point_decodes_the_same_frames()
        {
            byte[] stream = Concat(Hex(ReceiveExampleEscaped), Hex(StatusExampleEscaped), Hex(ReceiveExampleEscaped));
            for (int split = 0; split <= stream.Length; split++)
            {
                var framing = new XBeeFraming(true, 84);
                List<ReceivedFrame> frames = FeedSplit(framing, stream, split);
                Assert.AreEqual(3, frames.Count, "split " + split);
                Assert.AreEqual(RadioFrameKind.TransmitStatus, frames[1].Kind);
                CollectionAssert.AreEqual(Hex("52 78 44 61 74 61"), frames[2].Payload);
            }
        }

        [TestMethod]
        public void Oversize_frames_are_rejected_and_counted_in_both_modes()
        {
            foreach (bool escaped in new[] { false, true })
            {
                var framing = new XBeeFraming(escaped, 20);
                byte[] oversize = ReceivePacketFor(escaped, new byte[10], new byte[200]);
                List<ReceivedFrame> frames = Feed(framing, Concat(oversize, Status(escaped), Hex("7E FF FF 00")), 7);
                Assert.AreEqual(1, frames.Count, "escaped=" + escaped);
                Assert.AreEqual(RadioFrameKind.TransmitStatus, frames[0].Kind);
                Assert.AreEqual(2, framing.OversizeFrames, "escaped=" + escaped);
            }
        }

        [TestMethod]
        public void Payload_longer_than_the_radio_maximum_is_not_encoded()
        {
            var framing = new XBeeFraming(true, 84);
            Assert.AreEqual(-1, framing.MeasureFrame(new byte[10], 0, new byte[85], 0, 85));
            Assert.AreEqual(-1, framing.MeasureFrame(new byte[10], 0, new byte[1], 0, 0));
            Assert.AreEqual(-1, framing.WriteFrame(new byte[10], 0, new byte[10], 0, 10, new byte[20], 0));
        }

        private static byte[] Status(bool escaped)
        {
            return Hex(escaped ? StatusExampleEscaped : StatusExample);
        }

        /// <summary>A 0x90 Receive Packet from <paramref name="address"/>, as the radio would send it.</summary>
        internal static byte[] ReceivePacketFor(bool escaped, byte[] address, byte[] payload)
        {
            var data = new List<byte> { 0x90 };
            data.AddRange(address);
            data.Add(0x01);
            data.AddRange(payload);
            int sum = 0;
            foreach (byte b in data)
            {
                sum += b;
            }

            data.Add((byte)(0xFF - (sum & 0xFF)));
            var raw = new List<byte> { 0x7E };
            int length = data.Count - 1;
            foreach (byte b in Concat(new[] { (byte)(length >> 8), (byte)length }, data.ToArray()))
            {
                if (escaped && (b == 0x7E || b == 0x7D || b == 0x11 || b == 0x13))
                {
                    raw.Add(0x7D);
                    raw.Add((byte)(b ^ 0x20));
                }
                else
                {
                    raw.Add(b);
                }
            }

            return raw.ToArray();
        }
    }
}
