using System;
using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Client
{
    /// <summary>
    /// The outgoing messages in the order they were published: queued ones and those in flight. A fixed
    /// set of slots held in parallel arrays (one object per field, not per message); topic and payload of a
    /// slot are copied into its part of one data array allocated up front, or, when the slots grow, into an
    /// array of its own allocated at the first message that needs it. Members take a position in publish
    /// order, so re-sends follow the original order [MQTT-4.6.0-1].
    /// </summary>
    internal sealed class OutboundQueue
    {
        private readonly int _slotSize;

        /// <summary>Every slot's bytes, slot after slot; null when the slots grow.</summary>
        private readonly byte[] _data;

        /// <summary>Each slot's own bytes when the slots grow (null entries until used); null otherwise.</summary>
        private readonly byte[][] _grown;

        /// <summary>Deadlines for the first send; null when messages do not expire.</summary>
        private readonly MessageDeadlines _deadlines;
        private readonly int[] _topicLength;
        private readonly int[] _payloadLength;
        private readonly byte[] _qos;
        private readonly bool[] _retain;

        /// <summary>Non-zero once assigned; kept until the flow completes.</summary>
        private readonly ushort[] _packetId;

        private readonly byte[] _state;

        /// <summary>The PUBLISH was written at least once: any later copy carries DUP=1 [MQTT-3.3.1-1].</summary>
        private readonly bool[] _sentBefore;

        private readonly long[] _sentAtMs;
        private readonly int[] _order;
        private int _count;

        /// <summary>Slots of up to <paramref name="slotSize"/> bytes each, allocated now unless <paramref name="grow"/>;
        /// a message not sent within <paramref name="expiryMs"/> of its publish expires (0 = never).</summary>
        internal OutboundQueue(int slots, int slotSize, bool grow, long expiryMs)
        {
            _slotSize = slotSize;
            if (grow)
            {
                _grown = new byte[slots][];
            }
            else
            {
                _data = new byte[slots * slotSize];
            }

            if (expiryMs > 0)
            {
                _deadlines = new MessageDeadlines(slots, expiryMs);
            }

            _topicLength = new int[slots];
            _payloadLength = new int[slots];
            _qos = new byte[slots];
            _retain = new bool[slots];
            _packetId = new ushort[slots];
            _state = new byte[slots];
            _sentBefore = new bool[slots];
            _sentAtMs = new long[slots];
            _order = new int[slots];
        }

        /// <summary>Messages stored (queued or in flight).</summary>
        internal int Count
        {
            get { return _count; }
        }

        /// <summary>True when every slot holds a message.</summary>
        internal bool IsFull
        {
            get { return _count == _order.Length; }
        }

        /// <summary>Stores a message (topic and payload copied) as <see cref="OutboundState.Queued"/> at the end of
        /// the order; false when every slot is used or it is larger than a slot.</summary>
        internal bool Add(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength, byte qos, bool retain, long nowMs)
        {
            if (IsFull || topicLength > _slotSize - payloadLength)
            {
                return false;
            }

            int slot = 0;
            while (_state[slot] != (byte)OutboundState.Free)
            {
                slot++;
            }

            if (_grown != null && (_grown[slot] == null || _grown[slot].Length < topicLength + payloadLength))
            {
                _grown[slot] = new byte[topicLength + payloadLength];
            }

            if (_deadlines != null)
            {
                _deadlines.Start(slot, nowMs);
            }

            byte[] data = SlotData(slot);
            int at = SlotOffset(slot);
            Array.Copy(topic, topicOffset, data, at, topicLength);
            Array.Copy(payload, payloadOffset, data, at + topicLength, payloadLength);
            _topicLength[slot] = topicLength;
            _payloadLength[slot] = payloadLength;
            _qos[slot] = qos;
            _retain[slot] = retain;
            _packetId[slot] = 0;
            _sentBefore[slot] = false;
            _state[slot] = (byte)OutboundState.Queued;
            _order[_count++] = slot;
            return true;
        }

        internal void RemoveAt(int position)
        {
            _state[_order[position]] = (byte)OutboundState.Free;
            _count--;
            for (int i = position; i < _count; i++)
            {
                _order[i] = _order[i + 1];
            }
        }

        internal OutboundState StateAt(int position)
        {
            return (OutboundState)_state[_order[position]];
        }

        internal byte QosAt(int position)
        {
            return _qos[_order[position]];
        }

        internal ushort PacketIdAt(int position)
        {
            return _packetId[_order[position]];
        }

        internal bool SentBeforeAt(int position)
        {
            return _sentBefore[_order[position]];
        }

        /// <summary>The array holding the message's topic and payload.</summary>
        internal byte[] DataAt(int position)
        {
            return SlotData(_order[position]);
        }

        /// <summary>Where the message's topic starts in <see cref="DataAt"/>.</summary>
        internal int TopicOffsetAt(int position)
        {
            return SlotOffset(_order[position]);
        }

        internal int TopicLengthAt(int position)
        {
            return _topicLength[_order[position]];
        }

        /// <summary>Position of the oldest message never sent whose deadline is at or before <paramref name="nowMs"/>, or -1.</summary>
        internal int FirstExpired(long nowMs)
        {
            if (_deadlines == null)
            {
                return -1;
            }

            for (int i = 0; i < _count; i++)
            {
                int slot = _order[i];
                if (!_sentBefore[slot] && _state[slot] == (byte)OutboundState.Queued && _deadlines.Passed(slot, nowMs))
                {
                    return i;
                }
            }

            return -1;
        }

        internal void AssignPacketId(int position, ushort packetId)
        {
            _packetId[_order[position]] = packetId;
        }

        /// <summary>Points <paramref name="p"/> at the stored message, DUP set when it was sent before [MQTT-3.3.1-1].</summary>
        internal void FillPublish(int position, PublishPacket p)
        {
            int slot = _order[position];
            byte[] data = SlotData(slot);
            int at = SlotOffset(slot);
            p.Qos = _qos[slot];
            p.Retain = _retain[slot];
            p.Dup = _sentBefore[slot];
            p.PacketId = _packetId[slot];
            p.Topic.Set(data, at, _topicLength[slot]);
            p.Payload.Set(data, at + _topicLength[slot], _payloadLength[slot]);
        }

        /// <summary>The PUBLISH (QoS 1 or 2) was written: the flow waits for PUBACK or PUBREC.</summary>
        internal void PublishSent(int position, long nowMs)
        {
            int slot = _order[position];
            _sentBefore[slot] = true;
            _sentAtMs[slot] = nowMs;
            _state[slot] = (byte)(_qos[slot] == 1 ? OutboundState.AwaitingPubAck : OutboundState.AwaitingPubRec);
        }

        /// <summary>PUBREL was written (or PUBREC arrived and PUBREL follows): the flow waits for PUBCOMP.</summary>
        internal void ReleaseSent(int position, long nowMs)
        {
            int slot = _order[position];
            _sentAtMs[slot] = nowMs;
            _state[slot] = (byte)OutboundState.AwaitingPubComp;
        }

        /// <summary>Position of the oldest QoS 0 message not yet sent, or -1.</summary>
        internal int OldestQueuedQos0()
        {
            for (int i = 0; i < _count; i++)
            {
                if (StateAt(i) == OutboundState.Queued && QosAt(i) == 0)
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
                OutboundState state = StateAt(i);
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
                if (PacketIdAt(i) == packetId && StateAt(i) == state)
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
                if (PacketIdAt(i) != 0)
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
                if (PacketIdAt(i) == packetId)
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
            MarkForRetry(long.MaxValue);
        }

        /// <summary>Messages sent at or before <paramref name="dueMs"/> and not acknowledged are marked for
        /// re-sending.</summary>
        internal void MarkForRetry(long dueMs)
        {
            for (int i = 0; i < _count; i++)
            {
                int slot = _order[i];
                if (_sentAtMs[slot] > dueMs)
                {
                    continue;
                }

                OutboundState state = (OutboundState)_state[slot];
                if (state == OutboundState.AwaitingPubAck || state == OutboundState.AwaitingPubRec)
                {
                    _state[slot] = (byte)OutboundState.Queued;
                }
                else if (state == OutboundState.AwaitingPubComp)
                {
                    _state[slot] = (byte)OutboundState.ReleasePending;
                }
            }
        }

        private byte[] SlotData(int slot)
        {
            return _grown != null ? _grown[slot] : _data;
        }

        private int SlotOffset(int slot)
        {
            return _grown != null ? 0 : slot * _slotSize;
        }
    }
}
