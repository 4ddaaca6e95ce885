using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Topics
{
    /// <summary>Validation of a topic name (the topic a PUBLISH or Will is sent to).</summary>
    public static class TopicName
    {
        /// <summary>Checks length, wildcards and UTF-8 of a topic name (§4.7).</summary>
        /// <returns><see cref="MqttError.None"/> or the rule broken.</returns>
        public static MqttError Validate(byte[] buffer, int offset, int length)
        {
            MqttError error = Wire.CheckTopicRange(buffer, offset, length, MqttError.TopicNameEmpty); // [MQTT-4.7.3-1]
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
                if (b == (byte)'+' || b == (byte)'#')
                {
                    return MqttError.TopicNameContainsWildcard; // [MQTT-4.7.1-1]
                }

                if (b == 0 || b >= 0x80)
                {
                    checkUtf8 = true;
                }
            }

            return checkUtf8 ? Utf8.Validate(buffer, offset, length) : MqttError.None;
        }
    }
}
