using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Client
{
    /// <summary>
    /// Encodes the client's packets into its output buffer, from packet instances allocated once. Every
    /// write either encodes the whole packet or nothing. <see cref="ResponseReserve"/> bytes stay free
    /// after a packet the client initiates, so the acknowledgment a received packet needs always fits. A packet
    /// larger than the whole buffer enlarges it (the engine sizes the buffer for its largest packet unless
    /// <see cref="MqttClientOptions.GrowBuffers"/>, so only a growing client gets there).
    /// </summary>
    internal sealed class PacketWriter
    {
        /// <summary>Output kept free for the acknowledgment a received packet may need (PUBACK..PUBCOMP).</summary>
        internal const int ResponseReserve = 4;

        private OutputBuffer _output;
        private readonly AckPacket _ack = new AckPacket();
        private readonly HeaderOnlyPacket _headerOnly = new HeaderOnlyPacket();
        private readonly SubscribePacket _subscribe = new SubscribePacket(1);
        private readonly UnsubscribePacket _unsubscribe = new UnsubscribePacket(1);

        internal PacketWriter(int size)
        {
            _output = new OutputBuffer(size);
            _subscribe.Count = 1;
            _unsubscribe.Count = 1;
        }

        /// <summary>The PUBLISH to write next: the engine fills it, then calls <see cref="WritePublish"/>.</summary>
        internal readonly PublishPacket Publish = new PublishPacket();

        internal OutputBuffer Output
        {
            get { return _output; }
        }

        /// <summary>True when a packet of <paramref name="size"/> fits with <paramref name="keepFree"/> bytes left.</summary>
        internal bool Fits(int size, int keepFree)
        {
            return _output.Reserve(size, keepFree) >= 0;
        }

        internal bool WriteConnect(ConnectPacket connect)
        {
            return Write(connect, 0);
        }

        internal bool WritePublish()
        {
            return Write(Publish, ResponseReserve);
        }

        /// <summary>PUBACK, PUBREC, PUBREL or PUBCOMP; <paramref name="keepFree"/> is 0 for an answer to a received packet.</summary>
        internal bool WriteAck(PacketType type, ushort packetId, int keepFree)
        {
            _ack.Set(type, packetId);
            return Write(_ack, keepFree);
        }

        internal bool WriteHeaderOnly(PacketType type, int keepFree)
        {
            _headerOnly.Set(type);
            return Write(_headerOnly, keepFree);
        }

        internal bool WriteSubscribe(byte[] filter, int offset, int length, byte qos, ushort packetId)
        {
            _subscribe.PacketId = packetId;
            _subscribe.Filters[0].Set(filter, offset, length);
            _subscribe.RequestedQos[0] = qos;
            return Write(_subscribe, ResponseReserve);
        }

        internal bool WriteUnsubscribe(byte[] filter, int offset, int length, ushort packetId)
        {
            _unsubscribe.PacketId = packetId;
            _unsubscribe.Filters[0].Set(filter, offset, length);
            return Write(_unsubscribe, ResponseReserve);
        }

        private bool Write(IPacket packet, int keepFree)
        {
            int size = packet.GetSize();
            if (size + keepFree > _output.Data.Length)
            {
                OutputBuffer larger = new OutputBuffer(size + keepFree + _output.Pending);
                int pending = _output.Pending;
                larger.Reserve(pending, 0);
                _output.Read(larger.Data, 0, pending);
                larger.Commit(pending);
                _output = larger;
            }

            int offset = _output.Reserve(size, keepFree);
            if (offset < 0)
            {
                return false;
            }

            packet.Encode(_output.Data, offset);
            _output.Commit(size);
            return true;
        }
    }
}
