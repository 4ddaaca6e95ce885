namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Who may read and write which topics (the ACL, checked per session), the topic depth bound and the
    /// per-connection PUBLISH rate.
    /// </summary>
    internal sealed class AccessControl
    {
        private readonly BrokerState _state;

        /// <summary>Topic access rules; null allows everything.</summary>
        public TopicAcl Acl;

        public AccessControl(BrokerState state)
        {
            _state = state;
        }

        /// <summary>Whether session <paramref name="s"/> may read a topic, or some topic under a subscription filter.</summary>
        public bool MayRead(int s, byte[] topic, int offset, int length)
        {
            TopicAcl acl = Acl;
            if (acl == null)
            {
                return true;
            }
            Session session = _state.Sessions[s];
            return acl.Allows(TopicAcl.Read, topic, offset, length, session.ClientIds, session.ClientIdOffset, session.ClientIdLength, session.UserNames, session.UserNameOffset, session.UserNameLength);
        }

        /// <summary>Whether a PUBLISH received on connection <paramref name="ci"/> is routed: the ACL grants write access.
        /// Otherwise it is dropped after its acknowledgement [MQTT-3.3.5-2].</summary>
        public bool MayPublish(int ci, byte[] topic, int offset, int length)
        {
            TopicAcl acl = Acl;
            Session session = _state.Sessions[_state.Connections[ci].Session];
            if (acl != null && !acl.Allows(TopicAcl.Write, topic, offset, length, session.ClientIds, session.ClientIdOffset, session.ClientIdLength, session.UserNames, session.UserNameOffset, session.UserNameLength))
            {
                _state.Statistics.PublishesDenied++;
                _state.Report(BrokerEvent.PublishDenied, ci, topic, offset, length, TopicAcl.Write);
                return false;
            }
            return true;
        }

        /// <summary>Whether a client may leave a Will on this topic; checked at CONNECT so that the client learns at once.</summary>
        public bool MayLeaveWill(byte[] topic, int offset, int length, byte[] clientId, int clientIdOffset, int clientIdLength,
            byte[] userName, int userNameOffset, int userNameLength)
        {
            TopicAcl acl = Acl;
            return acl == null || acl.Allows(TopicAcl.Write, topic, offset, length, clientId, clientIdOffset, clientIdLength, userName, userNameOffset, userNameLength);
        }

        /// <summary>True when a topic name or filter has more levels than <see cref="BrokerOptions.MaxTopicLevels"/>.</summary>
        public bool TooDeep(byte[] topic, int offset, int length)
        {
            int max = _state.Options.MaxTopicLevels;
            if (max == 0 || length < max)
            {
                return false; // more than max levels need at least max separators
            }
            int levels = 1;
            int end = offset + length;
            for (int i = offset; i < end; i++)
            {
                if (topic[i] == (byte)'/' && ++levels > max)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Takes one PUBLISH token from the connection's bucket (refilled at <see cref="BrokerOptions.MaxPublishRate"/>
        /// per second up to <see cref="BrokerOptions.PublishBurst"/>); false when empty, leaving the packet buffered.</summary>
        public bool TakePublishToken(Connection c)
        {
            int rate = _state.Options.MaxPublishRate;
            if (rate == 0)
            {
                return true;
            }
            long now = _state.NowMs;
            long capacity = _state.Options.PublishBurst * 1000L;
            long elapsed = now - c.TokensAtMs;
            if (elapsed > 0)
            {
                c.PublishTokens = elapsed > capacity / rate ? capacity : c.PublishTokens + elapsed * rate;
                if (c.PublishTokens > capacity)
                {
                    c.PublishTokens = capacity;
                }
                c.TokensAtMs = now;
            }
            if (c.PublishTokens < 1000)
            {
                if (c.Waiting != PublishWait.Token)
                {
                    c.Waiting = PublishWait.Token;
                    _state.Statistics.PublishesThrottled++;
                }
                return false;
            }
            c.PublishTokens -= 1000;
            if (c.Waiting == PublishWait.Token)
            {
                c.Waiting = PublishWait.None;
            }
            return true;
        }
    }
}
