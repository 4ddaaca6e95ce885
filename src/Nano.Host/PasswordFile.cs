using System;
using System.IO;
using System.Text;
using Nano.Mqtt.Broker;

namespace Nano.Host
{
    /// <summary>
    /// Users and passwords read from a file of <c>user:password</c> lines (clear text; blank lines and
    /// <c>#</c> comments ignored). A CONNECT with a user name must match an entry; one without is left to
    /// <see cref="BrokerOptions.AllowAnonymous"/>.
    /// </summary>
    public sealed class PasswordFile : IAuthenticator
    {
        private const int BadUserNameOrPassword = 4;

        private readonly byte[][] _users;
        private readonly byte[][] _passwords;

        private PasswordFile(byte[][] users, byte[][] passwords)
        {
            _users = users;
            _passwords = passwords;
        }

        /// <summary>Users listed.</summary>
        public int Count => _users.Length;

        /// <summary>Parses the file's text; null with <paramref name="error"/> set when a line is malformed.</summary>
        public static PasswordFile Parse(string text, out string error)
        {
            var users = new System.Collections.Generic.List<byte[]>();
            var passwords = new System.Collections.Generic.List<byte[]>();
            string[] lines = text.Split('\n');
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
                users.Add(Encoding.UTF8.GetBytes(line.Substring(0, colon)));
                passwords.Add(Encoding.UTF8.GetBytes(line.Substring(colon + 1)));
            }
            error = null;
            return new PasswordFile(users.ToArray(), passwords.ToArray());
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
                        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                            new ReadOnlySpan<byte>(buffer, passwordOffset, passwordLength), _passwords[i]);
                    return match ? 0 : BadUserNameOrPassword;
                }
            }
            return BadUserNameOrPassword;
        }
    }
}
