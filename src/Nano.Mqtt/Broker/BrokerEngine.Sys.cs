namespace Nano.Mqtt.Broker
{
    public sealed partial class BrokerEngine
    {
        /// <summary>Publishes the statistics as retained QoS 0 messages under <c>$SYS/broker/</c>.</summary>
        private void PublishSys()
        {
            BrokerStatistics st = Statistics;
            PublishSys(SysTopics.Uptime, _sys.UptimeSeconds(_nowMs));
            PublishSys(SysTopics.ClientsConnected, st.ClientsConnected);
            PublishSys(SysTopics.ClientsTotal, st.ClientsTotal);
            PublishSys(SysTopics.ClientsMaximum, st.ClientsMaximum);
            PublishSys(SysTopics.MessagesReceived, st.MessagesReceived);
            PublishSys(SysTopics.MessagesSent, st.MessagesSent);
            PublishSys(SysTopics.MessagesDropped, st.MessagesDropped);
            PublishSys(SysTopics.BytesReceived, st.BytesReceived);
            PublishSys(SysTopics.BytesSent, st.BytesSent);
            PublishSys(SysTopics.RetainedCount, _retained.Count);
            PublishSys(SysTopics.SubscriptionsCount, _subscriptions.Count);
            if (HeapFree >= 0)
            {
                PublishSys(SysTopics.HeapFree, HeapFree);
            }
            PublishSys(SysTopics.AuthenticationFailures, st.AuthenticationFailures);
            PublishSys(SysTopics.WillsDenied, st.WillsDenied);
            PublishSys(SysTopics.PublishesDenied, st.PublishesDenied);
            PublishSys(SysTopics.PublishesRejected, st.PublishesRejected);
            PublishSys(SysTopics.PublishesThrottled, st.PublishesThrottled);
            PublishSys(SysTopics.SubscriptionsDenied, st.SubscriptionsDenied);
            PublishSys(SysTopics.DeliveriesDenied, st.DeliveriesDenied);
        }

        private void PublishSys(int topic, long value)
        {
            byte[] name = _sys.Topic(topic);
            int length = _sys.Format(value);
            Route(name, 0, name.Length, _sys.Digits, 0, length, 0, true, true);
        }
    }
}
