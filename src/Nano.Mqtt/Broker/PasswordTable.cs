namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Users with salted password hashes, checked at CONNECT (CONNACK 4 on a wrong user name or password). Three line
    /// formats are read (salt and hash in Base64):
    /// <list type="bullet">
    /// <item><c>user:$pbkdf2-sha256$iterations$salt$hash</c>: PBKDF2-HMAC-SHA256, 32-byte hash, as <c>Nano.Host passwd</c> wrote before;</item>
    /// <item><c>user:$7$iterations$salt$hash</c>: PBKDF2-HMAC-SHA512, 64-byte hash, as Mosquitto 2's <c>mosquitto_passwd</c> writes;</item>
    /// <item><c>user:$6$salt$hash</c>: SHA-512 of the password followed by the salt, Mosquitto 1.x's format.</item>
    /// </list>
    /// Clear-text passwords are not accepted. The hashes run on the device in managed code (mscorlib has no crypto). In a
    /// broker a PBKDF2 check (<c>2 x iterations + 4</c> compressions, SHA-256 or SHA-512) runs in steps: the CONNECT that
    /// starts it and each later <see cref="BrokerEngine.Poll"/> run at most <see cref="HashStepsPerPoll"/> compressions
    /// (plus the 4 that set up the key and the first iteration), and the CONNACK follows the last step; one check runs at
    /// a time and other CONNECTs with a user name wait for it. A <c>$6$</c> check (1 to 3 compressions) runs whole.
    /// Hashes are compared in constant time; an unknown user costs the same work as the first user's entry.
    /// A CONNECT without user name is accepted here and left to <see cref="BrokerOptions.AllowAnonymous"/>.
    /// </summary>
    public sealed class PasswordTable : ISteppedAuthenticator
    {
        /// <summary>The scheme tag of a PBKDF2-HMAC-SHA256 line.</summary>
        public const string Scheme = "$pbkdf2-sha256$";

        /// <summary>The scheme tag of Mosquitto 2's PBKDF2-HMAC-SHA512 line.</summary>
        public const string SchemePbkdf2Sha512 = "$7$";

        /// <summary>The scheme tag of Mosquitto 1.x's salted SHA-512 line.</summary>
        public const string SchemeSha512 = "$6$";

        /// <summary>Bytes of a stored <see cref="Scheme"/> hash (one PBKDF2 block).</summary>
        public const int HashSize = Sha256.HashBytes;

        /// <summary>Longest salt accepted, in bytes.</summary>
        public const int MaxSaltSize = 64;

        /// <summary>Largest iteration count accepted.</summary>
        public const int MaxIterations = 10000000;

        /// <summary>What <see cref="ISteppedAuthenticator.Check"/> returns while the check runs on.</summary>
        public const int CheckPending = -1;

        private const int BadUserNameOrPassword = 4;
        private const byte Pbkdf2Sha256Kind = 0;
        private const byte Pbkdf2Sha512Kind = 1;
        private const byte Sha512Kind = 2;

        private readonly byte[][] _users;
        private readonly byte[][] _salts;
        private readonly byte[][] _hashes;
        private readonly int[] _iterations;
        private readonly byte[] _kinds;
        private readonly Pbkdf2 _pbkdf2Sha256 = new Pbkdf2(new Sha256());
        private readonly byte[] _derived = new byte[Sha512.HashBytes];
        private readonly byte[] _saltScratch = new byte[MaxSaltSize];
        private readonly byte[] _hashScratch = new byte[Sha512.HashBytes + 2];
        private Sha512 _sha512;
        private Pbkdf2 _pbkdf2Sha512;
        private int _count;
        private Pbkdf2 _running;
        private int _runningConnection = -1;
        private int _runningEntry;
        private bool _runningPasses;

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
            _kinds = new byte[capacity];
        }

        /// <summary>Users stored.</summary>
        public int Count => _count;

        /// <summary>Hash compressions a broker runs per <see cref="BrokerEngine.Poll"/> for a PBKDF2 check (at least 2,
        /// one iteration). The default 2 costs about 12 ms for a <c>$7$</c> line on the 32-bit nanoCLR interpreter, where a
        /// whole 101-iteration check takes 1.22 s.</summary>
        public int HashStepsPerPoll = 2;

        /// <summary>
        /// Adds a user (or replaces the entry of the same user name) with the PBKDF2-HMAC-SHA256 hash of its password.
        /// Returns false when the table is full or a field is out of range.
        /// </summary>
        public bool Add(byte[] userName, int userNameOffset, int userNameLength, byte[] salt, int saltOffset, int saltLength, int iterations, byte[] hash, int hashOffset)
        {
            return Add(Pbkdf2Sha256Kind, userName, userNameOffset, userNameLength, salt, saltOffset, saltLength, iterations, hash, hashOffset);
        }

        private bool Add(byte kind, byte[] userName, int userNameOffset, int userNameLength, byte[] salt, int saltOffset, int saltLength, int iterations, byte[] hash, int hashOffset)
        {
            int hashSize = kind == Pbkdf2Sha256Kind ? HashSize : Sha512.HashBytes;
            if (userName == null || salt == null || hash == null || userNameLength < 0 || userNameOffset < 0 || userNameOffset > userName.Length - userNameLength
                || saltLength < 1 || saltLength > MaxSaltSize || saltOffset < 0 || saltOffset > salt.Length - saltLength
                || hashOffset < 0 || hashOffset > hash.Length - hashSize || iterations < 1 || iterations > MaxIterations)
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
            }
            if (kind != Pbkdf2Sha256Kind && _sha512 == null)
            {
                _sha512 = new Sha512();
                _pbkdf2Sha512 = new Pbkdf2(_sha512);
            }
            _hashes[i] = new byte[hashSize];
            _salts[i] = new byte[saltLength];
            System.Array.Copy(salt, saltOffset, _salts[i], 0, saltLength);
            System.Array.Copy(hash, hashOffset, _hashes[i], 0, hashSize);
            _iterations[i] = iterations;
            _kinds[i] = kind;
            return true;
        }

        /// <summary>Adds a user from one line in one of the three formats; false when it is malformed, holds a clear-text
        /// password, or the table is full.</summary>
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
            byte kind;
            int p = colon + 1;
            if (StartsWith(text, p, end, Scheme))
            {
                kind = Pbkdf2Sha256Kind;
                p += Scheme.Length;
            }
            else if (StartsWith(text, p, end, SchemePbkdf2Sha512))
            {
                kind = Pbkdf2Sha512Kind;
                p += SchemePbkdf2Sha512.Length;
            }
            else if (StartsWith(text, p, end, SchemeSha512))
            {
                kind = Sha512Kind;
                p += SchemeSha512.Length;
            }
            else
            {
                return false;
            }
            int iterations = 1;
            if (kind != Sha512Kind)
            {
                iterations = 0;
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
                p++;
            }
            int dollar = IndexOf(text, p, end, (byte)'$');
            if (dollar < 0)
            {
                return false;
            }
            int saltLength = Base64.Decode(text, p, dollar - p, _saltScratch, 0, MaxSaltSize);
            int hashLength = Base64.Decode(text, dollar + 1, end - dollar - 1, _hashScratch, 0, _hashScratch.Length);
            if (saltLength < 1 || hashLength != (kind == Pbkdf2Sha256Kind ? HashSize : Sha512.HashBytes))
            {
                return false;
            }
            return Add(kind, text, offset, colon - offset, _saltScratch, 0, saltLength, iterations, _hashScratch, 0);
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
            _running = null; // a whole check here replaces one running in steps
            return Check(-1, buffer, userNameOffset, userNameLength, passwordOffset, passwordLength, MaxIterations * 2);
        }

        /// <inheritdoc />
        public int Check(int connection, byte[] buffer, int userNameOffset, int userNameLength, int passwordOffset, int passwordLength)
        {
            return Check(connection, buffer, userNameOffset, userNameLength, passwordOffset, passwordLength, HashStepsPerPoll);
        }

        /// <summary>
        /// Checks the credentials of <paramref name="connection"/>'s CONNECT, running at most <paramref name="compressions"/>
        /// PBKDF2 compressions after the first iteration; <see cref="CheckPending"/> while the check runs on (call again with
        /// the same CONNECT) or while another connection's check runs, else the CONNACK return code.
        /// </summary>
        internal int Check(int connection, byte[] buffer, int userNameOffset, int userNameLength, int passwordOffset, int passwordLength, int compressions)
        {
            if (userNameLength < 0)
            {
                return 0;
            }
            if (_count == 0)
            {
                return BadUserNameOrPassword;
            }
            int iterations = compressions < 2 ? 1 : compressions / 2;
            if (_running == null)
            {
                int i = Find(buffer, userNameOffset, userNameLength);
                int work = i >= 0 ? i : 0;
                bool hasPassword = passwordLength >= 0;
                // An unknown user or a missing password still pays for one check, so timing does not tell which failed.
                int offset = hasPassword ? passwordOffset : 0;
                int length = hasPassword ? passwordLength : 0;
                byte[] salt = _salts[work];
                byte kind = _kinds[work];
                _runningPasses = i >= 0 && hasPassword;
                _runningEntry = work;
                if (kind == Sha512Kind)
                {
                    Sha512 sha = _sha512;
                    sha.Initialize();
                    sha.Update(buffer, offset, length);
                    sha.Update(salt, 0, salt.Length);
                    sha.Final(_derived, 0);
                    return Compare();
                }
                _running = kind == Pbkdf2Sha256Kind ? _pbkdf2Sha256 : _pbkdf2Sha512;
                _running.Start(buffer, offset, length, salt, 0, salt.Length, _iterations[work], _derived, 0);
                _runningConnection = connection;
            }
            else if (IsBusyFor(connection))
            {
                return CheckPending;
            }
            return _running.Step(iterations) ? Compare() : CheckPending;
        }

        /// <inheritdoc />
        public bool IsBusyFor(int connection)
        {
            return _running != null && connection != _runningConnection;
        }

        /// <inheritdoc />
        public void Abandon(int connection)
        {
            if (_running != null && connection == _runningConnection)
            {
                _running = null;
            }
        }

        /// <summary>Ends the check: compares the derived hash with the entry's in constant time.</summary>
        private int Compare()
        {
            _running = null;
            byte[] expected = _hashes[_runningEntry];
            int difference = 0;
            for (int k = 0; k < expected.Length; k++)
            {
                difference |= _derived[k] ^ expected[k];
            }
            return _runningPasses && difference == 0 ? 0 : BadUserNameOrPassword;
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

        private static bool StartsWith(byte[] text, int p, int end, string prefix)
        {
            if (end - p < prefix.Length)
            {
                return false;
            }
            for (int k = 0; k < prefix.Length; k++)
            {
                if (text[p + k] != (byte)prefix[k])
                {
                    return false;
                }
            }
            return true;
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
