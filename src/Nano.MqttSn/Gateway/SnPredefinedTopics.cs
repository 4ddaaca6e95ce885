namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// Predefined topic ids (§6.7) in the format of the Paho MQTT-SN gateway's predefined-topic file: one
    /// <c>ClientId,TopicName,TopicId</c> a line, <c>*</c> as ClientId for every client, TopicId 1–65534; blank
    /// lines and lines starting with <c>#</c> are skipped, spaces around the fields ignored.
    /// </summary>
    public static class SnPredefinedTopics
    {
        /// <summary>Adds the topics of <paramref name="text"/> to <paramref name="options"/> in order; returns 0, or the
        /// number (from 1) of the first line that is not a valid entry (an id outside 1–65534, an invalid topic name
        /// or ClientId, an id already defined for the same client(s)), where loading stopped.</summary>
        public static int Load(string text, SnGatewayOptions options)
        {
            int line = 0;
            int start = 0;
            while (start < text.Length)
            {
                line++;
                int end = text.IndexOf('\n', start);
                if (end < 0)
                {
                    end = text.Length;
                }
                string entry = text.Substring(start, end - start).Trim();
                start = end + 1;
                if (entry.Length == 0 || entry[0] == '#')
                {
                    continue;
                }
                int first = entry.IndexOf(',');
                int last = entry.LastIndexOf(',');
                int id = first > 0 && last > first ? Id(entry.Substring(last + 1).Trim()) : -1;
                if (id < 0 || !options.AddPredefinedTopic(entry.Substring(0, first).Trim(), (ushort)id, entry.Substring(first + 1, last - first - 1).Trim()))
                {
                    return line;
                }
            }
            return 0;
        }

        /// <summary>The decimal id 1–65534, or -1.</summary>
        private static int Id(string digits)
        {
            if (digits.Length == 0 || digits.Length > 5)
            {
                return -1;
            }
            int n = 0;
            for (int i = 0; i < digits.Length; i++)
            {
                char d = digits[i];
                if (d < '0' || d > '9')
                {
                    return -1;
                }
                n = n * 10 + (d - '0');
            }
            return n >= 1 && n <= 0xFFFE ? n : -1;
        }
    }
}
