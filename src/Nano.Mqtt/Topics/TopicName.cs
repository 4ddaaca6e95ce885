using System;
using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Topics
{
    /// <summary>Validation of a topic name (the topic a PUBLISH or Will is sent to).</summary>
    public static class TopicName
    {
        private const long Ones = 0x0101010101010101L;
        private const long HighBits = unchecked((long)0x8080808080808080UL);
        private const long Bit3 = 0x0808080808080808L;
        private const long Hashes = 0x2323232323232323L;

        /// <summary>Checks length, wildcards and UTF-8 of a topic name (§4.7).</summary>
        /// <returns><see cref="MqttError.None"/> or the rule broken.</returns>
        public static MqttError Validate(byte[] buffer, int offset, int length)
        {
            if (length >= 8 && length <= Wire.MaxFieldLength && buffer != null && offset >= 0 && offset <= buffer.Length - length
                && PlainAscii(buffer, offset, length))
            {
                return MqttError.None; // the common case, without the calls of the checks below
            }

            return CheckEachByte(buffer, offset, length);
        }

        /// <summary><see cref="Validate"/> without the eight-bytes-at-a-time test of the common case.</summary>
        internal static MqttError CheckEachByte(byte[] buffer, int offset, int length)
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

        /// <summary>
        /// True when every byte of a range of at least 8, inside its array, is ASCII other than NUL, '+' and '#', tested
        /// eight bytes at a time (on the interpreter a native read and a few word operations cost less than eight element
        /// loads). In a word without a high bit, w - 0x01..01 sets a high bit exactly when a byte is 0 (only a zero byte
        /// borrows); with bit 3 of every byte cleared, '+' and '#' both become 0x23, which XOR turns into a zero byte. The
        /// words are or-ed together and tested once.
        /// </summary>
        internal static bool PlainAscii(byte[] buffer, int offset, int length)
        {
            int last = offset + length - 8;
            long w = BitConverter.ToInt64(buffer, last);
            long any = w | (w - Ones) | (((w & ~Bit3) ^ Hashes) - Ones);
            for (int i = offset; i < last; i += 8)
            {
                w = BitConverter.ToInt64(buffer, i);
                any |= w | (w - Ones) | (((w & ~Bit3) ^ Hashes) - Ones);
            }

            return (any & HighBits) == 0;
        }
    }
}
