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
        private readonly byte[] _data;
        private int _start;
        private int _end;

        internal OutputBuffer(int size)
        {
            _data = new byte[size];
        }

        internal byte[] Data
        {
            get { return _data; }
        }

        /// <summary>Where the next reserved packet starts.</summary>
        internal int End
        {
            get { return _end; }
        }

        internal int Pending
        {
            get { return _end - _start; }
        }

        internal int Free
        {
            get { return _data.Length - Pending; }
        }

        /// <summary>Returns where <paramref name="size"/> bytes can be written while <paramref name="keepFree"/>
        /// bytes stay free afterwards, or -1. Call <see cref="Commit"/> after writing.</summary>
        internal int Reserve(int size, int keepFree)
        {
            if (size < 0 || size + keepFree > Free)
            {
                return -1;
            }

            if (_data.Length - _end < size)
            {
                Array.Copy(_data, _start, _data, 0, Pending);
                _end -= _start;
                _start = 0;
            }

            return _end;
        }

        internal void Commit(int size)
        {
            _end += size;
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
            Array.Copy(_data, _start, dst, offset, n);
            return n;
        }

        /// <summary>Takes <paramref name="count"/> pending bytes (at most <see cref="Pending"/>).</summary>
        internal void Consume(int count)
        {
            _start += count;
            if (_start >= _end)
            {
                _start = 0;
                _end = 0;
            }
        }

        internal void Clear()
        {
            _start = 0;
            _end = 0;
        }
    }
}
