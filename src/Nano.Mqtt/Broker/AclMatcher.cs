namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Level-by-level comparison of an ACL filter with a topic name or a subscription filter, substituting
    /// <c>%c</c> (client id) and <c>%u</c> (user name) in the ACL filter while comparing, without allocating.
    /// For a topic name the result is ordinary matching (§4.7); for a filter it is true when some topic name
    /// could match both.
    /// </summary>
    internal static class AclMatcher
    {
        public static bool Overlaps(byte[] acl, int aclOffset, int aclLength, bool substitute, byte[] other, int otherOffset, int otherLength,
            byte[] clientId, int clientIdOffset, int clientIdLength, byte[] userName, int userNameOffset, int userNameLength)
        {
            if (aclLength <= 0 || otherLength <= 0)
            {
                return false;
            }
            if ((IsWildcard(acl[aclOffset]) && other[otherOffset] == (byte)'$') || (IsWildcard(other[otherOffset]) && acl[aclOffset] == (byte)'$'))
            {
                return false; // a filter starting with a wildcard does not match '$' topics [MQTT-4.7.2-1]
            }
            int a = aclOffset;
            int aEnd = aclOffset + aclLength;
            int o = otherOffset;
            int oEnd = otherOffset + otherLength;
            while (true)
            {
                int aLevelEnd = LevelEnd(acl, a, aEnd);
                int oLevelEnd = LevelEnd(other, o, oEnd);
                if (IsLevel(acl, a, aLevelEnd, (byte)'#') || IsLevel(other, o, oLevelEnd, (byte)'#'))
                {
                    return true;
                }
                if (!IsLevel(acl, a, aLevelEnd, (byte)'+') && !IsLevel(other, o, oLevelEnd, (byte)'+')
                    && !LevelEquals(acl, a, aLevelEnd, substitute, other, o, oLevelEnd, clientId, clientIdOffset, clientIdLength, userName, userNameOffset, userNameLength))
                {
                    return false;
                }
                bool aDone = aLevelEnd == aEnd;
                bool oDone = oLevelEnd == oEnd;
                if (aDone || oDone)
                {
                    // "a/#" also matches "a": only a remaining "/#" on either side keeps them overlapping.
                    return (aDone && oDone) || (aDone ? IsParentWildcard(other, oLevelEnd, oEnd) : IsParentWildcard(acl, aLevelEnd, aEnd));
                }
                a = aLevelEnd + 1;
                o = oLevelEnd + 1;
            }
        }

        /// <summary>True when a value substituted for <c>%c</c> or <c>%u</c> could change the filter's levels or wildcards.</summary>
        public static bool IsUnsafeSubstitution(byte[] value, int offset, int length)
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

        private static bool LevelEquals(byte[] acl, int a, int aEnd, bool substitute, byte[] other, int o, int oEnd,
            byte[] clientId, int clientIdOffset, int clientIdLength, byte[] userName, int userNameOffset, int userNameLength)
        {
            while (a < aEnd)
            {
                if (substitute && acl[a] == (byte)'%' && a + 1 < aEnd && (acl[a + 1] == (byte)'c' || acl[a + 1] == (byte)'u'))
                {
                    bool isClient = acl[a + 1] == (byte)'c';
                    byte[] value = isClient ? clientId : userName;
                    int offset = isClient ? clientIdOffset : userNameOffset;
                    int length = isClient ? clientIdLength : userNameLength;
                    if (length < 0 || oEnd - o < length)
                    {
                        return false;
                    }
                    for (int k = 0; k < length; k++)
                    {
                        if (value[offset + k] != other[o + k])
                        {
                            return false;
                        }
                    }
                    o += length;
                    a += 2;
                    continue;
                }
                if (o == oEnd || acl[a] != other[o])
                {
                    return false;
                }
                a++;
                o++;
            }
            return o == oEnd;
        }

        private static int LevelEnd(byte[] text, int start, int end)
        {
            while (start < end && text[start] != (byte)'/')
            {
                start++;
            }
            return start;
        }

        private static bool IsLevel(byte[] text, int start, int end, byte wildcard) => end - start == 1 && text[start] == wildcard;

        private static bool IsParentWildcard(byte[] text, int levelEnd, int end) => levelEnd + 2 == end && text[levelEnd + 1] == (byte)'#';

        private static bool IsWildcard(byte b) => b == (byte)'#' || b == (byte)'+';
    }
}
