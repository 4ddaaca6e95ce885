#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.MqttSn.Codec;

namespace Nano.DeviceTests.SnCodec
{
    /// <summary>Every MQTT-SN 1.2 message encoded to its exact octets and decoded back (§5.4).</summary>
    [TestClass]
    public class SnMessageDeviceTests
    {
        private static byte[] Encoded(int size, int written, byte[] buffer, string expected)
        {
            Assert.AreEqual(size, written, "encoded length");
            Hex.AssertOctets(expected, buffer, 0, written);
            byte[] exact = new byte[written];
            System.Array.Copy(buffer, 0, exact, 0, written);
            return exact;
        }

        private static void Ok(SnError e)
        {
            Assert.AreEqual((int)SnError.None, (int)e, "decode error");
        }

        [TestMethod]
        public void Advertise_encodes_GwId_and_Duration_section_5_4_2()
        {
            AdvertiseMessage m = new AdvertiseMessage();
            m.GwId = 7;
            m.Duration = 900;
            byte[] dst = new byte[16];
            byte[] b = Encoded(5, m.Encode(dst, 0), dst, "05 00 07 03 84");
            AdvertiseMessage d = new AdvertiseMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual((int)7, (int)d.GwId);
            Assert.AreEqual(900, d.Duration);
        }

        [TestMethod]
        public void SearchGw_encodes_the_radius_section_5_4_3()
        {
            SearchGwMessage m = new SearchGwMessage();
            m.Radius = 1;
            byte[] dst = new byte[8];
            byte[] b = Encoded(3, m.Encode(dst, 0), dst, "03 01 01");
            SearchGwMessage d = new SearchGwMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual((int)1, (int)d.Radius);
        }

        [TestMethod]
        public void GwInfo_from_a_gateway_and_from_a_client_with_GwAdd_section_5_4_4()
        {
            GwInfoMessage m = new GwInfoMessage();
            m.GwId = 3;
            byte[] dst = new byte[16];
            byte[] b = Encoded(3, m.Encode(dst, 0), dst, "03 02 03");
            GwInfoMessage d = new GwInfoMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual(0, d.GwAddLength);

            m.GwAdd = Hex.Parse("C0 A8 01 02");
            m.GwAddLength = 4;
            b = Encoded(7, m.Encode(dst, 0), dst, "07 02 03 C0 A8 01 02");
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual((int)3, (int)d.GwId);
            Assert.AreEqual("C0 A8 01 02", Hex.Format(b, d.GwAddOffset, d.GwAddLength));
        }

        [TestMethod]
        public void Connect_encodes_flags_protocol_id_duration_and_client_id_section_5_4_5()
        {
            ConnectMessage m = new ConnectMessage();
            m.Will = true;
            m.CleanSession = true;
            m.Duration = 60;
            m.ClientId = Hex.Parse("6E 6F 64 65");
            m.ClientIdLength = 4;
            byte[] dst = new byte[32];
            byte[] b = Encoded(10, m.Encode(dst, 0), dst, "0A 04 0C 01 00 3C 6E 6F 64 65");
            ConnectMessage d = new ConnectMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.IsTrue(d.Will);
            Assert.IsTrue(d.CleanSession);
            Assert.AreEqual(60, d.Duration);
            Assert.AreEqual("6E 6F 64 65", Hex.Format(b, d.ClientIdOffset, d.ClientIdLength));
        }

        [TestMethod]
        public void ConnAck_WillTopicResp_and_WillMsgResp_carry_a_return_code_section_5_4_6()
        {
            ReturnCodeMessage m = new ReturnCodeMessage();
            byte[] dst = new byte[8];
            m.MsgType = SnMessageType.ConnAck;
            m.ReturnCode = SnReturnCode.Congestion;
            byte[] b = Encoded(3, m.Encode(dst, 0), dst, "03 05 01");
            ReturnCodeMessage d = new ReturnCodeMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual((int)SnMessageType.ConnAck, (int)d.MsgType);
            Assert.AreEqual((int)SnReturnCode.Congestion, (int)d.ReturnCode);

            m.MsgType = SnMessageType.WillTopicResp;
            m.ReturnCode = SnReturnCode.Accepted;
            Encoded(3, m.Encode(dst, 0), dst, "03 1B 00");
            m.MsgType = SnMessageType.WillMsgResp;
            m.ReturnCode = SnReturnCode.NotSupported;
            b = Encoded(3, m.Encode(dst, 0), dst, "03 1D 03");
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual((int)SnMessageType.WillMsgResp, (int)d.MsgType);
        }

