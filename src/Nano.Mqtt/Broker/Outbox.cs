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
            Codec.OutputBuffer control = c.ControlOutput;
            int n = control.End - control.Start;
            if (c.Outgoing != OutgoingKind.None)
            {
                return n + c.OutgoingSize - c.OutgoingOffset;
            }
            if (n == 0 && Select(c))
            {
                n = c.OutgoingSize;
            }
            return n;
        }

        /// <summary>
        /// Copies as many packets as fit into <paramref name="dst"/> and consumes them; the last may be cut short, its
        /// rest is copied first by the next read. Fewer than <paramref name="count"/> bytes means nothing more is ready.
        /// </summary>
        public int Read(Connection c, byte[] dst, int offset, int count)
        {
            int at = offset;
            int end = offset + count;
            Codec.OutputBuffer control = c.ControlOutput;
            while (at < end)
            {
                if (c.Outgoing == OutgoingKind.None)
                {
                    if (control.End != control.Start)
                    {
                        at += control.Read(dst, at, end - at);
                        if (at == end)
                        {
                            break; // else the control output is empty
                        }
                    }
                    if (!Select(c))
                    {
                        break;
                    }
                }
                int copied = CopyPacket(c, dst, at, end - at);
                at += copied;
                c.OutgoingOffset += copied;
                if (c.OutgoingOffset == c.OutgoingSize)
                {
                    Finish(c);
                }
            }
            if (at > offset)
            {
                _state.Statistics.BytesSent += at - offset;
            }
            return at - offset;
        }

        /// <summary>Drops the packet in progress of a connection being closed.</summary>
        public void Abandon(Connection c)
        {
            if (c.Outgoing != OutgoingKind.None)
            {
                Finish(c);
            }
            c.ControlOutput.Clear();
        }

        private void Finish(Connection c)
        {
            int m = c.OutgoingMessage;
            if (m >= 0)
            {
                _state.Pool.Release(m);
                c.OutgoingMessage = -1;
            }
            c.Outgoing = OutgoingKind.None;
        }

        /// <summary>Chooses the next PUBLISH or PUBREL of the connection's session, nothing being in progress; false when
        /// none can be sent now.</summary>
        private bool Select(Connection c)
        {
            int s = c.Session;
            if (s < 0)
            {
                return false; // not connected: bound at CONNECT, unbound by the close
            }
            BrokerState state = _state;
            Session session = state.Sessions[s];
            int i = session.InflightCount > 0 ? session.FirstPendingSend() : -1;
            int[] retainedScans = state.Subscriptions.RetainedScans;
            int queued = session.QueueCount;
            if (i < 0 && queued == 0 && retainedScans[s] == 0)
            {
                return false; // nothing to send, the most common answer
            }
            long now = state.NowMs;
            int[] references = state.Pool.References;
            if (i >= 0)
            {
                session.MarkSent(i, now);
                if (session.InflightReleased(i))
                {
                    StartPubRel(c, session.InflightPacketId(i));
                }
                else
                {
                    int held = session.InflightMessage(i);
                    references[held]++;
                    StartPublish(c, held, session.InflightQos(i), session.InflightPacketId(i), session.InflightRetain(i), true);
                }
                return true;
            }
            int qos = 0;
            int m = retainedScans[s] > 0 ? _retained.Next(s, session.WindowOpen, ref qos) : RetainedCursor.None;
            if (m == RetainedCursor.WindowFull)
            {
                return false;
            }
            if (m >= 0)
            {
                references[m]++;
                int packetId = 0;
                if (qos > 0)
                {
                    references[m]++;
                    packetId = session.AddInflight(m, qos, true, now);
                }
                StartPublish(c, m, qos, packetId, true, false); // [MQTT-3.3.1-8]
                return true;
            }
            if (queued == 0)
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
                m = session.Dequeue();
                references[m]++;
                StartPublish(c, m, qos, session.AddInflight(m, qos, false, now), false, false);
            }
            state.QueueSpaceFreed = true;
            return true;
        }

        /// <summary>Starts a PUBLISH of message <paramref name="m"/>, whose reference the connection now holds; the
        /// publisher's bytes are never forwarded, the packet is built for this subscriber.</summary>
        private void StartPublish(Connection c, int m, int qos, int packetId, bool retain, bool dup)
        {
            BrokerState state = _state;
            MessagePool pool = state.Pool;
            int remaining = 2 + pool.TopicLengths[m] + (qos > 0 ? 2 : 0) + pool.PayloadLengths[m];
            c.Outgoing = OutgoingKind.Publish;
            c.OutgoingMessage = m;
            c.OutgoingFlags = (dup ? 0x08 : 0) | (qos << 1) | (retain ? 0x01 : 0);
            c.OutgoingPacketId = packetId;
            c.OutgoingOffset = 0;
            c.OutgoingSize = 1 + Wire.RemainingLengthSize(remaining) + remaining;
            BrokerStatistics statistics = state.Statistics;
            statistics.PacketsSent++;
            statistics.MessagesSent++;
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
            byte[] block = pool.Block(m);
            int topicLength = pool.TopicLengths[m];
            int payloadLength = pool.PayloadLengths[m];
            if (from == 0 && count >= c.OutgoingSize)
            {
                // The common case, an output read with room for the whole PUBLISH: written in one pass.
                int topicOffset = pool.Offsets[m];
                return WritePublish(dst, offset, c.OutgoingFlags, block, topicOffset, topicLength, c.OutgoingPacketId, block, topicOffset + topicLength, payloadLength) - offset;
            }
            int qos = (c.OutgoingFlags >> 1) & 3;
            int remaining = 2 + topicLength + (qos > 0 ? 2 : 0) + payloadLength;
            int header = FixedHeader.Write(_head, 0, PacketType.Publish, (byte)c.OutgoingFlags, remaining);
            Segment(_head, 0, header, ref from, dst, offset, count, ref copied);
            _head[0] = (byte)(topicLength >> 8);
            _head[1] = (byte)topicLength;
            Segment(_head, 0, 2, ref from, dst, offset, count, ref copied);
            Segment(block, pool.Offsets[m], topicLength, ref from, dst, offset, count, ref copied);
            if (qos > 0)
            {
                _head[0] = (byte)(c.OutgoingPacketId >> 8);
                _head[1] = (byte)c.OutgoingPacketId;
                Segment(_head, 0, 2, ref from, dst, offset, count, ref copied);
            }
            Segment(block, pool.Offsets[m] + topicLength, payloadLength, ref from, dst, offset, count, ref copied);
            return copied;
        }

        /// <summary>Writes a whole PUBLISH at <paramref name="offset"/> in one pass: the fixed header with <paramref name="flags"/>
        /// (DUP, QoS, RETAIN), the topic, the packet identifier at QoS 1/2 and the payload; returns the offset after it.</summary>
        internal static int WritePublish(byte[] dst, int offset, int flags, byte[] topic, int topicOffset, int topicLength, int packetId, byte[] payload, int payloadOffset, int payloadLength)
        {
            bool hasId = (flags & 0x06) != 0;
            int p = Wire.WriteFixedHeader(dst, offset, PublishFirstByte | flags, 2 + topicLength + (hasId ? 2 : 0) + payloadLength);
            dst[p] = (byte)(topicLength >> 8);
            dst[p + 1] = (byte)topicLength;
            p += 2;
            System.Array.Copy(topic, topicOffset, dst, p, topicLength);
            p += topicLength;
            if (hasId)
            {
                dst[p] = (byte)(packetId >> 8);
                dst[p + 1] = (byte)packetId;
                p += 2;
            }
            System.Array.Copy(payload, payloadOffset, dst, p, payloadLength);
            return p + payloadLength;
        }

        /// <summary>Copies the part of one segment of the packet that lies at or after <paramref name="from"/> and
        /// fits in the room left; <paramref name="from"/> becomes relative to the next segment.</summary>
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
