namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// PBKDF2 (RFC 8018 §5.2) with HMAC (RFC 2104) over a <see cref="BlockHash"/>, producing one block of the hash's
    /// size, with every buffer preallocated. The key pads are absorbed once per derivation, so each iteration costs
    /// two compressions. A derivation can run in steps (<see cref="Start"/>, <see cref="Step"/>) so that a poll loop
    /// bounds the work it does at a time.
    /// </summary>
    internal sealed class Pbkdf2
    {
        private readonly BlockHash _hash;
        private readonly byte[] _pad;
        private readonly byte[] _u;
        private readonly byte[] _counter = { 0, 0, 0, 1 };
        private byte[] _dst;
        private int _dstOffset;
        private int _remaining;

        public Pbkdf2(BlockHash hash)
        {
            _hash = hash;
            _pad = new byte[hash.BlockSize];
            _u = new byte[hash.HashSize];
        }

        /// <summary>Bytes of a derived key.</summary>
        public int KeySize => _hash.HashSize;

        /// <summary>Writes PBKDF2-HMAC(password, salt, iterations) (<see cref="KeySize"/> bytes) at <paramref name="dstOffset"/>.</summary>
        public void Derive(byte[] password, int passwordOffset, int passwordLength, byte[] salt, int saltOffset, int saltLength, int iterations, byte[] dst, int dstOffset)
        {
            Start(password, passwordOffset, passwordLength, salt, saltOffset, saltLength, iterations, dst, dstOffset);
            Step(iterations);
        }

        /// <summary>Runs the first iteration into <paramref name="dst"/>; <see cref="Step"/> runs the others.</summary>
        public void Start(byte[] password, int passwordOffset, int passwordLength, byte[] salt, int saltOffset, int saltLength, int iterations, byte[] dst, int dstOffset)
        {
            SetKey(password, passwordOffset, passwordLength);
            _hash.RestoreState(0);
            _hash.Update(salt, saltOffset, saltLength);
            _hash.Update(_counter, 0, 4);
            _hash.Final(_u, 0);
            Outer();
            System.Array.Copy(_u, 0, dst, dstOffset, _u.Length);
            _dst = dst;
            _dstOffset = dstOffset;
            _remaining = iterations - 1;
        }

        /// <summary>Runs up to <paramref name="iterations"/> more iterations; true when the key is complete.</summary>
        public bool Step(int iterations)
        {
            int size = _u.Length;
            while (_remaining > 0 && iterations-- > 0)
            {
                _remaining--;
                _hash.RestoreState(0);
                _hash.Update(_u, 0, size);
                _hash.Final(_u, 0);
                Outer();
                for (int i = 0; i < size; i++)
                {
                    _dst[_dstOffset + i] ^= _u[i];
                }
            }
            return _remaining <= 0;
        }

        /// <summary>Completes an HMAC: <c>_u = H(K ^ opad || _u)</c>.</summary>
        private void Outer()
        {
            _hash.RestoreState(1);
            _hash.Update(_u, 0, _u.Length);
            _hash.Final(_u, 0);
        }

        /// <summary>Absorbs <c>K ^ ipad</c> (state 0) and <c>K ^ opad</c> (state 1); a key longer than a block is hashed first.</summary>
        private void SetKey(byte[] key, int offset, int length)
        {
            int blockSize = _pad.Length;
            for (int i = 0; i < blockSize; i++)
            {
                _pad[i] = 0;
            }
            if (length > blockSize)
            {
                _hash.Initialize();
                _hash.Update(key, offset, length);
                _hash.Final(_pad, 0);
            }
            else
            {
                System.Array.Copy(key, offset, _pad, 0, length);
            }
            for (int i = 0; i < blockSize; i++)
            {
                _pad[i] ^= 0x36;
            }
            _hash.Initialize();
            _hash.Update(_pad, 0, blockSize);
            _hash.SaveState(0);
            for (int i = 0; i < blockSize; i++)
            {
                _pad[i] ^= 0x36 ^ 0x5c;
            }
            _hash.Initialize();
            _hash.Update(_pad, 0, blockSize);
            _hash.SaveState(1);
        }
    }
}
