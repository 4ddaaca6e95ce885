namespace Nano.Mqtt.Client
{
    /// <summary>
    /// The outgoing messages in the order they were published: queued ones and those in flight. A fixed
    /// set of slots; the order is kept in an index array so re-sends follow the original order [MQTT-4.6.0-1].
    /// </summary>
    internal sealed class OutboundQueue
    {
        private readonly OutboundMessage[] _slots;
        private readonly int[] _order;
        private int _count;

        internal OutboundQueue(int slots, int slotSize)
        {
            _slots = new OutboundMessage[slots];
            _order = new int[slots];
            for (int i = 0; i < slots; i++)
            {
                _slots[i] = new OutboundMessage(slotSize);
            }
        }

        /// <summary>Messages stored (queued or in flight).</summary>
        internal int Count
        {
            get { return _count; }
        }

        /// <summary>The <paramref name="index"/>th message in publish order.</summary>
        internal OutboundMessage At(int index)
        {
            return _slots[_order[index]];
        }

        /// <summary>Takes a free slot and appends it to the order; null when none is free.</summary>
        internal OutboundMessage Add()
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                OutboundMessage m = _slots[i];
                if (m.State == OutboundState.Free)
                {
                    m.State = OutboundState.Queued;
                    m.PacketId = 0;
                    m.SentBefore = false;
                    _order[_count++] = i;
                    return m;
                }
            }

            return null;
        }

        internal void RemoveAt(int index)
        {
            _slots[_order[index]].State = OutboundState.Free;
            _count--;
            for (int i = index; i < _count; i++)
            {
                _order[i] = _order[i + 1];
            }
        }

        /// <summary>Position of the oldest QoS 0 message not yet sent, or -1.</summary>
        internal int OldestQueuedQos0()
        {
            for (int i = 0; i < _count; i++)
            {
                OutboundMessage m = At(i);
                if (m.State == OutboundState.Queued && m.Qos == 0)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>True when any message waits for a PUBLISH or PUBREL to be written.</summary>
        internal bool HasUnsent()
        {
            for (int i = 0; i < _count; i++)
            {
                OutboundState state = At(i).State;
                if (state == OutboundState.Queued || state == OutboundState.ReleasePending)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Position of the message holding <paramref name="packetId"/> in <paramref name="state"/>, or -1.</summary>
        internal int Find(ushort packetId, OutboundState state)
        {
            for (int i = 0; i < _count; i++)
            {
                OutboundMessage m = At(i);
                if (m.PacketId == packetId && m.State == state)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Messages holding a packet identifier (the inflight window's occupancy).</summary>
        internal int HoldingIds()
        {
            int n = 0;
            for (int i = 0; i < _count; i++)
            {
                if (At(i).PacketId != 0)
                {
                    n++;
                }
            }

            return n;
        }

        internal bool UsesId(ushort packetId)
        {
            for (int i = 0; i < _count; i++)
            {
                if (At(i).PacketId == packetId)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The connection ended: every PUBLISH not acknowledged is sent again and every PUBREL
        /// not completed is sent again after the reconnect [MQTT-4.4.0-1].</summary>
        internal void ConnectionLost()
        {
            for (int i = 0; i < _count; i++)
            {
                OutboundMessage m = At(i);
                if (m.State == OutboundState.AwaitingPubAck || m.State == OutboundState.AwaitingPubRec)
                {
                    m.State = OutboundState.Queued;
                }
                else if (m.State == OutboundState.AwaitingPubComp)
                {
                    m.State = OutboundState.ReleasePending;
                }
            }
        }

        /// <summary>The server holds no session: a message whose PUBREC arrived has reached it and is complete;
        /// the others are sent again in the new session. Returns the number completed.</summary>
        internal int NewSession()
        {
            int completed = 0;
            for (int i = 0; i < _count; i++)
            {
                if (At(i).State == OutboundState.ReleasePending)
                {
                    RemoveAt(i);
                    i--;
                    completed++;
                }
            }

            return completed;
        }

        /// <summary>Messages sent at or before <paramref name="dueMs"/> and not acknowledged are marked for
        /// re-sending. Returns true when any was.</summary>
        internal bool MarkForRetry(long dueMs)
        {
            bool any = false;
            for (int i = 0; i < _count; i++)
            {
                OutboundMessage m = At(i);
                if (m.SentAtMs > dueMs)
                {
                    continue;
                }

                if (m.State == OutboundState.AwaitingPubAck || m.State == OutboundState.AwaitingPubRec)
                {
                    m.State = OutboundState.Queued;
                    any = true;
                }
                else if (m.State == OutboundState.AwaitingPubComp)
                {
                    m.State = OutboundState.ReleasePending;
                    any = true;
                }
            }

            return any;
        }
    }
}
