namespace Nano.MqttSn.Gateway
{
    /// <summary>Supervision (§6.14, §7.2): keep-alive and sleep timers with a 1.5 tolerance, the Will prompts, re-sends.</summary>
    public sealed partial class SnGateway
    {
        private void Supervise(SnGatewayClient c)
        {
            long retryMs = _options.RetryIntervalMs;
            switch (c.Status)
            {
                case SnClientStatus.AwaitingWillTopic:
                case SnClientStatus.AwaitingWillMessage:
                    if (_nowMs - c.ConnectStartMs > retryMs * (_options.MaxRetries + 1))
                    {
                        c.Status = SnClientStatus.Disconnected;
                        c.ReleasedAtMs = _nowMs;
                    }
                    return;
                case SnClientStatus.Active:
                    if (c.KeepAliveMs > 0 && _nowMs - c.LastHeardMs > c.KeepAliveMs * 3 / 2)
                    {
                        Lose(c);
                        return;
                    }
                    break;
                case SnClientStatus.Asleep:
                    if (_nowMs - c.SleepStartMs > c.SleepMs * 3 / 2)
                    {
                        Lose(c);
                    }
                    return;
                case SnClientStatus.Awake:
                    break;
                default:
                    return;
            }
            if (c.Flow == SnGatewayClient.FlowNone || _nowMs - c.FlowSentMs < retryMs)
            {
                return;
            }
            if (c.FlowRetries >= _options.MaxRetries)
            {
                Statistics.DeliveriesUnacknowledged++;
                if (c.Status == SnClientStatus.Awake)
                {
                    // The client went back to sleep without taking the rest; it stays buffered.
                    c.SleepStartMs = _nowMs;
                    SetStatus(c, SnClientStatus.Asleep);
                }
                else
                {
                    Lose(c);
                }
                return;
            }
            c.FlowRetries++;
            Statistics.Retries++;
            Resend(c);
        }
    }
}
