#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.MqttSn.Radio;

namespace Nano.DeviceTests.Radio
{
    /// <summary>The serial radio framings: exact frames out, frames back in, noise and bad checksums counted (mqttsn-reference §10).</summary>
    [TestClass]
    public class RadioFramingDeviceTests
    {
        private const string XBeeDestination = "00 13 A2 00 40 0A 01 27 FF FE";
        private const string XBeeData = "54 78 44 61 74 61 30 41";
        private const string XBeeTransmit = "7E 00 16 10 01 00 13 A2 00 40 0A 01 27 FF FE 00 00 54 78 44 61 74 61 30 41 13";
        private const string XBeeTransmitEscaped = "7E 00 16 10 01 00 7D 33 A2 00 40 0A 01 27 FF FE 00 00 54 78 44 61 74 61 30 41 7D 33";
        private const string XBeeReceive = "7E 00 12 90 00 13 A2 00 40 52 2B AA 7D 84 01 52 78 44 61 74 61 0D";
        private const string XBeeReceiveEscaped = "7E 00 12 90 00 13 A2 00 40 52 2B AA 7D 5D 84 01 52 78 44 61 74 61 0D";
        private const string XBeeStatus = "7E 00 07 8B 01 7D 84 00 00 01 71";
        private const string XBeeStatusFailed = "7E 00 07 8B 02 FF FE 00 24 00 51";
        private const string TweliteSend = "A5 5A 80 07 00 01 48 45 4C 4C 4F 43 04";
        private const string TweliteReceive = "A5 5A 80 07 78 01 48 45 4C 4C 4F 3B 04";
        private const string Slip = "C0 DB DC DB DD 01 33 97 C0";
        private const string Cobs = "00 03 11 22 04 33 07 45 00";

        private static void AssertFrame(string expected, RadioFraming framing, string address, string payload)
        {
            byte[] a = address == null ? null : Hex.Parse(address);
            byte[] p = Hex.Parse(payload);
            byte[] dst = new byte[128];
            int measured = framing.MeasureFrame(a, 0, p, 0, p.Length);
            int n = framing.WriteFrame(a, 0, p, 0, p.Length, dst, 3);
            Assert.AreEqual(measured, n, "measured length");
            Hex.AssertOctets(expected, dst, 3, n);
        }

        [TestMethod]
        public void XBee_api1_transmit_request_is_the_documented_frame()
        {
            AssertFrame(XBeeTransmit, new XBeeFraming(false, 84), XBeeDestination, XBeeData);
        }

        [TestMethod]
        public void XBee_api2_escapes_0x13_in_the_address_and_the_checksum()
        {
            AssertFrame(XBeeTransmitEscaped, new XBeeFraming(true, 84), XBeeDestination, XBeeData);
        }

        [TestMethod]
        public void XBee_frame_ids_advance_and_skip_zero()
        {
            XBeeFraming framing = new XBeeFraming(false, 84);
            byte[] address = Hex.Parse(XBeeDestination);
            byte[] payload = new byte[1];
            byte[] dst = new byte[64];
            for (int i = 1; i <= 256; i++)
            {
                framing.WriteFrame(address, 0, payload, 0, 1, dst, 0);
                Assert.AreEqual(i == 256 ? 1 : i, framing.LastFrameId);
            }

            framing.RequestStatus = false;
            framing.WriteFrame(address, 0, payload, 0, 1, dst, 0);
            Assert.AreEqual(0, framing.LastFrameId);
        }

        [TestMethod]
        public void XBee_api1_receive_packet_gives_source_address_and_payload()
        {
            XBeeFraming framing = new XBeeFraming(false, 84);
            FrameFeed feed = FrameFeed.Run(framing, Hex.Parse(XBeeReceive), 1);
            Assert.AreEqual(1, feed.DataFrames);
            Assert.AreEqual("00 13 A2 00 40 52 2B AA 7D 84", feed.LastAddress);
            Assert.AreEqual("52 78 44 61 74 61", feed.LastPayload);
            Assert.AreEqual(1, framing.ReceiveOptions);
        }

