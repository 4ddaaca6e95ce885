namespace Nano.MqttSn.Radio
{
    /// <summary>
    /// CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR;
    /// check value 0x29B1 over ASCII "123456789". Carried big-endian after the payload.
    /// </summary>
    public static class Crc16CcittFalse
    {
        /// <summary>The initial register value.</summary>
        public const int Initial = 0xFFFF;

        /// <summary>The CRC of <paramref name="count"/> octets of <paramref name="data"/>.</summary>
        public static int Compute(byte[] data, int offset, int count)
        {
            int crc = Initial;
            for (int i = 0; i < count; i++)
            {
                crc = Update(crc, data[offset + i]);
            }

            return crc;
        }

        /// <summary>Feeds one octet into the CRC register.</summary>
        public static int Update(int crc, byte value)
        {
            crc ^= value << 8;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }

            return crc & 0xFFFF;
        }
    }
}
