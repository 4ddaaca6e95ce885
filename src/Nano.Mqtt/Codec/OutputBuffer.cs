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

        internal int Read(byte[] dst, int offset, int count)
        {
            int n = Peek(dst, offset, count);
            Consume(n);
            return n;
        }

        /// <summary>Copies up to <paramref name="count"/> pending bytes without taking them.</summary>
        internal int Peek(byte[] dst, int offset, int count)
        {
            int n = Pending < count ? Pending : count;
            Array.Copy(Data, Start, dst, offset, n);
            return n;
        }

        /// <summary>Takes <paramref name="count"/> pending bytes (at most <see cref="Pending"/>).</summary>
        internal void Consume(int count)
        {
            Start += count;
            if (Start >= End)
            {
                Start = 0;
                End = 0;
            }
        }

        internal void Clear()
        {
            Start = 0;
            End = 0;
        }
    }
}
