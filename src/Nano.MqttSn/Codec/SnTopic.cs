using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;

namespace Nano.MqttSn.Codec
{
    /// <summary>
    /// Topic name, topic filter and UTF-8 rules for MQTT-SN text fields: the MQTT rules of
    /// Nano.Mqtt (§1.5.3, §4.7) with their errors mapped to <see cref="SnError"/>.
    /// </summary>
    public static class SnTopic
    {
        /// <summary>Checks a topic name: non-empty, well-formed UTF-8 without U+0000, no '+' or '#'.</summary>
        public static SnError ValidateName(byte[] buf, int off, int count) => Map(TopicName.Validate(buf, off, count));

        /// <summary>Checks a topic filter: non-empty UTF-8, '#' only as the last level, '+' only as a whole level.</summary>
        public static SnError ValidateFilter(byte[] buf, int off, int count) => Map(TopicFilter.Validate(buf, off, count));

        /// <summary>Checks well-formed UTF-8 without U+0000; an empty range is valid.</summary>
        public static SnError ValidateUtf8(byte[] buf, int off, int count) => Map(Utf8.Validate(buf, off, count));

        /// <summary>True when the range holds '+' or '#'.</summary>
        public static bool HasWildcard(byte[] buf, int off, int count)
        {
            for (int i = off; i < off + count; i++)
            {
                if (buf[i] == (byte)'+' || buf[i] == (byte)'#')
                {
                    return true;
                }
            }

            return false;
        }

        private static SnError Map(MqttError e)
        {
            switch (e)
            {
                case MqttError.None:
                    return SnError.None;
                case MqttError.InvalidBufferRange:
                    return SnError.InvalidArgument;
                case MqttError.TopicNameEmpty:
                case MqttError.TopicFilterEmpty:
                    return SnError.EmptyTopicName;
                case MqttError.TopicNameContainsWildcard:
                case MqttError.TopicFilterMultiLevelWildcardMisplaced:
                case MqttError.TopicFilterSingleLevelWildcardMisplaced:
                    return SnError.InvalidTopic;
                case MqttError.StringTooLong:
                    return SnError.BadLength;
                default:
                    return SnError.InvalidUtf8;
            }
        }
    }
}
