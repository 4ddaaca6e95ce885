using System.Collections;

namespace Nano.Mqtt.Persistence
{
    /// <summary>A message body read from the store, and the pool slot it was given when restored.</summary>
    internal sealed class StoredMessage
    {
        public byte[] Topic;
        public byte[] Payload;
        public int Qos;
        public int PoolId = -1;
    }

    /// <summary>A queue entry (Id = the writer's pool slot, Flags = QoS), an inflight entry (Id = packet id, Flags = QoS
    /// and retain bits), a subscription (Filter, Flags = QoS) or an incoming QoS 2 id (Id).</summary>
    internal sealed class StoredEntry
    {
        public StoredMessage Message;
        public byte[] Filter;
        public int Id;
        public int Flags;
        public bool Released;
    }

    /// <summary>A persistent session read from the store.</summary>
    internal sealed class StoredSession
    {
        public byte[] ClientId;
        public readonly ArrayList Subscriptions = new ArrayList();
        public readonly ArrayList Queue = new ArrayList();
        public readonly ArrayList Inflight = new ArrayList();
        public readonly ArrayList AwaitingRelease = new ArrayList();
    }

    /// <summary>
    /// The broker state the log describes, built by replaying its records at start-up (then put into the engine and
    /// dropped). Records that name a session or message the log never created are counted and skipped.
    /// </summary>
    internal sealed class StoredState : IRecordSink
    {
        private const int MaxSlot = 1 << 24;

        public readonly ArrayList Retained = new ArrayList();
        private object[] _sessions = new object[16];
        private object[] _messages = new object[16];

        /// <summary>Records ignored because they named nothing known or were too short.</summary>
        public int Ignored;

        /// <summary>Slots for <see cref="SessionAt"/>.</summary>
        public int SessionSlots => _sessions.Length;

        /// <summary>The session the log left in slot <paramref name="s"/>, or null.</summary>
        public StoredSession SessionAt(int s) => (StoredSession)_sessions[s];

        public void Apply(RecordKind kind, byte[] d, int o, int n)
        {
            if (kind == RecordKind.Retained)
            {
                ApplyRetained(d, o, n);
                return;
            }
            int s = n >= 4 ? RecordLog.ReadInt(d, o) : -1;
            if (s < 0 || s >= MaxSlot)
            {
                Ignored++;
                return;
            }
            if (kind == RecordKind.SessionOpened)
            {
                _sessions = Grow(_sessions, s);
                _sessions[s] = new StoredSession { ClientId = Copy(d, o + 4, n - 4) };
                return;
            }
            if (kind == RecordKind.Message)
            {
                ApplyMessage(s, d, o + 4, n - 4);
                return;
            }
            StoredSession session = s < _sessions.Length ? (StoredSession)_sessions[s] : null;
            if (session == null || !ApplyToSession(session, kind, d, o + 4, n - 4))
            {
                Ignored++;
                return;
            }
            if (kind == RecordKind.SessionEnded)
            {
                _sessions[s] = null;
            }
        }

