using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Nano.Mqtt.Broker;

namespace Nano.Host
{
    /// <summary>
    /// Users and passwords read from a Mosquitto password file: <c>user:$7$iterations$salt$hash</c> (PBKDF2-SHA512, what
    /// Mosquitto 2's <c>mosquitto_passwd</c> and <c>Nano.Host passwd</c> write), <c>user:$6$salt$hash</c> (Mosquitto 1.x) and
    /// <c>user:$pbkdf2-sha256$iterations$salt$hash</c> lines (salt and hash in Base64, checked by the device-compatible
    /// <see cref="PasswordTable"/>). Lines <c>user:password</c> in clear text are still accepted and counted in
    /// <see cref="ClearTextCount"/> so the host can warn. Blank lines and <c>#</c> comments are ignored. A CONNECT
    /// with a user name must match an entry; one without is left to <see cref="BrokerOptions.AllowAnonymous"/>. In a broker a
    /// hashed line is checked in steps of <see cref="HashStepsPerPoll"/> hash compressions per engine poll, one check at a time.
    /// </summary>
    public sealed class PasswordFile : ISteppedAuthenticator
    {
        /// <summary>Iterations <see cref="HashLine"/> uses unless told otherwise: mosquitto_passwd's default.</summary>
        public const int DefaultIterations = 101;

        /// <summary>Salt bytes of a new line, as mosquitto_passwd writes.</summary>
        public const int SaltSize = 12;

        private const int BadUserNameOrPassword = 4;
        private const int NotClearText = -2;

        private readonly PasswordTable _hashed;
        private readonly byte[][] _users;
        private readonly byte[][] _passwords;

        private PasswordFile(PasswordTable hashed, byte[][] users, byte[][] passwords)
        {
            _hashed = hashed;
            _users = users;
            _passwords = passwords;
        }

        /// <summary>Users listed.</summary>
        public int Count => _hashed.Count + _users.Length;

        /// <summary>Users whose password is stored in clear text.</summary>
        public int ClearTextCount => _users.Length;

        /// <summary>Hash compressions per engine poll of a PBKDF2 check (<see cref="PasswordTable.HashStepsPerPoll"/>).</summary>
        public int HashStepsPerPoll
        {
            get => _hashed.HashStepsPerPoll;
            set => _hashed.HashStepsPerPoll = value;
        }

