using System;
using System.Text;

namespace Nano.MqttSn.Tests
{
    internal static class Bytes
    {
        public static byte[] Hex(string hex)
        {
            string s = hex.Replace(" ", string.Empty);
            byte[] b = new byte[s.Length / 2];
            for (int i = 0; i < b.Length; i++)
            {
                b[i] = Convert.ToByte(s.Substring(2 * i, 2), 16);
            }

            return b;
        }

        public static string ToHex(byte[] b, int off, int count) => BitConverter.ToString(b, off, count).Replace("-", " ");

        public static byte[] Ascii(string s) => Encoding.UTF8.GetBytes(s);

        public static string Text(byte[] b, int off, int count) => Encoding.UTF8.GetString(b, off, count);
    }
}
