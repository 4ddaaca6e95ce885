namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// What the broker's parts share inside the single poll loop: the capacity record, the clock of the
    /// current call, the connection slots, the sessions, the message pool, the retained store, the
    /// subscriptions and the counters. Allocated once by the <see cref="BrokerEngine"/> constructor.
    /// </summary>
    internal sealed class BrokerState
    {
        public readonly BrokerOptions Options;
        public readonly BrokerStatistics Statistics;
        public readonly MessagePool Pool;
        public readonly RetainedStore Retained;
        public readonly SubscriptionTable Subscriptions;
        public readonly Session[] Sessions;
        public readonly Connection[] Connections;

        /// <summary>One past the highest connection slot in use: per-connection scans stop here.</summary>
        public int ConnectionSlots;

        /// <summary>Time of the current call into the engine.</summary>
        public long NowMs;

        /// <summary>Set when a publisher is left unread for lack of queue space; cleared when none is.</summary>
        public bool AnyBlocked;

        /// <summary>A queue slot was freed since blocked publishers were last retried.</summary>
        public bool QueueSpaceFreed;

        /// <summary>A step of a CONNECT's credential check ran since the last <see cref="BrokerEngine.Poll"/>: the next one
        /// waits for it, so one pass of the poll loop runs at most one bounded hash step.</summary>
        public bool CredentialsChecked;

        /// <summary>Where events are reported; null when no sink is set.</summary>
        public BrokerDiagnostics Diagnostics;

        /// <summary>Per session: its client connected as a bridge (the CONNECT level byte carried 0x80). Allocated
        /// when the first bridge connects, so a broker without bridges pays one reference.</summary>
        public bool[] BridgeSessions;

        public BrokerState(BrokerOptions options, int systemMessages, int systemBytes)
        {
            Options = options;
            Statistics = new BrokerStatistics();
            Pool = new MessagePool(options.MaxMessages + options.MaxRetained + systemMessages, options.MessagePoolBytes + options.MaxRetainedBytes + systemBytes, options.MaxMessageMemory);
            Retained = new RetainedStore(Pool, options.MaxRetained, options.MaxRetainedBytes, systemMessages);
            Subscriptions = new SubscriptionTable(options.MaxSubscriptions, options.MaxSubscriptionsPerClient, options.MaxTopicLength, options.MaxSubscriptionBytes, options.MaxSessions);
            SessionBuffers buffers = new SessionBuffers(Pool, options);
            Sessions = new Session[options.MaxSessions];
            for (int i = 0; i < Sessions.Length; i++)
            {
                Sessions[i] = new Session(buffers, i);
            }
            Connections = new Connection[options.MaxConnections];
            for (int i = 0; i < Connections.Length; i++)
            {
                Connections[i] = options.AllocateOnAccept ? new Connection(0, 0) : new Connection(options.InputBufferSize, options.OutputBufferSize);
            }
        }

        /// <summary>The connection accepts input: accepted and not closing.</summary>
        public bool IsOpen(int connection)
        {
            if (connection < 0 || connection >= Connections.Length)
            {
                return false;
            }
            ConnectionState state = Connections[connection].State;
            return state == ConnectionState.AwaitingConnect || state == ConnectionState.Connected;
        }

        /// <summary>Reports an event of the client bound to connection <paramref name="ci"/>, when a sink is set.</summary>
        public void Report(BrokerEvent what, int ci, int reason)
        {
            if (Diagnostics != null)
            {
                Diagnostics.SendSession(what, ci, Connections[ci].Session, null, 0, 0, reason);
            }
        }

        /// <summary>Reports an event of the client bound to connection <paramref name="ci"/> with a topic or filter, when a sink is set.</summary>
        public void Report(BrokerEvent what, int ci, byte[] detail, int detailOffset, int detailLength, int reason)
        {
            if (Diagnostics != null)
            {
                Diagnostics.SendSession(what, ci, Connections[ci].Session, detail, detailOffset, detailLength, reason);
            }
        }

        /// <summary>Session <paramref name="s"/> has a PUBLISH or PUBREL that its outbox may choose to send: a queued message, a
        /// retained scan under way or an inflight entry marked for (re)sending.</summary>
        public bool SendWaiting(Session session, int s)
        {
            return session.QueueCount > 0 || Subscriptions.RetainedScans[s] > 0 || (session.InflightCount > 0 && session.FirstPendingSend() >= 0);
        }

        /// <summary>Counts a control packet just encoded at the end of the connection's control output.</summary>
        public void Written(Connection c, int bytes)
        {
            c.ControlOutput.Commit(bytes);
            Statistics.PacketsSent++;
        }
    }
}
