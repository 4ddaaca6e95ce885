#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;

namespace Nano.DeviceTests
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
