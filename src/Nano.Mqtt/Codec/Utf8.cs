namespace Nano.Mqtt.Codec
{
    /// <summary>Well-formedness check of UTF-8 strings as MQTT requires (§1.5.3).</summary>
    public static class Utf8
    {
        /// <summary>
        /// Checks that the bytes are well-formed UTF-8 (Unicode Table 3-7) without U+0000.
        /// A BOM (EF BB BF) is a valid character: it is accepted and never stripped [MQTT-1.5.3-3].
        /// </summary>
        /// <returns><see cref="MqttError.None"/> or the first violation found.</returns>
        public static MqttError Validate(byte[] buffer, int offset, int length)
        {
            if (buffer == null || offset < 0 || length < 0 || offset > buffer.Length - length)
            {
                return MqttError.InvalidBufferRange;
            }

            int i = offset;
            int end = offset + length;
            while (i < end)
            {
                int b = buffer[i];
                if (b < 0x80)
                {
                    if (b == 0)
                    {
                        return MqttError.Utf8NullCharacter; // [MQTT-1.5.3-2]
                    }

                    i++;
                    continue;
                }

                int need;
                int codePoint;
                int min;
                if (b >= 0xC0 && b <= 0xDF)
                {
                    need = 1;
                    codePoint = b & 0x1F;
                    min = 0x80;
                }
                else if (b >= 0xE0 && b <= 0xEF)
                {
                    need = 2;
                    codePoint = b & 0x0F;
                    min = 0x800;
                }
                else if (b >= 0xF0 && b <= 0xF7)
                {
                    need = 3;
                    codePoint = b & 0x07;
                    min = 0x10000;
                }
                else
                {
                    return MqttError.Utf8IllFormed;
                }

                if (need > end - i - 1)
                {
                    return MqttError.Utf8IllFormed;
                }

                for (int k = 1; k <= need; k++)
                {
                    int c = buffer[i + k];
                    if ((c & 0xC0) != 0x80)
                    {
                        return MqttError.Utf8IllFormed;
                    }

                    codePoint = (codePoint << 6) | (c & 0x3F);
                }

                if (codePoint < min)
                {
                    return MqttError.Utf8Overlong;
                }

                if (codePoint >= 0xD800 && codePoint <= 0xDFFF)
                {
                    return MqttError.Utf8Surrogate; // [MQTT-1.5.3-1]
                }

                if (codePoint > 0x10FFFF)
                {
                    return MqttError.Utf8OutOfRange;
                }

                i += need + 1;
            }

            return MqttError.None;
        }
    }
}
