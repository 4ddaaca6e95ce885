using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Nano.Mqtt.Broker;

namespace Nano.Host
{
    /// <summary>
    /// Users and passwords read from a Mosquitto-like password file: <c>user:$pbkdf2-sha256$iterations$salt$hash</c>
    /// lines (salt and hash in Base64, checked by the device-compatible <see cref="PasswordTable"/>), written by
    /// <c>Nano.Host passwd</c>. Lines <c>user:password</c> in clear text are still accepted and counted in
    /// <see cref="ClearTextCount"/> so the host can warn. Blank lines and <c>#</c> comments are ignored. A CONNECT
    /// with a user name must match an entry; one without is left to <see cref="BrokerOptions.AllowAnonymous"/>.
    /// </summary>
    public sealed class PasswordFile : IAuthenticator
    {
        /// <summary>Iterations <see cref="HashLine"/> uses unless told otherwise.</summary>
        public const int DefaultIterations = 1000;

        private const int BadUserNameOrPassword = 4;

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
                if (secret.StartsWith(PasswordTable.Scheme, StringComparison.Ordinal))
                {
                    byte[] bytes = Encoding.UTF8.GetBytes(line.Trim());
                    if (!hashed.AddLine(bytes, 0, bytes.Length))
                    {
                        error = "line " + (i + 1) + ": malformed " + PasswordTable.Scheme + " entry (expected user:" + PasswordTable.Scheme + "iterations$salt$hash in Base64)";
                        return null;
                    }
                    continue;
                }
                if (secret.StartsWith('$'))
                {
                    error = "line " + (i + 1) + ": unsupported hash scheme; only " + PasswordTable.Scheme + " (write entries with: Nano.Host passwd <file> <user>)";
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

        /// <summary>A password file line for <paramref name="user"/>: PBKDF2-HMAC-SHA256 with a random 16-byte salt.</summary>
        public static string HashLine(string user, string password, int iterations = DefaultIterations)
        {
            byte[] salt = RandomNumberGenerator.GetBytes(16);
            byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, PasswordTable.HashSize);
            return user + ":" + PasswordTable.Scheme + iterations + "$" + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(hash);
        }

        /// <summary>Adds <paramref name="user"/> to the file (created if missing), replacing an existing line of that user.</summary>
        public static bool SetUser(string path, string user, string password, int iterations, out string error)
        {
            if (user.Length == 0 || user.Contains(':') || user.Contains('\n') || iterations < 1 || iterations > PasswordTable.MaxIterations)
            {
                error = "the user name must be non-empty without ':' and iterations from 1 to " + PasswordTable.MaxIterations;
                return false;
            }
            try
            {
                var lines = new System.Collections.Generic.List<string>(File.Exists(path) ? File.ReadAllLines(path) : Array.Empty<string>());
                lines.RemoveAll(l => l.StartsWith(user + ":", StringComparison.Ordinal));
                lines.Add(HashLine(user, password, iterations));
                File.WriteAllLines(path, lines);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                error = e.Message;
                return false;
            }
            error = null;
            return true;
        }

        /// <inheritdoc />
        public int Authenticate(byte[] buffer, int clientIdOffset, int clientIdLength, int userNameOffset, int userNameLength, int passwordOffset, int passwordLength)
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
            return _hashed.Authenticate(buffer, clientIdOffset, clientIdLength, userNameOffset, userNameLength, passwordOffset, passwordLength);
        }
    }
}
