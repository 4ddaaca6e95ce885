namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// One client's session state (§4.1) in arrays sized at start-up and its transitions: client identifier,
    /// clean flag, the queue of messages not yet sent, the inflight window of sent QoS 1/2 messages, the ids
    /// of received QoS 2 messages not yet released, and the outgoing packet identifier counter.
    /// </summary>
    internal sealed class Session
    {
        private const int QosMask = 0x03;
        private const int RetainFlag = 0x04;
        private const int ReleasedFlag = 0x08;
        private const int PendingSendFlag = 0x10;

        private readonly MessagePool _pool;

        public bool InUse;
        public readonly byte[] ClientId;
        public int ClientIdLength;

        /// <summary>The user name of the last accepted CONNECT, checked against the ACL; length -1 = anonymous.</summary>
        public readonly byte[] UserName;
        public int UserNameLength = -1;
        public bool Clean;

        /// <summary>The connection bound to the session, or -1 while offline.</summary>
        public int Connection = -1;

        public long DisconnectedAtMs;

        private readonly int[] _queueMessage;
        private readonly byte[] _queueQos;
        private int _queueHead;
        public int QueueCount;

        private readonly int[] _inflightMessage;
        private readonly int[] _inflightPacketId;
        private readonly byte[] _inflightFlags;
        private readonly byte[] _inflightRetries;
        private readonly long[] _inflightSentAtMs;
        public int InflightCount;

        private readonly int[] _awaitingRelease;
        private int _awaitingReleaseCount;

        private int _lastPacketId;

        public Session(MessagePool pool, int maxClientIdLength, int maxUserNameLength, int maxQueued, int maxInflight, int maxAwaitingRelease)
        {
            _pool = pool;
            ClientId = new byte[maxClientIdLength];
            UserName = new byte[maxUserNameLength];
            _queueMessage = new int[maxQueued];
            _queueQos = new byte[maxQueued];
            _inflightMessage = new int[maxInflight];
            _inflightPacketId = new int[maxInflight];
            _inflightFlags = new byte[maxInflight];
            _inflightRetries = new byte[maxInflight];
            _inflightSentAtMs = new long[maxInflight];
            _awaitingRelease = new int[maxAwaitingRelease];
        }

        public bool IsOnline => Connection >= 0;

        /// <summary>The inflight window has room for another QoS 1/2 message [MQTT-4.6.0-6].</summary>
        public bool WindowOpen => InflightCount < _inflightMessage.Length;

        /// <summary>Whether the session has this client identifier.</summary>
        public bool HasClientId(byte[] buffer, int offset, int length)
        {
            if (!InUse || ClientIdLength != length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                if (ClientId[i] != buffer[offset + i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Takes the slot for a new, empty session.</summary>
        public void Open(byte[] clientId, int offset, int length, bool clean)
        {
            InUse = true;
            System.Array.Copy(clientId, offset, ClientId, 0, length);
            ClientIdLength = length;
            UserNameLength = -1;
            Clean = clean;
            Connection = -1;
            _lastPacketId = 0;
        }

        /// <summary>Binds the session to a connection with the user name of its CONNECT (length -1 = anonymous).</summary>
        public void Bind(int connection, byte[] userName, int offset, int length)
        {
            Connection = connection;
            if (length > 0)
            {
                System.Array.Copy(userName, offset, UserName, 0, length);
            }
            UserNameLength = length;
        }

        /// <summary>The connection ended: the session stays offline; returns the queued QoS 0 messages dropped
        /// unless <paramref name="keepQos0"/>.</summary>
        public int Unbind(long nowMs, bool keepQos0)
        {
            Connection = -1;
            DisconnectedAtMs = nowMs;
            int dropped = 0;
            while (!keepQos0 && DropOldestQos0())
            {
                dropped++;
            }
            return dropped;
        }

        /// <summary>Releases every held message and frees the slot.</summary>
        public void Discard()
        {
            while (QueueCount > 0)
            {
                _pool.Release(Dequeue());
            }
            for (int i = 0; i < InflightCount; i++)
            {
                if (_inflightMessage[i] >= 0)
                {
                    _pool.Release(_inflightMessage[i]);
                }
            }
            InflightCount = 0;
            _awaitingReleaseCount = 0;
            InUse = false;
            Connection = -1;
            ClientIdLength = 0;
        }

        /// <summary>Whether a message delivered at <paramref name="qos"/> would be dropped for lack of queue space.</summary>
        public bool WouldDrop(int qos)
        {
            return QueueCount == _queueMessage.Length && (qos > 0 || !HasQueuedQos0());
        }

        /// <summary>
        /// Queues a reference to message <paramref name="m"/> for delivery at <paramref name="qos"/>. When the
        /// queue is full the oldest queued QoS 0 message makes room; without one the new message is dropped.
        /// </summary>
        public EnqueueOutcome Enqueue(int m, int qos)
        {
            EnqueueOutcome outcome = EnqueueOutcome.Queued;
            if (QueueCount == _queueMessage.Length)
            {
                if (!DropOldestQos0())
                {
                    return EnqueueOutcome.DroppedNew;
                }
                outcome = EnqueueOutcome.QueuedDroppedOldest;
            }
            int slot = (_queueHead + QueueCount) % _queueMessage.Length;
            _queueMessage[slot] = m;
            _queueQos[slot] = (byte)qos;
            QueueCount++;
            _pool.AddReference(m);
            return outcome;
        }

        /// <summary>The message at the head of the queue.</summary>
        public int HeadMessage => _queueMessage[_queueHead];

        /// <summary>The delivery QoS of the message at the head of the queue.</summary>
        public int HeadQos => _queueQos[_queueHead];

        /// <summary>Removes the head of the queue and returns its message (the reference passes to the caller).</summary>
        public int Dequeue()
        {
            int m = _queueMessage[_queueHead];
            _queueHead = (_queueHead + 1) % _queueMessage.Length;
            QueueCount--;
            return m;
        }

        /// <summary>Moves the head of the queue into the inflight window under a fresh packet identifier,
        /// being sent now; returns its index.</summary>
        public int DequeueToInflight(long nowMs)
        {
            int qos = HeadQos;
            return AddInflight(Dequeue(), qos, false, nowMs);
        }

        /// <summary>Adds an inflight entry holding one reference to <paramref name="m"/>, being sent now; returns its index.
        /// Entries enter the window only when their PUBLISH is first written.</summary>
        public int AddInflight(int m, int qos, bool retain, long nowMs)
        {
            int i = InflightCount++;
            _inflightMessage[i] = m;
            _inflightPacketId[i] = NextPacketId();
            _inflightFlags[i] = (byte)(qos | (retain ? RetainFlag : 0));
            _inflightRetries[i] = 0;
            _inflightSentAtMs[i] = nowMs;
            return i;
        }

        public int InflightMessage(int i) => _inflightMessage[i];

        public int InflightPacketId(int i) => _inflightPacketId[i];

        public int InflightQos(int i) => _inflightFlags[i] & QosMask;

        public bool InflightRetain(int i) => (_inflightFlags[i] & RetainFlag) != 0;

        /// <summary>PUBREC received: the entry now waits for PUBCOMP and only its PUBREL is sent.</summary>
        public bool InflightReleased(int i) => (_inflightFlags[i] & ReleasedFlag) != 0;

        /// <summary>The PUBLISH (or PUBREL) of the entry must be written out again.</summary>
        public bool InflightPendingSend(int i) => (_inflightFlags[i] & PendingSendFlag) != 0;

        /// <summary>The entry with a pending send, in send order, or -1.</summary>
        public int FirstPendingSend()
        {
            for (int i = 0; i < InflightCount; i++)
            {
                if ((_inflightFlags[i] & PendingSendFlag) != 0)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>The entry is being written out again (its PUBLISH carries DUP=1 [MQTT-3.3.1-1]).</summary>
        public void MarkSent(int i, long nowMs)
        {
            _inflightFlags[i] = (byte)(_inflightFlags[i] & ~PendingSendFlag);
            _inflightSentAtMs[i] = nowMs;
        }

        /// <summary>The inflight entry with this packet identifier, or -1.</summary>
        public int FindInflight(int packetId)
        {
            for (int i = 0; i < InflightCount; i++)
            {
                if (_inflightPacketId[i] == packetId)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Removes an inflight entry, keeping the others in send order, and releases its message.</summary>
        public void RemoveInflight(int i)
        {
            if (_inflightMessage[i] >= 0)
            {
                _pool.Release(_inflightMessage[i]);
            }
            for (int k = i + 1; k < InflightCount; k++)
            {
                _inflightMessage[k - 1] = _inflightMessage[k];
                _inflightPacketId[k - 1] = _inflightPacketId[k];
                _inflightFlags[k - 1] = _inflightFlags[k];
                _inflightRetries[k - 1] = _inflightRetries[k];
                _inflightSentAtMs[k - 1] = _inflightSentAtMs[k];
            }
            InflightCount--;
        }

        /// <summary>PUBREC received: from now on only PUBREL is sent [MQTT-4.3.3-1]; a repeated PUBREC sends it again.</summary>
        public void Release(int i)
        {
            if (_inflightMessage[i] >= 0)
            {
                _pool.Release(_inflightMessage[i]);
                _inflightMessage[i] = -1;
                _inflightRetries[i] = 0;
            }
            _inflightFlags[i] = (byte)(_inflightFlags[i] | ReleasedFlag | PendingSendFlag);
        }

        /// <summary>Marks every inflight entry for re-sending (reconnect with a resumed session [MQTT-4.4.0-1]).</summary>
        public void MarkAllForResend()
        {
            for (int i = 0; i < InflightCount; i++)
            {
                _inflightFlags[i] = (byte)(_inflightFlags[i] | PendingSendFlag);
            }
        }

        /// <summary>
        /// Marks entries unacknowledged for <paramref name="intervalMs"/> for re-sending; drops those re-sent
        /// <paramref name="maxRetries"/> times already. Returns how many were dropped.
        /// </summary>
        public int Retry(long nowMs, long intervalMs, int maxRetries)
        {
            int dropped = 0;
            int i = 0;
            while (i < InflightCount)
            {
                if ((_inflightFlags[i] & PendingSendFlag) == 0 && nowMs - _inflightSentAtMs[i] >= intervalMs)
                {
                    if (_inflightRetries[i] >= maxRetries)
                    {
                        dropped++;
                        RemoveInflight(i);
                        continue;
                    }
                    _inflightRetries[i]++;
                    _inflightFlags[i] = (byte)(_inflightFlags[i] | PendingSendFlag);
                }
                i++;
            }
            return dropped;
        }

        public bool IsAwaitingRelease(int packetId)
        {
            for (int i = 0; i < _awaitingReleaseCount; i++)
            {
                if (_awaitingRelease[i] == packetId)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Records a received QoS 2 id; false when the set is full.</summary>
        public bool AddAwaitingRelease(int packetId)
        {
            if (_awaitingReleaseCount == _awaitingRelease.Length)
            {
                return false;
            }
            _awaitingRelease[_awaitingReleaseCount++] = packetId;
            return true;
        }

        public void RemoveAwaitingRelease(int packetId)
        {
            for (int i = 0; i < _awaitingReleaseCount; i++)
            {
                if (_awaitingRelease[i] == packetId)
                {
                    _awaitingRelease[i] = _awaitingRelease[--_awaitingReleaseCount];
                    return;
                }
            }
        }

        /// <summary>A packet identifier that is neither 0 [MQTT-2.3.1-1] nor in use by the inflight window [MQTT-2.3.1-2].</summary>
        private int NextPacketId()
        {
            while (true)
            {
                _lastPacketId = _lastPacketId == 65535 ? 1 : _lastPacketId + 1;
                if (FindInflight(_lastPacketId) < 0)
                {
                    return _lastPacketId;
                }
            }
        }

        private bool HasQueuedQos0()
        {
            for (int k = 0; k < QueueCount; k++)
            {
                if (_queueQos[(_queueHead + k) % _queueMessage.Length] == 0)
                {
                    return true;
                }
            }
            return false;
        }

        private bool DropOldestQos0()
        {
            int n = _queueMessage.Length;
            for (int k = 0; k < QueueCount; k++)
            {
                int slot = (_queueHead + k) % n;
                if (_queueQos[slot] != 0)
                {
                    continue;
                }
                _pool.Release(_queueMessage[slot]);
                for (int j = k; j < QueueCount - 1; j++)
                {
                    int to = (_queueHead + j) % n;
                    int from = (_queueHead + j + 1) % n;
                    _queueMessage[to] = _queueMessage[from];
                    _queueQos[to] = _queueQos[from];
                }
                QueueCount--;
                return true;
            }
            return false;
        }
    }
}
