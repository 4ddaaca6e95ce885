#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.MqttSn.Codec;

namespace Nano.DeviceTests.SnCodec
{
    /// <summary>Malformed datagrams: each is refused with the error that names what is wrong (§5.2, §5.3, §5.4).</summary>
    [TestClass]
    public class SnMalformedDeviceTests
    {
        private static void Refused(SnError expected, string datagram)
        {
            byte[] b = Hex.Parse(datagram);
            byte type;
            SnError e = new SnMessageSet().Decode(b, 0, b.Length, out type);
            Assert.AreEqual((int)expected, (int)e, datagram);
        }

        [TestMethod]
        public void A_datagram_shorter_than_its_header_is_TooShort_section_5_2()
        {
            Refused(SnError.TooShort, "02");
            Refused(SnError.TooShort, "01 00 04");
        }

        [TestMethod]
        public void A_length_field_below_the_header_size_is_BadLength_section_5_2_1()
        {
            Refused(SnError.BadLength, "00 16");
            Refused(SnError.BadLength, "01 00 03 16");
        }

        [TestMethod]
        public void A_length_field_beyond_the_datagram_is_LengthExceedsDatagram_section_5_2_1()
        {
            Refused(SnError.LengthExceedsDatagram, "03 16");
            Refused(SnError.LengthExceedsDatagram, "01 00 05 16");
            Refused(SnError.LengthExceedsDatagram, "0B 0C 30 00 01 00 02 32 31");
        }

        [TestMethod]
        public void Octets_after_the_message_are_TrailingBytes_section_5_2()
        {
            Refused(SnError.TrailingBytes, "02 16 00");
            Refused(SnError.TrailingBytes, "01 00 04 16 00");
        }

        [TestMethod]
        public void Reserved_message_types_are_UnknownMessageType_section_5_2_2()
        {
            Refused(SnError.UnknownMessageType, "02 03");
            Refused(SnError.UnknownMessageType, "02 11");
            Refused(SnError.UnknownMessageType, "02 19");
            Refused(SnError.UnknownMessageType, "02 1E");
            Refused(SnError.UnknownMessageType, "02 FF");
        }

        [TestMethod]
        public void Fixed_size_messages_of_the_wrong_size_are_BadLength_section_5_4()
        {
            Refused(SnError.BadLength, "04 00 01 00");
            Refused(SnError.BadLength, "02 01");
            Refused(SnError.BadLength, "03 06 00");
            Refused(SnError.BadLength, "06 0C 00 00 01 00");
            Refused(SnError.BadLength, "08 0D 00 01 00 01 00 00");
            Refused(SnError.BadLength, "03 18 01");
        }

        [TestMethod]
        public void TopicIdType_0b11_is_ReservedTopicIdType_section_5_3_4()
        {
            Refused(SnError.ReservedTopicIdType, "07 0C 03 00 01 00 00");
            Refused(SnError.ReservedTopicIdType, "08 12 03 00 01 61 2F 62");
            Refused(SnError.ReservedTopicIdType, "07 14 03 00 01 00 01");
        }

        [TestMethod]
        public void Dup_on_a_qos0_or_qos_minus_one_publish_is_ForbiddenFlags_section_5_3_4()
        {
            Refused(SnError.ForbiddenFlags, "07 0C 80 00 01 00 00");
            Refused(SnError.ForbiddenFlags, "07 0C E1 00 01 00 00");
        }

        [TestMethod]
        public void Msg_id_zero_where_one_is_required_is_ZeroMsgId_section_5_3_9()
        {
            Refused(SnError.ZeroMsgId, "07 0C 20 00 01 00 00");
            Refused(SnError.ZeroMsgId, "08 12 00 00 00 61 2F 62");
            Refused(SnError.ZeroMsgId, "06 0A 00 01 00 00");
            Refused(SnError.ZeroMsgId, "04 0E 00 00");
        }

        [TestMethod]
        public void Topic_id_0x0000_and_0xFFFF_are_ReservedTopicId_section_5_3_11()
        {
            Refused(SnError.ReservedTopicId, "07 0C 00 00 00 00 00");
            Refused(SnError.ReservedTopicId, "07 0C 01 FF FF 00 00");
            Refused(SnError.ReservedTopicId, "07 12 01 00 01 00 00");
            Refused(SnError.ReservedTopicId, "07 0A FF FF 00 01 61");
        }

