using Nano.Mqtt;
using Nano.Mqtt.Codec;

namespace Nano.MqttSn.Gateway
{
    /// <summary>MQTT packets the gateway writes on a client's broker connection, encoded into one preallocated buffer.</summary>
    public sealed partial class SnGateway
    {
        private readonly ConnectPacket _connect = new ConnectPacket();
        private readonly ConnAckPacket _connAck = new ConnAckPacket();
        private readonly PublishPacket _publishIn = new PublishPacket();
        private readonly PublishPacket _publishOut = new PublishPacket();
        private readonly AckPacket _ackIn = new AckPacket();
        private readonly AckPacket _ackOut = new AckPacket();
        private readonly SubscribePacket _subscribe = new SubscribePacket(1);
        private readonly SubAckPacket _subAck = new SubAckPacket();
        private readonly UnsubscribePacket _unsubscribe = new UnsubscribePacket(1);
        private readonly UnsubAckPacket _unsubAck = new UnsubAckPacket();
        private readonly HeaderOnlyPacket _headerOnly = new HeaderOnlyPacket();

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
            ConnectPacket p = _connect;
            p.ProtocolLevel = ProtocolLevel.V311;
            p.CleanSession = c.CleanSession;
            p.KeepAlive = 0;
            p.ClientId.Set(c.ClientId, 0, c.ClientIdLength);
            return Feed(c, p.Encode(_mqtt, 0));
        }

        private bool MqttDisconnect(SnGatewayClient c)
        {
            return Feed(c, _headerOnly.Set(PacketType.Disconnect).Encode(_mqtt, 0));
        }

        private bool MqttPublish(SnGatewayClient c, byte[] topic, int topicOffset, int topicLength, byte[] data, int dataOffset, int dataLength, int qos, bool retain, bool dup, int packetId)
        {
            PublishPacket p = _publishOut;
            p.Dup = dup;
            p.Qos = (byte)qos;
            p.Retain = retain;
            p.PacketId = (ushort)packetId;
            p.Topic.Set(topic, topicOffset, topicLength);
            p.Payload.Set(data, dataOffset, dataLength);
            return Feed(c, p.Encode(_mqtt, 0));
        }

        private bool MqttAck(SnGatewayClient c, PacketType type, int packetId)
        {
            return Feed(c, _ackOut.Set(type, (ushort)packetId).Encode(_mqtt, 0));
        }

        private bool MqttSubscribe(SnGatewayClient c, int packetId, byte[] filter, int offset, int length, int qos)
        {
            SubscribePacket p = _subscribe;
            p.PacketId = (ushort)packetId;
            p.Count = 1;
            p.Filters[0].Set(filter, offset, length);
            p.RequestedQos[0] = (byte)qos;
            return Feed(c, p.Encode(_mqtt, 0));
        }

        private bool MqttUnsubscribe(SnGatewayClient c, int packetId, byte[] filter, int offset, int length)
        {
            UnsubscribePacket p = _unsubscribe;
            p.PacketId = (ushort)packetId;
            p.Count = 1;
            p.Filters[0].Set(filter, offset, length);
            return Feed(c, p.Encode(_mqtt, 0));
        }
    }
}
