using System;

namespace Nano.Mqtt.Codec
{
    /// <summary>Byte-exact comparison of ranges of byte arrays (client ids, topics, filters, user names).</summary>
    public static class Bytes
    {
        /// <summary>True when both ranges have the same length and the same bytes. Ranges are assumed inside
        /// their arrays; an array may be null only when its length is 0.</summary>
        public static bool Equal(byte[] a, int aOffset, int aLength, byte[] b, int bOffset, int bLength)
        {
            if (aLength != bLength)
            {
                return false;
            }

            if (aLength >= 8)
            {
                // Eight bytes per comparison: on the interpreter one native read costs less than eight element loads.
                int last = aLength - 8;
                for (int i = 0; i < last; i += 8)
                {
                    if (BitConverter.ToInt64(a, aOffset + i) != BitConverter.ToInt64(b, bOffset + i))
                    {
                        return false;
                    }
                }

                return BitConverter.ToInt64(a, aOffset + last) == BitConverter.ToInt64(b, bOffset + last);
            }

            for (int i = 0; i < aLength; i++)
            {
                if (a[aOffset + i] != b[bOffset + i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