        [TestMethod]
        public void Connect_with_protocol_id_other_than_1_is_UnsupportedProtocolId_section_5_3_8()
        {
            Refused(SnError.UnsupportedProtocolId, "07 04 04 02 00 3C 61");
        }

        [TestMethod]
        public void Client_id_empty_or_longer_than_23_octets_is_BadClientIdLength_section_5_3_1()
        {
            Refused(SnError.BadClientIdLength, "06 04 04 01 00 3C");
            Refused(SnError.BadClientIdLength, "1E 04 04 01 00 3C 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61");
            Refused(SnError.None, "1D 04 04 01 00 3C 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61");
        }

        [TestMethod]
        public void Qos_minus_one_outside_publish_is_InvalidQos_section_5_3_4()
        {
            Refused(SnError.InvalidQos, "08 12 60 00 01 61 2F 62");
            Refused(SnError.InvalidQos, "04 07 60 61");
        }

        [TestMethod]
        public void A_short_topic_name_of_other_than_two_octets_is_BadShortTopicName_section_5_3_12()
        {
            Refused(SnError.BadShortTopicName, "08 12 02 00 01 61 2F 62");
            Refused(SnError.BadShortTopicName, "06 12 02 00 01 61");
        }

        [TestMethod]
        public void Reserved_return_codes_are_ReservedReturnCode_section_5_3_10()
        {
            Refused(SnError.ReservedReturnCode, "03 05 04");
            Refused(SnError.ReservedReturnCode, "07 0D 00 01 00 01 FF");
            Refused(SnError.ReservedReturnCode, "08 13 00 00 01 00 01 05");
        }

        [TestMethod]
        public void Topic_names_and_filters_follow_the_MQTT_rules_MQTT_4_7_1()
        {
            Refused(SnError.InvalidTopic, "08 12 00 00 01 61 23 62");
            Refused(SnError.InvalidTopic, "07 0A 00 01 00 01 2B");
            Refused(SnError.EmptyTopicName, "05 12 00 00 01");
            Refused(SnError.InvalidUtf8, "07 12 00 00 01 C3 28");
            Refused(SnError.InvalidUtf8, "06 12 00 00 01 00");
            Refused(SnError.None, "08 12 00 00 01 2B 2F 23");
        }

        [TestMethod]
        public void The_decoder_of_another_type_reports_UnexpectedMessageType()
        {
            byte[] b = Hex.Parse("02 17");
            Assert.AreEqual((int)SnError.UnexpectedMessageType, (int)new PublishMessage().Decode(b, 0, 2));
            Assert.AreEqual((int)SnError.UnexpectedMessageType, (int)new MsgIdMessage().Decode(b, 0, 2));
            Assert.AreEqual((int)SnError.UnexpectedMessageType, (int)new SubscribeMessage().Decode(b, 0, 2));
        }

        [TestMethod]
        public void A_null_buffer_or_a_range_outside_it_is_InvalidArgument()
        {
            byte type;
            SnMessageSet set = new SnMessageSet();
            Assert.AreEqual((int)SnError.InvalidArgument, (int)set.Decode(null, 0, 0, out type));
            Assert.AreEqual((int)SnError.InvalidArgument, (int)set.Decode(new byte[2], 1, 2, out type));
            Assert.AreEqual((int)SnError.InvalidArgument, (int)set.Decode(new byte[2], -1, 1, out type));
        }

        [TestMethod]
        public void Every_truncation_of_a_valid_publish_is_refused()
        {
            byte[] b = Hex.Parse("0B 0C 30 00 01 00 02 32 31 2E 35");
            SnMessageSet set = new SnMessageSet();
            byte type;
            for (int n = 0; n < b.Length; n++)
            {
                Assert.AreNotEqual((int)SnError.None, (int)set.Decode(b, 0, n, out type), "truncated to " + n);
            }

            Assert.AreEqual((int)SnError.None, (int)set.Decode(b, 0, b.Length, out type));
        }
    }
}
