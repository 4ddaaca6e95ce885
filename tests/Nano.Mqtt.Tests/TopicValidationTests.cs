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
