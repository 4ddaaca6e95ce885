#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Nano.DeviceTests.Support
{
    /// <summary>Octet vectors written as hex text ("05 00 07 03 84") for device tests.</summary>
    public static class Hex
    {
        /// <summary>The octets of <paramref name="hex"/>; characters other than hex digits separate them.</summary>
        public static byte[] Parse(string hex)
        {
            int digits = 0;
            for (int i = 0; i < hex.Length; i++)
            {
                if (Digit(hex[i]) >= 0)
                {
                    digits++;
                }
            }

            byte[] octets = new byte[digits / 2];
            int n = 0;
            int high = -1;
            for (int i = 0; i < hex.Length; i++)
            {
                int v = Digit(hex[i]);
                if (v < 0)
                {
                    continue;
                }

                if (high < 0)
                {
                    high = v;
                }
                else
                {
                    octets[n++] = (byte)((high << 4) | v);
                    high = -1;
                }
            }

            return octets;
        }

        /// <summary>The octets as upper-case hex separated by spaces.</summary>
        public static string Format(byte[] octets, int offset, int count)
        {
            if (count <= 0)
            {
                return "";
            }

            char[] text = new char[count * 3 - 1];
            for (int i = 0; i < count; i++)
            {
                int v = octets[offset + i];
                text[i * 3] = Char(v >> 4);
                text[i * 3 + 1] = Char(v & 0x0F);
                if (i + 1 < count)
                {
                    text[i * 3 + 2] = ' ';
                }
            }

            return new string(text);
        }

        /// <summary>Asserts that <paramref name="count"/> octets at <paramref name="offset"/> are exactly <paramref name="expected"/>.</summary>
        public static void AssertOctets(string expected, byte[] actual, int offset, int count)
        {
            Assert.AreEqual(Format(Parse(expected), 0, Parse(expected).Length), Format(actual, offset, count));
        }

        /// <summary>Concatenates octet arrays.</summary>
        public static byte[] Join(byte[] a, byte[] b)
        {
            byte[] joined = new byte[a.Length + b.Length];
            System.Array.Copy(a, 0, joined, 0, a.Length);
            System.Array.Copy(b, 0, joined, a.Length, b.Length);
            return joined;
        }

        private static int Digit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return -1;
        }

        private static char Char(int v) => (char)(v < 10 ? '0' + v : 'A' + v - 10);
    }
}
