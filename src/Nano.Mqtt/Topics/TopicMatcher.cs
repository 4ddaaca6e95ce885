namespace Nano.Mqtt.Topics
{
    /// <summary>Byte-exact matching of topic names against topic filters (§4.7), without strings.</summary>
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
            if (filterLength <= 0 || topicLength <= 0)
            {
                return false;
            }

            byte first = filter[filterOffset];
            if (topic[topicOffset] == (byte)'$' && (first == (byte)'#' || first == (byte)'+'))
            {
                return false; // [MQTT-4.7.2-1]
            }

            int f = filterOffset;
            int fEnd = filterOffset + filterLength;
            int t = topicOffset;
            int tEnd = topicOffset + topicLength;
            while (true)
            {
                if (filter[f] == (byte)'#')
                {
                    return true;
                }

                if (filter[f] == (byte)'+')
                {
                    f++;
                    while (t < tEnd && topic[t] != (byte)'/')
                    {
                        t++;
                    }
                }
                else
                {
                    while (f < fEnd && t < tEnd && filter[f] != (byte)'/' && filter[f] == topic[t])
                    {
                        f++;
                        t++;
                    }

                    if (t < tEnd && topic[t] != (byte)'/')
                    {
                        return false;
                    }
                }

                if (f < fEnd && filter[f] != (byte)'/')
                {
                    return false;
                }

                bool filterDone = f == fEnd;
                bool topicDone = t == tEnd;
                if (topicDone)
                {
                    // The topic ends here: only an exact end or a trailing "/#" (parent level) matches.
                    return filterDone || (f + 2 == fEnd && filter[f + 1] == (byte)'#');
                }

                if (filterDone)
                {
                    return false;
                }

                f++;
                t++;
                if (f == fEnd)
                {
                    // Filter ends with '/': matches only a topic whose last level is empty.
                    return t == tEnd;
                }
            }
        }
    }
}
