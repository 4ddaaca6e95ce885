using System.Collections;
using Nano.Mqtt.Broker;

namespace Nano.Mqtt.Persistence
{
    /// <summary>
    /// Puts the state read from the store into a new engine: retained messages, then each session with its
    /// subscriptions, inflight entries (re-sent with DUP at reconnect [MQTT-4.4.0-1]), queue and incoming QoS 2 ids.
    /// A message shared by several sessions takes one pool slot. What exceeds the engine's capacities is counted as dropped.
    /// </summary>
    internal sealed class StateRestorer
    {
        private readonly BrokerState _state;
        private readonly SessionTable _sessions;
        private readonly RecoveryReport _report;
        private readonly long _nowMs;
        private readonly ArrayList _held = new ArrayList();

        public StateRestorer(BrokerState state, SessionTable sessions, RecoveryReport report, long nowMs)
        {
            _state = state;
            _sessions = sessions;
            _report = report;
            _nowMs = nowMs;
        }

        public void Restore(StoredState stored)
        {
            MessagePool pool = _state.Pool;
            for (int i = 0; i < stored.Retained.Count; i++)
            {
                StoredMessage r = (StoredMessage)stored.Retained[i];
                int m = pool.Allocate(r.Topic, 0, r.Topic.Length, r.Payload, 0, r.Payload.Length, r.Qos);
                if (m >= 0 && _state.Retained.Store(m, _nowMs, false))
                {
                    _report.Retained++;
                }
                else
                {
                    _report.Dropped++;
                }
                if (m >= 0)
                {
                    pool.Release(m);
                }
            }
            for (int s = 0; s < stored.SessionSlots; s++)
            {
                if (stored.SessionAt(s) != null)
                {
                    RestoreSession(stored.SessionAt(s));
                }
            }
            for (int i = 0; i < _held.Count; i++)
            {
                pool.Release(((StoredMessage)_held[i]).PoolId);
            }
        }

        private void RestoreSession(StoredSession stored)
        {
            byte[] id = stored.ClientId;
            int s = id.Length == 0 || id.Length > _state.Options.MaxClientIdLength || _state.Statistics.ClientsTotal >= _state.Sessions.Length
                ? -1 : _sessions.Create(id, 0, id.Length, false);
            if (s < 0)
            {
                _report.Dropped++;
                return;
            }
            _report.Sessions++;
            Session session = _state.Sessions[s];
            session.DisconnectedAtMs = _nowMs;
            for (int i = 0; i < stored.Subscriptions.Count; i++)
            {
                StoredEntry e = (StoredEntry)stored.Subscriptions[i];
                if (_state.Subscriptions.Subscribe(s, e.Filter, 0, e.Filter.Length, e.Flags & 3) >= 0)
                {
                    _report.Subscriptions++;
                }
                else
                {
                    _report.Dropped++;
                }
            }
            for (int i = 0; i < stored.Inflight.Count; i++)
            {
                StoredEntry e = (StoredEntry)stored.Inflight[i];
                int m = e.Released ? -1 : Materialise(e.Message);
                if (!session.WindowOpen || (!e.Released && m < 0) || e.Id < 1 || e.Id > 65535)
                {
                    _report.Dropped++;
                    continue;
                }
                if (m >= 0)
                {
                    _state.Pool.AddReference(m);
                }
                session.RestoreInflight(m, e.Id, e.Flags, e.Released);
                _report.Inflight++;
            }
            for (int i = 0; i < stored.Queue.Count; i++)
            {
                StoredEntry e = (StoredEntry)stored.Queue[i];
                int m = Materialise(e.Message);
                if (m < 0 || session.QueueFull || session.Enqueue(m, e.Flags & 3) != EnqueueOutcome.Queued)
                {
                    _report.Dropped++;
                    continue;
                }
                _report.Queued++;
            }
            for (int i = 0; i < stored.AwaitingRelease.Count; i++)
            {
                int packetId = ((StoredEntry)stored.AwaitingRelease[i]).Id;
                if (packetId >= 1 && packetId <= 65535 && session.AddAwaitingRelease(packetId))
                {
                    _report.AwaitingRelease++;
                }
                else
                {
                    _report.Dropped++;
                }
            }
        }

        /// <summary>The pool slot of a stored message, allocated at its first use (holding one reference released at the end).</summary>
        private int Materialise(StoredMessage message)
        {
            if (message.PoolId < 0)
            {
                message.PoolId = _state.Pool.Allocate(message.Topic, 0, message.Topic.Length, message.Payload, 0, message.Payload.Length, message.Qos);
                if (message.PoolId >= 0)
                {
                    _held.Add(message);
                }
            }
            return message.PoolId;
        }
    }
}
