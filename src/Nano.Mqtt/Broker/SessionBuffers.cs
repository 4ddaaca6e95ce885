namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// The arrays of every session in one place, each session owning a fixed stripe: on the interpreter every
    /// array costs a header and every object field a heap block, so one array per kind for all sessions costs
    /// far less than a set of arrays per session.
    /// </summary>
    internal sealed class SessionBuffers
    {
        public readonly MessagePool Pool;
        public readonly int MaxClientIdLength;
        public readonly int MaxUserNameLength;
        public readonly int MaxQueued;
        public readonly int MaxInflight;
        public readonly int MaxAwaitingRelease;

        public readonly byte[] ClientIds;
        public readonly byte[] UserNames;
        public readonly int[] QueueMessage;
        public readonly byte[] QueueQos;
        public readonly int[] InflightMessage;
        public readonly int[] InflightPacketId;
        public readonly byte[] InflightFlags;
        public readonly byte[] InflightRetries;
        public readonly long[] InflightSentAtMs;

        /// <summary>Per session, 1 from the moment an inflight entry is marked for (re)sending until a search for such an
        /// entry finds none, so that the search is skipped while nothing is marked.</summary>
        public readonly byte[] SendsMarked;
        public readonly int[] AwaitingRelease;

        /// <summary>Per session, the bytes it may still queue: <see cref="BrokerOptions.MaxQueuedBytes"/> minus the topic and
        /// payload bytes queued; null without a byte limit.</summary>
        public readonly int[] QueueRoom;

        /// <summary>One bitmap of every packet identifier per session when <see cref="BrokerOptions.MaxAwaitingRelease"/> is
        /// <see cref="BrokerOptions.AllPacketIds"/>, made at a session's first QoS 2 PUBLISH; null otherwise.</summary>
        public readonly int[][] AwaitingReleaseBits;

        public SessionBuffers(MessagePool pool, BrokerOptions o)
        {
            Pool = pool;
            int n = o.MaxSessions;
            MaxClientIdLength = o.MaxClientIdLength;
            MaxUserNameLength = o.MaxUserNameLength;
            MaxQueued = o.MaxQueued;
            MaxInflight = o.MaxInflight;
            MaxAwaitingRelease = o.MaxAwaitingRelease;
            ClientIds = new byte[n * MaxClientIdLength];
            UserNames = new byte[n * MaxUserNameLength];
            QueueMessage = new int[n * MaxQueued];
            QueueQos = new byte[n * MaxQueued];
            InflightMessage = new int[n * MaxInflight];
            InflightPacketId = new int[n * MaxInflight];
            InflightFlags = new byte[n * MaxInflight];
            InflightRetries = new byte[n * MaxInflight];
            InflightSentAtMs = new long[n * MaxInflight];
            SendsMarked = new byte[n];
            if (o.MaxQueuedBytes > 0)
            {
                QueueRoom = new int[n];
                for (int i = 0; i < n; i++)
                {
                    QueueRoom[i] = o.MaxQueuedBytes;
                }
            }
            if (MaxAwaitingRelease >= BrokerOptions.AllPacketIds)
            {
                AwaitingReleaseBits = new int[n][];
            }
            else
            {
                AwaitingRelease = new int[n * MaxAwaitingRelease];
            }
        }
    }
}