        private bool ApplyToSession(StoredSession session, RecordKind kind, byte[] d, int o, int n)
        {
            switch (kind)
            {
                case RecordKind.SessionEnded:
                    return true;
                case RecordKind.Subscribed:
                    if (n < 1)
                    {
                        return false;
                    }
                    StoredEntry existing = FindFilter(session.Subscriptions, d, o + 1, n - 1);
                    if (existing == null)
                    {
                        existing = new StoredEntry { Filter = Copy(d, o + 1, n - 1) };
                        session.Subscriptions.Add(existing);
                    }
                    existing.Flags = d[o];
                    return true;
                case RecordKind.Unsubscribed:
                    return Remove(session.Subscriptions, FindFilter(session.Subscriptions, d, o, n));
                case RecordKind.Queued:
                    StoredMessage queued = n >= 5 ? MessageAt(RecordLog.ReadInt(d, o)) : null;
                    if (queued == null)
                    {
                        return false;
                    }
                    session.Queue.Add(new StoredEntry { Message = queued, Id = RecordLog.ReadInt(d, o), Flags = d[o + 4] });
                    return true;
                case RecordKind.Unqueued:
                    return n >= 4 && Remove(session.Queue, FindId(session.Queue, RecordLog.ReadInt(d, o)));
                case RecordKind.Sent:
                    if (n < 9)
                    {
                        return false;
                    }
                    int m = RecordLog.ReadInt(d, o);
                    StoredMessage sent = m < 0 ? null : MessageAt(m);
                    if (m >= 0 && sent == null)
                    {
                        return false;
                    }
                    session.Inflight.Add(new StoredEntry { Message = sent, Id = RecordLog.ReadInt(d, o + 4), Flags = d[o + 8], Released = m < 0 });
                    return true;
                case RecordKind.Released:
                    StoredEntry released = n >= 4 ? FindId(session.Inflight, RecordLog.ReadInt(d, o)) : null;
                    if (released == null)
                    {
                        return false;
                    }
                    released.Released = true;
                    released.Message = null;
                    return true;
                case RecordKind.Completed:
                    return n >= 4 && Remove(session.Inflight, FindId(session.Inflight, RecordLog.ReadInt(d, o)));
                case RecordKind.AwaitingRelease:
                    if (n < 4)
                    {
                        return false;
                    }
                    if (FindId(session.AwaitingRelease, RecordLog.ReadInt(d, o)) == null)
                    {
                        session.AwaitingRelease.Add(new StoredEntry { Id = RecordLog.ReadInt(d, o) });
                    }
                    return true;
                case RecordKind.ReleaseReceived:
                    if (n >= 4)
                    {
                        Remove(session.AwaitingRelease, FindId(session.AwaitingRelease, RecordLog.ReadInt(d, o)));
                    }
                    return n >= 4;
                default:
                    return false;
            }
        }

        private void ApplyMessage(int m, byte[] d, int o, int n)
        {
            int topicLength = n >= 5 ? RecordLog.ReadInt(d, o + 1) : -1;
            if (topicLength < 1 || topicLength > n - 5)
            {
                Ignored++;
                return;
            }
            _messages = Grow(_messages, m);
            _messages[m] = new StoredMessage { Qos = d[o], Topic = Copy(d, o + 5, topicLength), Payload = Copy(d, o + 5 + topicLength, n - 5 - topicLength) };
        }

        private void ApplyRetained(byte[] d, int o, int n)
        {
            int topicLength = n >= 5 ? RecordLog.ReadInt(d, o + 1) : -1;
            if (topicLength < 1 || topicLength > n - 5)
            {
                Ignored++;
                return;
            }
            for (int i = 0; i < Retained.Count; i++)
            {
                StoredMessage r = (StoredMessage)Retained[i];
                if (Codec.Bytes.Equal(r.Topic, 0, r.Topic.Length, d, o + 5, topicLength))
                {
                    Retained.RemoveAt(i);
                    break;
                }
            }
            if (n - 5 - topicLength > 0)
            {
                Retained.Add(new StoredMessage { Qos = d[o], Topic = Copy(d, o + 5, topicLength), Payload = Copy(d, o + 5 + topicLength, n - 5 - topicLength) });
            }
        }

        private StoredMessage MessageAt(int m) => m >= 0 && m < _messages.Length ? (StoredMessage)_messages[m] : null;

        private static StoredEntry FindFilter(ArrayList entries, byte[] d, int o, int n)
        {
            for (int i = 0; i < entries.Count; i++)
            {
                StoredEntry e = (StoredEntry)entries[i];
                if (Codec.Bytes.Equal(e.Filter, 0, e.Filter.Length, d, o, n))
                {
                    return e;
                }
            }
            return null;
        }

        private static StoredEntry FindId(ArrayList entries, int id)
        {
            for (int i = 0; i < entries.Count; i++)
            {
                StoredEntry e = (StoredEntry)entries[i];
                if (e.Id == id)
                {
                    return e;
                }
            }
            return null;
        }

        private static bool Remove(ArrayList entries, StoredEntry e)
        {
            if (e == null)
            {
                return false;
            }
            entries.Remove(e);
            return true;
        }

        private static byte[] Copy(byte[] d, int o, int n)
        {
            byte[] copy = new byte[n < 0 ? 0 : n];
            System.Array.Copy(d, o, copy, 0, copy.Length);
            return copy;
        }

        private static object[] Grow(object[] slots, int index)
        {
            if (index < slots.Length)
            {
                return slots;
            }
            object[] larger = new object[index * 2];
            System.Array.Copy(slots, larger, slots.Length);
            return larger;
        }
    }
}
