namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// The Merkle–Damgård frame shared by SHA-256 and SHA-512 (FIPS 180-4 §5.1): block buffering, padding with the
    /// big-endian message length, and two saved chaining states so that HMAC key pads are absorbed once. Every
    /// buffer is preallocated; subclasses supply the compression function and the digest.
    /// </summary>
    internal abstract class BlockHash
    {
        public readonly int BlockSize;
        public readonly int HashSize;

        /// <summary>The block being filled, compressed when full.</summary>
        protected readonly byte[] Block;
        private readonly int _lengthBytes;
        private int _blockLength;
        private long _length;

        protected BlockHash(int blockSize, int hashSize, int lengthBytes)
        {
            BlockSize = blockSize;
            HashSize = hashSize;
            _lengthBytes = lengthBytes;
            Block = new byte[blockSize];
        }

        /// <summary>Starts a new hash.</summary>
        public void Initialize()
        {
            Reset();
            _blockLength = 0;
            _length = 0;
        }

        /// <summary>Keeps the chaining state in <paramref name="slot"/> (0 or 1); valid only after whole blocks.</summary>
        public abstract void SaveState(int slot);

        /// <summary>Continues from the state saved in <paramref name="slot"/> after exactly one block.</summary>
        public void RestoreState(int slot)
        {
            Restore(slot);
            _blockLength = 0;
            _length = BlockSize;
        }

        public void Update(byte[] data, int offset, int count)
        {
            _length += count;
            while (count > 0)
            {
                int n = BlockSize - _blockLength;
                if (n > count)
                {
                    n = count;
                }
                System.Array.Copy(data, offset, Block, _blockLength, n);
                _blockLength += n;
                offset += n;
                count -= n;
                if (_blockLength == BlockSize)
                {
                    Compress();
                    _blockLength = 0;
                }
            }
        }

        /// <summary>Pads, finishes and writes the <see cref="HashSize"/>-byte digest at <paramref name="offset"/>.</summary>
        public void Final(byte[] dst, int offset)
        {
            long bits = _length * 8;
            Block[_blockLength++] = 0x80;
            if (_blockLength > BlockSize - _lengthBytes)
            {
                while (_blockLength < BlockSize)
                {
                    Block[_blockLength++] = 0;
                }
                Compress();
                _blockLength = 0;
            }
            while (_blockLength < BlockSize)
            {
                Block[_blockLength++] = 0;
            }
            for (int i = 0; i < 8; i++)
            {
                Block[BlockSize - 1 - i] = (byte)(bits >> (8 * i));
            }
            Compress();
            _blockLength = 0;
            WriteDigest(dst, offset);
        }

        /// <summary>Loads the initial hash value.</summary>
        protected abstract void Reset();

        protected abstract void Restore(int slot);

        /// <summary>Absorbs the full <see cref="Block"/>.</summary>
        protected abstract void Compress();

        protected abstract void WriteDigest(byte[] dst, int offset);
    }
}
