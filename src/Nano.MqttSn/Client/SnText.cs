namespace Nano.MqttSn.Client
{
    /// <summary>UTF-8 encoding of configuration strings (construction time only).</summary>
    internal static class SnText
    {
        public static byte[] Utf8(string s)
        {
            if (s == null)
            {
                return null;
            }

            byte[] tmp = new byte[s.Length * 3];
            int n = 0;
            for (int i = 0; i < s.Length; i++)
            {
                int c = s[i];
                if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.Length && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    c = 0x10000 + ((c - 0xD800) << 10) + (s[++i] - 0xDC00);
                }

                if (c < 0x80)
                {
                    tmp[n++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    tmp[n++] = (byte)(0xC0 | (c >> 6));
                    tmp[n++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (c < 0x10000)
                {
                    tmp[n++] = (byte)(0xE0 | (c >> 12));
                    tmp[n++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    tmp[n++] = (byte)(0x80 | (c & 0x3F));
                }
                else
                {
                    tmp[n++] = (byte)(0xF0 | (c >> 18));
                    tmp[n++] = (byte)(0x80 | ((c >> 12) & 0x3F));
                    tmp[n++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    tmp[n++] = (byte)(0x80 | (c & 0x3F));
                }
            }

            byte[] result = new byte[n];
            System.Array.Copy(tmp, result, n);
            return result;
        }
    }
}
