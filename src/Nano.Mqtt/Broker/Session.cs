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

        private readonly SessionBuffers _b;
        private readonly int _index;

        /// <summary>Where this session's queue and inflight rows start in the shared buffers (fields: a getter is a call on the interpreter).</summary>
        private readonly int _queueBase;
        private readonly int _inflightBase;

        public bool InUse;
        public int ClientIdLength;

        /// <summary>Length of the user name of the last accepted CONNECT, checked against the ACL; -1 = anonymous.</summary>
        public int UserNameLength = -1;
        public bool Clean;

        /// <summary>The connection bound to the session, or -1 while offline.</summary>
        public int Connection = -1;

        public long DisconnectedAtMs;

        private int _queueHead;
        public int QueueCount;
        public int InflightCount;
        private int _awaitingReleaseCount;
        private int _lastPacketId;

        public Session(SessionBuffers buffers, int index)
        {
            _b = buffers;
            _index = index;
            _queueBase = index * buffers.MaxQueued;
            _inflightBase = index * buffers.MaxInflight;
        }

        /// <summary>The client identifier is <see cref="ClientIdLength"/> bytes of <see cref="ClientIds"/> from <see cref="ClientIdOffset"/>.</summary>
        public byte[] ClientIds => _b.ClientIds;

        public int ClientIdOffset => _index * _b.MaxClientIdLength;

        /// <summary>The user name is <see cref="UserNameLength"/> bytes of <see cref="UserNames"/> from <see cref="UserNameOffset"/>.</summary>
        public byte[] UserNames => _b.UserNames;

        public int UserNameOffset => _index * _b.MaxUserNameLength;

        public bool IsOnline => Connection >= 0;

        /// <summary>The inflight window has room for another QoS 1/2 message [MQTT-4.6.0-6].</summary>
        public bool WindowOpen => InflightCount < _b.MaxInflight;

        /// <summary>Whether the session has this client identifier.</summary>
        public bool HasClientId(byte[] buffer, int offset, int length) => InUse && Codec.Bytes.Equal(_b.ClientIds, ClientIdOffset, ClientIdLength, buffer, offset, length);

        /// <summary>Takes the slot for a new, empty session.</summary>
        public void Open(byte[] clientId, int offset, int length, bool clean)
        {
            InUse = true;
            System.Array.Copy(clientId, offset, _b.ClientIds, ClientIdOffset, length);
            ClientIdLength = length;
            UserNameLength = -1;
            Clean = clean;
            Connection = -1;
            _lastPacketId = 0;
            Persistence.BrokerPersistence p = _b.Pool.Persistence;
            if (p != null && !clean)
            {
                p.SessionOpened(_index, clientId, offset, length);
            }
        }

        /// <summary>Binds the session to a connection with the user name of its CONNECT (length -1 = anonymous).</summary>
        public void Bind(int connection, byte[] userName, int offset, int length)
        {
            Connection = connection;
            if (length > 0)
            {
                System.Array.Copy(userName, offset, _b.UserNames, UserNameOffset, length);
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
            Persistence.BrokerPersistence p = _b.Pool.Persistence;
            if (p != null && !Clean)
            {
                p.SessionEnded(_index);
            }
            while (QueueCount > 0)
            {
                _b.Pool.Release(TakeHead());
            }
            for (int i = 0; i < InflightCount; i++)
            {
                if (_b.InflightMessage[_inflightBase + i] >= 0)
                {
                    _b.Pool.Release(_b.InflightMessage[_inflightBase + i]);
                }
            }
            InflightCount = 0;
            _awaitingReleaseCount = 0;
            if (_b.AwaitingReleaseBits != null)
            {
                _b.AwaitingReleaseBits[_index] = null;
            }
            InUse = false;
            Connection = -1;
            ClientIdLength = 0;
        }

        /// <summary>The queue holds <see cref="BrokerOptions.MaxQueued"/> messages or <see cref="BrokerOptions.MaxQueuedBytes"/> bytes.</summary>
        public bool QueueFull => QueueCount == _b.MaxQueued || (_b.QueueRoom != null && _b.QueueRoom[_index] <= 0);

        /// <summary>
        /// Queues a reference to message <paramref name="m"/> for delivery at <paramref name="qos"/>. When the
        /// queue is full the oldest queued QoS 0 message makes room; without one the new message is dropped.
        /// </summary>
        public EnqueueOutcome Enqueue(int m, int qos)
        {
            EnqueueOutcome outcome = EnqueueOutcome.Queued;
            if (QueueFull)
            {
                if (!DropOldestQos0())
                {
                    return EnqueueOutcome.DroppedNew;
                }
                outcome = EnqueueOutcome.QueuedDroppedOldest;
            }
            SessionBuffers b = _b;
            int count = QueueCount;
            int slot = _queueHead + count;
            int maxQueued = b.MaxQueued;
            if (slot >= maxQueued)
            {
                slot -= maxQueued;
            }
            slot += _queueBase;
            b.QueueMessage[slot] = m;
            b.QueueQos[slot] = (byte)qos;
            QueueCount = count + 1;
            MessagePool pool = b.Pool;
            pool.References[m]++;
            Persistence.BrokerPersistence p = pool.Persistence;
            if (p != null && !Clean)
            {
                p.Queued(_index, m, qos);
            }
            int[] room = b.QueueRoom;
            if (room != null)
            {
                room[_index] -= pool.TopicLengths[m] + pool.PayloadLengths[m];
            }
            return outcome;
        }

        /// <summary>The delivery QoS of the message at the head of the queue.</summary>
        public int HeadQos => _b.QueueQos[_queueBase + _queueHead];

        /// <summary>Removes the head of the queue and returns its message (the reference passes to the caller).</summary>
        public int Dequeue()
        {
            int m = TakeHead();
            Persistence.BrokerPersistence p = _b.Pool.Persistence;
            if (p != null && !Clean)
            {
                p.Unqueued(_index, m);
            }
            return m;
        }

        private int TakeHead()
        {
            SessionBuffers b = _b;
            int head = _queueHead;
            int m = b.QueueMessage[_queueBase + head];
            _queueHead = head + 1 == b.MaxQueued ? 0 : head + 1;
            QueueCount--;
            int[] room = b.QueueRoom;
            if (room != null)
            {
                room[_index] += b.Pool.TopicLengths[m] + b.Pool.PayloadLengths[m];
            }
            return m;
        }

        /// <summary>Adds an inflight entry holding one reference to <paramref name="m"/>, being sent now, under a packet
        /// identifier that is neither 0 [MQTT-2.3.1-1] nor in use by the inflight window [MQTT-2.3.1-2]; returns that
        /// identifier. Entries enter the window only when their PUBLISH is first written.</summary>
        public int AddInflight(int m, int qos, bool retain, long nowMs)
        {
            SessionBuffers b = _b;
            int start = _inflightBase;
            int k = start + InflightCount;
            int[] ids = b.InflightPacketId;
            int packetId = _lastPacketId;
            int j;
            do
            {
                packetId = packetId % 65535 + 1;
                j = start;
                while (j < k && ids[j] != packetId)
                {
                    j++;
                }
            }
            while (j < k);
            _lastPacketId = packetId;
            InflightCount++;
            byte flags = (byte)(qos | (retain ? RetainFlag : 0));
            b.InflightMessage[k] = m;
            ids[k] = packetId;
            b.InflightFlags[k] = flags;
            b.InflightRetries[k] = 0;
            b.InflightSentAtMs[k] = nowMs;
            Persistence.BrokerPersistence p = b.Pool.Persistence;
            if (p != null && !Clean)
            {
                p.Sent(_index, m, packetId, flags);
            }
            return packetId;
        }

        /// <summary>Puts back an inflight entry read from the store (it holds one reference to <paramref name="m"/>, or
        /// m is -1 when <paramref name="released"/>); it is re-sent when the client reconnects [MQTT-4.4.0-1].</summary>
        public void RestoreInflight(int m, int packetId, int flags, bool released)
        {
            int i = InflightCount++;
            _b.InflightMessage[_inflightBase + i] = m;
            _b.InflightPacketId[_inflightBase + i] = packetId;
            _b.InflightFlags[_inflightBase + i] = (byte)((flags & (QosMask | RetainFlag)) | (released ? ReleasedFlag | PendingSendFlag : 0));
            _b.InflightRetries[_inflightBase + i] = 0;
            _b.InflightSentAtMs[_inflightBase + i] = 0;
            _lastPacketId = packetId;
            if (released)
            {
                _b.SendsMarked[_index] = 1;
            }
        }

        /// <summary>The message of the queue entry <paramref name="k"/> places behind the head.</summary>
        public int QueuedMessage(int k) => _b.QueueMessage[_queueBase + (_queueHead + k) % _b.MaxQueued];

        /// <summary>The delivery QoS of the queue entry <paramref name="k"/> places behind the head.</summary>
        public int QueuedQos(int k) => _b.QueueQos[_queueBase + (_queueHead + k) % _b.MaxQueued];

        /// <summary>The QoS and retain bits of inflight entry <paramref name="i"/>, as the store records them.</summary>
        public int InflightStoredFlags(int i) => _b.InflightFlags[_inflightBase + i] & (QosMask | RetainFlag);

        public int InflightMessage(int i) => _b.InflightMessage[_inflightBase + i];

        public int InflightPacketId(int i) => _b.InflightPacketId[_inflightBase + i];

        public int InflightQos(int i) => _b.InflightFlags[_inflightBase + i] & QosMask;

        public bool InflightRetain(int i) => (_b.InflightFlags[_inflightBase + i] & RetainFlag) != 0;

        /// <summary>PUBREC received: the entry now waits for PUBCOMP and only its PUBREL is sent.</summary>
        public bool InflightReleased(int i) => (_b.InflightFlags[_inflightBase + i] & ReleasedFlag) != 0;

        /// <summary>The entry with a pending send, in send order, or -1.</summary>
        public int FirstPendingSend()
        {
            SessionBuffers b = _b;
            byte[] marked = b.SendsMarked;
            int s = _index;
            if (marked[s] == 0)
            {
                return -1;
            }
            byte[] flags = b.InflightFlags;
            int start = _inflightBase;
            int end = start + InflightCount;
            for (int k = start; k < end; k++)
            {
                if ((flags[k] & PendingSendFlag) != 0)
                {
                    return k - start;
                }
            }
            marked[s] = 0;
            return -1;
        }

        /// <summary>The entry is being written out again (its PUBLISH carries DUP=1 [MQTT-3.3.1-1]).</summary>
        public void MarkSent(int i, long nowMs)
        {
            _b.InflightFlags[_inflightBase + i] = (byte)(_b.InflightFlags[_inflightBase + i] & ~PendingSendFlag);
            _b.InflightSentAtMs[_inflightBase + i] = nowMs;
        }

        /// <summary>
        /// Applies PUBACK, PUBREC or PUBCOMP (<paramref name="type"/>, a <see cref="Codec.PacketType"/>) to the inflight
        /// entry with <paramref name="packetId"/>: PUBACK of a QoS 1 entry and PUBCOMP of a released QoS 2 entry remove
        /// it, PUBREC of a QoS 2 entry releases it; anything else is ignored. Returns true when an entry left the window.
        /// </summary>
        public bool Acknowledge(int type, int packetId)
        {
            SessionBuffers b = _b;
            int k = _inflightBase;
            int end = k + InflightCount;
            int[] ids = b.InflightPacketId;
            while (k < end && ids[k] != packetId)
            {
                k++;
            }
            if (k == end)
            {
                return false;
            }
            int flags = b.InflightFlags[k];
            if (type == (int)Codec.PacketType.PubAck ? (flags & QosMask) == 1 : type == (int)Codec.PacketType.PubComp && (flags & ReleasedFlag) != 0)
            {
                RemoveInflight(b, k, end - 1);
                return true;
            }
            if (type == (int)Codec.PacketType.PubRec && (flags & QosMask) == 2)
            {
                Release(k);
            }
            return false;
        }

        /// <summary>Removes the inflight entry at <paramref name="at"/> in the shared buffers <paramref name="b"/>, keeping the others (up to
        /// <paramref name="last"/>, this session's last) in send order, and releases its message.</summary>
        private void RemoveInflight(SessionBuffers b, int at, int last)
        {
            MessagePool pool = b.Pool;
            Persistence.BrokerPersistence p = pool.Persistence;
            if (p != null && !Clean)
            {
                p.Completed(_index, b.InflightPacketId[at]);
            }
            int[] messages = b.InflightMessage;
            int m = messages[at];
            if (m >= 0)
            {
                pool.Release(m);
            }
            InflightCount--;
            if (at < last)
            {
                int[] ids = b.InflightPacketId;
                byte[] flags = b.InflightFlags;
                byte[] retries = b.InflightRetries;
                long[] sentAt = b.InflightSentAtMs;
                for (int k = at; k < last; k++)
                {
                    messages[k] = messages[k + 1];
                    ids[k] = ids[k + 1];
                    flags[k] = flags[k + 1];
                    retries[k] = retries[k + 1];
                    sentAt[k] = sentAt[k + 1];
                }
            }
        }

        /// <summary>PUBREC received for the entry at <paramref name="k"/> in the shared buffers: from now on only PUBREL is
        /// sent [MQTT-4.3.3-1]; a repeated PUBREC sends it again.</summary>
        private void Release(int k)
        {
            SessionBuffers b = _b;
            byte[] flags = b.InflightFlags;
            int[] messages = b.InflightMessage;
            MessagePool pool = b.Pool;
            Persistence.BrokerPersistence p = pool.Persistence;
            if (p != null && !Clean && (flags[k] & ReleasedFlag) == 0)
            {
                p.Released(_index, b.InflightPacketId[k]);
            }
            int m = messages[k];
            if (m >= 0)
            {
                pool.Release(m);
                messages[k] = -1;
                b.InflightRetries[k] = 0;
            }
            flags[k] = (byte)(flags[k] | ReleasedFlag | PendingSendFlag);
            b.SendsMarked[_index] = 1;
        }

        /// <summary>Marks every inflight entry for re-sending (reconnect with a resumed session [MQTT-4.4.0-1]).</summary>
        public void MarkAllForResend()
        {
            for (int i = 0; i < InflightCount; i++)
            {
                _b.InflightFlags[_inflightBase + i] = (byte)(_b.InflightFlags[_inflightBase + i] | PendingSendFlag);
            }
            _b.SendsMarked[_index] = 1;
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
                if ((_b.InflightFlags[_inflightBase + i] & PendingSendFlag) == 0 && nowMs - _b.InflightSentAtMs[_inflightBase + i] >= intervalMs)
                {
                    if (_b.InflightRetries[_inflightBase + i] >= maxRetries)
                    {
                        dropped++;
                        RemoveInflight(_b, _inflightBase + i, _inflightBase + InflightCount - 1);
                        continue;
                    }
                    _b.InflightRetries[_inflightBase + i]++;
                    _b.InflightFlags[_inflightBase + i] = (byte)(_b.InflightFlags[_inflightBase + i] | PendingSendFlag);
                    _b.SendsMarked[_index] = 1;
                }
                i++;
            }
            return dropped;
        }

        public bool IsAwaitingRelease(int packetId)
        {
            int[][] bitmaps = _b.AwaitingReleaseBits;
            if (bitmaps != null)
            {
                int[] bits = bitmaps[_index];
                return bits != null && (bits[packetId >> 5] & (1 << (packetId & 31))) != 0;
            }
            for (int i = 0; i < _awaitingReleaseCount; i++)
            {
                if (_b.AwaitingRelease[AwaitingBase + i] == packetId)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Records a received QoS 2 id not yet recorded; false when the set is full.</summary>
        public bool AddAwaitingRelease(int packetId)
        {
            if (!TryAddAwaitingRelease(packetId))
            {
                return false;
            }
            Persistence.BrokerPersistence p = _b.Pool.Persistence;
            if (p != null && !Clean)
            {
                p.AwaitingRelease(_index, packetId);
            }
            return true;
        }

        private bool TryAddAwaitingRelease(int packetId)
        {
            int[][] bitmaps = _b.AwaitingReleaseBits;
            if (bitmaps != null)
            {
                int[] bits = bitmaps[_index];
                if (bits == null)
                {
                    bits = new int[(BrokerOptions.AllPacketIds + 1) >> 5];
                    bitmaps[_index] = bits;
                }
                bits[packetId >> 5] |= 1 << (packetId & 31);
                return true;
            }
            if (_awaitingReleaseCount == _b.MaxAwaitingRelease)
            {
                return false;
            }
            _b.AwaitingRelease[AwaitingBase + _awaitingReleaseCount++] = packetId;
            return true;
        }

        /// <summary>The lowest incoming QoS 2 id above <paramref name="packetId"/> awaiting PUBREL, or -1.</summary>
        public int AwaitingReleaseAfter(int packetId)
        {
            int[][] bitmaps = _b.AwaitingReleaseBits;
            if (bitmaps != null)
            {
                int[] bits = bitmaps[_index];
                for (int id = packetId + 1; bits != null && id <= BrokerOptions.AllPacketIds; id++)
                {
                    if ((bits[id >> 5] & (1 << (id & 31))) != 0)
                    {
                        return id;
                    }
                }
                return -1;
            }
            int lowest = -1;
            for (int i = 0; i < _awaitingReleaseCount; i++)
            {
                int id = _b.AwaitingRelease[AwaitingBase + i];
                if (id > packetId && (lowest < 0 || id < lowest))
                {
                    lowest = id;
                }
            }
            return lowest;
        }

        public void RemoveAwaitingRelease(int packetId)
        {
            Persistence.BrokerPersistence p = _b.Pool.Persistence;
            if (p != null && !Clean)
            {
                p.ReleaseReceived(_index, packetId);
            }
            int[][] bitmaps = _b.AwaitingReleaseBits;
            if (bitmaps != null)
            {
                int[] bits = bitmaps[_index];
                if (bits != null)
                {
                    bits[packetId >> 5] &= ~(1 << (packetId & 31));
                }
                return;
            }
            for (int i = 0; i < _awaitingReleaseCount; i++)
            {
                if (_b.AwaitingRelease[AwaitingBase + i] == packetId)
                {
                    _b.AwaitingRelease[AwaitingBase + i] = _b.AwaitingRelease[AwaitingBase + --_awaitingReleaseCount];
                    return;
                }
            }
        }

        private int AwaitingBase => _index * _b.MaxAwaitingRelease;

        private bool DropOldestQos0()
        {
            int n = _b.MaxQueued;
            for (int k = 0; k < QueueCount; k++)
            {
                int slot = (_queueHead + k) % n;
                if (_b.QueueQos[_queueBase + slot] != 0)
                {
                    continue;
                }
                int m = _b.QueueMessage[_queueBase + slot];
                Persistence.BrokerPersistence p = _b.Pool.Persistence;
                if (p != null && !Clean)
                {
                    p.Unqueued(_index, m);
                }
                int[] room = _b.QueueRoom;
                if (room != null)
                {
                    room[_index] += _b.Pool.TopicLengths[m] + _b.Pool.PayloadLengths[m];
                }
                _b.Pool.Release(m);
                for (int j = k; j < QueueCount - 1; j++)
                {
                    int to = (_queueHead + j) % n;
                    int from = (_queueHead + j + 1) % n;
                    _b.QueueMessage[_queueBase + to] = _b.QueueMessage[_queueBase + from];
                    _b.QueueQos[_queueBase + to] = _b.QueueQos[_queueBase + from];
                }
                QueueCount--;
                return true;
            }
            return false;
        }
    }
}