        [TestMethod]
        public void WillTopicReq_WillMsgReq_and_PingResp_are_a_header_only_section_5_4_7()
        {
            HeaderOnlyMessage m = new HeaderOnlyMessage();
            byte[] dst = new byte[4];
            m.MsgType = SnMessageType.WillTopicReq;
            Encoded(2, m.Encode(dst, 0), dst, "02 06");
            m.MsgType = SnMessageType.WillMsgReq;
            Encoded(2, m.Encode(dst, 0), dst, "02 08");
            m.MsgType = SnMessageType.PingResp;
            byte[] b = Encoded(2, m.Encode(dst, 0), dst, "02 17");
            HeaderOnlyMessage d = new HeaderOnlyMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual((int)SnMessageType.PingResp, (int)d.MsgType);
        }

        [TestMethod]
        public void WillTopic_carries_qos_retain_and_topic_and_the_empty_form_deletes_section_5_4_8()
        {
            WillTopicMessage m = new WillTopicMessage();
            m.MsgType = SnMessageType.WillTopic;
            m.Qos = 1;
            m.Retain = true;
            m.Topic = Hex.Parse("64 65 61 64");
            m.TopicLength = 4;
            byte[] dst = new byte[16];
            byte[] b = Encoded(7, m.Encode(dst, 0), dst, "07 07 30 64 65 61 64");
            WillTopicMessage d = new WillTopicMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual(1, d.Qos);
            Assert.IsTrue(d.Retain);
            Assert.AreEqual("64 65 61 64", Hex.Format(b, d.TopicOffset, d.TopicLength));

            m.Clear();
            m.MsgType = SnMessageType.WillTopicUpd;
            b = Encoded(2, m.Encode(dst, 0), dst, "02 1A");
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual((int)SnMessageType.WillTopicUpd, (int)d.MsgType);
            Assert.AreEqual(0, d.TopicLength);
            Assert.IsFalse(d.Retain);
        }

        [TestMethod]
        public void WillMsg_and_WillMsgUpd_carry_the_message_section_5_4_10()
        {
            WillMsgMessage m = new WillMsgMessage();
            m.MsgType = SnMessageType.WillMsg;
            m.Data = Hex.Parse("62 79 65");
            m.DataLength = 3;
            byte[] dst = new byte[8];
            byte[] b = Encoded(5, m.Encode(dst, 0), dst, "05 09 62 79 65");
            WillMsgMessage d = new WillMsgMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual("62 79 65", Hex.Format(b, d.DataOffset, d.DataLength));
            m.MsgType = SnMessageType.WillMsgUpd;
            b = Encoded(5, m.Encode(dst, 0), dst, "05 1C 62 79 65");
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual((int)SnMessageType.WillMsgUpd, (int)d.MsgType);
        }

        [TestMethod]
        public void Register_from_a_client_carries_topic_id_zero_section_5_4_11()
        {
            RegisterMessage m = new RegisterMessage();
            m.MsgId = 0x1234;
            m.TopicName = Hex.Parse("61 2F 62");
            m.TopicNameLength = 3;
            byte[] dst = new byte[16];
            byte[] b = Encoded(9, m.Encode(dst, 0), dst, "09 0A 00 00 12 34 61 2F 62");
            RegisterMessage d = new RegisterMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual(0, d.TopicId);
            Assert.AreEqual(0x1234, d.MsgId);
            Assert.AreEqual("61 2F 62", Hex.Format(b, d.TopicNameOffset, d.TopicNameLength));
        }

        [TestMethod]
        public void RegAck_and_PubAck_carry_topic_id_msg_id_and_return_code_section_5_4_12()
        {
            TopicAckMessage m = new TopicAckMessage();
            m.MsgType = SnMessageType.RegAck;
            m.TopicId = 0x0101;
            m.MsgId = 0x1234;
            byte[] dst = new byte[8];
            byte[] b = Encoded(7, m.Encode(dst, 0), dst, "07 0B 01 01 12 34 00");
            TopicAckMessage d = new TopicAckMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual(0x0101, d.TopicId);
            Assert.AreEqual(0x1234, d.MsgId);

            m.MsgType = SnMessageType.PubAck;
            m.TopicId = 1;
            m.MsgId = 2;
            m.ReturnCode = SnReturnCode.InvalidTopicId;
            b = Encoded(7, m.Encode(dst, 0), dst, "07 0D 00 01 00 02 02");
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual((int)SnMessageType.PubAck, (int)d.MsgType);
            Assert.AreEqual((int)SnReturnCode.InvalidTopicId, (int)d.ReturnCode);
        }

