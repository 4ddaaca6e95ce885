using Nano.Mqtt.Codec;
using Nano.Mqtt.Topics;

namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Topic access rules in Mosquitto's ACL vocabulary, held in fixed arrays and one byte arena. A
    /// <c>topic</c> rule belongs to one user, or to anonymous clients (<see cref="Anonymous"/>); a
    /// <c>pattern</c> rule applies to every client, with <c>%c</c> and <c>%u</c> replaced by its client id
    /// and user name while comparing. A pattern using <c>%u</c> never applies to an anonymous client, and
    /// no pattern applies when the substituted value contains '/', '+' or '#'. Access not granted by a
    /// rule is denied. A <see cref="Deny"/> rule (Mosquitto 2's <c>topic deny</c>, <c>pattern deny</c>) denies
    /// every access to the topics its filter matches, whatever other rule allows, and whatever the order of the
    /// rules; a subscription filter is compared with it as a topic name, '+' and '#' taken literally, so
    /// <c>#</c> stays allowed while each delivery from a denied topic is refused by the read check.
    /// Built at configuration time (see <see cref="TopicAclFile"/>); checks do not allocate.
    /// </summary>
    public sealed class TopicAcl
    {
        /// <summary>No access: the rule denies every access to the topics it matches.</summary>
        public const int Deny = 0;

        /// <summary>Subscribe to and receive messages on a topic.</summary>
        public const int Read = 1;

        /// <summary>Publish to a topic (including as a Will).</summary>
        public const int Write = 2;

        /// <summary>Both.</summary>
        public const int ReadWrite = 3;

        /// <summary>The owner of <c>topic</c> rules for clients without user name.</summary>
        public const int Anonymous = -1;

        private const int PatternOwner = -2;
        private const byte UsesClientId = 1;
        private const byte UsesUserName = 2;

        private readonly byte[] _arena;
        private int _arenaUsed;
        private readonly int[] _owner;
        private readonly byte[] _access;
        private readonly byte[] _uses;
        private readonly int[] _filterOffset;
        private readonly int[] _filterLength;
        private int _count;
        private int _denies;
        private readonly int[] _userOffset;
        private readonly int[] _userLength;
        private int _users;
        private readonly TopicSubstitution _substitution = new TopicSubstitution();

        /// <summary>Creates an empty rule set with room for <paramref name="maxRules"/> rules, <paramref name="maxUsers"/>
        /// users and <paramref name="arenaBytes"/> bytes of filters and user names.</summary>
        public TopicAcl(int maxRules, int maxUsers, int arenaBytes)
        {
            _arena = new byte[arenaBytes < 0 ? 0 : arenaBytes];
            maxRules = maxRules < 0 ? 0 : maxRules;
            maxUsers = maxUsers < 0 ? 0 : maxUsers;
            _owner = new int[maxRules];
            _access = new byte[maxRules];
            _uses = new byte[maxRules];
            _filterOffset = new int[maxRules];
            _filterLength = new int[maxRules];
            _userOffset = new int[maxUsers];
            _userLength = new int[maxUsers];
        }

        /// <summary>Rules stored.</summary>
        public int Count => _count;

        /// <summary>Users named.</summary>
        public int UserCount => _users;

        /// <summary>Returns the index of the user with this name, adding it when new; -1 when full.</summary>
        public int AddUser(byte[] name, int offset, int length)
        {
            if (name == null || offset < 0 || length < 1 || offset > name.Length - length)
            {
                return -1;
            }
            int existing = FindUser(name, offset, length);
            if (existing >= 0)
            {
                return existing;
            }
            if (_users == _userOffset.Length || _arena.Length - _arenaUsed < length)
            {
                return -1;
            }
            _userOffset[_users] = Store(name, offset, length);
            _userLength[_users] = length;
            return _users++;
        }

        /// <summary>Adds a <c>topic</c> rule for user <paramref name="user"/> (from <see cref="AddUser"/>) or
        /// <see cref="Anonymous"/>; false when full or the filter is invalid.</summary>
        public bool AddTopic(int user, int access, byte[] filter, int offset, int length)
        {
            if (user < Anonymous || user >= _users)
            {
                return false;
            }
            return AddRule(user, access, filter, offset, length);
        }

        /// <summary>Adds a <c>pattern</c> rule applying to every client; false when full or the filter is invalid.</summary>
        public bool AddPattern(int access, byte[] filter, int offset, int length) => AddRule(PatternOwner, access, filter, offset, length);

        /// <summary>
        /// True when a rule grants <paramref name="access"/> (<see cref="Read"/> or <see cref="Write"/>) on a topic
        /// name, or — for a subscription filter — on at least one topic the filter can match. A user name
        /// length of -1 means an anonymous client.
        /// </summary>
        public bool Allows(int access, byte[] topic, int topicOffset, int topicLength, byte[] clientId, int clientIdOffset, int clientIdLength,
            byte[] userName, int userNameOffset, int userNameLength)
        {
            bool anonymous = userNameLength < 0;
            bool clientIdUnsafe = IsUnsafeSubstitution(clientId, clientIdOffset, clientIdLength);
            bool userNameUnsafe = anonymous || IsUnsafeSubstitution(userName, userNameOffset, userNameLength);
            _substitution.Set(clientId, clientIdOffset, clientIdLength, userName, userNameOffset, userNameLength);
            for (int i = 0; _denies > 0 && i < _count; i++)
            {
                if (_access[i] == Deny && Applies(i, anonymous, clientIdUnsafe, userNameUnsafe, userName, userNameOffset, userNameLength)
                    && TopicMatcher.MatchesLiterally(_arena, _filterOffset[i], _filterLength[i], topic, topicOffset, topicLength, _owner[i] == PatternOwner ? _substitution : null))
                {
                    return false;
                }
            }
            for (int i = 0; i < _count; i++)
            {
                if ((_access[i] & access) != 0 && Applies(i, anonymous, clientIdUnsafe, userNameUnsafe, userName, userNameOffset, userNameLength)
                    && TopicMatcher.Overlaps(_arena, _filterOffset[i], _filterLength[i], topic, topicOffset, topicLength, _owner[i] == PatternOwner ? _substitution : null))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Whether rule <paramref name="i"/> concerns this client: its own or anonymous <c>topic</c> rule, or a pattern
        /// whose substituted values are safe.</summary>
        private bool Applies(int i, bool anonymous, bool clientIdUnsafe, bool userNameUnsafe, byte[] userName, int userNameOffset, int userNameLength)
        {
            int owner = _owner[i];
            if (owner == PatternOwner)
            {
                return !(((_uses[i] & UsesClientId) != 0 && clientIdUnsafe) || ((_uses[i] & UsesUserName) != 0 && userNameUnsafe));
            }
            return anonymous ? owner == Anonymous : owner != Anonymous && UserIs(owner, userName, userNameOffset, userNameLength);
        }

        private bool AddRule(int owner, int access, byte[] filter, int offset, int length)
        {
            if (access < Deny || access > ReadWrite || _count == _owner.Length || _arena.Length - _arenaUsed < length
                || TopicFilter.Validate(filter, offset, length) != MqttError.None)
            {
                return false;
            }
            byte uses = 0;
            for (int k = offset; k + 1 < offset + length; k++)
            {
                if (filter[k] == (byte)'%')
                {
                    uses |= filter[k + 1] == (byte)'c' ? UsesClientId : (filter[k + 1] == (byte)'u' ? UsesUserName : (byte)0);
                }
            }
            _owner[_count] = owner;
            _access[_count] = (byte)access;
            _uses[_count] = uses;
            _filterOffset[_count] = Store(filter, offset, length);
            _filterLength[_count] = length;
            _count++;
            if (access == Deny)
            {
                _denies++;
            }
            return true;
        }

        private int Store(byte[] bytes, int offset, int length)
        {
            int at = _arenaUsed;
            System.Array.Copy(bytes, offset, _arena, at, length);
            _arenaUsed += length;
            return at;
        }

        private int FindUser(byte[] name, int offset, int length)
        {
            for (int u = 0; u < _users; u++)
            {
                if (UserIs(u, name, offset, length))
                {
                    return u;
                }
            }
            return -1;
        }

        private bool UserIs(int u, byte[] name, int offset, int length) => Bytes.Equal(_arena, _userOffset[u], _userLength[u], name, offset, length);

        /// <summary>True when a value substituted for <c>%c</c> or <c>%u</c> could change the filter's levels or wildcards.</summary>
        private static bool IsUnsafeSubstitution(byte[] value, int offset, int length)
        {
            for (int i = offset; i < offset + length; i++)
            {
                byte b = value[i];
                if (b == (byte)'/' || b == (byte)'+' || b == (byte)'#')
                {
                    return true;
                }
            }
            return false;
        }
    }
}
