using System;

namespace Nano.Mqtt.Codec
{
    /// <summary>
    /// Encoded packets not yet taken by the transport, in one array allocated once. A writer reserves
    /// room for a whole packet (<see cref="Reserve"/>), encodes it at the offset returned and commits it;
    /// the transport reads from the front. Pending bytes move to the front only when a packet would not
    /// otherwise fit contiguously.
    /// </summary>
    internal sealed class OutputBuffer
    {
        internal readonly byte[] Data;

        /// <summary>The pending bytes lie from <see cref="Start"/> to <see cref="End"/>, where the next reserved
        /// packet starts; fields, as a getter is a call on the interpreter. Written only by this class.</summary>
        internal int Start;
        internal int End;

        internal OutputBuffer(int size)
        {
            Data = new byte[size];
        }

        internal int Pending
        {
            get { return End - Start; }
        }

        /// <summary>Returns where <paramref name="size"/> bytes can be written while <paramref name="keepFree"/>
        /// bytes stay free afterwards, or -1. Call <see cref="Commit"/> after writing.</summary>
        internal int Reserve(int size, int keepFree)
        {
            byte[] data = Data;
            int start = Start;
            int end = End;
            if (size < 0 || size + keepFree > data.Length - (end - start))
            {
                return -1;
            }

            if (data.Length - end < size)
            {
                end -= start;
                Array.Copy(data, start, data, 0, end);
                Start = 0;
                End = end;
            }

            return end;
        }

        internal void Commit(int size)
        {
            End += size;
        }

        /// <summary>Copies up to <paramref name="count"/> pending bytes to <paramref name="dst"/> and takes them.</summary>
        internal int Read(byte[] dst, int offset, int count)
        {
            int start = Start;
            int n = End - start;
            if (n > count)
            {
                n = count;
                Start = start + n;
            }
            else
            {
                Start = 0;
                End = 0;
            }
            Array.Copy(Data, start, dst, offset, n);
            return n;
        }

        internal void Clear()
        {
            Start = 0;
            End = 0;
        }
    }
}
