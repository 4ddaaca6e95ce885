using Nano.Mqtt;
using Nano.Mqtt.Broker;
using Nano.Mqtt.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>
    /// The MQTT side of the gateway: encodes the MQTT packets that stand for a client's MQTT-SN messages and feeds
    /// them to its broker connection, and reads the broker's output on that connection one packet at a time into
    /// preallocated packet instances. One encode buffer and one read buffer for every client.
    /// </summary>
    internal sealed class SnMqttTranslator
    {
        private readonly BrokerEngine _broker;
        private readonly SnGatewayStatistics _statistics;
        private readonly byte[] _mqtt;
        private readonly byte[] _upstream;
        private readonly ConnectPacket _connect = new ConnectPacket();
        private readonly SubscribePacket _subscribe = new SubscribePacket(1);
        private readonly UnsubscribePacket _unsubscribe = new UnsubscribePacket(1);
        private readonly HeaderOnlyPacket _headerOnly = new HeaderOnlyPacket();

        /// <summary>The broker's packets, decoded from <see cref="Packet"/> by the gateway into these instances. A
        /// PUBLISH or acknowledgement written to the broker uses the same instance: it is filled only after the
        /// packet read was used.</summary>
        public readonly ConnAckPacket ConnAck = new ConnAckPacket();
        public readonly PublishPacket Publish = new PublishPacket();
        public readonly AckPacket Ack = new AckPacket();
        public readonly SubAckPacket SubAck = new SubAckPacket();
        public readonly UnsubAckPacket UnsubAck = new UnsubAckPacket();

        public SnMqttTranslator(BrokerEngine broker, SnGatewayOptions options, SnGatewayStatistics statistics)
        {
            _broker = broker;
            _statistics = statistics;
            int longestTopic = options.MaxTopicLength > options.MaxDatagramSize ? options.MaxTopicLength : options.MaxDatagramSize;
            for (int i = 0; i < options.PredefinedTopicCount; i++)
            {
                if (options.PredefinedName(i).Length > longestTopic)
                {
                    longestTopic = options.PredefinedName(i).Length;
                }
            }
            _mqtt = new byte[16 + longestTopic + options.MaxPayload];
            // The largest packet worth reading is a PUBLISH that fits the message pool; a larger one is discarded.
            int largestPublish = 5 + 2 + options.MaxTopicLength + 2 + options.MaxPayload;
            _upstream = new byte[largestPublish < options.MaxBrokerPacketSize ? largestPublish : options.MaxBrokerPacketSize];
        }

        /// <summary>The packet <see cref="ReadPacket"/> read last.</summary>
        public byte[] Packet => _upstream;

        /// <summary>Type of the packet read last.</summary>
        public PacketType PacketType => (PacketType)(_upstream[0] >> 4);

        /// <summary>CONNECT without keep-alive (the gateway supervises the client) and without Will (the gateway
        /// keeps the Will, which MQTT-SN can update during a connection, and publishes it when the client is lost).</summary>
        public bool Connect(SnGatewayClient c, long nowMs)
        {
            ConnectPacket p = _connect;
            p.ProtocolLevel = ProtocolLevel.V311;
            p.CleanSession = c.CleanSession;
            p.KeepAlive = 0;
            p.ClientId.Set(c.Identity, 0, c.ClientIdLength);
            return Feed(c, p.Encode(_mqtt, 0), nowMs);
        }

        public bool Disconnect(SnGatewayClient c, long nowMs)
        {
            return Feed(c, _headerOnly.Set(PacketType.Disconnect).Encode(_mqtt, 0), nowMs);
        }

        /// <summary>PUBLISH of a client's message; the topic name is the one <paramref name="topic"/> resolved.</summary>
        public bool PublishFrom(SnGatewayClient c, SnTopicResolver topic, byte[] data, int dataOffset, int dataLength, int qos, bool retain, bool dup, int packetId, long nowMs)
        {
            PublishPacket p = Publish;
            p.Dup = dup;
            p.Qos = (byte)qos;
            p.Retain = retain;
            p.PacketId = (ushort)packetId;
            p.Topic.Set(topic.Name, topic.Offset, topic.Length);
            p.Payload.Set(data, dataOffset, dataLength);
            return Feed(c, p.Encode(_mqtt, 0), nowMs);
        }

        /// <summary>PUBACK, PUBREC, PUBREL or PUBCOMP.</summary>
        public bool AckFrom(SnGatewayClient c, PacketType type, int packetId, long nowMs)
        {
            return Feed(c, Ack.Set(type, (ushort)packetId).Encode(_mqtt, 0), nowMs);
        }

        public bool Subscribe(SnGatewayClient c, int packetId, SnTopicResolver filter, int qos, long nowMs)
        {
            SubscribePacket p = _subscribe;
            p.PacketId = (ushort)packetId;
            p.Count = 1;
            p.Filters[0].Set(filter.Name, filter.Offset, filter.Length);
            p.RequestedQos[0] = (byte)qos;
            return Feed(c, p.Encode(_mqtt, 0), nowMs);
        }

        public bool Unsubscribe(SnGatewayClient c, int packetId, SnTopicResolver filter, long nowMs)
        {
            UnsubscribePacket p = _unsubscribe;
            p.PacketId = (ushort)packetId;
            p.Count = 1;
            p.Filters[0].Set(filter.Name, filter.Offset, filter.Length);
            return Feed(c, p.Encode(_mqtt, 0), nowMs);
        }

        /// <summary>
        /// Reads exactly one packet of the client's connection into <see cref="Packet"/>; returns its size, 0 when
        /// none is complete, -1 when it was larger than the buffer and discarded (a QoS 1/2 PUBLISH is still
        /// acknowledged so the broker lets it go).
        /// </summary>
        public int ReadPacket(SnGatewayClient c, long nowMs)
        {
            int connection = c.Connection;
            int header = 0;
            PacketType type;
            byte flags;
            int remaining;
            int headerLength;
            MqttError e;
            do
            {
                if (header == 5 || _broker.ReadOutput(connection, _upstream, header, 1) != 1)
                {
                    return 0;
                }
                header++;
                e = FixedHeader.Read(_upstream, 0, header, out type, out flags, out remaining, out headerLength);
            }
            while (e == MqttError.FixedHeaderTruncated);
            if (e != MqttError.None)
            {
                return 0;
            }
            int size = headerLength + remaining;
            int wanted = size <= _upstream.Length ? size : _upstream.Length;
            int got = headerLength;
            while (got < wanted)
            {
                int n = _broker.ReadOutput(connection, _upstream, got, wanted - got);
                if (n <= 0)
                {
                    return 0;
                }
                got += n;
            }
            if (size == wanted)
            {
                return size;
            }
            _statistics.DeliveriesAborted++;
            AcknowledgeOversizedPublish(c, headerLength, nowMs);
            int rest = size - wanted;
            while (rest > 0)
            {
                int n = _broker.ReadOutput(connection, _upstream, 0, rest < _upstream.Length ? rest : _upstream.Length);
                if (n <= 0)
                {
                    break;
                }
                rest -= n;
            }
            return -1;
        }

        private void AcknowledgeOversizedPublish(SnGatewayClient c, int header, long nowMs)
        {
            int qos = (_upstream[0] >> 1) & 0x03;
            if ((_upstream[0] >> 4) != (int)PacketType.Publish || qos == 0 || header + 2 > _upstream.Length)
            {
                return;
            }
            int idAt = header + 2 + ((_upstream[header] << 8) | _upstream[header + 1]);
            if (idAt + 2 <= _upstream.Length)
            {
                AckFrom(c, qos == 1 ? PacketType.PubAck : PacketType.PubRec, (_upstream[idAt] << 8) | _upstream[idAt + 1], nowMs);
            }
        }

        /// <summary>Hands the encoded packet to the broker; false when it did not encode or the connection cannot take it now.</summary>
        private bool Feed(SnGatewayClient c, int length, long nowMs)
        {
            if (length <= 0 || c.Connection < 0 || _broker.ReceiveCapacity(c.Connection) < length)
            {
                return false;
            }
            _broker.Receive(c.Connection, _mqtt, 0, length, nowMs);
            return true;
        }
    }
}
