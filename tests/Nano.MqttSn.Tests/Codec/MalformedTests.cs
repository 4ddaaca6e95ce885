using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Tests.Codec
{
    [TestClass]
    public class MalformedTests
    {
        private static SnError Check(string hex)
        {
            byte[] b = Bytes.Hex(hex);
            return new SnMessageSet().Decode(b, 0, b.Length, out _);
        }

        [TestMethod]
        [DataRow("", SnError.TooShort)]
        [DataRow("02", SnError.TooShort)]
        [DataRow("01 00 04", SnError.TooShort)]
        [DataRow("00 16", SnError.BadLength)]
        [DataRow("01 00 03 16", SnError.BadLength)]
        [DataRow("03 16", SnError.LengthExceedsDatagram)]
        [DataRow("02 16 00", SnError.TrailingBytes)]
        [DataRow("01 00 05 16", SnError.LengthExceedsDatagram)]
        [DataRow("01 00 04 16 00", SnError.TrailingBytes)]
        [DataRow("01 01 04 16", SnError.LengthExceedsDatagram)]
        public void Length_header_errors_section_5_2(string hex, SnError expected) => Assert.AreEqual(expected, Check(hex));

        [TestMethod]
        [DataRow("02 03")]
        [DataRow("02 11")]
        [DataRow("02 19")]
        [DataRow("02 1E")]
        [DataRow("02 FD")]
        [DataRow("02 FF")]
        public void Reserved_message_types_are_unknown(string hex) => Assert.AreEqual(SnError.UnknownMessageType, Check(hex));

        [TestMethod]
        [DataRow("04 00 01 00")]
        [DataRow("02 01")]
        [DataRow("02 02")]
        [DataRow("05 04 00 01 00")]
        [DataRow("02 05")]
        [DataRow("04 05 00 00")]
        [DataRow("03 06 00")]
        [DataRow("06 0B 00 01 00 01")]
        [DataRow("06 0C 00 00 01 00")]
        [DataRow("08 0D 00 01 00 01 00 00")]
        [DataRow("03 0F 01")]
        [DataRow("05 10 00 01 00")]
        [DataRow("04 12 00 00")]
        [DataRow("07 13 00 00 01 00 01")]
        [DataRow("03 18 01")]
        [DataRow("05 18 00 01 00")]
        [DataRow("03 17 00")]
        [DataRow("04 1D 00 00")]
        [DataRow("06 12 21 00 01 00")]
        public void Wrong_length_for_the_message_type_is_BadLength(string hex) => Assert.AreEqual(SnError.BadLength, Check(hex));

        [TestMethod]
        public void Decoder_of_another_type_reports_UnexpectedMessageType()
        {
            byte[] b = Bytes.Hex("02 17");
            Assert.AreEqual(SnError.UnexpectedMessageType, new PublishMessage().Decode(b, 0, 2));
            Assert.AreEqual(SnError.UnexpectedMessageType, new MsgIdMessage().Decode(b, 0, 2));
            Assert.AreEqual(SnError.UnexpectedMessageType, new SubscribeMessage().Decode(b, 0, 2));
        }

        [TestMethod]
        public void Invalid_arguments_never_throw()
        {
            Assert.AreEqual(SnError.InvalidArgument, new SnMessageSet().Decode(null, 0, 0, out _));
            Assert.AreEqual(SnError.InvalidArgument, new SnMessageSet().Decode(new byte[2], 1, 2, out _));
            Assert.AreEqual(SnError.InvalidArgument, new SnMessageSet().Decode(new byte[2], -1, 1, out _));
            Assert.AreEqual(SnError.InvalidArgument, new SnMessageSet().Decode(new byte[2], 0, -1, out _));
        }

        [TestMethod]
        public void Connect_protocol_id_other_than_1_is_rejected_leaving_room_for_v2() =>
            Assert.AreEqual(SnError.UnsupportedProtocolId, Check("07 04 04 02 00 3C 61"));

        [TestMethod]
        [DataRow("06 04 04 01 00 3C")]
        [DataRow("1E 04 04 01 00 3C 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61")]
        public void Connect_client_id_must_be_1_to_23_octets(string hex) => Assert.AreEqual(SnError.BadClientIdLength, Check(hex));

        [TestMethod]
        public void Connect_client_id_of_23_octets_is_accepted() =>
            Assert.AreEqual(SnError.None, Check("1D 04 04 01 00 3C 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61"));

        [TestMethod]
        public void PingReq_client_id_longer_than_23_is_rejected() =>
            Assert.AreEqual(SnError.BadClientIdLength, Check("1A 16 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61"));

        [TestMethod]
        [DataRow("07 0C 03 00 01 00 00", SnError.ReservedTopicIdType)]
        [DataRow("07 0C 80 00 01 00 00", SnError.ForbiddenFlags)]
        [DataRow("07 0C E1 00 01 00 00", SnError.ForbiddenFlags)]
        [DataRow("07 0C 20 00 01 00 00", SnError.ZeroMsgId)]
        [DataRow("07 0C 40 00 01 00 00", SnError.ZeroMsgId)]
        [DataRow("07 0C 00 00 00 00 00", SnError.ReservedTopicId)]
        [DataRow("07 0C 01 FF FF 00 00", SnError.ReservedTopicId)]
        [DataRow("08 0C 60 00 03 00 00 61", SnError.BadLength)]
        [DataRow("08 0C 60 00 01 00 00 23", SnError.InvalidTopic)]
        [DataRow("07 0C 60 00 00 00 00", SnError.EmptyTopicName)]
        public void Publish_flag_and_topic_errors(string hex, SnError expected) => Assert.AreEqual(expected, Check(hex));

        [TestMethod]
        public void Publish_short_topic_name_may_hold_any_two_octets() => Assert.AreEqual(SnError.None, Check("07 0C 02 00 00 00 00"));

        [TestMethod]
        [DataRow("08 12 60 00 01 61 2F 62", SnError.InvalidQos)]
        [DataRow("08 12 03 00 01 61 2F 62", SnError.ReservedTopicIdType)]
        [DataRow("08 12 00 00 00 61 2F 62", SnError.ZeroMsgId)]
        [DataRow("05 12 00 00 01", SnError.EmptyTopicName)]
        [DataRow("08 12 02 00 01 61 2F 62", SnError.BadShortTopicName)]
        [DataRow("06 12 02 00 01 61", SnError.BadShortTopicName)]
        [DataRow("07 12 01 00 01 00 00", SnError.ReservedTopicId)]
        [DataRow("08 12 00 00 01 61 23 62", SnError.InvalidTopic)]
        [DataRow("07 12 00 00 01 61 2B", SnError.InvalidTopic)]
        [DataRow("08 12 00 00 01 23 2F 62", SnError.InvalidTopic)]
        [DataRow("07 14 03 00 01 00 01", SnError.ReservedTopicIdType)]
        [DataRow("07 12 00 00 01 C3 28", SnError.InvalidUtf8)]
        [DataRow("07 12 00 00 01 C0 AF", SnError.InvalidUtf8)]
        [DataRow("08 12 00 00 01 ED A0 80", SnError.InvalidUtf8)]
        [DataRow("06 12 00 00 01 00", SnError.InvalidUtf8)]
        public void Subscribe_and_unsubscribe_errors(string hex, SnError expected) => Assert.AreEqual(expected, Check(hex));

        [TestMethod]
        [DataRow("06 12 00 00 01 23")]
        [DataRow("08 12 00 00 01 2B 2F 23")]
        [DataRow("0A 12 00 00 01 61 2F 2B 2F 62")]
        [DataRow("08 12 00 00 01 E2 82 AC")]
        public void Valid_filters_are_accepted(string hex) => Assert.AreEqual(SnError.None, Check(hex));

        [TestMethod]
        [DataRow("06 0A 00 01 00 00", SnError.ZeroMsgId)]
        [DataRow("06 0A 00 01 00 01", SnError.EmptyTopicName)]
        [DataRow("07 0A 00 01 00 01 2B", SnError.InvalidTopic)]
        [DataRow("07 0A FF FF 00 01 61", SnError.ReservedTopicId)]
        [DataRow("07 0B 00 00 00 01 00", SnError.ReservedTopicId)]
        [DataRow("07 0B 00 01 00 00 00", SnError.ZeroMsgId)]
        [DataRow("07 0B 00 01 00 01 04", SnError.ReservedReturnCode)]
        [DataRow("07 0D 00 01 00 01 FF", SnError.ReservedReturnCode)]
        [DataRow("03 05 04", SnError.ReservedReturnCode)]
        [DataRow("08 13 00 00 01 00 01 05", SnError.ReservedReturnCode)]
        [DataRow("08 13 60 00 01 00 01 00", SnError.InvalidQos)]
        [DataRow("08 13 00 00 01 00 00 00", SnError.ZeroMsgId)]
        [DataRow("04 0E 00 00", SnError.ZeroMsgId)]
        [DataRow("03 07 20", SnError.EmptyTopicName)]
        [DataRow("04 07 60 61", SnError.InvalidQos)]
        [DataRow("04 1A 00 23", SnError.InvalidTopic)]
        public void Register_ack_and_will_errors(string hex, SnError expected) => Assert.AreEqual(expected, Check(hex));

        [TestMethod]
        public void Error_PubAck_for_qos0_may_carry_msg_id_zero() => Assert.AreEqual(SnError.None, Check("07 0D 00 01 00 00 02"));

        [TestMethod]
        public void Rejected_RegAck_may_carry_topic_id_zero() => Assert.AreEqual(SnError.None, Check("07 0B 00 00 00 01 01"));

        [TestMethod]
        [DataRow("03 FE 00 03 01 00", SnError.BadEncapsulation)]
        [DataRow("04 FE 00 01 02", SnError.BadEncapsulation)]
        [DataRow("04 FE 00 01", SnError.BadEncapsulation)]
        [DataRow("05 FE 00 01 02 03 01", SnError.LengthExceedsDatagram)]
        [DataRow("04 FE 00 01 03 01 00 00", SnError.TrailingBytes)]
        [DataRow("04 FE 00 01 04 FE 00 01 03 01 00", SnError.BadEncapsulation)]
        [DataRow("04 FE 00 01 02 03", SnError.UnknownMessageType)]
        public void Encapsulation_errors(string hex, SnError expected) => Assert.AreEqual(expected, Check(hex));
    }
}
