#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Nano.DeviceTests.Support
{
    /// <summary>Byte arrays for tests, built without Encoding (the device has none).</summary>
    public static class TestData
    {
        /// <summary>The characters of an ASCII string as bytes.</summary>
        public static byte[] Ascii(string s)
        {
            byte[] b = new byte[s.Length];
            for (int i = 0; i < s.Length; i++)
            {
                b[i] = (byte)s[i];
            }

            return b;
        }

        /// <summary>Bytes from hexadecimal pairs separated by spaces, e.g. "30 03 00 01 61".</summary>
        public static byte[] Hex(string s)
        {
            int n = 0;
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] != ' ')
                {
                    n++;
                }
            }

            byte[] b = new byte[n / 2];
            int k = 0;
            int high = -1;
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] == ' ')
                {
                    continue;
                }

                int digit = Digit(s[i]);
                if (high < 0)
                {
                    high = digit;
                }
                else
                {
                    b[k++] = (byte)((high << 4) | digit);
                    high = -1;
                }
            }

            return b;
        }

        /// <summary>Asserts that <paramref name="actual"/> holds exactly <paramref name="expected"/> at <paramref name="offset"/>
        /// and that <paramref name="count"/> bytes were produced.</summary>
        public static void AssertBytes(byte[] expected, byte[] actual, int offset, int count)
        {
            Assert.AreEqual(expected.Length, count, "length");
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], actual[offset + i], "byte " + i.ToString());
            }
        }

        private static int Digit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            return c >= 'a' && c <= 'f' ? c - 'a' + 10 : c - 'A' + 10;
        }
    }
}