        [TestMethod]
        public void XBee_api2_unescapes_0x7D_0x5D_in_a_receive_packet()
        {
            FrameFeed feed = FrameFeed.Run(new XBeeFraming(true, 84), Hex.Parse(XBeeReceiveEscaped), 5);
            Assert.AreEqual(1, feed.DataFrames);
            Assert.AreEqual("00 13 A2 00 40 52 2B AA 7D 84", feed.LastAddress);
        }

        [TestMethod]
        public void XBee_transmit_status_reports_frame_id_and_delivery_failure()
        {
            XBeeFraming framing = new XBeeFraming(false, 84);
            FrameFeed feed = FrameFeed.Run(framing, Hex.Join(Hex.Parse(XBeeStatus), Hex.Parse(XBeeStatusFailed)), 4);
            Assert.AreEqual(2, feed.StatusFrames);
            Assert.AreEqual(2, feed.LastStatusFrameId);
            Assert.AreEqual(0x24, feed.LastDeliveryStatus);
            Assert.AreEqual(1, framing.TransmitFailures);
        }

        [TestMethod]
        public void XBee_bad_checksum_is_counted_and_the_next_frame_still_decodes()
        {
            byte[] bad = Hex.Parse(XBeeReceive);
            bad[bad.Length - 1] ^= 0x01;
            XBeeFraming framing = new XBeeFraming(false, 84);
            FrameFeed feed = FrameFeed.Run(framing, Hex.Join(bad, Hex.Parse(XBeeReceive)), 3);
            Assert.AreEqual(1, framing.ChecksumErrors);
            Assert.AreEqual(1, feed.DataFrames);
            Assert.AreEqual("52 78 44 61 74 61", feed.LastPayload);
        }

        [TestMethod]
        public void XBee_resynchronises_after_line_noise()
        {
            XBeeFraming framing = new XBeeFraming(false, 84);
            FrameFeed feed = FrameFeed.Run(framing, Hex.Join(Hex.Parse("00 FF 13 7D 55"), Hex.Parse(XBeeReceive)), 2);
            Assert.AreEqual(1, feed.DataFrames);
            Assert.AreEqual(5, framing.DiscardedBytes);
        }

        [TestMethod]
        public void XBee_api2_a_new_delimiter_abandons_a_truncated_frame()
        {
            byte[] good = Hex.Parse(XBeeReceiveEscaped);
            byte[] truncated = new byte[10];
            System.Array.Copy(good, 0, truncated, 0, 10);
            XBeeFraming framing = new XBeeFraming(true, 84);
            FrameFeed feed = FrameFeed.Run(framing, Hex.Join(truncated, good), 7);
            Assert.AreEqual(1, feed.DataFrames);
            Assert.AreEqual(1, framing.MalformedFrames);
        }

        [TestMethod]
        public void XBee_refuses_a_payload_over_its_limit()
        {
            XBeeFraming framing = new XBeeFraming(false, 4);
            byte[] dst = new byte[64];
            Assert.AreEqual(-1, framing.WriteFrame(Hex.Parse(XBeeDestination), 0, new byte[5], 0, 5, dst, 0));
            Assert.AreEqual(-1, framing.WriteFrame(Hex.Parse(XBeeDestination), 0, new byte[5], 0, 0, dst, 0));
        }

        [TestMethod]
        public void Twelite_binary_message_to_the_parent_is_the_documented_frame()
        {
            AssertFrame(TweliteSend, new TweliteFraming(), "00", "48 45 4C 4C 4F");
        }

        [TestMethod]
        public void Twelite_received_message_gives_the_sender_logical_id()
        {
            FrameFeed feed = FrameFeed.Run(new TweliteFraming(), Hex.Parse(TweliteReceive), 1);
            Assert.AreEqual(1, feed.DataFrames);
            Assert.AreEqual("78", feed.LastAddress);
            Assert.AreEqual("48 45 4C 4C 4F", feed.LastPayload);
        }

        [TestMethod]
        public void Twelite_bad_xor_is_counted_and_the_next_frame_still_decodes()
        {
            byte[] bad = Hex.Parse(TweliteReceive);
            bad[bad.Length - 2] ^= 0x10;
            TweliteFraming framing = new TweliteFraming();
            FrameFeed feed = FrameFeed.Run(framing, Hex.Join(bad, Hex.Parse(TweliteReceive)), 4);
            Assert.AreEqual(1, framing.ChecksumErrors);
            Assert.AreEqual(1, feed.DataFrames);
        }