        [TestMethod]
        public void Publish_qos1_with_a_normal_topic_id_section_5_4_12()
        {
            PublishMessage m = new PublishMessage();
            m.Qos = 1;
            m.Retain = true;
            m.TopicId = 1;
            m.MsgId = 2;
            m.Data = Hex.Parse("32 31 2E 35");
            m.DataLength = 4;
            byte[] dst = new byte[32];
            byte[] b = Encoded(11, m.Encode(dst, 0), dst, "0B 0C 30 00 01 00 02 32 31 2E 35");
            PublishMessage d = new PublishMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual(1, d.Qos);
            Assert.IsTrue(d.Retain);
            Assert.IsFalse(d.Dup);
            Assert.AreEqual(SnTopicIdType.Normal, d.TopicIdType);
            Assert.AreEqual(1, d.TopicId);
            Assert.AreEqual(2, d.MsgId);
            Assert.AreEqual("32 31 2E 35", Hex.Format(b, d.DataOffset, d.DataLength));
        }

        [TestMethod]
        public void Publish_qos0_with_a_short_topic_name_section_6_7()
        {
            PublishMessage m = new PublishMessage();
            m.TopicIdType = SnTopicIdType.Short;
            m.TopicId = 0x6274;
            m.Data = Hex.Parse("65");
            m.DataLength = 1;
            byte[] dst = new byte[16];
            byte[] b = Encoded(8, m.Encode(dst, 0), dst, "08 0C 02 62 74 00 00 65");
            PublishMessage d = new PublishMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual(0, d.Qos);
            Assert.AreEqual(SnTopicIdType.Short, d.TopicIdType);
            Assert.AreEqual(0x6274, d.TopicId);
            Assert.AreEqual(0, d.MsgId);
        }

        [TestMethod]
        public void Publish_qos2_dup_with_a_predefined_topic_id_section_5_3_4()
        {
            PublishMessage m = new PublishMessage();
            m.Dup = true;
            m.Qos = 2;
            m.TopicIdType = SnTopicIdType.Predefined;
            m.TopicId = 5;
            m.MsgId = 9;
            byte[] dst = new byte[16];
            byte[] b = Encoded(7, m.Encode(dst, 0), dst, "07 0C C1 00 05 00 09");
            PublishMessage d = new PublishMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.IsTrue(d.Dup);
            Assert.AreEqual(2, d.Qos);
            Assert.AreEqual(SnTopicIdType.Predefined, d.TopicIdType);
            Assert.AreEqual(0, d.DataLength);
        }

        [TestMethod]
        public void Publish_qos_minus_one_with_a_predefined_id_sets_both_qos_bits_section_6_8()
        {
            PublishMessage m = new PublishMessage();
            m.Qos = SnQos.MinusOne;
            m.TopicIdType = SnTopicIdType.Predefined;
            m.TopicId = 3;
            m.Data = Hex.Parse("01");
            m.DataLength = 1;
            byte[] dst = new byte[16];
            byte[] b = Encoded(8, m.Encode(dst, 0), dst, "08 0C 61 00 03 00 00 01");
            PublishMessage d = new PublishMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual(SnQos.MinusOne, d.Qos);
            Assert.AreEqual(3, d.TopicId);
        }

        [TestMethod]
        public void Publish_qos_minus_one_extended_form_carries_the_topic_name_inline()
        {
            byte[] b = Hex.Parse("0B 0C 60 00 03 00 00 61 2F 62 FF");
            PublishMessage d = new PublishMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual(SnQos.MinusOne, d.Qos);
            Assert.AreEqual("61 2F 62", Hex.Format(b, d.TopicNameOffset, d.TopicNameLength));
            Assert.AreEqual("FF", Hex.Format(b, d.DataOffset, d.DataLength));

            byte[] dst = new byte[16];
            Encoded(11, d.Encode(dst, 0), dst, "0B 0C 60 00 03 00 00 61 2F 62 FF");
        }

