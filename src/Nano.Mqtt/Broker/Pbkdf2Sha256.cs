namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// PBKDF2 (RFC 8018 §5.2) with HMAC-SHA256 (RFC 2104), producing one 32-byte block, with every
    /// buffer preallocated. The HMAC key pads are absorbed once per derivation, so each iteration costs
    /// two SHA-256 compressions.
    /// </summary>
    internal sealed class Pbkdf2Sha256
    {
        public const int KeySize = Sha256.HashSize;

        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _pad = new byte[Sha256.BlockSize];
        private readonly uint[] _inner = new uint[8];
        private readonly uint[] _outer = new uint[8];
        private readonly byte[] _u = new byte[KeySize];
        private readonly byte[] _counter = { 0, 0, 0, 1 };

        /// <summary>Writes PBKDF2-HMAC-SHA256(password, salt, iterations) (32 bytes) at <paramref name="dstOffset"/>.</summary>
        public void Derive(byte[] password, int passwordOffset, int passwordLength, byte[] salt, int saltOffset, int saltLength, int iterations, byte[] dst, int dstOffset)
        {
            SetKey(password, passwordOffset, passwordLength);
            _sha.RestoreState(_inner, Sha256.BlockSize);
            _sha.Update(salt, saltOffset, saltLength);
            _sha.Update(_counter, 0, 4);
            _sha.Final(_u, 0);
            Outer();
            System.Array.Copy(_u, 0, dst, dstOffset, KeySize);
            for (int j = 1; j < iterations; j++)
            {
                _sha.RestoreState(_inner, Sha256.BlockSize);
                _sha.Update(_u, 0, KeySize);
                _sha.Final(_u, 0);
                Outer();
                for (int i = 0; i < KeySize; i++)
                {
                    dst[dstOffset + i] ^= _u[i];
                }
            }
        }

        /// <summary>Completes an HMAC: <c>_u = H(K ^ opad || _u)</c>.</summary>
        private void Outer()
        {
            _sha.RestoreState(_outer, Sha256.BlockSize);
            _sha.Update(_u, 0, KeySize);
            _sha.Final(_u, 0);
        }

        /// <summary>Absorbs <c>K ^ ipad</c> and <c>K ^ opad</c>; a key longer than a block is hashed first (RFC 2104).</summary>
        private void SetKey(byte[] key, int offset, int length)
        {
            for (int i = 0; i < Sha256.BlockSize; i++)
            {
                _pad[i] = 0;
            }
            if (length > Sha256.BlockSize)
            {
                _sha.Initialize();
                _sha.Update(key, offset, length);
                _sha.Final(_pad, 0);
            }
            else
            {
                System.Array.Copy(key, offset, _pad, 0, length);
            }
            for (int i = 0; i < Sha256.BlockSize; i++)
            {
                _pad[i] ^= 0x36;
            }
            _sha.Initialize();
            _sha.Update(_pad, 0, Sha256.BlockSize);
            _sha.SaveState(_inner);
            for (int i = 0; i < Sha256.BlockSize; i++)
            {
                _pad[i] ^= 0x36 ^ 0x5c;
            }
            _sha.Initialize();
            _sha.Update(_pad, 0, Sha256.BlockSize);
            _sha.SaveState(_outer);
        }
    }
}
