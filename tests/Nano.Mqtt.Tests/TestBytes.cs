using System;
using System.Text;

namespace Nano.Mqtt.Tests
{
    /// <summary>Test-only conversions between text, hex and byte arrays.</summary>
    internal static class TestBytes
    {
        public static byte[] Ascii(string s) => Encoding.UTF8.GetBytes(s);

        public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty));

        public static string ToHex(byte[] b, int offset, int count) => Convert.ToHexString(b, offset, count);

        public static string Text(Nano.Mqtt.Codec.ByteSlice s) => Encoding.UTF8.GetString(s.Buffer, s.Offset, s.Length);

        public static byte[] Copy(Nano.Mqtt.Codec.ByteSlice s) => s.Buffer.AsSpan(s.Offset, s.Length).ToArray();

        public static Nano.Mqtt.Codec.ByteSlice Slice(string s)
        {
            byte[] b = Ascii(s);
            return new Nano.Mqtt.Codec.ByteSlice(b, 0, b.Length);
        }

        public static Nano.Mqtt.Codec.ByteSlice Slice(byte[] b) => new Nano.Mqtt.Codec.ByteSlice(b, 0, b.Length);
    }
}
