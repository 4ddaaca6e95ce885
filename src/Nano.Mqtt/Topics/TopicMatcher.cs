namespace Nano.Mqtt.Topics
{
    /// <summary>
    /// Byte-exact, level-by-level comparison of topic filters and topic names (§4.7), without strings or
    /// allocation. One walk serves subscription matching and access-rule checks, so both apply the same
    /// '$' and '#' rules.
    /// </summary>
    public static class TopicMatcher
    {
        /// <summary>
        /// True when the topic name matches the topic filter. Both are assumed valid
        /// (see <see cref="TopicFilter.Validate"/>, <see cref="TopicName.Validate"/>); an empty filter or
        /// topic never matches. "sport/#" matches "sport"; "+" matches an empty level; a filter starting
        /// with a wildcard does not match a topic starting with '$' [MQTT-4.7.2-1]. Comparison is
        /// case-sensitive, without normalisation [MQTT-4.7.3-4].
        /// </summary>
        public static bool Matches(byte[] filter, int filterOffset, int filterLength, byte[] topic, int topicOffset, int topicLength)
        {
            return Overlaps(filter, filterOffset, filterLength, topic, topicOffset, topicLength, null);
        }

        /// <summary>
        /// True when some topic name matches both <paramref name="a"/> and <paramref name="b"/> (filters or
        /// names; for a name this is ordinary matching). With a <paramref name="substitution"/>, "%c" and "%u"
        /// in <paramref name="a"/> stand for its client id and user name. A level starting with a wildcard on
        /// one side never meets a first level starting with '$' on the other [MQTT-4.7.2-1].
        /// </summary>
        public static bool Overlaps(byte[] a, int aOffset, int aLength, byte[] b, int bOffset, int bLength, TopicSubstitution substitution)
        {
            return Walk(a, aOffset, aLength, b, bOffset, bLength, substitution, false);
        }

        /// <summary>
        /// True when filter <paramref name="filter"/> (with "%c" and "%u" standing for the <paramref name="substitution"/>'s
        /// values) matches <paramref name="name"/> read as a topic name: '+' and '#' in <paramref name="name"/> are plain
        /// characters, as Mosquitto reads a subscription filter against a <c>deny</c> rule.
        /// </summary>
        public static bool MatchesLiterally(byte[] filter, int filterOffset, int filterLength, byte[] name, int nameOffset, int nameLength, TopicSubstitution substitution)
        {
            return Walk(filter, filterOffset, filterLength, name, nameOffset, nameLength, substitution, true);
        }

        private static bool Walk(byte[] a, int aOffset, int aLength, byte[] b, int bOffset, int bLength, TopicSubstitution substitution, bool bLiteral)
        {
            if (aLength <= 0 || bLength <= 0)
            {
                return false;
            }

            if ((IsWildcard(a[aOffset]) && b[bOffset] == (byte)'$') || (!bLiteral && IsWildcard(b[bOffset]) && a[aOffset] == (byte)'$'))
            {
                return false; // [MQTT-4.7.2-1]
            }

            int aEnd = aOffset + aLength;
            int bEnd = bOffset + bLength;
            while (true)
            {
                int aLevelEnd = LevelEnd(a, aOffset, aEnd);
                int bLevelEnd = LevelEnd(b, bOffset, bEnd);
                if (IsLevel(a, aOffset, aLevelEnd, (byte)'#') || (!bLiteral && IsLevel(b, bOffset, bLevelEnd, (byte)'#')))
                {
                    return true;
                }

                if (!IsLevel(a, aOffset, aLevelEnd, (byte)'+') && (bLiteral || !IsLevel(b, bOffset, bLevelEnd, (byte)'+'))
                    && !LevelEquals(a, aOffset, aLevelEnd, b, bOffset, bLevelEnd, substitution))
                {
                    return false;
                }

                bool aDone = aLevelEnd == aEnd;
                bool bDone = bLevelEnd == bEnd;
                if (aDone || bDone)
                {
                    // "a/#" also matches "a": only a remaining "/#" on either side keeps them overlapping [MQTT-4.7.1-2].
                    return (aDone && bDone) || (aDone ? !bLiteral && IsParentWildcard(b, bLevelEnd, bEnd) : IsParentWildcard(a, aLevelEnd, aEnd));
                }

                aOffset = aLevelEnd + 1;
                bOffset = bLevelEnd + 1;
            }
        }

        private static bool LevelEquals(byte[] a, int aStart, int aEnd, byte[] b, int bStart, int bEnd, TopicSubstitution substitution)
        {
            while (aStart < aEnd)
            {
                int placeholder = substitution == null ? -1 : TopicSubstitution.PlaceholderAt(a, aStart, aEnd);
                if (placeholder >= 0)
                {
                    int length = substitution.Matches(placeholder, b, bStart, bEnd);
                    if (length < 0)
                    {
                        return false;
                    }

                    bStart += length;
                    aStart += 2;
                    continue;
                }

                if (bStart == bEnd || a[aStart] != b[bStart])
                {
                    return false;
                }

                aStart++;
                bStart++;
            }

            return bStart == bEnd;
        }

        private static int LevelEnd(byte[] text, int start, int end)
        {
            while (start < end && text[start] != (byte)'/')
            {
                start++;
            }

            return start;
        }

        private static bool IsLevel(byte[] text, int start, int end, byte wildcard)
        {
            return end - start == 1 && text[start] == wildcard;
        }

        private static bool IsParentWildcard(byte[] text, int levelEnd, int end)
        {
            return levelEnd + 2 == end && text[levelEnd + 1] == (byte)'#';
        }

        private static bool IsWildcard(byte b)
        {
            return b == (byte)'#' || b == (byte)'+';
        }
    }
}
