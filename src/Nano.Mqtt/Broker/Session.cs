namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// One client's session state (§4.1) in arrays sized at start-up: client identifier, clean flag,
    /// the queue of messages not yet sent, the inflight window of sent QoS 1/2 messages, the ids of
    /// received QoS 2 messages not yet released, and the outgoing packet identifier counter.
    /// </summary>
    internal sealed class Session
    {
        /// <summary>Enqueue outcome: the message was queued.</summary>
        public const int Queued = 0;

        /// <summary>Enqueue outcome: queued after dropping the oldest queued QoS 0 message.</summary>
        public const int QueuedDroppedOldest = 1;

        /// <summary>Enqueue outcome: the queue was full of QoS 1/2 messages and the new one was dropped.</summary>
        public const int DroppedNew = 2;

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

        public readonly int[] QueueMessage;
        public readonly byte[] QueueQos;
        public readonly bool[] QueueRetain;
        public int QueueHead;
        public int QueueCount;

        public readonly int[] InflightMessage;
        public readonly int[] InflightPacketId;
        public readonly byte[] InflightQos;
        public readonly bool[] InflightRetain;

        /// <summary>PUBREC received: the entry now waits for PUBCOMP and its message is released.</summary>
        public readonly bool[] InflightReleased;

        /// <summary>The PUBLISH (or PUBREL) of the entry must be written out (first send or re-send).</summary>
        public readonly bool[] InflightPendingSend;

        /// <summary>The PUBLISH was written out at least once, so a re-send carries DUP=1.</summary>
        public readonly bool[] InflightSentOnce;

        public readonly long[] InflightSentAtMs;
        public readonly int[] InflightRetries;
        public int InflightCount;

        public readonly int[] AwaitingRelease;
        public int AwaitingReleaseCount;

        private int _lastPacketId;

        public Session(MessagePool pool, int maxClientIdLength, int maxUserNameLength, int maxQueued, int maxInflight, int maxAwaitingRelease)
        {
            _pool = pool;
            ClientId = new byte[maxClientIdLength];
            UserName = new byte[maxUserNameLength];
            QueueMessage = new int[maxQueued];
            QueueQos = new byte[maxQueued];
            QueueRetain = new bool[maxQueued];
            InflightMessage = new int[maxInflight];
            InflightPacketId = new int[maxInflight];
            InflightQos = new byte[maxInflight];
            InflightRetain = new bool[maxInflight];
            InflightReleased = new bool[maxInflight];
            InflightPendingSend = new bool[maxInflight];
            InflightSentOnce = new bool[maxInflight];
            InflightSentAtMs = new long[maxInflight];
            InflightRetries = new int[maxInflight];
            AwaitingRelease = new int[maxAwaitingRelease];
        }

        /// <summary>Whether the session has this client identifier.</summary>
        public bool HasClientId(byte[] buffer, int offset, int length) => InUse && Codec.Bytes.Equal(ClientId, 0, ClientIdLength, buffer, offset, length);

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

        /// <summary>Records the user name of the connection now bound to the session; length -1 = anonymous.</summary>
        public void SetUserName(byte[] buffer, int offset, int length)
        {
            if (length > 0)
            {
                System.Array.Copy(buffer, offset, UserName, 0, length);
            }
            UserNameLength = length;
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
                if (InflightMessage[i] >= 0)
                {
                    _pool.Release(InflightMessage[i]);
                }
            }
            InflightCount = 0;
            AwaitingReleaseCount = 0;
            InUse = false;
            Connection = -1;
            ClientIdLength = 0;
        }

        /// <summary>
        /// Queues a reference to message <paramref name="m"/> for delivery at <paramref name="qos"/>. When the
        /// queue is full the oldest queued QoS 0 message makes room; without one the new message is dropped.
        /// </summary>
        public int Enqueue(int m, int qos, bool retain)
        {
            int outcome = Queued;
            if (QueueCount == QueueMessage.Length)
            {
                if (!DropOldestQos0())
                {
                    return DroppedNew;
                }
                outcome = QueuedDroppedOldest;
            }
            int slot = (QueueHead + QueueCount) % QueueMessage.Length;
            QueueMessage[slot] = m;
            QueueQos[slot] = (byte)qos;
            QueueRetain[slot] = retain;
            QueueCount++;
            _pool.AddReference(m);
            return outcome;
        }

        /// <summary>Removes the head of the queue and returns its message (the reference passes to the caller).</summary>
        public int Dequeue()
        {
            int m = QueueMessage[QueueHead];
            QueueHead = (QueueHead + 1) % QueueMessage.Length;
            QueueCount--;
            return m;
        }

        /// <summary>Drops every queued QoS 0 message (a persistent session going offline without QueueQos0).</summary>
        public int DropQueuedQos0()
        {
            int dropped = 0;
            while (DropOldestQos0())
            {
                dropped++;
            }
            return dropped;
        }

        /// <summary>A packet identifier that is neither 0 [MQTT-2.3.1-1] nor in use by the inflight window [MQTT-2.3.1-2].</summary>
        public int NextPacketId()
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

        /// <summary>Appends an inflight entry for a PUBLISH about to be sent; the queue's reference moves to it.</summary>
        public void AddInflight(int m, int packetId, int qos, bool retain)
        {
            int i = InflightCount++;
            InflightMessage[i] = m;
            InflightPacketId[i] = packetId;
            InflightQos[i] = (byte)qos;
            InflightRetain[i] = retain;
            InflightReleased[i] = false;
            InflightPendingSend[i] = true;
            InflightSentOnce[i] = false;
            InflightRetries[i] = 0;
        }

        /// <summary>The inflight entry with this packet identifier, or -1.</summary>
        public int FindInflight(int packetId)
        {
            for (int i = 0; i < InflightCount; i++)
            {
                if (InflightPacketId[i] == packetId)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Removes an inflight entry, keeping the others in send order, and releases its message.</summary>
        public void RemoveInflight(int i)
        {
            if (InflightMessage[i] >= 0)
            {
                _pool.Release(InflightMessage[i]);
            }
            for (int k = i + 1; k < InflightCount; k++)
            {
                InflightMessage[k - 1] = InflightMessage[k];
                InflightPacketId[k - 1] = InflightPacketId[k];
                InflightQos[k - 1] = InflightQos[k];
                InflightRetain[k - 1] = InflightRetain[k];
                InflightReleased[k - 1] = InflightReleased[k];
                InflightPendingSend[k - 1] = InflightPendingSend[k];
                InflightSentOnce[k - 1] = InflightSentOnce[k];
                InflightSentAtMs[k - 1] = InflightSentAtMs[k];
                InflightRetries[k - 1] = InflightRetries[k];
            }
            InflightCount--;
        }

        /// <summary>Marks PUBREC received: from now on only PUBREL is re-sent [MQTT-4.3.3-1].</summary>
        public void MarkReleased(int i)
        {
            _pool.Release(InflightMessage[i]);
            InflightMessage[i] = -1;
            InflightReleased[i] = true;
            InflightPendingSend[i] = true;
            InflightRetries[i] = 0;
        }

        /// <summary>Marks every inflight entry for re-sending (reconnect with a resumed session [MQTT-4.4.0-1]).</summary>
        public void MarkAllForResend()
        {
            for (int i = 0; i < InflightCount; i++)
            {
                InflightPendingSend[i] = true;
            }
        }

        public bool IsAwaitingRelease(int packetId)
        {
            for (int i = 0; i < AwaitingReleaseCount; i++)
            {
                if (AwaitingRelease[i] == packetId)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Records a received QoS 2 id; false when the set is full.</summary>
        public bool AddAwaitingRelease(int packetId)
        {
            if (AwaitingReleaseCount == AwaitingRelease.Length)
            {
                return false;
            }
            AwaitingRelease[AwaitingReleaseCount++] = packetId;
            return true;
        }

        public void RemoveAwaitingRelease(int packetId)
        {
            for (int i = 0; i < AwaitingReleaseCount; i++)
            {
                if (AwaitingRelease[i] == packetId)
                {
                    AwaitingRelease[i] = AwaitingRelease[--AwaitingReleaseCount];
                    return;
                }
            }
        }

        private bool DropOldestQos0()
        {
            int n = QueueMessage.Length;
            for (int k = 0; k < QueueCount; k++)
            {
                int slot = (QueueHead + k) % n;
                if (QueueQos[slot] != 0)
                {
                    continue;
                }
                _pool.Release(QueueMessage[slot]);
                for (int j = k; j < QueueCount - 1; j++)
                {
                    int to = (QueueHead + j) % n;
                    int from = (QueueHead + j + 1) % n;
                    QueueMessage[to] = QueueMessage[from];
                    QueueQos[to] = QueueQos[from];
                    QueueRetain[to] = QueueRetain[from];
                }
                QueueCount--;
                return true;
            }
            return false;
        }
    }
}
