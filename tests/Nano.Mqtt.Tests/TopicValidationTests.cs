using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;
using static Nano.Mqtt.Tests.TestBytes;

namespace Nano.Mqtt.Tests
{
    [TestClass]
    public sealed class TopicValidationTests
    {
        private static MqttError Name(byte[] b) => TopicName.Validate(b, 0, b.Length);

        private static MqttError Filter(byte[] b) => TopicFilter.Validate(b, 0, b.Length);

        [TestMethod]
        [DataRow("a", MqttError.None)]
        [DataRow("/", MqttError.None)]
        [DataRow("$SYS/x", MqttError.None)]
        [DataRow("sport/tennis/player1", MqttError.None)]
        [DataRow("", MqttError.TopicNameEmpty)]
        [DataRow("a/+", MqttError.TopicNameContainsWildcard)]
        [DataRow("#", MqttError.TopicNameContainsWildcard)]
        [DataRow("a+b", MqttError.TopicNameContainsWildcard)]
        public void Topic_name_rules_MQTT_4_7_1_1_and_4_7_3_1(string topic, MqttError expected)
        {
            Assert.AreEqual(expected, Name(Ascii(topic)));
        }

        [TestMethod]
        [DataRow("#", MqttError.None)]
        [DataRow("+", MqttError.None)]
        [DataRow("/", MqttError.None)]
        [DataRow("sport/#", MqttError.None)]
        [DataRow("/#", MqttError.None)]
        [DataRow("+/+", MqttError.None)]
        [DataRow("+/tennis/#", MqttError.None)]
        [DataRow("sport/+/player1", MqttError.None)]
        [DataRow("", MqttError.TopicFilterEmpty)]
        [DataRow("sport/tennis#", MqttError.TopicFilterMultiLevelWildcardMisplaced)]
        [DataRow("sport/tennis/#/ranking", MqttError.TopicFilterMultiLevelWildcardMisplaced)]
        [DataRow("##", MqttError.TopicFilterMultiLevelWildcardMisplaced)]
        [DataRow("#/", MqttError.TopicFilterMultiLevelWildcardMisplaced)]
        [DataRow("sport+", MqttError.TopicFilterSingleLevelWildcardMisplaced)]
        [DataRow("+a", MqttError.TopicFilterSingleLevelWildcardMisplaced)]
        [DataRow("a/++", MqttError.TopicFilterSingleLevelWildcardMisplaced)]
        public void Topic_filter_wildcard_placement_MQTT_4_7_1_2_and_4_7_1_3(string filter, MqttError expected)
        {
            Assert.AreEqual(expected, Filter(Ascii(filter)));
        }

        [TestMethod]
        public void Null_character_is_rejected_in_names_and_filters_MQTT_4_7_3_2()
        {
            Assert.AreEqual(MqttError.Utf8NullCharacter, Name(new byte[] { (byte)'a', 0, (byte)'b' }));
            Assert.AreEqual(MqttError.Utf8NullCharacter, Filter(new byte[] { (byte)'a', 0 }));
        }

        [TestMethod]
        public void Ill_formed_utf8_is_rejected_in_names_and_filters()
        {
            Assert.AreEqual(MqttError.Utf8Surrogate, Name(Hex("61 ED A0 80")));
            Assert.AreEqual(MqttError.Utf8IllFormed, Filter(Hex("2F FF")));
        }

        /// <summary>Topics of 8 bytes or more are tested eight bytes at a time: every byte value at every place of
        /// topics of 8 to 25 bytes, inside a larger buffer, gives the error a byte-by-byte reading gives, both to
        /// <see cref="TopicName.Validate"/> and to the PUBLISH decoder.</summary>
        [TestMethod]
        public void Each_byte_of_a_long_topic_is_checked_at_every_place_MQTT_4_7_1_1_MQTT_4_7_3_2()
        {
            var publish = new PublishPacket();
            for (int length = 8; length <= 25; length++)
            {
                byte[] packet = new byte[3 + 4 + length + 2];
                packet[3] = 0x30;
                packet[4] = (byte)(2 + length);
                packet[6] = (byte)length;
                for (int place = 0; place < length; place++)
                {
                    for (int value = 0; value < 256; value++)
                    {
                        for (int i = 0; i < length; i++)
                        {
                            packet[7 + i] = (byte)'a';
                        }
                        packet[7 + place] = (byte)value;
                        MqttError expected = value == '+' || value == '#' ? MqttError.TopicNameContainsWildcard
                            : value == 0 ? MqttError.Utf8NullCharacter
                            : value >= 0x80 ? MqttError.Utf8IllFormed : MqttError.None;
                        MqttError named = TopicName.Validate(packet, 7, length);
                        MqttError decoded = publish.Decode(packet, 3, 4 + length, ProtocolLevel.V311);
                        if (expected == MqttError.Utf8IllFormed)
                        {
                            Assert.AreNotEqual(MqttError.None, named, "byte " + value + " at " + place + " of " + length);
                        }
                        else
                        {
                            Assert.AreEqual(expected, named, "byte " + value + " at " + place + " of " + length);
                        }
                        Assert.AreEqual(named, decoded, "byte " + value + " at " + place + " of " + length);
                    }
                }
            }
        }

        [TestMethod]
        public void Range_outside_the_buffer_is_an_error_not_an_exception()
        {
            byte[] b = Ascii("abc");
            Assert.AreEqual(MqttError.InvalidBufferRange, TopicName.Validate(b, 2, 5));
            Assert.AreEqual(MqttError.InvalidBufferRange, TopicFilter.Validate(null, 0, 1));
            Assert.AreEqual(MqttError.InvalidBufferRange, TopicFilter.Validate(b, -1, 1));
        }
    }
}
