namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Finds, creates, evicts, discards and expires sessions by client identifier. A full table evicts the
    /// offline session that disconnected longest ago.
    /// </summary>
    internal sealed class SessionTable
    {
        private readonly BrokerState _state;

        public SessionTable(BrokerState state)
        {
            _state = state;
        }

        public int Find(byte[] clientId, int offset, int length)
        {
            Session[] sessions = _state.Sessions;
            for (int i = 0; i < sessions.Length; i++)
            {
                if (sessions[i].HasClientId(clientId, offset, length))
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Opens a session in a free slot, evicting the offline session idle longest when none is free; -1 when all are online.</summary>
        public int Create(byte[] clientId, int offset, int length, bool clean)
        {
            Session[] sessions = _state.Sessions;
            int slot = -1;
            int oldest = -1;
            for (int i = 0; i < sessions.Length && slot < 0; i++)
            {
                Session s = sessions[i];
                if (!s.InUse)
                {
                    slot = i;
                }
                else if (!s.IsOnline && (oldest < 0 || s.DisconnectedAtMs - sessions[oldest].DisconnectedAtMs < 0))
                {
                    oldest = i;
                }
            }
            if (slot < 0)
            {
                if (oldest < 0)
                {
                    return -1;
                }
                _state.Statistics.SessionsEvicted++;
                Discard(oldest);
                slot = oldest;
            }
            sessions[slot].Open(clientId, offset, length, clean);
            _state.Statistics.ClientsTotal++;
            return slot;
        }

        /// <summary>Ends a session: its subscriptions and held messages go [MQTT-3.1.2-6].</summary>
        public void Discard(int s)
        {
            _state.Subscriptions.RemoveSession(s);
            _state.Sessions[s].Discard();
            _state.Statistics.ClientsTotal--;
            _state.QueueSpaceFreed = true;
        }

        /// <summary>Discards offline sessions older than <see cref="BrokerOptions.SessionExpiryMs"/>; lowers
        /// <paramref name="nextMs"/> to when the next can expire.</summary>
        public void Expire(ref long nextMs)
        {
            Session[] sessions = _state.Sessions;
            long now = _state.NowMs;
            long expiryMs = _state.Options.SessionExpiryMs;
            if (now + expiryMs < nextMs)
            {
                nextMs = now + expiryMs; // a session going offline from now on
            }
            for (int i = 0; i < sessions.Length; i++)
            {
                Session s = sessions[i];
                if (s.InUse && !s.IsOnline)
                {
                    if (now - s.DisconnectedAtMs >= expiryMs)
                    {
                        _state.Statistics.SessionsExpired++;
                        Discard(i);
                    }
                    else if (s.DisconnectedAtMs + expiryMs < nextMs)
                    {
                        nextMs = s.DisconnectedAtMs + expiryMs;
                    }
                }
            }
        }
    }
}