        [TestMethod]
        public void Publish_of_300_octets_uses_the_long_length_form_section_5_2_1()
        {
            PublishMessage m = new PublishMessage();
            m.TopicId = 1;
            m.Data = new byte[300];
            m.DataLength = 300;
            byte[] dst = new byte[400];
            int n = m.Encode(dst, 0);
            Assert.AreEqual(309, n);
            Hex.AssertOctets("01 01 35 0C 00 00 01 00 00", dst, 0, 9);
            PublishMessage d = new PublishMessage();
            Ok(d.Decode(dst, 0, n));
            Assert.AreEqual(9, d.DataOffset);
            Assert.AreEqual(300, d.DataLength);
        }

        [TestMethod]
        public void A_long_length_form_is_accepted_for_a_short_message_section_5_2_1()
        {
            byte[] b = Hex.Parse("01 00 06 18 01 2C");
            DisconnectMessage d = new DisconnectMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.IsTrue(d.HasDuration);
            Assert.AreEqual(300, d.Duration);
        }

        [TestMethod]
        public void PubRec_PubRel_PubComp_and_UnsubAck_carry_a_msg_id_section_5_4_13()
        {
            MsgIdMessage m = new MsgIdMessage();
            m.MsgId = 0x0102;
            byte[] dst = new byte[8];
            m.MsgType = SnMessageType.PubComp;
            Encoded(4, m.Encode(dst, 0), dst, "04 0E 01 02");
            m.MsgType = SnMessageType.PubRec;
            Encoded(4, m.Encode(dst, 0), dst, "04 0F 01 02");
            m.MsgType = SnMessageType.PubRel;
            Encoded(4, m.Encode(dst, 0), dst, "04 10 01 02");
            m.MsgType = SnMessageType.UnsubAck;
            byte[] b = Encoded(4, m.Encode(dst, 0), dst, "04 15 01 02");
            MsgIdMessage d = new MsgIdMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual((int)SnMessageType.UnsubAck, (int)d.MsgType);
            Assert.AreEqual(0x0102, d.MsgId);
        }

        [TestMethod]
        public void Subscribe_with_a_wildcard_filter_and_dup_section_5_4_15()
        {
            SubscribeMessage m = new SubscribeMessage();
            m.MsgType = SnMessageType.Subscribe;
            m.Dup = true;
            m.Qos = 2;
            m.MsgId = 1;
            m.TopicName = Hex.Parse("73 2F 2B 2F 74");
            m.TopicNameLength = 5;
            byte[] dst = new byte[16];
            byte[] b = Encoded(10, m.Encode(dst, 0), dst, "0A 12 C0 00 01 73 2F 2B 2F 74");
            SubscribeMessage d = new SubscribeMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.IsTrue(d.Dup);
            Assert.AreEqual(2, d.Qos);
            Assert.AreEqual("73 2F 2B 2F 74", Hex.Format(b, d.TopicNameOffset, d.TopicNameLength));
        }

        [TestMethod]
        public void Subscribe_to_a_predefined_id_and_unsubscribe_a_short_name_section_5_4_17()
        {
            SubscribeMessage m = new SubscribeMessage();
            m.MsgType = SnMessageType.Subscribe;
            m.Qos = 1;
            m.TopicIdType = SnTopicIdType.Predefined;
            m.MsgId = 2;
            m.TopicId = 0x10;
            byte[] dst = new byte[16];
            byte[] b = Encoded(7, m.Encode(dst, 0), dst, "07 12 21 00 02 00 10");
            SubscribeMessage d = new SubscribeMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual(0x10, d.TopicId);
            Assert.AreEqual(0, d.TopicNameLength);

            m.Clear();
            m.MsgType = SnMessageType.Unsubscribe;
            m.TopicIdType = SnTopicIdType.Short;
            m.MsgId = 3;
            m.TopicId = 0x6162;
            b = Encoded(7, m.Encode(dst, 0), dst, "07 14 02 00 03 61 62");
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual((int)SnMessageType.Unsubscribe, (int)d.MsgType);
            Assert.AreEqual(0x6162, d.TopicId);
        }

