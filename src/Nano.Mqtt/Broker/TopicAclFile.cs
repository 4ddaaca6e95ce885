namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Reads Mosquitto's ACL file format into a <see cref="TopicAcl"/>: <c>user &lt;name&gt;</c>,
    /// <c>topic [read|write|readwrite|deny] &lt;filter&gt;</c> and <c>pattern [read|write|readwrite|deny] &lt;filter&gt;</c>
    /// (no access word = readwrite; <c>deny</c> as in Mosquitto 2, see <see cref="TopicAcl.Deny"/>). <c>topic</c> lines
    /// before the first <c>user</c> line are for anonymous clients. Blank lines and lines starting with <c>#</c> are skipped.
    /// </summary>
    public static class TopicAclFile
    {
        /// <summary>Adds every rule of the UTF-8 <paramref name="text"/> to <paramref name="acl"/>. Returns 0, or the 1-based
        /// number of the first line that is malformed or does not fit (rules before it are kept).</summary>
        public static int Load(byte[] text, int offset, int length, TopicAcl acl)
        {
            if (text == null || acl == null || offset < 0 || length < 0 || offset > text.Length - length)
            {
                return 1;
            }
            int end = offset + length;
            int user = TopicAcl.Anonymous;
            int line = 0;
            int start = offset;
            while (start < end)
            {
                line++;
                int stop = start;
                while (stop < end && text[stop] != (byte)'\n')
                {
                    stop++;
                }
                int first = SkipSpace(text, start, stop);
                int last = stop;
                while (last > first && IsSpace(text[last - 1]))
                {
                    last--;
                }
                if (first < last && text[first] != (byte)'#' && !ReadLine(text, first, last, acl, ref user))
                {
                    return line;
                }
                start = stop + 1;
            }
            return 0;
        }

        private static bool ReadLine(byte[] text, int p, int end, TopicAcl acl, ref int user)
        {
            int wordEnd = WordEnd(text, p, end);
            int rest = SkipSpace(text, wordEnd, end);
            if (rest == end || rest == wordEnd)
            {
                return false;
            }
            if (Is(text, p, wordEnd, "user"))
            {
                user = acl.AddUser(text, rest, end - rest);
                return user >= 0;
            }
            bool topic = Is(text, p, wordEnd, "topic");
            if (!topic && !Is(text, p, wordEnd, "pattern"))
            {
                return false;
            }
            int accessEnd = WordEnd(text, rest, end);
            int access = TopicAcl.ReadWrite;
            if (Is(text, rest, accessEnd, "read"))
            {
                access = TopicAcl.Read;
            }
            else if (Is(text, rest, accessEnd, "write"))
            {
                access = TopicAcl.Write;
            }
            else if (Is(text, rest, accessEnd, "deny"))
            {
                access = TopicAcl.Deny;
            }
            else if (!Is(text, rest, accessEnd, "readwrite"))
            {
                accessEnd = rest;
            }
            int filter = SkipSpace(text, accessEnd, end);
            if (filter == end || (filter == accessEnd && accessEnd != rest))
            {
                return false;
            }
            return topic ? acl.AddTopic(user, access, text, filter, end - filter) : acl.AddPattern(access, text, filter, end - filter);
        }

        private static bool Is(byte[] text, int start, int end, string word)
        {
            if (end - start != word.Length)
            {
                return false;
            }
            for (int k = 0; k < word.Length; k++)
            {
                if (text[start + k] != (byte)word[k])
                {
                    return false;
                }
            }
            return true;
        }

        private static int WordEnd(byte[] text, int p, int end)
        {
            while (p < end && !IsSpace(text[p]))
            {
                p++;
            }
            return p;
        }

        private static int SkipSpace(byte[] text, int p, int end)
        {
            while (p < end && IsSpace(text[p]))
            {
                p++;
            }
            return p;
        }

        private static bool IsSpace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r';
    }
}
