#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.Mqtt;
using Nano.Mqtt.Codec;

namespace Nano.DeviceTests.Codec
{
    /// <summary>Malformed inputs, each rejected with the MqttError naming the rule it breaks.</summary>
    [TestClass]
    public class MalformedPacketDeviceTests
    {
        private static readonly ConnectPacket Connect = new ConnectPacket();
        private static readonly ConnAckPacket ConnAck = new ConnAckPacket();
        private static readonly PublishPacket Publish = new PublishPacket();
        private static readonly AckPacket Ack = new AckPacket();
        private static readonly SubscribePacket Subscribe = new SubscribePacket();
        private static readonly SubAckPacket SubAck = new SubAckPacket();
        private static readonly UnsubscribePacket Unsubscribe = new UnsubscribePacket();
        private static readonly UnsubAckPacket UnsubAck = new UnsubAckPacket();
        private static readonly HeaderOnlyPacket HeaderOnly = new HeaderOnlyPacket();

        [TestMethod]
        public void Publish_with_both_qos_bits_set_is_malformed_MQTT_3_3_1_4()
        {
            AssertError(MqttError.PublishQos3, "36 05 00 01 61 00 01", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Publish_qos_0_with_dup_is_malformed_at_level_4_MQTT_3_3_1_2()
        {
            AssertError(MqttError.PublishDupWithQos0, "38 03 00 01 61", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Publish_qos_1_with_packet_identifier_0_is_malformed_MQTT_2_3_1_1()
        {
            AssertError(MqttError.PacketIdZero, "32 05 00 01 61 00 00", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Publish_topic_with_a_wildcard_is_malformed_MQTT_3_3_2_2()
        {
            AssertError(MqttError.TopicNameContainsWildcard, "30 03 00 01 23", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Publish_with_an_empty_topic_is_malformed_MQTT_4_7_3_1()
        {
            AssertError(MqttError.TopicNameEmpty, "30 02 00 00", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Connect_with_an_unknown_protocol_name_is_refused_MQTT_3_1_2_1()
        {
            AssertError(MqttError.ConnectProtocolNameInvalid, "10 0D 00 04 4D 51 54 58 04 02 00 00 00 01 61", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Connect_with_level_5_is_answered_with_return_code_1_MQTT_3_1_2_2()
        {
            AssertError(MqttError.ConnectProtocolLevelUnsupported, "10 0D 00 04 4D 51 54 54 05 02 00 00 00 01 61", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Connect_MQTT_with_level_3_is_a_name_level_mismatch_MQTT_3_1_2_2()
        {
            AssertError(MqttError.ConnectProtocolNameLevelMismatch, "10 0D 00 04 4D 51 54 54 03 02 00 00 00 01 61", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Connect_reserved_flag_set_is_malformed_MQTT_3_1_2_3()
        {
            AssertError(MqttError.ConnectReservedFlagSet, "10 0D 00 04 4D 51 54 54 04 03 00 00 00 01 61", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Connect_will_qos_without_will_flag_is_malformed_MQTT_3_1_2_13()
        {
            AssertError(MqttError.ConnectWillQosWithoutWill, "10 0D 00 04 4D 51 54 54 04 0A 00 00 00 01 61", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Connect_will_retain_without_will_flag_is_malformed_MQTT_3_1_2_15()
        {
            AssertError(MqttError.ConnectWillRetainWithoutWill, "10 0D 00 04 4D 51 54 54 04 22 00 00 00 01 61", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Connect_will_qos_3_is_malformed_MQTT_3_1_2_14()
        {
            AssertError(MqttError.ConnectWillQos3, "10 0D 00 04 4D 51 54 54 04 1E 00 00 00 01 61", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Connect_password_without_user_name_is_malformed_MQTT_3_1_2_22()
        {
            AssertError(MqttError.ConnectPasswordWithoutUserName, "10 0D 00 04 4D 51 54 54 04 42 00 00 00 01 61", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Connect_will_topic_with_a_wildcard_is_malformed_MQTT_3_1_3_10()
        {
            AssertError(MqttError.ConnectWillTopicInvalid, "10 12 00 04 4D 51 54 54 04 06 00 00 00 01 61 00 01 23 00 00", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Connect_with_bytes_after_the_last_field_is_malformed()
        {
            AssertError(MqttError.TrailingBytes, "10 0E 00 04 4D 51 54 54 04 02 00 00 00 01 61 FF", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Connect_field_longer_than_the_packet_is_malformed()
        {
            AssertError(MqttError.FieldOverrunsPacket, "10 0D 00 04 4D 51 54 54 04 02 00 00 00 05 61", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Subscribe_with_flags_0000_is_malformed_MQTT_3_8_1_1()
        {
            AssertError(MqttError.FixedHeaderFlagsInvalid, "80 06 00 01 00 01 61 00", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Subscribe_without_filters_is_malformed_MQTT_3_8_3_3()
        {
            AssertError(MqttError.SubscribeNoTopicFilters, "82 02 00 01", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Subscribe_qos_byte_with_reserved_bits_is_malformed_MQTT_3_8_3_4()
        {
            AssertError(MqttError.SubscribeRequestedQosReservedBits, "82 06 00 01 00 01 61 04", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Subscribe_requested_qos_3_is_malformed_MQTT_3_8_3_4()
        {
            AssertError(MqttError.SubscribeRequestedQos3, "82 06 00 01 00 01 61 03", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Subscribe_with_more_filters_than_the_bound_is_refused()
        {
            AssertError(MqttError.TooManyTopicFilters, "82 0A 00 01 00 01 61 00 00 01 62 00", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Unsubscribe_without_filters_is_malformed_MQTT_3_10_3_2()
        {
            AssertError(MqttError.UnsubscribeNoTopicFilters, "A2 02 00 01", ProtocolLevel.V311);
        }

        [TestMethod]
        public void SubAck_failure_code_is_invalid_at_level_3_MQTT_3_9_3_2()
        {
            AssertError(MqttError.SubAckReturnCodeInvalid, "90 03 00 01 80", ProtocolLevel.V31);
        }

        [TestMethod]
        public void SubAck_without_return_codes_is_malformed()
        {
            AssertError(MqttError.SubAckNoReturnCodes, "90 02 00 01", ProtocolLevel.V311);
        }

        [TestMethod]
        public void ConnAck_session_present_with_an_error_code_is_malformed_MQTT_3_2_2_4()
        {
            AssertError(MqttError.ConnAckSessionPresentWithError, "20 02 01 05", ProtocolLevel.V311);
        }

        [TestMethod]
        public void ConnAck_reserved_acknowledge_flags_are_malformed_at_level_4()
        {
            AssertError(MqttError.ConnAckReservedFlagsSet, "20 02 02 00", ProtocolLevel.V311);
        }

        [TestMethod]
        public void ConnAck_return_code_above_5_is_reserved()
        {
            AssertError(MqttError.ConnAckReturnCodeReserved, "20 02 00 06", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Remaining_length_with_a_fifth_byte_is_malformed_MQTT_2_2_3()
        {
            AssertError(MqttError.RemainingLengthMalformed, "30 FF FF FF FF 01", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Remaining_length_shorter_than_the_span_is_a_mismatch()
        {
            AssertError(MqttError.RemainingLengthMismatch, "40 02 00 01 00", ProtocolLevel.V311);
        }

        [TestMethod]
        public void PubAck_with_remaining_length_3_is_malformed()
        {
            AssertError(MqttError.RemainingLengthInvalidForType, "40 03 00 01 00", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Packet_type_0_is_reserved_MQTT_2_2_1()
        {
            AssertError(MqttError.PacketTypeReserved, "00 00", ProtocolLevel.V311);
        }

        [TestMethod]
        public void A_lone_first_byte_is_a_truncated_fixed_header()
        {
            AssertError(MqttError.FixedHeaderTruncated, "30", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Topic_with_an_encoded_surrogate_is_malformed_MQTT_1_5_3_1()
        {
            AssertError(MqttError.Utf8Surrogate, "30 05 00 03 ED A0 80", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Topic_with_U_0000_is_malformed_MQTT_1_5_3_2()
        {
            AssertError(MqttError.Utf8NullCharacter, "30 03 00 01 00", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Topic_with_an_overlong_encoding_is_malformed_MQTT_1_5_3_1()
        {
            AssertError(MqttError.Utf8Overlong, "30 04 00 02 C0 AF", ProtocolLevel.V311);
        }

        [TestMethod]
        public void Publish_qos_0_with_dup_is_accepted_at_level_3()
        {
            AssertError(MqttError.None, "38 03 00 01 61", ProtocolLevel.V31);
        }

        [TestMethod]
        public void PubRel_with_dup_is_accepted_at_level_3_only_MQTT_3_6_1_1()
        {
            AssertError(MqttError.None, "6A 02 00 01", ProtocolLevel.V31);
            AssertError(MqttError.FixedHeaderFlagsInvalid, "6A 02 00 01", ProtocolLevel.V311);
            AssertError(MqttError.FixedHeaderFlagsInvalid, "60 02 00 01", ProtocolLevel.V311);
        }

        [TestMethod]
        public void A_decoder_rejects_another_packet_type()
        {
            byte[] pubAck = TestData.Hex("40 02 00 01");
            Assert.AreEqual((int)MqttError.PacketTypeUnexpected, (int)Publish.Decode(pubAck, 0, 4, ProtocolLevel.V311));
            Assert.AreEqual((int)MqttError.PacketTypeUnexpected, (int)HeaderOnly.Decode(pubAck, 0, 4, ProtocolLevel.V311));
        }

        [TestMethod]
        public void Level_5_packets_are_not_decoded_after_connect()
        {
            AssertError(MqttError.ProtocolLevelUnsupported, "40 02 00 01", ProtocolLevel.V50);
        }

        private static void AssertError(MqttError expected, string hex, byte level)
        {
            byte[] wire = TestData.Hex(hex);
            Subscribe.MaxFilters = 1;
            Assert.AreEqual((int)expected, (int)Decode(wire, level), hex);
        }

        private static MqttError Decode(byte[] b, byte level)
        {
            PacketType type;
            byte flags;
            int remaining;
            int header;
            MqttError error = FixedHeader.Read(b, 0, b.Length, out type, out flags, out remaining, out header);
            if (error != MqttError.None)
            {
                return error;
            }

            switch (type)
            {
                case PacketType.Connect:
                    return Connect.Decode(b, 0, b.Length);
                case PacketType.ConnAck:
                    return ConnAck.Decode(b, 0, b.Length, level);
                case PacketType.Publish:
                    return Publish.Decode(b, 0, b.Length, level);
                case PacketType.Subscribe:
                    return Subscribe.Decode(b, 0, b.Length, level);
                case PacketType.SubAck:
                    return SubAck.Decode(b, 0, b.Length, level);
                case PacketType.Unsubscribe:
                    return Unsubscribe.Decode(b, 0, b.Length, level);
                case PacketType.UnsubAck:
                    return UnsubAck.Decode(b, 0, b.Length, level);
                case PacketType.PingReq:
                case PacketType.PingResp:
                case PacketType.Disconnect:
                    return HeaderOnly.Decode(b, 0, b.Length, level);
                default:
                    return Ack.Decode(b, 0, b.Length, level);
            }
        }
    }
}