        [TestMethod]
        public void Twelite_resynchronises_after_a_false_start()
        {
            TweliteFraming framing = new TweliteFraming();
            FrameFeed feed = FrameFeed.Run(framing, Hex.Join(Hex.Parse("A5 00 5A 13"), Hex.Parse(TweliteReceive)), 3);
            Assert.AreEqual(1, feed.DataFrames);
            Assert.IsTrue(framing.DiscardedBytes >= 3);
        }

        [TestMethod]
        public void Slip_escapes_END_and_ESC_and_appends_the_crc()
        {
            AssertFrame(Slip, new SlipFraming(64), null, "C0 DB 01");
        }

        [TestMethod]
        public void Slip_frame_decodes_back_to_the_payload()
        {
            FrameFeed feed = FrameFeed.Run(new SlipFraming(64), Hex.Parse(Slip), 2);
            Assert.AreEqual(1, feed.DataFrames);
            Assert.AreEqual("C0 DB 01", feed.LastPayload);
        }

        [TestMethod]
        public void Slip_bad_crc_is_counted_and_the_next_frame_still_decodes()
        {
            SlipFraming framing = new SlipFraming(64);
            FrameFeed feed = FrameFeed.Run(framing, Hex.Join(Hex.Parse("C0 DB DC DB DD 01 33 98 C0"), Hex.Parse(Slip)), 1);
            Assert.AreEqual(1, framing.ChecksumErrors);
            Assert.AreEqual(1, feed.DataFrames);
        }

        [TestMethod]
        public void Slip_invalid_escape_is_malformed()
        {
            SlipFraming framing = new SlipFraming(64);
            FrameFeed feed = FrameFeed.Run(framing, Hex.Join(Hex.Parse("C0 01 DB 02 03 04 C0"), Hex.Parse(Slip)), 1);
            Assert.AreEqual(1, framing.MalformedFrames);
            Assert.AreEqual(1, feed.DataFrames);
        }

        [TestMethod]
        public void Cobs_removes_zeros_and_appends_the_crc()
        {
            AssertFrame(Cobs, new CobsFraming(64), null, "11 22 00 33");
            AssertFrame("00 03 03 0C 03 D0 A1 00", new CobsFraming(64), null, "03 0C 00");
        }

        [TestMethod]
        public void Cobs_frame_decodes_back_to_the_payload()
        {
            FrameFeed feed = FrameFeed.Run(new CobsFraming(64), Hex.Parse(Cobs), 3);
            Assert.AreEqual(1, feed.DataFrames);
            Assert.AreEqual("11 22 00 33", feed.LastPayload);
        }

        [TestMethod]
        public void Cobs_bad_crc_is_counted_and_the_next_frame_still_decodes()
        {
            CobsFraming framing = new CobsFraming(64);
            FrameFeed feed = FrameFeed.Run(framing, Hex.Join(Hex.Parse("00 03 11 22 04 33 07 46 00"), Hex.Parse(Cobs)), 1);
            Assert.AreEqual(1, framing.ChecksumErrors);
            Assert.AreEqual(1, feed.DataFrames);
        }

        [TestMethod]
        public void Cobs_long_payload_without_zeros_round_trips()
        {
            CobsFraming framing = new CobsFraming(600);
            byte[] payload = new byte[520];
            for (int i = 0; i < payload.Length; i++)
            {
                payload[i] = (byte)(1 + i % 250);
            }

            byte[] dst = new byte[600];
            int n = framing.WriteFrame(null, 0, payload, 0, payload.Length, dst, 0);
            byte[] frame = new byte[n];
            System.Array.Copy(dst, 0, frame, 0, n);
            FrameFeed feed = FrameFeed.Run(framing, frame, 64);
            Assert.AreEqual(1, feed.DataFrames);
            Assert.AreEqual(Hex.Format(payload, 0, payload.Length), feed.LastPayload);
        }
    }
}
