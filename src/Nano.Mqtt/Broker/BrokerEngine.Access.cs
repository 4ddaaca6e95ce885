namespace Nano.Mqtt.Broker
{
    public sealed partial class BrokerEngine
    {
        /// <summary>Whether session <paramref name="s"/> may read a topic, or some topic under a subscription filter.</summary>
        private bool MayRead(int s, byte[] topic, int offset, int length)
        {
            TopicAcl acl = Acl;
            if (acl == null)
            {
                return true;
            }
            Session session = _sessions[s];
            return acl.Allows(TopicAcl.Read, topic, offset, length, session.ClientId, 0, session.ClientIdLength, session.UserName, 0, session.UserNameLength);
        }

        /// <summary>Whether a PUBLISH received from session <paramref name="s"/> is routed: the topic depth is within
        /// bounds and the ACL grants write access. Otherwise it is dropped after its acknowledgement [MQTT-3.3.5-2].</summary>
        private bool MayPublish(int s, byte[] topic, int offset, int length)
        {
            if (TooDeep(topic, offset, length))
            {
                Statistics.PublishesRejected++;
                return false;
            }
            TopicAcl acl = Acl;
            Session session = _sessions[s];
            if (acl != null && !acl.Allows(TopicAcl.Write, topic, offset, length, session.ClientId, 0, session.ClientIdLength, session.UserName, 0, session.UserNameLength))
            {
                Statistics.PublishesDenied++;
                return false;
            }
            return true;
        }

        /// <summary>True when a topic name or filter has more levels than <see cref="BrokerOptions.MaxTopicLevels"/>.</summary>
        private bool TooDeep(byte[] topic, int offset, int length)
        {
            int max = _options.MaxTopicLevels;
            if (max == 0)
            {
                return false;
            }
            int levels = 1;
            for (int i = offset; i < offset + length; i++)
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
        private bool TakePublishToken(Connection c)
        {
            int rate = _options.MaxPublishRate;
            if (rate == 0)
            {
                return true;
            }
            long capacity = _options.PublishBurst * 1000L;
            long elapsed = _nowMs - c.TokensAtMs;
            if (elapsed > 0)
            {
                c.PublishTokens = elapsed > capacity / rate ? capacity : c.PublishTokens + elapsed * rate;
                if (c.PublishTokens > capacity)
                {
                    c.PublishTokens = capacity;
                }
                c.TokensAtMs = _nowMs;
            }
            if (c.PublishTokens < 1000)
            {
                if (!c.Throttled)
                {
                    c.Throttled = true;
                    Statistics.PublishesThrottled++;
                }
                return false;
            }
            c.PublishTokens -= 1000;
            c.Throttled = false;
            return true;
        }
    }
}
