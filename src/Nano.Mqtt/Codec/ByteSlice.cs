namespace Nano.Mqtt.Codec
{
    /// <summary>
    /// A field of a packet as a range of a byte array. Decoders point it into the received buffer;
    /// encoders read it from any buffer the caller owns. Nothing is copied or allocated.
    /// </summary>
    public struct ByteSlice
    {
        /// <summary>Array holding the bytes (null for an absent field).</summary>
        public byte[] Buffer;

        /// <summary>Index of the first byte in <see cref="Buffer"/>.</summary>
        public int Offset;

        /// <summary>Number of bytes.</summary>
        public int Length;

        /// <summary>Creates a slice over <paramref name="buffer"/>.</summary>
        public ByteSlice(byte[] buffer, int offset, int length)
        {
            Buffer = buffer;
            Offset = offset;
            Length = length;
        }

        /// <summary>True when the bytes equal those of <paramref name="other"/> (byte-exact).</summary>
        public bool ContentEquals(ByteSlice other)
        {
            if (Length != other.Length)
            {
                return false;
            }

            for (int i = 0; i < Length; i++)
            {
                if (Buffer[Offset + i] != other.Buffer[other.Offset + i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
