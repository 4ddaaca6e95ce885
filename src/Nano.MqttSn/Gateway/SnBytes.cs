namespace Nano.MqttSn.Gateway
{
    /// <summary>Octet-range comparison.</summary>
    internal static class SnBytes
    {
        public static bool Equal(byte[] a, int aOffset, byte[] b, int bOffset, int length)
        {
            for (int i = 0; i < length; i++)
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
