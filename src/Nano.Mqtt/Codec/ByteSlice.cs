namespace Nano.Mqtt.Codec
{
    /// <summary>
    /// A field of a packet as a range of a byte array. Decoders point it into the received buffer;
    /// encoders read it from any buffer the caller owns. A packet allocates its slices once and
    /// <see cref="Set"/> re-points them: nothing is copied or allocated per packet.
    /// </summary>
    public sealed class ByteSlice
    {
        /// <summary>Array holding the bytes (null for an absent field).</summary>
        public byte[] Buffer;

        /// <summary>Index of the first byte in <see cref="Buffer"/>.</summary>
        public int Offset;

        /// <summary>Number of bytes.</summary>
        public int Length;

        /// <summary>Creates an empty slice.</summary>
        public ByteSlice()
        {
        }

        /// <summary>Creates a slice over <paramref name="buffer"/>.</summary>
        public ByteSlice(byte[] buffer, int offset, int length)
        {
            Set(buffer, offset, length);
        }

        /// <summary>Points the slice at <paramref name="length"/> bytes of <paramref name="buffer"/>.</summary>
        public void Set(byte[] buffer, int offset, int length)
        {
            Buffer = buffer;
            Offset = offset;
            Length = length;
        }

        /// <summary>An array of <paramref name="count"/> empty slices, each allocated once, for a packet's fields.</summary>
        public static ByteSlice[] NewArray(int count)
        {
            ByteSlice[] slices = new ByteSlice[count];
            for (int i = 0; i < count; i++)
            {
                slices[i] = new ByteSlice();
            }

            return slices;
        }

        /// <summary>Makes the slice empty (no array).</summary>
        public void Clear()
        {
            Set(null, 0, 0);
        }

        /// <summary>True when the bytes equal those of <paramref name="other"/> (byte-exact).</summary>
        public bool ContentEquals(ByteSlice other)
        {
            return other != null && Bytes.Equal(Buffer, Offset, Length, other.Buffer, other.Offset, other.Length);
        }

        /// <summary>True when the bytes equal <paramref name="length"/> bytes of <paramref name="buffer"/> (byte-exact).</summary>
        public bool ContentEquals(byte[] buffer, int offset, int length)
        {
            return Bytes.Equal(Buffer, Offset, Length, buffer, offset, length);
        }
    }
}
