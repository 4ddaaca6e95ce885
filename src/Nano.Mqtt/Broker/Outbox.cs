using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// Produces a connection's output on demand, straight into the host's buffer: first the acknowledgements
    /// buffered in the connection, then PUBLISH and PUBREL packets encoded from the session's state when the
    /// host reads them — inflight entries marked for (re)sending, then retained messages of new subscriptions,
    /// then the queue, each QoS 1/2 message only while the inflight window has room [MQTT-4.6.0-6]. A packet
    /// once started is finished before the next is chosen, and the chosen order keeps [MQTT-4.6.0-2..5].
    /// </summary>
    internal sealed class Outbox
    {
        private const int PublishFirstByte = (int)PacketType.Publish << 4;

        private readonly BrokerState _state;
        private readonly RetainedCursor _retained;

        /// <summary>Fixed header, topic length and packet identifier of the outgoing PUBLISH (single poll loop).</summary>
        private readonly byte[] _head = new byte[5];

        public Outbox(BrokerState state, RetainedCursor retained)
        {
            _state = state;
            _retained = retained;
        }

        /// <summary>Bytes of the packets ready to send: acknowledgements, the packet in progress, else the next one.</summary>
        public int Pending(Connection c)
        {
            int n = c.ControlOutput.Pending;
            if (c.Outgoing == OutgoingKind.Publish || c.Outgoing == OutgoingKind.PubRel)
            {
                return n + c.OutgoingSize - c.OutgoingOffset;
            }
            if (n == 0 && Select(c))
            {
                n = c.OutgoingSize;
            }
            return n;
        }

        /// <summary>Copies up to <paramref name="count"/> bytes of the current packet into <paramref name="dst"/>
        /// without consuming them; 0 when nothing is ready.</summary>
        public int Peek(Connection c, byte[] dst, int offset, int count)
        {
            if (c.Outgoing == OutgoingKind.None)
            {
                if (c.ControlOutput.Pending > 0)
                {
                    c.Outgoing = OutgoingKind.Control;
                }
                else if (!Select(c))
                {
                    return 0;
                }
            }
            if (c.Outgoing == OutgoingKind.Control)
            {
                return c.ControlOutput.Peek(dst, offset, count);
            }
            return CopyPacket(c, dst, offset, count);
        }

        /// <summary>Marks <paramref name="n"/> bytes returned by <see cref="Peek"/> as sent.</summary>
        public void Consume(Connection c, int n)
        {
            _state.Statistics.BytesSent += n;
            if (c.Outgoing == OutgoingKind.Control)
            {
                c.ControlOutput.Consume(n);
                if (c.ControlOutput.Pending == 0)
                {
                    c.Outgoing = OutgoingKind.None;
                }
                return;
            }
            c.OutgoingOffset += n;
            if (c.OutgoingOffset == c.OutgoingSize)
            {
                Finish(c);
            }
        }

        /// <summary>Drops the packet in progress of a connection being closed.</summary>
        public void Abandon(Connection c)
        {
            if (c.Outgoing == OutgoingKind.Publish || c.Outgoing == OutgoingKind.PubRel)
            {
                Finish(c);
            }
            c.Outgoing = OutgoingKind.None;
            c.ControlOutput.Clear();
        }

        private void Finish(Connection c)
        {
            if (c.OutgoingMessage >= 0)
            {
                _state.Pool.Release(c.OutgoingMessage);
                c.OutgoingMessage = -1;
            }
            c.Outgoing = OutgoingKind.None;
        }

        /// <summary>Chooses the next PUBLISH or PUBREL of the connection's session; false when none can be sent now.</summary>
        private bool Select(Connection c)
        {
            if (c.State != ConnectionState.Connected || c.Outgoing != OutgoingKind.None)
            {
                return false;
            }
            int s = c.Session;
            Session session = _state.Sessions[s];
            long now = _state.NowMs;
            int i = session.InflightCount > 0 ? session.FirstPendingSend() : -1;
            if (i >= 0)
            {
                session.MarkSent(i, now);
                if (session.InflightReleased(i))
                {
                    StartPubRel(c, session.InflightPacketId(i));
                }
                else
                {
                    _state.Pool.AddReference(session.InflightMessage(i));
                    StartPublish(c, session.InflightMessage(i), session.InflightQos(i), session.InflightPacketId(i), session.InflightRetain(i), true);
                }
                return true;
            }
            int qos = 0;
            int m = _state.Subscriptions.HasRetainedScan(s) ? _retained.Next(s, session.WindowOpen, ref qos) : RetainedCursor.None;
            if (m == RetainedCursor.WindowFull)
            {
                return false;
            }
            if (m >= 0)
            {
                _state.Pool.AddReference(m);
                int packetId = 0;
                if (qos > 0)
                {
                    _state.Pool.AddReference(m);
                    packetId = session.InflightPacketId(session.AddInflight(m, qos, true, now));
                }
                StartPublish(c, m, qos, packetId, true, false); // [MQTT-3.3.1-8]
                return true;
            }
            if (session.QueueCount == 0)
            {
                return false;
            }
            qos = session.HeadQos;
            if (qos == 0)
            {
                StartPublish(c, session.Dequeue(), 0, 0, false, false);
            }
            else
            {
                if (!session.WindowOpen)
                {
                    return false;
                }
                i = session.DequeueToInflight(now);
                m = session.InflightMessage(i);
                _state.Pool.AddReference(m);
                StartPublish(c, m, qos, session.InflightPacketId(i), false, false);
            }
            _state.QueueSpaceFreed = true;
            return true;
        }

        /// <summary>Starts a PUBLISH of message <paramref name="m"/>, whose reference the connection now holds; the
        /// publisher's bytes are never forwarded, the packet is built for this subscriber.</summary>
        private void StartPublish(Connection c, int m, int qos, int packetId, bool retain, bool dup)
        {
            MessagePool pool = _state.Pool;
            int remaining = 2 + pool.TopicLength(m) + (qos > 0 ? 2 : 0) + pool.PayloadLength(m);
            c.Outgoing = OutgoingKind.Publish;
            c.OutgoingMessage = m;
            c.OutgoingFlags = (dup ? 0x08 : 0) | (qos << 1) | (retain ? 0x01 : 0);
            c.OutgoingPacketId = packetId;
            c.OutgoingOffset = 0;
            c.OutgoingSize = FixedHeader.GetSize(remaining) + remaining;
            _state.Statistics.PacketsSent++;
            _state.Statistics.MessagesSent++;
        }

        private void StartPubRel(Connection c, int packetId)
        {
            c.Outgoing = OutgoingKind.PubRel;
            c.OutgoingMessage = -1;
            c.OutgoingPacketId = packetId;
            c.OutgoingOffset = 0;
            c.OutgoingSize = 4;
            _state.Statistics.PacketsSent++;
        }

        /// <summary>Copies the outgoing packet from its current offset: fixed header, topic, packet identifier, payload.</summary>
        private int CopyPacket(Connection c, byte[] dst, int offset, int count)
        {
            int from = c.OutgoingOffset;
            int copied = 0;
            if (c.Outgoing == OutgoingKind.PubRel)
            {
                _head[0] = 0x62; // PUBREL flags 0010 [MQTT-3.6.1-1]
                _head[1] = 2;
                _head[2] = (byte)(c.OutgoingPacketId >> 8);
                _head[3] = (byte)c.OutgoingPacketId;
                Segment(_head, 0, 4, ref from, dst, offset, count, ref copied);
                return copied;
            }
            MessagePool pool = _state.Pool;
            int m = c.OutgoingMessage;
            int topicLength = pool.TopicLength(m);
            int qos = (c.OutgoingFlags >> 1) & 3;
            int remaining = 2 + topicLength + (qos > 0 ? 2 : 0) + pool.PayloadLength(m);
            if (from == 0 && count >= c.OutgoingSize)
            {
                return WholePublish(c, pool, m, topicLength, qos, remaining, dst, offset);
            }
            int header = FixedHeader.Write(_head, 0, PacketType.Publish, (byte)c.OutgoingFlags, remaining);
            Segment(_head, 0, header, ref from, dst, offset, count, ref copied);
            _head[0] = (byte)(topicLength >> 8);
            _head[1] = (byte)topicLength;
            Segment(_head, 0, 2, ref from, dst, offset, count, ref copied);
            Segment(pool.Arena, pool.TopicOffset(m), topicLength, ref from, dst, offset, count, ref copied);
            if (qos > 0)
            {
                _head[0] = (byte)(c.OutgoingPacketId >> 8);
                _head[1] = (byte)c.OutgoingPacketId;
                Segment(_head, 0, 2, ref from, dst, offset, count, ref copied);
            }
            Segment(pool.Arena, pool.PayloadOffset(m), pool.PayloadLength(m), ref from, dst, offset, count, ref copied);
            return copied;
        }

        /// <summary>Copies the part of one segment of the packet that lies at or after <paramref name="from"/> and
        /// fits in the room left; <paramref name="from"/> becomes relative to the next segment.</summary>
        /// <summary>Writes the whole PUBLISH at once, the common case of an output read with room for it.</summary>
        private static int WholePublish(Connection c, MessagePool pool, int m, int topicLength, int qos, int remaining, byte[] dst, int offset)
        {
            int p = Wire.WriteFixedHeader(dst, offset, PublishFirstByte | c.OutgoingFlags, remaining);
            dst[p] = (byte)(topicLength >> 8);
            dst[p + 1] = (byte)topicLength;
            p += 2;
            byte[] arena = pool.Arena;
            int topicOffset = pool.TopicOffset(m);
            System.Array.Copy(arena, topicOffset, dst, p, topicLength);
            p += topicLength;
            if (qos > 0)
            {
                dst[p] = (byte)(c.OutgoingPacketId >> 8);
                dst[p + 1] = (byte)c.OutgoingPacketId;
                p += 2;
            }
            int payloadLength = pool.PayloadLength(m);
            System.Array.Copy(arena, topicOffset + topicLength, dst, p, payloadLength);
            return p + payloadLength - offset;
        }

        private static void Segment(byte[] src, int srcOffset, int length, ref int from, byte[] dst, int offset, int count, ref int copied)
        {
            if (from >= length)
            {
                from -= length;
                return;
            }
            int n = length - from;
            if (n > count - copied)
            {
                n = count - copied;
            }
            if (n > 0)
            {
                System.Array.Copy(src, srcOffset + from, dst, offset + copied, n);
                copied += n;
            }
            from = 0;
        }
    }
}
