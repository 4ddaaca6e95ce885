using Nano.Mqtt.Broker;

namespace Nano.Mqtt.Persistence
{
    /// <summary>
    /// Keeps a broker's persistent state in a record log so that it survives a restart: sessions with CleanSession=0
    /// (subscriptions, queued and inflight QoS 1/2 messages, incoming QoS 2 ids awaiting PUBREL) and retained
    /// messages. The engine reports each change as it happens; <see cref="BrokerEngine.ReadOutput"/> (or the host,
    /// through <see cref="BrokerEngine.CommitOutput"/>, once for all the output of a poll step) calls
    /// <see cref="Commit"/>, which makes everything durable with one sync before any acknowledgement or PUBLISH
    /// leaves, so nothing acknowledged is lost. The log is rewritten as a snapshot of the live state when it grows
    /// past twice the last snapshot plus <see cref="CompactionFloor"/>.
    /// </summary>
    public sealed class BrokerPersistence
    {
        private readonly RecordLog _log;
        private BrokerState _state;
        private bool[] _written;
        private int _snapshotLength;

        /// <summary>Log bytes allowed beyond twice the last snapshot before the log is compacted.</summary>
        public int CompactionFloor = 65536;

        /// <summary>Syncs made by <see cref="Commit"/>.</summary>
        public long Syncs;

        /// <summary>Snapshots written (at start-up and when the log grew).</summary>
        public long Compactions;

        public BrokerPersistence(IStoreMedium medium)
        {
            _log = new RecordLog(medium, 64);
        }

        /// <summary>Records appended since start-up.</summary>
        public long RecordsWritten => _log.RecordsWritten;

        /// <summary>
        /// Reads the store (cutting off a torn or corrupt end), rebuilds <paramref name="engine"/>'s sessions and retained
        /// messages from it, writes a fresh snapshot and from then on records the engine's changes. Call once, before the
        /// engine serves any connection.
        /// </summary>
        public RecoveryReport Open(BrokerEngine engine, long nowMs)
        {
            RecoveryReport report = new RecoveryReport();
            StoredState stored = new StoredState();
            RecordLog.Recover(_log.Medium, stored, report);
            report.Ignored = stored.Ignored;
            BrokerState state = engine.State;
            new StateRestorer(state, engine.SessionTable, report, nowMs).Restore(stored);
            _state = state;
            _written = new bool[state.Pool.References.Length];
            state.Pool.Persistence = this;
            Compact();
            return report;
        }

        /// <summary>Makes every change recorded so far durable (one sync for all of them), compacting first when the log has grown.</summary>
        public void Commit()
        {
            if (_log.Medium.Length > 2 * _snapshotLength + CompactionFloor)
            {
                Compact();
                return;
            }
            if (_log.Unsynced)
            {
                _log.Medium.Sync();
                _log.Unsynced = false;
                Syncs++;
            }
        }

        /// <summary>Replaces the log by the records of the live state, durably and atomically.</summary>
        public void Compact()
        {
            IStoreMedium medium = _log.Medium;
            medium.BeginReplace();
            for (int m = 0; m < _written.Length; m++)
            {
                _written[m] = false;
            }
            WriteSnapshot();
            medium.CommitReplace();
            _log.Unsynced = false;
            _snapshotLength = medium.Length;
            Compactions++;
        }

        internal void Allocated(int m)
        {
            _written[m] = false;
        }

        internal void SessionOpened(int s, byte[] clientId, int offset, int length)
        {
            _log.Begin(RecordKind.SessionOpened);
            _log.PutInt(s);
            _log.PutBytes(clientId, offset, length);
            _log.End();
        }

        internal void SessionEnded(int s) => Write(RecordKind.SessionEnded, s);

        internal void Subscribed(int s, byte[] filter, int offset, int length, int qos)
        {
            _log.Begin(RecordKind.Subscribed);
            _log.PutInt(s);
            _log.PutByte(qos);
            _log.PutBytes(filter, offset, length);
            _log.End();
        }

        internal void Unsubscribed(int s, byte[] filter, int offset, int length)
        {
            _log.Begin(RecordKind.Unsubscribed);
            _log.PutInt(s);
            _log.PutBytes(filter, offset, length);
            _log.End();
        }

        internal void Queued(int s, int m, int qos)
        {
            WriteMessage(m);
            _log.Begin(RecordKind.Queued);
            _log.PutInt(s);
            _log.PutInt(m);
            _log.PutByte(qos);
            _log.End();
        }

