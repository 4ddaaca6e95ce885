namespace Nano.Mqtt.Broker
{
    /// <summary>Publishes the statistics and the version as retained QoS 0 messages under <c>$SYS/broker/</c> every interval.</summary>
    internal sealed class SysPublisher
    {
        private readonly BrokerState _state;
        private readonly Router _router;

        /// <summary>The topics and formatting, or null when <see cref="BrokerOptions.SysIntervalMs"/> is 0.</summary>
        private readonly SysTopics _topics;

        public SysPublisher(BrokerState state, Router router, SysTopics topics)
        {
            _state = state;
            _router = router;
            _topics = topics;
        }

        /// <summary>Records the time of the first call, the start of the uptime.</summary>
        public void Start(long nowMs)
        {
            if (_topics != null)
            {
                _topics.Start(nowMs);
            }
        }

        /// <summary>Publishes every topic when the interval has passed; <paramref name="heapFree"/> -1 = unknown, not published.
        /// Lowers <paramref name="nextMs"/> to when the next report is due.</summary>
        public void Poll(long heapFree, ref long nextMs)
        {
            if (_topics == null)
            {
                return;
            }
            long intervalMs = _state.Options.SysIntervalMs;
            if (_topics.Due(_state.NowMs, intervalMs))
            {
                Report(heapFree);
            }
            long due = _topics.NextReportMs(intervalMs);
            if (due < nextMs)
            {
                nextMs = due;
            }
        }

        private void Report(long heapFree)
        {
            BrokerStatistics st = _state.Statistics;
            Publish(SysTopics.Uptime, _topics.UptimeSeconds(_state.NowMs));
            Publish(SysTopics.ClientsConnected, st.ClientsConnected);
            Publish(SysTopics.ClientsTotal, st.ClientsTotal);
            Publish(SysTopics.ClientsMaximum, st.ClientsMaximum);
            Publish(SysTopics.MessagesReceived, st.MessagesReceived);
            Publish(SysTopics.MessagesSent, st.MessagesSent);
            Publish(SysTopics.MessagesDropped, st.MessagesDropped);
            Publish(SysTopics.BytesReceived, st.BytesReceived);
            Publish(SysTopics.BytesSent, st.BytesSent);
            Publish(SysTopics.RetainedCount, _state.Retained.Count);
            Publish(SysTopics.SubscriptionsCount, _state.Subscriptions.Count);
            if (heapFree >= 0)
            {
                Publish(SysTopics.HeapFree, heapFree);
            }
            Publish(SysTopics.AuthenticationFailures, st.AuthenticationFailures);
            Publish(SysTopics.WillsDenied, st.WillsDenied);
            Publish(SysTopics.PublishesDenied, st.PublishesDenied);
            Publish(SysTopics.PublishesRejected, st.PublishesRejected);
            Publish(SysTopics.PublishesThrottled, st.PublishesThrottled);
            Publish(SysTopics.SubscriptionsDenied, st.SubscriptionsDenied);
            Publish(SysTopics.DeliveriesDenied, st.DeliveriesDenied);
            byte[] version = _topics.Topic(SysTopics.Version);
            _router.Route(version, 0, version.Length, _topics.VersionText, 0, _topics.VersionText.Length, 0, true, true);
        }

        private void Publish(int topic, long value)
        {
            byte[] name = _topics.Topic(topic);
            int length = _topics.Format(value);
            _router.Route(name, 0, name.Length, _topics.Digits, 0, length, 0, true, true);
        }
    }
}
