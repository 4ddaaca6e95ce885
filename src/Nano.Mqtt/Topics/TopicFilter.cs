using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Topics
{
    /// <summary>Validation of a topic filter (the pattern of a subscription).</summary>
    public static class TopicFilter
    {
        /// <summary>Checks length, wildcard placement and UTF-8 of a topic filter (§4.7).</summary>
        /// <returns><see cref="MqttError.None"/> or the rule broken.</returns>
        public static MqttError Validate(byte[] buffer, int offset, int length)
        {
            MqttError error = Wire.CheckTopicRange(buffer, offset, length, MqttError.TopicFilterEmpty); // [MQTT-4.7.3-1]
            if (error != MqttError.None)
            {
                return error;
            }

            // One pass for wildcards; the UTF-8 check runs only when a byte is not plain ASCII.
            bool checkUtf8 = false;
            int end = offset + length;
            for (int i = offset; i < end; i++)
            {
                byte b = buffer[i];
                if (b != (byte)'+' && b != (byte)'#')
                {
                    if (b == 0 || b >= 0x80)
                    {
                        checkUtf8 = true;
                    }

                    continue;
                }

                bool levelStart = i == offset || buffer[i - 1] == (byte)'/';
                bool levelEnd = i == end - 1 || buffer[i + 1] == (byte)'/';
                if (b == (byte)'#')
                {
                    if (!levelStart || i != end - 1)
                    {
                        return MqttError.TopicFilterMultiLevelWildcardMisplaced; // [MQTT-4.7.1-2]
                    }
                }
                else if (!levelStart || !levelEnd)
                {
                    return MqttError.TopicFilterSingleLevelWildcardMisplaced; // [MQTT-4.7.1-3]
                }
            }

            return checkUtf8 ? Utf8.Validate(buffer, offset, length) : MqttError.None;
        }
    }
}
