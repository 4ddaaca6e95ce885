namespace Nano.Mqtt.Broker
{
    /// <summary>Standard Base64 (RFC 4648 §4, with padding) decoding from bytes to bytes, for password file lines.</summary>
    internal static class Base64
    {
        /// <summary>Decodes <paramref name="length"/> characters into <paramref name="dst"/>; returns the byte count, or -1 when
        /// the text is not canonical Base64 or does not fit.</summary>
        public static int Decode(byte[] src, int offset, int length, byte[] dst, int dstOffset, int dstCapacity)
        {
            if (length % 4 != 0)
            {
                return -1;
            }
            int n = 0;
            for (int i = 0; i < length; i += 4)
            {
                bool last = i + 4 == length;
                int a = Value(src[offset + i]);
                int b = Value(src[offset + i + 1]);
                int c = last && src[offset + i + 2] == (byte)'=' ? -2 : Value(src[offset + i + 2]);
                int d = last && src[offset + i + 3] == (byte)'=' ? -2 : Value(src[offset + i + 3]);
                if (a < 0 || b < 0 || c == -1 || d == -1 || (c == -2 && d != -2))
                {
                    return -1;
                }
                int bytes = c == -2 ? 1 : (d == -2 ? 2 : 3);
                if (n + bytes > dstCapacity)
                {
                    return -1;
                }
                int bits = (a << 18) | (b << 12) | ((c < 0 ? 0 : c) << 6) | (d < 0 ? 0 : d);
                dst[dstOffset + n++] = (byte)(bits >> 16);
                if (bytes > 1)
                {
                    dst[dstOffset + n++] = (byte)(bits >> 8);
                }
                if (bytes > 2)
                {
                    dst[dstOffset + n++] = (byte)bits;
                }
            }
            return n;
        }

        private static int Value(byte c)
        {
            if (c >= (byte)'A' && c <= (byte)'Z')
            {
                return c - 'A';
            }
            if (c >= (byte)'a' && c <= (byte)'z')
            {
                return c - 'a' + 26;
            }
            if (c >= (byte)'0' && c <= (byte)'9')
            {
                return c - '0' + 52;
            }
            if (c == (byte)'+')
            {
                return 62;
            }
            return c == (byte)'/' ? 63 : -1;
        }
    }
}
