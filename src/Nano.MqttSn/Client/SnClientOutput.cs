using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Client
{
    /// <summary>
    /// The client's outgoing datagrams: encodes them into the transmit queue with messages allocated
    /// once, counts what a full queue drops and remembers when the gateway was last sent to.
    /// </summary>
    internal sealed class SnClientOutput
    {
        private readonly SnDatagramQueue _queue;

        public SnClientOutput(int queueLength, int maxPacket)
        {
            _queue = new SnDatagramQueue(queueLength, maxPacket);
        }

        /// <summary>Messages to fill and encode (one per type, reused).</summary>
        public readonly SnMessageSet Messages = new SnMessageSet();

        /// <summary>Time of the last datagram queued for the gateway (not broadcast).</summary>
        public long LastUnicastMs;

        /// <summary>Datagrams dropped because the queue was full.</summary>
        public int Dropped;

        /// <summary>Datagrams waiting.</summary>
        public int Count => _queue.Count;

        /// <summary>Discards every datagram waiting (the client went silent).</summary>
        public void Clear() => _queue.Clear();

        /// <summary>Moves the next datagram into dst; returns its length, 0 when none, -1 when dst is too small.</summary>
        public int Dequeue(byte[] dst, int off, out bool broadcast) => _queue.Dequeue(dst, off, out broadcast);

        /// <summary>The slot to encode the next datagram into, or null (counted as dropped) when the queue is full.</summary>
        public byte[] Reserve()
        {
            byte[] slot = _queue.Tail;
            if (slot == null)
            {
                Dropped++;
            }

            return slot;
        }

        /// <summary>Queues the datagram encoded into the reserved slot; a failed encoding (length ≤ 0) is dropped.</summary>
        public void Commit(int length, bool broadcast, long nowMs)
        {
            if (length <= 0)
            {
                Dropped++;
                return;
            }

            _queue.Commit(length, broadcast);
            if (!broadcast)
            {
                LastUnicastMs = nowMs;
            }
        }

        /// <summary>Queues a copy of an encoded datagram for the gateway.</summary>
        public void Send(byte[] datagram, int length, long nowMs)
        {
            byte[] slot = Reserve();
            if (slot != null)
            {
                System.Array.Copy(datagram, 0, slot, 0, length);
                Commit(length, false, nowMs);
            }
        }

        /// <summary>Queues PINGREQ, PINGRESP or another header-only message for the gateway.</summary>
        public void SendHeaderOnly(byte type, long nowMs)
        {
            byte[] slot = Reserve();
            if (slot != null)
            {
                Messages.HeaderOnly.MsgType = type;
                Commit(Messages.HeaderOnly.Encode(slot, 0), false, nowMs);
            }
        }

        /// <summary>Queues PUBREC, PUBREL or PUBCOMP.</summary>
        public void SendMsgId(byte type, int msgId, long nowMs)
        {
            byte[] slot = Reserve();
            if (slot != null)
            {
                MsgIdMessage m = Messages.MsgId;
                m.MsgType = type;
                m.MsgId = msgId;
                Commit(m.Encode(slot, 0), false, nowMs);
            }
        }

        /// <summary>Queues REGACK or PUBACK.</summary>
        public void SendTopicAck(byte type, int topicId, int msgId, byte returnCode, long nowMs)
        {
            byte[] slot = Reserve();
            if (slot != null)
            {
                TopicAckMessage m = Messages.TopicAck;
                m.MsgType = type;
                m.TopicId = topicId;
                m.MsgId = msgId;
                m.ReturnCode = returnCode;
                Commit(m.Encode(slot, 0), false, nowMs);
            }
        }

        /// <summary>Broadcasts SEARCHGW.</summary>
        public void SendSearchGw(byte radius, long nowMs)
        {
            byte[] slot = Reserve();
            if (slot != null)
            {
                Messages.SearchGw.Radius = radius;
                Commit(Messages.SearchGw.Encode(slot, 0), true, nowMs);
            }
        }
    }
}
