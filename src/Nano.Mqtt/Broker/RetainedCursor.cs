using Nano.Mqtt.Topics;

namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Delivers retained messages on SUBSCRIBE [MQTT-3.3.1-8] straight from the retained store: each new
    /// subscription row scans the store from its first slot, one message at a time as the session's
    /// inflight window allows, so the number delivered does not depend on the queue length.
    /// </summary>
    internal sealed class RetainedCursor
    {
        /// <summary><see cref="Next"/>: no retained message is left to send.</summary>
        public const int None = -1;

        /// <summary><see cref="Next"/>: the next retained message needs a QoS 1/2 slot and the window is full.</summary>
        public const int WindowFull = -2;

        private readonly BrokerState _state;
        private readonly AccessControl _access;

        public RetainedCursor(BrokerState state, AccessControl access)
        {
            _state = state;
            _access = access;
        }

        /// <summary>
        /// The next retained message for session <paramref name="s"/> and its delivery QoS in <paramref name="qos"/>,
        /// taken off the scan; <see cref="None"/> or <see cref="WindowFull"/> (nothing taken) otherwise.
        /// </summary>
        public int Next(int s, bool windowOpen, ref int qos)
        {
            SubscriptionTable subscriptions = _state.Subscriptions;
            for (int row = 0; row < subscriptions.Rows; row++)
            {
                if (subscriptions.SessionOf(row) != s || subscriptions.RetainedNext(row) < 0)
                {
                    continue;
                }
                int m = NextOfRow(s, row, windowOpen, ref qos);
                if (m != None)
                {
                    return m;
                }
                subscriptions.EndRetained(row);
            }
            return None;
        }

        private int NextOfRow(int s, int row, bool windowOpen, ref int qos)
        {
            SubscriptionTable subscriptions = _state.Subscriptions;
            RetainedStore retained = _state.Retained;
            MessagePool pool = _state.Pool;
            for (int slot = subscriptions.RetainedNext(row); slot < retained.Capacity; slot++)
            {
                int m = retained.MessageAt(slot);
                if (m < 0)
                {
                    continue;
                }
                byte[] block = pool.Block(m);
                if (!TopicMatcher.Matches(subscriptions.Filters, subscriptions.FilterOffset(row), subscriptions.FilterLength(row),
                    block, pool.TopicOffset(m), pool.TopicLength(m)))
                {
                    continue;
                }
                if (!_access.MayRead(s, block, pool.TopicOffset(m), pool.TopicLength(m)))
                {
                    _state.Statistics.DeliveriesDenied++;
                    continue;
                }
                int granted = subscriptions.QosOf(row);
                int delivered = pool.Qos(m) < granted ? pool.Qos(m) : granted; // [MQTT-3.8.4-6]
                if (delivered > 0 && !windowOpen)
                {
                    subscriptions.SetRetainedNext(row, slot);
                    return WindowFull;
                }
                subscriptions.SetRetainedNext(row, slot + 1);
                qos = delivered;
                return m;
            }
            return None;
        }
    }
}
