using Nano.Mqtt;
using Nano.Mqtt.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>MQTT packets the gateway writes on a client's broker connection, encoded into one preallocated buffer.</summary>
    public sealed partial class SnGateway
    {
        /// <summary>Hands the encoded packet to the broker; false when it did not encode or the connection cannot take it now.</summary>
        private bool Feed(SnGatewayClient c, int length)
        {
            if (length <= 0 || c.Connection < 0 || _broker.ReceiveCapacity(c.Connection) < length)
            {
                return false;
            }
            _broker.Receive(c.Connection, _mqtt, 0, length, _nowMs);
            return true;
        }

        /// <summary>CONNECT without keep-alive (the gateway supervises the client) and without Will (the gateway
        /// keeps the Will, which MQTT-SN can update during a connection, and publishes it when the client is lost).</summary>
        private bool MqttConnect(SnGatewayClient c)
        {
            var p = new ConnectPacket
            {
                ProtocolLevel = ProtocolLevel.V311,
                CleanSession = c.CleanSession,
                KeepAlive = 0,
                ClientId = new ByteSlice(c.ClientId, 0, c.ClientIdLength),
            };
            return Feed(c, p.Encode(_mqtt, 0));
        }

        private bool MqttDisconnect(SnGatewayClient c)
        {
            return Feed(c, new HeaderOnlyPacket(PacketType.Disconnect).Encode(_mqtt, 0));
        }

        private bool MqttPublish(SnGatewayClient c, byte[] topic, int topicOffset, int topicLength, byte[] data, int dataOffset, int dataLength, int qos, bool retain, bool dup, int packetId)
        {
            var p = new PublishPacket
            {
                Dup = dup,
                Qos = (byte)qos,
                Retain = retain,
                PacketId = (ushort)packetId,
                Topic = new ByteSlice(topic, topicOffset, topicLength),
                Payload = new ByteSlice(data, dataOffset, dataLength),
            };
            return Feed(c, p.Encode(_mqtt, 0));
        }

        private bool MqttAck(SnGatewayClient c, PacketType type, int packetId)
        {
            return Feed(c, new AckPacket(type, (ushort)packetId).Encode(_mqtt, 0));
        }

        private bool MqttSubscribe(SnGatewayClient c, int packetId, byte[] filter, int offset, int length, int qos)
        {
            _filters[0] = new ByteSlice(filter, offset, length);
            _requestedQos[0] = (byte)qos;
            var p = new SubscribePacket { PacketId = (ushort)packetId, Count = 1, Filters = _filters, RequestedQos = _requestedQos };
            return Feed(c, p.Encode(_mqtt, 0));
        }

        private bool MqttUnsubscribe(SnGatewayClient c, int packetId, byte[] filter, int offset, int length)
        {
            _filters[0] = new ByteSlice(filter, offset, length);
            var p = new UnsubscribePacket { PacketId = (ushort)packetId, Count = 1, Filters = _filters };
            return Feed(c, p.Encode(_mqtt, 0));
        }
    }
}
