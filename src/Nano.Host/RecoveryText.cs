using Nano.Mqtt.Persistence;

namespace Nano.Host
{
    /// <summary>The start-up log line about the store: what was restored and, for a damaged log, what was cut off and why.</summary>
    public static class RecoveryText
    {
        public static string Describe(string path, RecoveryReport r)
        {
            string text = "persistence: " + path + ": restored " + r.Sessions + " sessions, " + r.Subscriptions + " subscriptions, "
                + r.Retained + " retained, " + r.Queued + " queued and " + r.Inflight + " inflight messages, "
                + r.AwaitingRelease + " QoS 2 ids awaiting PUBREL from " + r.Records + " records (" + r.ValidBytes + " bytes)";
            if (r.Damage != StoreDamage.None)
            {
                text += "; store damaged: " + (r.Damage == StoreDamage.Torn ? "torn last record" : "corrupt record (CRC mismatch)")
                    + " at offset " + r.ValidBytes + ", " + r.DiscardedBytes + " bytes discarded";
            }
            if (r.Dropped > 0)
            {
                text += "; " + r.Dropped + " stored items did not fit the configured limits";
            }
            if (r.Ignored > 0)
            {
                text += "; " + r.Ignored + " records ignored";
            }
            return text + ".";
        }
    }
}
