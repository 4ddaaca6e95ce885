using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Topics;
using static Nano.Mqtt.Tests.TestBytes;

namespace Nano.Mqtt.Tests
{
    [TestClass]
    public sealed class TopicMatcherTests
    {
        private static bool Match(string filter, string topic)
        {
            // Offsets inside larger arrays prove that only the given range is read.
            byte[] f = Ascii("xx" + filter + "yy");
            byte[] t = Ascii("zzz" + topic + "/w");
            return TopicMatcher.Matches(f, 2, f.Length - 4, t, 3, t.Length - 5);
        }

        // §4.7.1.2 multi-level wildcard examples.
        [TestMethod]
        [DataRow("sport/tennis/player1/#", "sport/tennis/player1", true)]
        [DataRow("sport/tennis/player1/#", "sport/tennis/player1/ranking", true)]
        [DataRow("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true)]
        [DataRow("sport/#", "sport", true)]
        [DataRow("#", "sport/tennis", true)]
        [DataRow("#", "/", true)]
        [DataRow("sport/tennis/#", "sport/tennis", true)]
        [DataRow("sport/tennis/#", "sport/tennisx", false)]
        [DataRow("sport/#", "sports", false)]
        [DataRow("sport/#", "sport/", true)]
        public void Multi_level_wildcard_spec_examples_4_7_1_2(string filter, string topic, bool expected)
        {
            Assert.AreEqual(expected, Match(filter, topic));
        }

        // §4.7.1.3 single-level wildcard examples.
        [TestMethod]
        [DataRow("sport/tennis/+", "sport/tennis/player1", true)]
        [DataRow("sport/tennis/+", "sport/tennis/player2", true)]
        [DataRow("sport/tennis/+", "sport/tennis/player1/ranking", false)]
        [DataRow("sport/+", "sport", false)]
        [DataRow("sport/+", "sport/", true)]
        [DataRow("+/+", "/finance", true)]
        [DataRow("/+", "/finance", true)]
        [DataRow("+", "/finance", false)]
        [DataRow("+", "finance", true)]
        [DataRow("+/tennis/#", "sport/tennis/player1", true)]
        [DataRow("+/tennis/#", "sport/tennis", true)]
        [DataRow("+/+/+", "a//c", true)]
        [DataRow("a/+/c", "a//c", true)]
        [DataRow("a/+/c", "a/b/d", false)]
        public void Single_level_wildcard_spec_examples_4_7_1_3(string filter, string topic, bool expected)
        {
            Assert.AreEqual(expected, Match(filter, topic));
        }

        [TestMethod]
        [DataRow("#", "$SYS/broker/load", false)]
        [DataRow("+/monitor/Clients", "$SYS/monitor/Clients", false)]
        [DataRow("+", "$SYS", false)]
        [DataRow("$SYS/#", "$SYS/monitor/Clients", true)]
        [DataRow("$SYS/monitor/+", "$SYS/monitor/Clients", true)]
        [DataRow("$SYS/#", "$SYS", true)]
        [DataRow("#", "a/$SYS", true)]
        [DataRow("+/$x", "a/$x", true)]
        public void Wildcard_first_does_not_match_dollar_topics_MQTT_4_7_2_1(string filter, string topic, bool expected)
        {
            Assert.AreEqual(expected, Match(filter, topic));
        }

        [TestMethod]
        [DataRow("a/b", "a/b", true)]
        [DataRow("a/b", "A/b", false)]
        [DataRow("a/b", "a/b/", false)]
        [DataRow("a/b/", "a/b/", true)]
        [DataRow("a/b/", "a/b", false)]
        [DataRow("/", "/", true)]
        [DataRow("//", "/", false)]
        [DataRow("a", "ab", false)]
        [DataRow("ab", "a", false)]
        [DataRow("a/b", "a", false)]
        [DataRow("a", "a/b", false)]
        [DataRow("ACCOUNTS", "Accounts", false)]
        [DataRow("caf\u00e9", "caf\u00e9", true)]
        [DataRow("caf\u00e9", "cafe\u0301", false)]
        public void Literal_levels_are_byte_exact_MQTT_4_7_3_4(string filter, string topic, bool expected)
        {
            Assert.AreEqual(expected, Match(filter, topic));
        }

        [TestMethod]
        public void Empty_filter_or_topic_never_matches()
        {
            byte[] a = Ascii("a");
            Assert.IsFalse(TopicMatcher.Matches(a, 0, 0, a, 0, 1));
            Assert.IsFalse(TopicMatcher.Matches(a, 0, 1, a, 0, 0));
        }
    }
}
