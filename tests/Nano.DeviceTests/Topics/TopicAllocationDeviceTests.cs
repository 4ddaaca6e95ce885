#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Codec;
using Nano.DeviceTests.Support;
using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;

namespace Nano.DeviceTests.Topics
{
    /// <summary>Topic matching and validation work on bytes and allocate nothing.</summary>
    [TestClass]
    public class TopicAllocationDeviceTests
    {
        private static readonly byte[] Filter = TestData.Ascii("sport/+/player1/#");
        private static readonly byte[] Topic = TestData.Ascii("sport/tennis/player1/score");
        private static readonly byte[] Dollar = TestData.Ascii("$SYS/broker/uptime");
        private static int matches;

        [TestMethod]
        public void Matching_and_validating_topics_allocate_nothing()
        {
            CodecAllocationDeviceTests.AssertNothingAllocated(Round, "topic match/validate");
            Assert.IsTrue(matches > 0);
        }

        private static void Round()
        {
            matches += TopicMatcher.Matches(Filter, 0, Filter.Length, Topic, 0, Topic.Length) ? 1 : 0;
            matches += TopicMatcher.Matches(Filter, 0, 1, Dollar, 0, Dollar.Length) ? 1 : 0;
            matches += TopicFilter.Validate(Filter, 0, Filter.Length) == MqttError.None ? 1 : 0;
            matches += TopicName.Validate(Topic, 0, Topic.Length) == MqttError.None ? 1 : 0;
        }
    }
}
