#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;

namespace Nano.DeviceTests.Topics
{
    [TestClass]
    public class TopicMatcherDeviceTests
    {
        [TestMethod]
        public void Multi_level_wildcard_matches_the_parent_level_4_7_1_2()
        {
            Assert.IsTrue(Matches("sport/tennis/player1/#", "sport/tennis/player1"));
            Assert.IsTrue(Matches("sport/tennis/player1/#", "sport/tennis/player1/ranking"));
            Assert.IsTrue(Matches("sport/#", "sport"));
            Assert.IsFalse(Matches("sport/tennis/#", "sport/football"));
        }

        [TestMethod]
        public void Single_level_wildcard_matches_one_level_including_an_empty_one_4_7_1_3()
        {
            Assert.IsTrue(Matches("sport/tennis/+", "sport/tennis/player1"));
            Assert.IsFalse(Matches("sport/tennis/+", "sport/tennis/player1/ranking"));
            Assert.IsTrue(Matches("+/+", "/finance"));
            Assert.IsTrue(Matches("/+", "/finance"));
            Assert.IsFalse(Matches("+", "/finance"));
        }

        [TestMethod]
        public void Leading_wildcards_do_not_match_dollar_topics_MQTT_4_7_2_1()
        {
            Assert.IsFalse(Matches("#", "$SYS/broker/uptime"));
            Assert.IsFalse(Matches("+/broker/uptime", "$SYS/broker/uptime"));
            Assert.IsTrue(Matches("$SYS/#", "$SYS/broker/uptime"));
        }

        [TestMethod]
        public void Filters_with_misplaced_wildcards_are_rejected_MQTT_4_7_1_2()
        {
            Assert.IsTrue(TopicFilter.Validate(Bytes("sport/tennis#"), 0, 13) != MqttError.None);
            Assert.IsTrue(TopicFilter.Validate(Bytes("sport/#/ranking"), 0, 15) != MqttError.None);
            Assert.IsTrue(TopicFilter.Validate(Bytes("sport+"), 0, 6) != MqttError.None);
            Assert.IsTrue(TopicFilter.Validate(Bytes("sport/+/player1"), 0, 15) == MqttError.None);
            Assert.IsTrue(TopicName.Validate(Bytes("sport/+"), 0, 7) != MqttError.None);
        }

        [TestMethod]
        public void Matching_is_byte_exact_and_case_sensitive_MQTT_4_7_3_4()
        {
            Assert.IsTrue(Matches("ACCOUNTS", "ACCOUNTS"));
            Assert.IsFalse(Matches("ACCOUNTS", "Accounts"));
            Assert.IsFalse(Matches("a/b", "a/bc"));
            Assert.IsFalse(Matches("a/bc", "a/b"));
        }

        [TestMethod]
        public void A_trailing_slash_is_an_empty_last_level_MQTT_4_7_1_1()
        {
            Assert.IsTrue(Matches("a/", "a/"));
            Assert.IsFalse(Matches("a/", "a"));
            Assert.IsTrue(Matches("a/+", "a/"));
            Assert.IsTrue(Matches("a/#", "a/"));
        }

        [TestMethod]
        public void Multi_level_wildcard_alone_matches_every_topic_not_starting_with_dollar_MQTT_4_7_1_2()
        {
            Assert.IsTrue(Matches("#", "a"));
            Assert.IsTrue(Matches("#", "/"));
            Assert.IsTrue(Matches("#", "a/b/c"));
            Assert.IsFalse(Matches("#", "$SYS"));
        }

        [TestMethod]
        public void Dollar_topics_match_filters_that_name_the_first_level_MQTT_4_7_2_1()
        {
            Assert.IsTrue(Matches("$SYS/+/uptime", "$SYS/broker/uptime"));
            Assert.IsTrue(Matches("$SYS/broker/uptime", "$SYS/broker/uptime"));
            Assert.IsTrue(Matches("a/+/$x", "a/b/$x"));
            Assert.IsTrue(Matches("+/$x", "a/$x"));
        }

        [TestMethod]
        public void Wildcards_alone_in_their_level_are_valid_filters_MQTT_4_7_1_3()
        {
            Assert.IsTrue(Valid("+"));
            Assert.IsTrue(Valid("#"));
            Assert.IsTrue(Valid("+/+/#"));
            Assert.IsTrue(Valid("/"));
            Assert.IsFalse(Valid("a/#/"));
            Assert.IsFalse(Valid("a/++"));
        }

        [TestMethod]
        public void Topic_names_and_filters_must_not_be_empty_or_hold_U_0000_MQTT_4_7_3_1()
        {
            byte[] nul = new byte[] { (byte)'a', 0 };
            Assert.IsTrue(TopicName.Validate(nul, 0, 2) == MqttError.Utf8NullCharacter);
            Assert.IsTrue(TopicFilter.Validate(nul, 0, 2) == MqttError.Utf8NullCharacter);
            Assert.IsTrue(TopicName.Validate(nul, 0, 0) == MqttError.TopicNameEmpty);
            Assert.IsTrue(TopicFilter.Validate(nul, 0, 0) == MqttError.TopicFilterEmpty);
        }

        static bool Valid(string filter)
        {
            byte[] f = Bytes(filter);
            return TopicFilter.Validate(f, 0, f.Length) == MqttError.None;
        }

        static bool Matches(string filter, string topic)
        {
            byte[] f = Bytes(filter);
            byte[] t = Bytes(topic);
            return TopicMatcher.Matches(f, 0, f.Length, t, 0, t.Length);
        }

        // ASCII only: the device has no Encoding class.
        static byte[] Bytes(string s)
        {
            byte[] b = new byte[s.Length];
            for (int i = 0; i < s.Length; i++)
            {
                b[i] = (byte)s[i];
            }

            return b;
        }
    }
}
