namespace Nano.DeviceTests.Gateway
{
    /// <summary>Octets written as "03 05 00" (upper case, one space between octets), and ASCII text as octets.</summary>
    internal static class Hex
    {
        private const string Digits = "0123456789ABCDEF";

        public static string Of(byte[] b, int offset, int count)
        {
            if (count <= 0)
            {
                return "";
            }
            char[] c = new char[count * 3 - 1];
            for (int i = 0; i < count; i++)
            {
                int v = b[offset + i];
                c[i * 3] = Digits[v >> 4];
                c[i * 3 + 1] = Digits[v & 0x0F];
                if (i < count - 1)
                {
                    c[i * 3 + 2] = ' ';
                }
            }
            return new string(c);
        }

        public static byte[] Parse(string hex)
        {
            int n = 0;
            for (int i = 0; i < hex.Length; i++)
            {
                if (hex[i] != ' ')
                {
                    n++;
                }
            }
            byte[] b = new byte[n / 2];
            int k = 0;
            for (int i = 0; i < hex.Length; i++)
            {
                if (hex[i] == ' ')
                {
                    continue;
                }
                int v = Digit(hex[i]);
                b[k / 2] = (byte)(k % 2 == 0 ? v << 4 : b[k / 2] | v);
                k++;
            }
            return b;
        }

        public static byte[] Ascii(string s)
        {
            byte[] b = new byte[s.Length];
            for (int i = 0; i < s.Length; i++)
            {
                b[i] = (byte)s[i];
            }
            return b;
        }

        /// <summary>The hex of ASCII text, to write expected datagrams and packets.</summary>
        public static string Text(string s)
        {
            byte[] b = Ascii(s);
            return Of(b, 0, b.Length);
        }

        private static int Digit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }
            return c - 'A' + 10;
        }
    }
}
