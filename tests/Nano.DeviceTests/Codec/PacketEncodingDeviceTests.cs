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
    /// <summary>Every control packet encoded to its exact bytes (§3) and decoded back, at levels 3 and 4.</summary>
    [TestClass]
    public class PacketEncodingDeviceTests
    {
        private static readonly byte[] Levels = { ProtocolLevel.V31, ProtocolLevel.V311 };

        [TestMethod]
        public void Connect_level_4_with_will_user_and_password_encodes_in_payload_order_MQTT_3_1_3_1()
        {
            ConnectPacket p = new ConnectPacket();
            p.ProtocolLevel = ProtocolLevel.V311;
            p.CleanSession = true;
            p.KeepAlive = 60;
            p.ClientId.Set(TestData.Ascii("c1"), 0, 2);
            p.HasWill = true;
            p.WillQos = 1;
            p.WillTopic.Set(TestData.Ascii("w"), 0, 1);
            p.WillMessage.Set(TestData.Ascii("x"), 0, 1);
            p.HasUserName = true;
            p.UserName.Set(TestData.Ascii("u"), 0, 1);
            p.HasPassword = true;
            p.Password.Set(TestData.Ascii("p"), 0, 1);
            byte[] expected = TestData.Hex("10 1A 00 04 4D 51 54 54 04 CE 00 3C 00 02 63 31 00 01 77 00 01 78 00 01 75 00 01 70");
            byte[] wire = new byte[40];
            Assert.AreEqual(expected.Length, p.GetSize());
            TestData.AssertBytes(expected, wire, 2, p.Encode(wire, 2));

            ConnectPacket d = new ConnectPacket();
            Assert.AreEqual((int)MqttError.None, (int)d.Decode(wire, 2, expected.Length));
            Assert.AreEqual((int)ProtocolLevel.V311, (int)d.ProtocolLevel);
            Assert.IsTrue(d.CleanSession);
            Assert.AreEqual(60, (int)d.KeepAlive);
            Assert.AreEqual(16, d.ClientId.Offset);
            Assert.AreEqual(2, d.ClientId.Length);
            Assert.IsTrue(d.HasWill && d.HasUserName && d.HasPassword && !d.WillRetain);
            Assert.AreEqual(1, (int)d.WillQos);
            Assert.AreEqual((int)'w', (int)wire[d.WillTopic.Offset]);
            Assert.AreEqual((int)'x', (int)wire[d.WillMessage.Offset]);
            Assert.AreEqual((int)'u', (int)wire[d.UserName.Offset]);
            Assert.AreEqual((int)'p', (int)wire[d.Password.Offset]);
        }

        [TestMethod]
        public void Connect_level_3_uses_the_protocol_name_MQIsdp()
        {
            ConnectPacket p = new ConnectPacket();
            p.ProtocolLevel = ProtocolLevel.V31;
            p.CleanSession = true;
            p.KeepAlive = 10;
            p.ClientId.Set(TestData.Ascii("a"), 0, 1);
            byte[] expected = TestData.Hex("10 0F 00 06 4D 51 49 73 64 70 03 02 00 0A 00 01 61");
            byte[] wire = new byte[20];
            TestData.AssertBytes(expected, wire, 0, p.Encode(wire, 0));

            ConnectPacket d = new ConnectPacket();
            d.HasWill = true;
            Assert.AreEqual((int)MqttError.None, (int)d.Decode(wire, 0, expected.Length));
            Assert.AreEqual((int)ProtocolLevel.V31, (int)d.ProtocolLevel);
            Assert.IsFalse(d.HasWill, "decoding overwrites every field of a reused packet");
            Assert.AreEqual(10, (int)d.KeepAlive);
        }

        [TestMethod]
        public void ConnAck_carries_session_present_at_level_4_MQTT_3_2_2_2()
        {
            ConnAckPacket p = new ConnAckPacket();
            p.SessionPresent = true;
            p.ReturnCode = ConnectReturnCode.Accepted;
            byte[] wire = new byte[4];
            TestData.AssertBytes(TestData.Hex("20 02 01 00"), wire, 0, p.Encode(wire, 0));
            ConnAckPacket d = new ConnAckPacket();
            Assert.AreEqual((int)MqttError.None, (int)d.Decode(wire, 0, 4, ProtocolLevel.V311));
            Assert.IsTrue(d.SessionPresent);
        }

        [TestMethod]
        public void ConnAck_return_codes_decode_at_both_levels()
        {
            byte[] wire = TestData.Hex("20 02 00 05");
            ConnAckPacket d = new ConnAckPacket();
            for (int i = 0; i < Levels.Length; i++)
            {
                Assert.AreEqual((int)MqttError.None, (int)d.Decode(wire, 0, 4, Levels[i]));
                Assert.AreEqual((int)ConnectReturnCode.NotAuthorized, (int)d.ReturnCode);
                Assert.IsFalse(d.SessionPresent);
            }
        }

        [TestMethod]
        public void Publish_qos_0_has_no_packet_identifier_MQTT_2_3_1_5()
        {
            PublishPacket p = new PublishPacket();
            p.Topic.Set(TestData.Ascii("a/b"), 0, 3);
            p.Payload.Set(TestData.Ascii("hi"), 0, 2);
            byte[] expected = TestData.Hex("30 07 00 03 61 2F 62 68 69");
            byte[] wire = new byte[16];
            TestData.AssertBytes(expected, wire, 0, p.Encode(wire, 0));
            PublishPacket d = new PublishPacket();
            for (int i = 0; i < Levels.Length; i++)
            {
                d.PacketId = 99;
                Assert.AreEqual((int)MqttError.None, (int)d.Decode(wire, 0, expected.Length, Levels[i]));
                Assert.AreEqual(0, (int)d.PacketId);
                Assert.AreEqual(7, d.Payload.Offset);
                Assert.AreEqual(2, d.Payload.Length);
            }
        }

        [TestMethod]
        public void Publish_qos_2_with_dup_and_retain_sets_every_flag_MQTT_3_3_1_1()
        {
            PublishPacket p = new PublishPacket();
            p.Qos = 2;
            p.Dup = true;
            p.Retain = true;
            p.PacketId = 0x0102;
            p.Topic.Set(TestData.Ascii("t"), 0, 1);
            p.Payload.Set(new byte[] { 1 }, 0, 1);
            byte[] expected = TestData.Hex("3D 06 00 01 74 01 02 01");
            byte[] wire = new byte[8];
            TestData.AssertBytes(expected, wire, 0, p.Encode(wire, 0));
            PublishPacket d = new PublishPacket();
            for (int i = 0; i < Levels.Length; i++)
            {
                Assert.AreEqual((int)MqttError.None, (int)d.Decode(wire, 0, 8, Levels[i]));
                Assert.IsTrue(d.Dup && d.Retain);
                Assert.AreEqual(2, (int)d.Qos);
                Assert.AreEqual(0x0102, (int)d.PacketId);
            }
        }

        [TestMethod]
        public void PubAck_encodes_to_four_bytes_MQTT_3_4()
        {
            AssertAck(PacketType.PubAck, "40 02 12 34");
        }

        [TestMethod]
        public void PubRec_encodes_to_four_bytes_MQTT_3_5()
        {
            AssertAck(PacketType.PubRec, "50 02 12 34");
        }

        [TestMethod]
        public void PubRel_has_flags_0010_MQTT_3_6_1_1()
        {
            AssertAck(PacketType.PubRel, "62 02 12 34");
        }

        [TestMethod]
        public void PubComp_encodes_to_four_bytes_MQTT_3_7()
        {
            AssertAck(PacketType.PubComp, "70 02 12 34");
        }

        [TestMethod]
        public void Subscribe_has_flags_0010_and_one_qos_byte_per_filter_MQTT_3_8_1_1()
        {
            SubscribePacket p = new SubscribePacket(2);
            p.PacketId = 10;
            p.Count = 2;
            p.Filters[0].Set(TestData.Ascii("a/#"), 0, 3);
            p.RequestedQos[0] = 1;
            p.Filters[1].Set(TestData.Ascii("+"), 0, 1);
            p.RequestedQos[1] = 2;
            byte[] expected = TestData.Hex("82 0C 00 0A 00 03 61 2F 23 01 00 01 2B 02");
            byte[] wire = new byte[16];
            TestData.AssertBytes(expected, wire, 0, p.Encode(wire, 0));
            SubscribePacket d = new SubscribePacket();
            for (int i = 0; i < Levels.Length; i++)
            {
                Assert.AreEqual((int)MqttError.None, (int)d.Decode(wire, 0, expected.Length, Levels[i]));
                Assert.AreEqual(10, (int)d.PacketId);
                Assert.AreEqual(2, d.Count);
                TopicFilterReader r = d.GetReader();
                int offset;
                int length;
                byte qos;
                Assert.IsTrue(r.Next(out offset, out length, out qos));
                Assert.AreEqual(6, offset);
                Assert.AreEqual(3, length);
                Assert.AreEqual(1, (int)qos);
                Assert.IsTrue(r.Next(out offset, out length, out qos));
                Assert.AreEqual(12, offset);
                Assert.AreEqual(2, (int)qos);
                Assert.IsFalse(r.Next(out offset, out length, out qos));
            }
        }

        [TestMethod]
        public void SubAck_carries_one_return_code_per_filter_MQTT_3_9_3_1()
        {
            SubAckPacket p = new SubAckPacket();
            p.PacketId = 10;
            p.ReturnCodes.Set(new byte[] { 1, 0x80 }, 0, 2);
            byte[] wire = new byte[6];
            TestData.AssertBytes(TestData.Hex("90 04 00 0A 01 80"), wire, 0, p.Encode(wire, 0));
            SubAckPacket d = new SubAckPacket();
            Assert.AreEqual((int)MqttError.None, (int)d.Decode(wire, 0, 6, ProtocolLevel.V311));
            Assert.AreEqual(2, d.ReturnCodes.Length);
            Assert.AreEqual(0x80, (int)wire[d.ReturnCodes.Offset + 1]);
            byte[] level3 = TestData.Hex("90 04 00 0A 01 02");
            Assert.AreEqual((int)MqttError.None, (int)d.Decode(level3, 0, 6, ProtocolLevel.V31));
        }

        [TestMethod]
        public void Unsubscribe_has_flags_0010_MQTT_3_10_1_1()
        {
            UnsubscribePacket p = new UnsubscribePacket(2);
            p.PacketId = 11;
            p.Count = 2;
            p.Filters[0].Set(TestData.Ascii("a/#"), 0, 3);
            p.Filters[1].Set(TestData.Ascii("+"), 0, 1);
            byte[] expected = TestData.Hex("A2 0A 00 0B 00 03 61 2F 23 00 01 2B");
            byte[] wire = new byte[12];
            TestData.AssertBytes(expected, wire, 0, p.Encode(wire, 0));
            UnsubscribePacket d = new UnsubscribePacket();
            for (int i = 0; i < Levels.Length; i++)
            {
                Assert.AreEqual((int)MqttError.None, (int)d.Decode(wire, 0, 12, Levels[i]));
                Assert.AreEqual(11, (int)d.PacketId);
                Assert.AreEqual(2, d.Count);
            }
        }

        [TestMethod]
        public void UnsubAck_echoes_the_packet_identifier_MQTT_3_11()
        {
            UnsubAckPacket p = new UnsubAckPacket();
            p.PacketId = 11;
            byte[] wire = new byte[4];
            TestData.AssertBytes(TestData.Hex("B0 02 00 0B"), wire, 0, p.Encode(wire, 0));
            UnsubAckPacket d = new UnsubAckPacket();
            for (int i = 0; i < Levels.Length; i++)
            {
                Assert.AreEqual((int)MqttError.None, (int)d.Decode(wire, 0, 4, Levels[i]));
                Assert.AreEqual(11, (int)d.PacketId);
            }
        }

        [TestMethod]
        public void PingReq_is_two_bytes_MQTT_3_12()
        {
            AssertHeaderOnly(PacketType.PingReq, "C0 00");
        }

        [TestMethod]
        public void PingResp_is_two_bytes_MQTT_3_13()
        {
            AssertHeaderOnly(PacketType.PingResp, "D0 00");
        }

        [TestMethod]
        public void Disconnect_is_two_bytes_MQTT_3_14()
        {
            AssertHeaderOnly(PacketType.Disconnect, "E0 00");
        }

        [TestMethod]
        public void Encoders_write_nothing_when_the_packet_does_not_fit()
        {
            byte[] small = new byte[3];
            Assert.AreEqual(-1, new AckPacket(PacketType.PubAck, 1).Encode(small, 0));
            Assert.AreEqual(-1, new HeaderOnlyPacket(PacketType.PingReq).Encode(small, 2));
            Assert.AreEqual(0, (int)small[0]);
        }

        private static void AssertAck(PacketType type, string hex)
        {
            AckPacket p = new AckPacket().Set(type, 0x1234);
            byte[] wire = new byte[4];
            TestData.AssertBytes(TestData.Hex(hex), wire, 0, p.Encode(wire, 0));
            AckPacket d = new AckPacket();
            for (int i = 0; i < Levels.Length; i++)
            {
                Assert.AreEqual((int)MqttError.None, (int)d.Decode(wire, 0, 4, Levels[i]));
                Assert.AreEqual((int)type, (int)d.Type);
                Assert.AreEqual(0x1234, (int)d.PacketId);
            }
        }

        private static void AssertHeaderOnly(PacketType type, string hex)
        {
            byte[] wire = new byte[2];
            TestData.AssertBytes(TestData.Hex(hex), wire, 0, new HeaderOnlyPacket(type).Encode(wire, 0));
            HeaderOnlyPacket d = new HeaderOnlyPacket();
            for (int i = 0; i < Levels.Length; i++)
            {
                Assert.AreEqual((int)MqttError.None, (int)d.Decode(wire, 0, 2, Levels[i]));
                Assert.AreEqual((int)type, (int)d.Type);
            }
        }
    }
}