        internal void Unqueued(int s, int m) => Write(RecordKind.Unqueued, s, m);

        internal void Sent(int s, int m, int packetId, int flags)
        {
            if (m >= 0)
            {
                WriteMessage(m);
            }
            _log.Begin(RecordKind.Sent);
            _log.PutInt(s);
            _log.PutInt(m);
            _log.PutInt(packetId);
            _log.PutByte(flags);
            _log.End();
        }

        internal void Released(int s, int packetId) => Write(RecordKind.Released, s, packetId);

        internal void Completed(int s, int packetId) => Write(RecordKind.Completed, s, packetId);

        internal void AwaitingRelease(int s, int packetId) => Write(RecordKind.AwaitingRelease, s, packetId);

        internal void ReleaseReceived(int s, int packetId) => Write(RecordKind.ReleaseReceived, s, packetId);

        /// <summary>Retained message <paramref name="m"/> was stored for its topic, or removed (written with an empty payload).</summary>
        internal void Retained(int m, bool stored)
        {
            MessagePool pool = _state.Pool;
            _log.Begin(RecordKind.Retained);
            _log.PutByte(pool.Qos(m));
            _log.PutInt(pool.TopicLengths[m]);
            _log.PutBytes(pool.Block(m), pool.Offsets[m], pool.TopicLengths[m]);
            if (stored)
            {
                _log.PutBytes(pool.Block(m), pool.PayloadOffset(m), pool.PayloadLengths[m]);
            }
            _log.End();
        }

        private void Write(RecordKind kind, int s)
        {
            _log.Begin(kind);
            _log.PutInt(s);
            _log.End();
        }

        private void Write(RecordKind kind, int s, int value)
        {
            _log.Begin(kind);
            _log.PutInt(s);
            _log.PutInt(value);
            _log.End();
        }

        /// <summary>Writes the body of message <paramref name="m"/> once per allocation of its pool slot.</summary>
        private void WriteMessage(int m)
        {
            if (_written[m])
            {
                return;
            }
            _written[m] = true;
            MessagePool pool = _state.Pool;
            _log.Begin(RecordKind.Message);
            _log.PutInt(m);
            _log.PutByte(pool.Qos(m));
            _log.PutInt(pool.TopicLengths[m]);
            _log.PutBytes(pool.Block(m), pool.Offsets[m], pool.Size(m));
            _log.End();
        }

        private void WriteSnapshot()
        {
            Session[] sessions = _state.Sessions;
            for (int s = 0; s < sessions.Length; s++)
            {
                Session session = sessions[s];
                if (session.InUse && !session.Clean)
                {
                    SessionOpened(s, session.ClientIds, session.ClientIdOffset, session.ClientIdLength);
                }
            }
            SubscriptionTable subscriptions = _state.Subscriptions;
            for (int row = 0; row < subscriptions.Rows; row++)
            {
                int s = subscriptions.SessionOf(row);
                if (s >= 0 && sessions[s].InUse && !sessions[s].Clean)
                {
                    Subscribed(s, subscriptions.Filters, subscriptions.FilterOffset(row), subscriptions.FilterLength(row), subscriptions.QosOf(row));
                }
            }
            for (int s = 0; s < sessions.Length; s++)
            {
                Session session = sessions[s];
                if (session.InUse && !session.Clean)
                {
                    WriteMessages(s, session);
                }
            }
            RetainedStore retained = _state.Retained;
            for (int i = 0; i < retained.Capacity; i++)
            {
                if (retained.MessageAt(i) >= 0 && !retained.IsSystem(i))
                {
                    Retained(retained.MessageAt(i), true);
                }
            }
        }

        private void WriteMessages(int s, Session session)
        {
            for (int i = 0; i < session.InflightCount; i++)
            {
                int packetId = session.InflightPacketId(i);
                Sent(s, session.InflightMessage(i), packetId, session.InflightStoredFlags(i));
                if (session.InflightReleased(i))
                {
                    Released(s, packetId);
                }
            }
            for (int k = 0; k < session.QueueCount; k++)
            {
                Queued(s, session.QueuedMessage(k), session.QueuedQos(k));
            }
            int id = session.AwaitingReleaseAfter(0);
            while (id > 0)
            {
                AwaitingRelease(s, id);
                id = session.AwaitingReleaseAfter(id);
            }
        }
    }
}
