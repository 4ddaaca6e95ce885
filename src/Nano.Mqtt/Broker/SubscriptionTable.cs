using Nano.Mqtt.Topics;

namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Every session's topic filters in fixed arrays: one row per subscription holding the owning session,
    /// the granted QoS and where its filter lies in one shared arena of filter bytes, kept packed; rows of several
    /// sessions with byte-identical filters point to the same bytes, compared once per match. Matching scans the rows up to the highest one in use and folds
    /// several matching filters of one session into a single delivery at their maximum QoS [MQTT-3.3.5-1].
    /// Each row also holds the position of its retained-message scan (see <see cref="RetainedCursor"/>).
    /// </summary>
    internal sealed class SubscriptionTable
    {
        private readonly int[] _session;
        private readonly byte[] _qos;
        private readonly byte[] _filters;
        private readonly int[] _filterOffset;
        private int _filterBytes;
        /// <summary>Per row, the filter's length, or its complement (~length, negative) when it has a wildcard: a filter
        /// without one matches only the identical topic, so a row whose value differs from the topic's length does not match.</summary>
        private readonly int[] _filterLength;
        private readonly int[] _perSession;
        private readonly int _maxFilterLength;
        private readonly int _maxPerSession;
        /// <summary>Per session, during <see cref="Match"/>: one more than its place in <see cref="MatchedSessions"/>, or 0.</summary>
        private readonly int[] _matchedPlace;
        /// <summary>The sessions found by the last <see cref="Match"/> and the highest QoS granted to each among its
        /// matching filters, in its first <c>found</c> entries (fields: read once per delivery).</summary>
        public readonly int[] MatchedSessions;
        public readonly int[] MatchedQos;
        private readonly int[] _retainedNext;
        /// <summary>Per session: rows with a retained-message scan under way (read on every output, so a field).</summary>
        public readonly int[] RetainedScans;
        private int _count;

        /// <summary>Sessions holding more than one subscription: while none does, a session matches at most one row and
        /// <see cref="Match"/> need not fold rows of one session together.</summary>
        private int _severalPerSession;

        /// <summary>One past the highest row in use: the scans stop here instead of at the capacity.</summary>
        private int _rows;

        public SubscriptionTable(int capacity, int maxPerSession, int maxFilterLength, int filterBytes, int sessions)
        {
            _session = new int[capacity];
            _qos = new byte[capacity];
            _filters = new byte[filterBytes];
            _filterOffset = new int[capacity];
            _filterLength = new int[capacity];
            _perSession = new int[sessions];
            _maxFilterLength = maxFilterLength;
            _maxPerSession = maxPerSession;
            _matchedPlace = new int[sessions];
            MatchedSessions = new int[sessions];
            MatchedQos = new int[sessions];
            _retainedNext = new int[capacity];
            RetainedScans = new int[sessions];
            for (int i = 0; i < capacity; i++)
            {
                _session[i] = -1;
                _retainedNext[i] = -1;
            }
        }

        /// <summary>Subscriptions stored.</summary>
        public int Count => _count;

        /// <summary>
        /// Adds a subscription, or replaces the QoS of an identical filter of the same session
        /// [MQTT-3.8.4-3]. A filter byte-identical to another session's shares its bytes in the arena.
        /// Returns the row, or -1 when the table or the session's share is full.
        /// </summary>
        public int Subscribe(int session, byte[] filter, int offset, int length, int qos)
        {
            int shared = -1;
            for (int i = 0; i < _rows; i++)
            {
                int stored = _filterLength[i];
                if (_session[i] >= 0 && (stored == length || ~stored == length) && Codec.Bytes.Equal(_filters, _filterOffset[i], length, filter, offset, length))
                {
                    if (_session[i] == session)
                    {
                        _qos[i] = (byte)qos;
                        return i;
                    }
                    shared = _filterOffset[i];
                }
            }
            if (length > _maxFilterLength || _perSession[session] >= _maxPerSession || (shared < 0 && length > _filters.Length - _filterBytes))
            {
                return -1;
            }
            for (int i = 0; i < _session.Length; i++)
            {
                if (_session[i] < 0)
                {
                    _session[i] = session;
                    _qos[i] = (byte)qos;
                    _filterLength[i] = HasWildcard(filter, offset, length) ? ~length : length;
                    if (shared < 0)
                    {
                        shared = _filterBytes;
                        System.Array.Copy(filter, offset, _filters, shared, length);
                        _filterBytes += length;
                    }
                    _filterOffset[i] = shared;
                    if (++_perSession[session] == 2)
                    {
                        _severalPerSession++;
                    }
                    _count++;
                    if (i >= _rows)
                    {
                        _rows = i + 1;
                    }
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Removes the subscription whose filter is byte-identical [MQTT-3.10.4-1]; false if none.</summary>
        public bool Unsubscribe(int session, byte[] filter, int offset, int length)
        {
            int row = Find(session, filter, offset, length);
            if (row < 0)
            {
                return false;
            }
            RemoveRow(row);
            return true;
        }

        /// <summary>Removes every subscription of a session.</summary>
        public void RemoveSession(int session)
        {
            for (int i = 0; i < _rows && _perSession[session] > 0; i++)
            {
                if (_session[i] == session)
                {
                    RemoveRow(i);
                }
            }
        }

        /// <summary>
        /// Finds the sessions with a filter matching the topic. Returns how many; read them in
        /// <see cref="MatchedSessions"/> and <see cref="MatchedQos"/> before the next call. Rows sharing filter bytes
        /// share the outcome of one comparison: the last exact filter found equal to the topic and the last found different
        /// are remembered by their place in the arena.
        /// </summary>
        public int Match(byte[] topic, int offset, int length)
        {
            int found = 0;
            int rows = _rows;
            int[] session = _session;
            int[] filterOffset = _filterOffset;
            int[] filterLength = _filterLength;
            byte[] qos = _qos;
            int[] place = _matchedPlace;
            int[] matched = MatchedSessions;
            int[] matchedQos = MatchedQos;
            byte[] filters = _filters;
            int matchingAt = -1;
            int differentAt = -1;
            bool fold = _severalPerSession > 0;
            for (int i = 0; i < rows; i++)
            {
                int s = session[i];
                if (s < 0)
                {
                    continue;
                }
                int l = filterLength[i];
                if (l == length)
                {
                    int at = filterOffset[i];
                    if (at != matchingAt)
                    {
                        if (at == differentAt || !Codec.Bytes.Equal(filters, at, length, topic, offset, length))
                        {
                            differentAt = at;
                            continue;
                        }
                        matchingAt = at;
                    }
                }
                else if (l >= 0 || !TopicMatcher.Matches(filters, filterOffset[i], ~l, topic, offset, length))
                {
                    continue;
                }
                int q = qos[i];
                if (!fold)
                {
                    matched[found] = s;
                    matchedQos[found++] = q;
                    continue;
                }
                int k = place[s] - 1;
                if (k < 0)
                {
                    matched[found] = s;
                    matchedQos[found] = q;
                    place[s] = ++found;
                }
                else if (q > matchedQos[k])
                {
                    matchedQos[k] = q;
                }
            }
            if (fold)
            {
                for (int k = 0; k < found; k++)
                {
                    place[matched[k]] = 0;
                }
            }
            return found;
        }

        /// <summary>One past the highest row in use.</summary>
        public int Rows => _rows;

        /// <summary>The session owning a row, or -1 for a free row.</summary>
        public int SessionOf(int row) => _session[row];

        /// <summary>The QoS granted to a row.</summary>
        public int QosOf(int row) => _qos[row];

        /// <summary>The filter bytes of every row; a row's filter starts at <see cref="FilterOffset"/>.</summary>
        public byte[] Filters => _filters;

        public int FilterOffset(int row) => _filterOffset[row];

        public int FilterLength(int row)
        {
            int length = _filterLength[row];
            return length < 0 ? ~length : length;
        }

        /// <summary>Starts (or restarts) the retained-message scan of a row at the first retained slot [MQTT-3.8.4-3].</summary>
        public void StartRetained(int row)
        {
            if (_retainedNext[row] < 0)
            {
                RetainedScans[_session[row]]++;
            }
            _retainedNext[row] = 0;
        }

        /// <summary>The next retained slot the row's scan examines, or -1 when it has none.</summary>
        public int RetainedNext(int row) => _retainedNext[row];

        /// <summary>Moves the row's scan to <paramref name="slot"/>.</summary>
        public void SetRetainedNext(int row, int slot) => _retainedNext[row] = slot;

        /// <summary>Ends the row's scan.</summary>
        public void EndRetained(int row)
        {
            if (_retainedNext[row] >= 0)
            {
                _retainedNext[row] = -1;
                RetainedScans[_session[row]]--;
            }
        }

        private static bool HasWildcard(byte[] filter, int offset, int length)
        {
            for (int i = offset; i < offset + length; i++)
            {
                if (filter[i] == (byte)'+' || filter[i] == (byte)'#')
                {
                    return true;
                }
            }
            return false;
        }

        private int Find(int session, byte[] filter, int offset, int length)
        {
            for (int i = 0; i < _rows; i++)
            {
                if (_session[i] == session && Codec.Bytes.Equal(_filters, _filterOffset[i], FilterLength(i), filter, offset, length))
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Frees a row; its filter bytes leave the arena unless another row shares them.</summary>
        private void RemoveRow(int i)
        {
            EndRetained(i);
            if (--_perSession[_session[i]] == 1)
            {
                _severalPerSession--;
            }
            _session[i] = -1;
            _count--;
            while (_rows > 0 && _session[_rows - 1] < 0)
            {
                _rows--;
            }
            int start = _filterOffset[i];
            for (int r = 0; r < _rows; r++)
            {
                if (_session[r] >= 0 && _filterOffset[r] == start)
                {
                    return;
                }
            }
            int length = FilterLength(i);
            System.Array.Copy(_filters, start + length, _filters, start, _filterBytes - start - length);
            _filterBytes -= length;
            for (int r = 0; r < _rows; r++)
            {
                if (_session[r] >= 0 && _filterOffset[r] > start)
                {
                    _filterOffset[r] -= length;
                }
            }
        }
    }
}
