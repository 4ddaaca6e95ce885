namespace Nano.Mqtt.Persistence
{
    /// <summary>What reading the store at start-up found and what it put back into the broker.</summary>
    public sealed class RecoveryReport
    {
        /// <summary>Intact records read.</summary>
        public int Records;

        /// <summary>Bytes of intact records (where the log was cut when damaged).</summary>
        public int ValidBytes;

        /// <summary>Bytes dropped after the last intact record.</summary>
        public int DiscardedBytes;

        /// <summary>Why bytes were dropped.</summary>
        public StoreDamage Damage;

        /// <summary>Persistent sessions restored.</summary>
        public int Sessions;

        /// <summary>Subscriptions restored.</summary>
        public int Subscriptions;

        /// <summary>Retained messages restored.</summary>
        public int Retained;

        /// <summary>Queued messages restored over all sessions.</summary>
        public int Queued;

        /// <summary>Inflight QoS 1/2 messages restored (re-sent with DUP when their client reconnects).</summary>
        public int Inflight;

        /// <summary>Incoming QoS 2 packet ids restored as awaiting PUBREL.</summary>
        public int AwaitingRelease;

        /// <summary>Stored items that did not fit the broker's capacity record (or were invalid for it) and were left out.</summary>
        public int Dropped;

        /// <summary>Intact records that named a session or message the log had not created (left out).</summary>
        public int Ignored;
    }
}
