namespace Nano.Mqtt.Persistence
{
    /// <summary>
    /// A store medium in RAM: for tests of the format, and for a board that keeps its state across a soft restart in
    /// memory that survives it. <see cref="Sync"/> has nothing to do; <see cref="Image"/> exposes the bytes.
    /// </summary>
    public sealed class MemoryStoreMedium : IStoreMedium
    {
        private byte[] _bytes;
        private int _length;
        private byte[] _replacement;
        private int _replacementLength;
        private bool _replacing;

        public MemoryStoreMedium(int capacity)
        {
            _bytes = new byte[capacity < 16 ? 16 : capacity];
        }

        /// <summary>The log's bytes (the first <see cref="Length"/> are valid); tests damage them through it.</summary>
        public byte[] Image => _bytes;

        public int Length => _length;

        public int Read(int position, byte[] buffer, int offset, int count)
        {
            int n = position >= _length ? 0 : (count < _length - position ? count : _length - position);
            System.Array.Copy(_bytes, position, buffer, offset, n);
            return n;
        }

        public void Append(byte[] buffer, int offset, int count)
        {
            if (_replacing)
            {
                _replacement = Ensure(_replacement, _replacementLength + count);
                System.Array.Copy(buffer, offset, _replacement, _replacementLength, count);
                _replacementLength += count;
                return;
            }
            _bytes = Ensure(_bytes, _length + count);
            System.Array.Copy(buffer, offset, _bytes, _length, count);
            _length += count;
        }

        public void Sync()
        {
        }

        public void Truncate(int length)
        {
            if (length < _length)
            {
                _length = length;
            }
        }

        public void BeginReplace()
        {
            _replacing = true;
            _replacementLength = 0;
            if (_replacement == null)
            {
                _replacement = new byte[_bytes.Length];
            }
        }

        public void CommitReplace()
        {
            byte[] old = _bytes;
            _bytes = _replacement;
            _length = _replacementLength;
            _replacement = old;
            _replacing = false;
        }

        private static byte[] Ensure(byte[] bytes, int size)
        {
            if (size <= bytes.Length)
            {
                return bytes;
            }
            byte[] larger = new byte[size * 2];
            System.Array.Copy(bytes, larger, bytes.Length);
            return larger;
        }
    }
}
