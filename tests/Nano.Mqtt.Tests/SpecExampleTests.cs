using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Codec;
using static Nano.Mqtt.Tests.TestBytes;

namespace Nano.Mqtt.Tests
{
    /// <summary>Examples and boundary values given by the MQTT 3.1.1 specification.</summary>
    [TestClass]
    public sealed class SpecExampleTests
    {
        // §2.2.3 Table 2.4: remaining length boundaries and their encodings.
        [TestMethod]
        [DataRow(0, "00")]
        [DataRow(127, "7F")]
        [DataRow(128, "8001")]
        [DataRow(16383, "FF7F")]
        [DataRow(16384, "808001")]
        [DataRow(2097151, "FFFF7F")]
        [DataRow(2097152, "80808001")]
        [DataRow(268435455, "FFFFFF7F")]
        public void Remaining_length_boundaries_encode_and_decode_exactly_2_2_3(int value, string hex)
        {
            byte[] dst = new byte[6];
            int written = FixedHeader.Write(dst, 1, PacketType.Publish, 0, value);
            Assert.AreEqual(1 + hex.Length / 2, written);
            Assert.AreEqual(written, FixedHeader.GetSize(value));
            Assert.AreEqual("30" + hex, ToHex(dst, 1, written));

            Assert.AreEqual(MqttError.None, FixedHeader.Read(dst, 1, written, out PacketType type, out byte flags, out int length, out int headerLength));
            Assert.AreEqual(PacketType.Publish, type);
            Assert.AreEqual(0, flags);
            Assert.AreEqual(value, length);
            Assert.AreEqual(written, headerLength);
        }

        [TestMethod]
        public void Remaining_length_above_268435455_cannot_be_written()
        {
            Assert.AreEqual(-1, FixedHeader.GetSize(268435456));
            Assert.AreEqual(-1, FixedHeader.Write(new byte[8], 0, PacketType.Publish, 0, 268435456));
        }

        [TestMethod]
        public void Fifth_remaining_length_byte_is_malformed_2_2_3()
        {
            byte[] b = Hex("30 FF FF FF FF 01");
            Assert.AreEqual(MqttError.RemainingLengthMalformed, FixedHeader.Read(b, 0, b.Length, out _, out _, out _, out _));
        }

        [TestMethod]
        public void Non_minimal_remaining_length_is_accepted_when_decoding()
        {
            byte[] b = Hex("C0 80 00");
            Assert.AreEqual(MqttError.None, FixedHeader.Read(b, 0, 3, out PacketType type, out _, out int length, out int headerLength));
            Assert.AreEqual(PacketType.PingReq, type);
            Assert.AreEqual(0, length);
            Assert.AreEqual(3, headerLength);
        }

        // §3.1.2.10 Figure 3.6: protocol name "MQTT", level 4, flags 0xCE (user name, password, Will QoS 1,
        // Will flag, Clean Session), keep-alive 10.
        [TestMethod]
        public void Connect_variable_header_example_3_1_2_10()
        {
            var p = new ConnectPacket
            {
                ProtocolLevel = ProtocolLevel.V311,
                CleanSession = true,
                KeepAlive = 10,
                ClientId = Slice("c"),
                HasWill = true,
                WillQos = 1,
                WillTopic = Slice("w"),
                WillMessage = Slice("m"),
                HasUserName = true,
                UserName = Slice("u"),
                HasPassword = true,
                Password = Slice("p"),
            };
            byte[] b = new byte[p.GetSize()];
            Assert.AreEqual(b.Length, p.Encode(b, 0));
            Assert.AreEqual("00044D51545404CE000A", ToHex(b, 2, 10));

            byte[] wire = Hex("10 19 00 04 4D 51 54 54 04 CE 00 0A 00 01 63 00 01 77 00 01 6D 00 01 75 00 01 70");
            CollectionAssert.AreEqual(wire, b);
            Assert.AreEqual(MqttError.None, Decoding.Decode(wire, 0, wire.Length, out ConnectPacket d));
            Assert.AreEqual(ProtocolLevel.V311, d.ProtocolLevel);
            Assert.IsTrue(d.HasUserName && d.HasPassword && d.HasWill && d.CleanSession);
            Assert.IsFalse(d.WillRetain);
            Assert.AreEqual(1, d.WillQos);
            Assert.AreEqual(10, d.KeepAlive);
            Assert.AreEqual("c", Text(d.ClientId));
            Assert.AreEqual("w", Text(d.WillTopic));
            Assert.AreEqual("m", Text(d.WillMessage));
            Assert.AreEqual("u", Text(d.UserName));
            Assert.AreEqual("p", Text(d.Password));
        }

        // §3.3.2.3 Figure 3.11: PUBLISH variable header example, topic "a/b", packet identifier 10.
        [TestMethod]
        public void Publish_variable_header_example_3_3_2_3()
        {
            byte[] wire = Hex("32 07 00 03 61 2F 62 00 0A");
            Assert.AreEqual(MqttError.None, Decoding.Decode(wire, 0, wire.Length, ProtocolLevel.V311, out PublishPacket d));
            Assert.AreEqual("a/b", Text(d.Topic));
            Assert.AreEqual(10, d.PacketId);
            Assert.AreEqual(1, d.Qos);
            Assert.AreEqual(0, d.Payload.Length);
        }

        // §3.8.3 Figure 3.21 / §3.9.3 Figure 3.26: SUBSCRIBE "a/b" QoS 1 and "c/d" QoS 2, SUBACK codes.
        [TestMethod]
        public void Subscribe_and_SubAck_payload_examples_3_8_3_and_3_9_3()
        {
            byte[] wire = Hex("82 0E 00 0A 00 03 61 2F 62 01 00 03 63 2F 64 02");
            Assert.AreEqual(MqttError.None, Decoding.Decode(wire, 0, wire.Length, ProtocolLevel.V311, 16, out SubscribePacket s));
            Assert.AreEqual(2, s.Count);
            TopicFilterReader r = s.GetReader();
            Assert.IsTrue(r.Next(out int off, out int len, out byte qos));
            Assert.AreEqual("a/b", System.Text.Encoding.ASCII.GetString(wire, off, len));
            Assert.AreEqual(1, qos);
            Assert.IsTrue(r.Next(out off, out len, out qos));
            Assert.AreEqual("c/d", System.Text.Encoding.ASCII.GetString(wire, off, len));
            Assert.AreEqual(2, qos);

            byte[] suback = Hex("90 06 00 0A 00 01 02 80");
            Assert.AreEqual(MqttError.None, Decoding.Decode(suback, 0, suback.Length, ProtocolLevel.V311, out SubAckPacket a));
            CollectionAssert.AreEqual(Hex("00 01 02 80"), Copy(a.ReturnCodes));
        }
    }
}