        /// <summary>Parses the file's text; null with <paramref name="error"/> set when a line is malformed.</summary>
        public static PasswordFile Parse(string text, out string error)
        {
            string[] lines = text.Split('\n');
            var hashed = new PasswordTable(lines.Length);
            var users = new System.Collections.Generic.List<byte[]>();
            var passwords = new System.Collections.Generic.List<byte[]>();
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].TrimEnd('\r');
                if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
                {
                    continue;
                }
                int colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    error = "line " + (i + 1) + ": expected user:password";
                    return null;
                }
                string secret = line.Substring(colon + 1);
                if (IsHashed(secret))
                {
                    byte[] bytes = Encoding.UTF8.GetBytes(line.Trim());
                    if (!hashed.AddLine(bytes, 0, bytes.Length))
                    {
                        error = "line " + (i + 1) + ": malformed hash (expected user:$7$iterations$salt$hash, user:$6$salt$hash or user:"
                            + PasswordTable.Scheme + "iterations$salt$hash, salt and hash in Base64)";
                        return null;
                    }
                    continue;
                }
                if (secret.StartsWith('$'))
                {
                    error = "line " + (i + 1) + ": unsupported hash scheme; $7$, $6$ and " + PasswordTable.Scheme + " are read (write entries with: Nano.Host passwd <file> <user>)";
                    return null;
                }
                users.Add(Encoding.UTF8.GetBytes(line.Substring(0, colon)));
                passwords.Add(Encoding.UTF8.GetBytes(secret));
            }
            error = null;
            return new PasswordFile(hashed, users.ToArray(), passwords.ToArray());
        }

        /// <summary>Reads and parses a password file; null with <paramref name="error"/> set on failure.</summary>
        public static PasswordFile Load(string path, out string error)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                error = e.Message;
                return null;
            }
            PasswordFile file = Parse(text, out error);
            if (file == null)
            {
                error = path + ": " + error;
            }
            return file;
        }

        /// <summary>Whether the part after the colon is a hash this file reads, rather than a clear-text password.</summary>
        private static bool IsHashed(string secret) =>
            secret.StartsWith(PasswordTable.Scheme, StringComparison.Ordinal)
            || secret.StartsWith(PasswordTable.SchemePbkdf2Sha512, StringComparison.Ordinal)
            || secret.StartsWith(PasswordTable.SchemeSha512, StringComparison.Ordinal);

        /// <summary>A password file line for <paramref name="user"/> as mosquitto_passwd writes it: <c>$7$</c>, PBKDF2-HMAC-SHA512
        /// with a random 12-byte salt.</summary>
        public static string HashLine(string user, string password, int iterations = DefaultIterations)
        {
            byte[] salt = RandomNumberGenerator.GetBytes(SaltSize);
            byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, 64);
            return user + ":" + PasswordTable.SchemePbkdf2Sha512 + iterations + "$" + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(hash);
        }

        /// <summary>Adds <paramref name="user"/> to the file (created when missing, emptied first when <paramref name="create"/>),
        /// replacing an existing line of that user.</summary>
        public static bool SetUser(string path, string user, string password, int iterations, out string error, bool create = false)
        {
            if (user.Length == 0 || user.Contains(':') || user.Contains('\n') || iterations < 1 || iterations > PasswordTable.MaxIterations)
            {
                error = "the user name must be non-empty without ':' and iterations from 1 to " + PasswordTable.MaxIterations;
                return false;
            }
            return Rewrite(path, create || !File.Exists(path), lines =>
            {
                lines.RemoveAll(l => IsUserLine(l, user));
                lines.Add(HashLine(user, password, iterations));
                return null;
            }, out error);
        }

        /// <summary>Removes <paramref name="user"/>'s line (mosquitto_passwd -D); an error when the user is not in the file.</summary>
        public static bool DeleteUser(string path, string user, out string error)
        {
            return Rewrite(path, false, lines => lines.RemoveAll(l => IsUserLine(l, user)) == 0 ? "user '" + user + "' is not in " + path : null, out error);
        }

        /// <summary>Replaces every clear-text <c>user:password</c> line by its <c>$7$</c> hash (mosquitto_passwd -U); hashed lines,
        /// comments and blank lines stay. Returns the number of lines hashed in <paramref name="upgraded"/>.</summary>
        public static bool Upgrade(string path, int iterations, out int upgraded, out string error)
        {
            int count = 0;
            bool ok = Rewrite(path, false, lines =>
            {
                for (int i = 0; i < lines.Count; i++)
                {
                    string line = lines[i];
                    int colon = line.IndexOf(':');
                    if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#') || colon <= 0 || IsHashed(line.Substring(colon + 1)))
                    {
                        continue;
                    }
                    lines[i] = HashLine(line.Substring(0, colon), line.Substring(colon + 1).TrimEnd('\r'), iterations);
                    count++;
                }
                return null;
            }, out error);
            upgraded = count;
            return ok;
        }

        private static bool IsUserLine(string line, string user) => line.StartsWith(user + ":", StringComparison.Ordinal);

        /// <summary>Reads the file's lines (none when missing and <paramref name="create"/>, or always when creating), lets
        /// <paramref name="change"/> edit them (it returns an error or null) and writes them back.</summary>
        private static bool Rewrite(string path, bool create, Func<System.Collections.Generic.List<string>, string> change, out string error)
        {
            try
            {
                if (!create && !File.Exists(path))
                {
                    error = path + " does not exist (create it with -c)";
                    return false;
                }
                var lines = new System.Collections.Generic.List<string>(create ? Array.Empty<string>() : File.ReadAllLines(path));
                error = change(lines);
                if (error != null)
                {
                    return false;
                }
                File.WriteAllLines(path, lines);
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                error = e.Message;
                return false;
            }
        }

        /// <inheritdoc />
        public int Authenticate(byte[] buffer, int clientIdOffset, int clientIdLength, int userNameOffset, int userNameLength, int passwordOffset, int passwordLength)
        {
            int code = CheckClearText(buffer, userNameOffset, userNameLength, passwordOffset, passwordLength);
            return code != NotClearText ? code : _hashed.Authenticate(buffer, clientIdOffset, clientIdLength, userNameOffset, userNameLength, passwordOffset, passwordLength);
        }

        /// <inheritdoc />
        public int Check(int connection, byte[] buffer, int userNameOffset, int userNameLength, int passwordOffset, int passwordLength)
        {
            int code = CheckClearText(buffer, userNameOffset, userNameLength, passwordOffset, passwordLength);
            return code != NotClearText ? code : _hashed.Check(connection, buffer, userNameOffset, userNameLength, passwordOffset, passwordLength);
        }

        /// <inheritdoc />
        public bool IsBusyFor(int connection) => _hashed.IsBusyFor(connection);

        /// <inheritdoc />
        public void Abandon(int connection) => _hashed.Abandon(connection);

        /// <summary>The CONNACK return code for a clear-text user, else <see cref="NotClearText"/>.</summary>
        private int CheckClearText(byte[] buffer, int userNameOffset, int userNameLength, int passwordOffset, int passwordLength)
        {
            if (userNameLength < 0)
            {
                return 0;
            }
            var userName = new ReadOnlySpan<byte>(buffer, userNameOffset, userNameLength);
            for (int i = 0; i < _users.Length; i++)
            {
                if (userName.SequenceEqual(_users[i]))
                {
                    bool match = passwordLength >= 0
                        && CryptographicOperations.FixedTimeEquals(new ReadOnlySpan<byte>(buffer, passwordOffset, passwordLength), _passwords[i]);
                    return match ? 0 : BadUserNameOrPassword;
                }
            }
            return NotClearText;
        }
    }
}
