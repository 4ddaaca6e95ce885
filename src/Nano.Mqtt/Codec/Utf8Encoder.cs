namespace Nano.Mqtt.Codec
{
    /// <summary>UTF-8 encoding of strings by hand (the device's mscorlib has no Encoding), for the string edge of the API.</summary>
    public static class Utf8Encoder
    {
        /// <summary>Bytes needed to encode <paramref name="value"/>, or -1 when it holds an unpaired surrogate.</summary>
        public static int GetByteCount(string value)
        {
            if (value == null)
            {
                return 0;
            }

            int count = 0;
            for (int i = 0; i < value.Length; i++)
            {
                int c = value[i];
                if (c < 0x80)
                {
                    count += 1;
                }
                else if (c < 0x800)
                {
                    count += 2;
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    if (c > 0xDBFF || i + 1 >= value.Length || value[i + 1] < 0xDC00 || value[i + 1] > 0xDFFF)
                    {
                        return -1;
                    }

                    count += 4;
                    i++;
                }
                else
                {
                    count += 3;
                }
            }

            return count;
        }

        /// <summary>Encodes <paramref name="value"/> at <paramref name="offset"/>; returns the bytes written, or -1
        /// (nothing written) when it does not fit or holds an unpaired surrogate. Allocates nothing.</summary>
        public static int Encode(string value, byte[] dst, int offset)
        {
            int size = GetByteCount(value);
            if (size < 0 || dst == null || offset < 0 || offset > dst.Length - size)
            {
                return -1;
            }

            if (value == null)
            {
                return 0;
            }

            int p = offset;
            for (int i = 0; i < value.Length; i++)
            {
                int c = value[i];
                if (c < 0x80)
                {
                    dst[p++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    dst[p++] = (byte)(0xC0 | (c >> 6));
                    dst[p++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    int codePoint = 0x10000 + ((c - 0xD800) << 10) + (value[i + 1] - 0xDC00);
                    i++;
                    dst[p++] = (byte)(0xF0 | (codePoint >> 18));
                    dst[p++] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                    dst[p++] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                    dst[p++] = (byte)(0x80 | (codePoint & 0x3F));
                }
                else
                {
                    dst[p++] = (byte)(0xE0 | (c >> 12));
                    dst[p++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    dst[p++] = (byte)(0x80 | (c & 0x3F));
                }
            }

            return size;
        }

        /// <summary>Encodes into a new array (configuration edge only); an unpaired surrogate yields an empty array.</summary>
        public static byte[] GetBytes(string value)
        {
            int size = GetByteCount(value);
            byte[] bytes = new byte[size < 0 ? 0 : size];
            if (size > 0)
            {
                Encode(value, bytes, 0);
            }

            return bytes;
        }
    }
}
