namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Users with salted PBKDF2-HMAC-SHA256 password hashes, checked at CONNECT (CONNACK 4 on a wrong user
    /// name or password). Lines use the format <c>user:$pbkdf2-sha256$iterations$salt$hash</c> (salt and hash
    /// in Base64), as the PC host's <c>passwd</c> command writes them; clear-text passwords are not accepted.
    /// The hash runs on the device in managed code (mscorlib has no crypto): each CONNECT with a user name
    /// costs <c>2 x iterations</c> SHA-256 blocks and blocks the caller for that time, so devices want
    /// modest iteration counts. Hashes are compared in constant time; an unknown user costs the same work.
    /// A CONNECT without user name is accepted here and left to <see cref="BrokerOptions.AllowAnonymous"/>.
    /// </summary>
    public sealed class PasswordTable : IAuthenticator
    {
        /// <summary>The scheme tag of a password line.</summary>
        public const string Scheme = "$pbkdf2-sha256$";

        /// <summary>Bytes of a stored hash (one PBKDF2 block).</summary>
        public const int HashSize = Pbkdf2Sha256.KeySize;

        /// <summary>Longest salt accepted, in bytes.</summary>
        public const int MaxSaltSize = 64;

        /// <summary>Largest iteration count accepted.</summary>
        public const int MaxIterations = 10000000;

        private const int BadUserNameOrPassword = 4;

        private readonly byte[][] _users;
        private readonly byte[][] _salts;
        private readonly byte[][] _hashes;
        private readonly int[] _iterations;
        private readonly Pbkdf2Sha256 _pbkdf2 = new Pbkdf2Sha256();
        private readonly byte[] _derived = new byte[HashSize];
        private readonly byte[] _saltScratch = new byte[MaxSaltSize];
        private readonly byte[] _hashScratch = new byte[HashSize + 2];
        private int _count;

        /// <summary>Creates an empty table with room for <paramref name="capacity"/> users.</summary>
        public PasswordTable(int capacity)
        {
            if (capacity < 0)
            {
                capacity = 0;
            }
            _users = new byte[capacity][];
            _salts = new byte[capacity][];
            _hashes = new byte[capacity][];
            _iterations = new int[capacity];
        }

        /// <summary>Users stored.</summary>
        public int Count => _count;

        /// <summary>
        /// Adds a user (or replaces the entry of the same user name) with the PBKDF2-HMAC-SHA256 hash of its password.
        /// Returns false when the table is full or a field is out of range.
        /// </summary>
        public bool Add(byte[] userName, int userNameOffset, int userNameLength, byte[] salt, int saltOffset, int saltLength, int iterations, byte[] hash, int hashOffset)
        {
            if (userName == null || salt == null || hash == null || userNameLength < 0 || userNameOffset < 0 || userNameOffset > userName.Length - userNameLength
                || saltLength < 1 || saltLength > MaxSaltSize || saltOffset < 0 || saltOffset > salt.Length - saltLength
                || hashOffset < 0 || hashOffset > hash.Length - HashSize || iterations < 1 || iterations > MaxIterations)
            {
                return false;
            }
            int i = Find(userName, userNameOffset, userNameLength);
            if (i < 0)
            {
                if (_count == _users.Length)
                {
                    return false;
                }
                i = _count++;
                _users[i] = new byte[userNameLength];
                System.Array.Copy(userName, userNameOffset, _users[i], 0, userNameLength);
                _hashes[i] = new byte[HashSize];
            }
            _salts[i] = new byte[saltLength];
            System.Array.Copy(salt, saltOffset, _salts[i], 0, saltLength);
            System.Array.Copy(hash, hashOffset, _hashes[i], 0, HashSize);
            _iterations[i] = iterations;
            return true;
        }

        /// <summary>Adds a user from one line <c>user:$pbkdf2-sha256$iterations$salt$hash</c>; false when it is malformed,
        /// holds a clear-text password, or the table is full.</summary>
        public bool AddLine(byte[] text, int offset, int length)
        {
            if (text == null || offset < 0 || length < 0 || offset > text.Length - length)
            {
                return false;
            }
            int end = offset + length;
            int colon = IndexOf(text, offset, end, (byte)':');
            if (colon <= offset)
            {
                return false;
            }
            int p = colon + 1;
            for (int k = 0; k < Scheme.Length; k++, p++)
            {
                if (p >= end || text[p] != (byte)Scheme[k])
                {
                    return false;
                }
            }
            int iterations = 0;
            int digits = 0;
            while (p < end && text[p] >= (byte)'0' && text[p] <= (byte)'9' && digits < 9)
            {
                iterations = iterations * 10 + (text[p++] - '0');
                digits++;
            }
            if (digits == 0 || p >= end || text[p] != (byte)'$')
            {
                return false;
            }
            int saltStart = p + 1;
            int dollar = IndexOf(text, saltStart, end, (byte)'$');
            if (dollar < 0)
            {
                return false;
            }
            int saltLength = Base64.Decode(text, saltStart, dollar - saltStart, _saltScratch, 0, MaxSaltSize);
            int hashLength = Base64.Decode(text, dollar + 1, end - dollar - 1, _hashScratch, 0, _hashScratch.Length);
            if (saltLength < 1 || hashLength != HashSize)
            {
                return false;
            }
            return Add(text, offset, colon - offset, _saltScratch, 0, saltLength, iterations, _hashScratch, 0);
        }

        /// <summary>
        /// Adds every line of a password file (UTF-8; blank lines and lines starting with <c>#</c> are skipped).
        /// Returns 0, or the 1-based number of the first line that could not be added (lines before it are kept).
        /// </summary>
        public int Load(byte[] text, int offset, int length)
        {
            if (text == null || offset < 0 || length < 0 || offset > text.Length - length)
            {
                return 1;
            }
            int end = offset + length;
            int line = 0;
            int start = offset;
            while (start < end)
            {
                line++;
                int newline = IndexOf(text, start, end, (byte)'\n');
                int stop = newline < 0 ? end : newline;
                int last = stop;
                while (last > start && (text[last - 1] == (byte)'\r' || text[last - 1] == (byte)' ' || text[last - 1] == (byte)'\t'))
                {
                    last--;
                }
                int first = start;
                while (first < last && (text[first] == (byte)' ' || text[first] == (byte)'\t'))
                {
                    first++;
                }
                if (first < last && text[first] != (byte)'#' && !AddLine(text, first, last - first))
                {
                    return line;
                }
                start = stop + 1;
            }
            return 0;
        }

        /// <inheritdoc />
        public int Authenticate(byte[] buffer, int clientIdOffset, int clientIdLength, int userNameOffset, int userNameLength, int passwordOffset, int passwordLength)
        {
            if (userNameLength < 0)
            {
                return 0;
            }
            if (_count == 0)
            {
                return BadUserNameOrPassword;
            }
            int i = Find(buffer, userNameOffset, userNameLength);
            int work = i >= 0 ? i : 0;
            bool hasPassword = passwordLength >= 0;
            // An unknown user or a missing password still pays for one derivation, so timing does not tell which failed.
            _pbkdf2.Derive(buffer, hasPassword ? passwordOffset : 0, hasPassword ? passwordLength : 0, _salts[work], 0, _salts[work].Length, _iterations[work], _derived, 0);
            byte[] expected = _hashes[work];
            int difference = 0;
            for (int k = 0; k < HashSize; k++)
            {
                difference |= _derived[k] ^ expected[k];
            }
            return i >= 0 && hasPassword && difference == 0 ? 0 : BadUserNameOrPassword;
        }

        private int Find(byte[] name, int offset, int length)
        {
            for (int i = 0; i < _count; i++)
            {
                byte[] user = _users[i];
                if (user.Length != length)
                {
                    continue;
                }
                int k = 0;
                while (k < length && user[k] == name[offset + k])
                {
                    k++;
                }
                if (k == length)
                {
                    return i;
                }
            }
            return -1;
        }

        private static int IndexOf(byte[] text, int start, int end, byte value)
        {
            for (int i = start; i < end; i++)
            {
                if (text[i] == value)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