        [TestMethod]
        public void SubAck_carries_granted_qos_topic_id_msg_id_and_return_code_section_5_4_16()
        {
            SubAckMessage m = new SubAckMessage();
            m.Qos = 1;
            m.MsgId = 1;
            byte[] dst = new byte[8];
            byte[] b = Encoded(8, m.Encode(dst, 0), dst, "08 13 20 00 00 00 01 00");
            SubAckMessage d = new SubAckMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual(1, d.Qos);
            Assert.AreEqual(0, d.TopicId);
            Assert.AreEqual(1, d.MsgId);
        }

        [TestMethod]
        public void PingReq_without_and_with_the_client_id_of_a_waking_client_section_5_4_19()
        {
            PingReqMessage m = new PingReqMessage();
            byte[] dst = new byte[8];
            byte[] b = Encoded(2, m.Encode(dst, 0), dst, "02 16");
            PingReqMessage d = new PingReqMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual(0, d.ClientIdLength);
            m.ClientId = Hex.Parse("6E 31");
            m.ClientIdLength = 2;
            b = Encoded(4, m.Encode(dst, 0), dst, "04 16 6E 31");
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual("6E 31", Hex.Format(b, d.ClientIdOffset, d.ClientIdLength));
        }

        [TestMethod]
        public void Disconnect_without_and_with_a_sleep_duration_section_5_4_21()
        {
            DisconnectMessage m = new DisconnectMessage();
            byte[] dst = new byte[8];
            byte[] b = Encoded(2, m.Encode(dst, 0), dst, "02 18");
            DisconnectMessage d = new DisconnectMessage();
            Ok(d.Decode(b, 0, b.Length));
            Assert.IsFalse(d.HasDuration);
            m.HasDuration = true;
            m.Duration = 300;
            b = Encoded(4, m.Encode(dst, 0), dst, "04 18 01 2C");
            Ok(d.Decode(b, 0, b.Length));
            Assert.IsTrue(d.HasDuration);
            Assert.AreEqual(300, d.Duration);
        }

        [TestMethod]
        public void A_reused_instance_forgets_the_fields_of_the_previous_decode()
        {
            PublishMessage d = new PublishMessage();
            byte[] b = Hex.Parse("0B 0C 60 00 03 00 00 61 2F 62 FF");
            Ok(d.Decode(b, 0, b.Length));
            b = Hex.Parse("07 0C 00 00 01 00 00");
            Ok(d.Decode(b, 0, b.Length));
            Assert.AreEqual(0, d.TopicNameLength);
            Assert.AreEqual(0, d.Qos);
            Assert.AreEqual(1, d.TopicId);
        }

        [TestMethod]
        public void Encode_reports_DoesNotFit_when_the_destination_is_too_small()
        {
            TopicAckMessage m = new TopicAckMessage();
            m.MsgType = SnMessageType.PubAck;
            m.TopicId = 1;
            Assert.AreEqual(SnWire.DoesNotFit, m.Encode(new byte[6], 0));
            Assert.AreEqual(SnWire.DoesNotFit, m.Encode(new byte[8], 2));
            Assert.AreEqual(7, m.Encode(new byte[8], 1));
        }

        [TestMethod]
        public void The_message_set_decodes_every_type_into_its_own_instance_section_5_2_2()
        {
            SnMessageSet set = new SnMessageSet();
            byte type;
            Ok(set.Decode(Hex.Parse("0B 0C 30 00 01 00 02 32 31 2E 35"), 0, 11, out type));
            Assert.AreEqual((int)SnMessageType.Publish, (int)type);
            Assert.AreEqual(2, set.Publish.MsgId);
            Ok(set.Decode(Hex.Parse("07 0D 00 01 00 02 02"), 0, 7, out type));
            Assert.AreEqual((int)SnMessageType.PubAck, (int)type);
            Assert.AreEqual(2, set.TopicAck.MsgId);
            Assert.AreEqual(2, set.Publish.MsgId, "the PUBLISH is untouched");
            Ok(set.Decode(Hex.Parse("04 10 00 07"), 0, 4, out type));
            Assert.AreEqual((int)SnMessageType.PubRel, (int)type);
            Assert.AreEqual(7, set.MsgId.MsgId);
            Ok(set.Decode(Hex.Parse("0A 04 04 01 00 3C 6E 6F 64 65"), 0, 10, out type));
            Assert.AreEqual((int)SnMessageType.Connect, (int)type);
            Assert.IsTrue(set.Connect.CleanSession);
        }
    }
}
