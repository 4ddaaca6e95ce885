using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Codec;
using static Nano.Mqtt.Tests.TestBytes;

namespace Nano.Mqtt.Tests
{
    [TestClass]
    public sealed class Utf8Tests
    {
        private static MqttError V(string hex)
        {
            byte[] b = Hex(hex);
            return Utf8.Validate(b, 0, b.Length);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("41")]
        [DataRow("7F")]
        [DataRow("C2 80")]
        [DataRow("DF BF")]
        [DataRow("E0 A0 80")]
        [DataRow("ED 9F BF")]
        [DataRow("EE 80 80")]
        [DataRow("EF BF BF")]
        [DataRow("F0 90 80 80")]
        [DataRow("F4 8F BF BF")]
        [DataRow("41 F0 9F 98 80 42")]
        public void Well_formed_sequences_are_accepted(string hex)
        {
            Assert.AreEqual(MqttError.None, V(hex));
        }

        [TestMethod]
        public void Bom_is_a_valid_character_and_is_not_stripped_MQTT_1_5_3_3()
        {
            byte[] b = Hex("EF BB BF 61");
            Assert.AreEqual(MqttError.None, Utf8.Validate(b, 0, b.Length));
            Assert.AreEqual("EFBBBF61", ToHex(b, 0, b.Length));
        }

        [TestMethod]
        [DataRow("ED A0 80")]
        [DataRow("ED BF BF")]
        [DataRow("ED AD BF ED B0 80")]
        public void Encoded_surrogates_are_rejected_MQTT_1_5_3_1(string hex)
        {
            Assert.AreEqual(MqttError.Utf8Surrogate, V(hex));
        }

        [TestMethod]
        [DataRow("00")]
        [DataRow("61 00")]
        public void Null_character_is_rejected_MQTT_1_5_3_2(string hex)
        {
            Assert.AreEqual(MqttError.Utf8NullCharacter, V(hex));
        }

        [TestMethod]
        [DataRow("C0 80")]
        [DataRow("C1 BF")]
        [DataRow("E0 80 80")]
        [DataRow("E0 9F BF")]
        [DataRow("F0 80 80 80")]
        [DataRow("F0 8F BF BF")]
        public void Overlong_encodings_are_rejected_MQTT_1_5_3_1(string hex)
        {
            Assert.AreEqual(MqttError.Utf8Overlong, V(hex));
        }

        [TestMethod]
        [DataRow("F4 90 80 80")]
        [DataRow("F7 BF BF BF")]
        public void Code_points_above_U10FFFF_are_rejected(string hex)
        {
            Assert.AreEqual(MqttError.Utf8OutOfRange, V(hex));
        }

        [TestMethod]
        [DataRow("80")]
        [DataRow("BF")]
        [DataRow("C2")]
        [DataRow("E0 A0")]
        [DataRow("F0 90 80")]
        [DataRow("C2 41")]
        [DataRow("E2 82 41")]
        [DataRow("F8 88 80 80 80")]
        [DataRow("FE")]
        [DataRow("FF")]
        public void Ill_formed_sequences_are_rejected_MQTT_1_5_3_1(string hex)
        {
            Assert.AreEqual(MqttError.Utf8IllFormed, V(hex));
        }

        [TestMethod]
        public void Only_the_given_range_is_checked()
        {
            byte[] b = Hex("FF 61 62 FF");
            Assert.AreEqual(MqttError.None, Utf8.Validate(b, 1, 2));
            Assert.AreEqual(MqttError.Utf8IllFormed, Utf8.Validate(b, 1, 3));
        }
    }
}
