using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Tests
{
    /// <summary>Test dispatcher: reads the fixed header and calls the matching decoder.</summary>
    internal static class AnyPacket
    {
        public const int MaxFilters = 16;

        public static MqttError Decode(byte[] b, int offset, int count, byte level)
        {
            MqttError error = FixedHeader.Read(b, offset, count, out PacketType type, out _, out _, out _);
            if (error != MqttError.None)
            {
                return error;
            }

            switch (type)
            {
                case PacketType.Connect:
                    return ConnectPacket.Decode(b, offset, count, out _);
                case PacketType.ConnAck:
                    return ConnAckPacket.Decode(b, offset, count, level, out _);
                case PacketType.Publish:
                    return PublishPacket.Decode(b, offset, count, level, out _);
                case PacketType.PubAck:
                case PacketType.PubRec:
                case PacketType.PubRel:
                case PacketType.PubComp:
                    return AckPacket.Decode(b, offset, count, level, out _);
                case PacketType.Subscribe:
                    return SubscribePacket.Decode(b, offset, count, level, MaxFilters, out _);
                case PacketType.SubAck:
                    return SubAckPacket.Decode(b, offset, count, level, out _);
                case PacketType.Unsubscribe:
                    return UnsubscribePacket.Decode(b, offset, count, level, MaxFilters, out _);
                case PacketType.UnsubAck:
                    return UnsubAckPacket.Decode(b, offset, count, level, out _);
                default:
                    return HeaderOnlyPacket.Decode(b, offset, count, level, out _);
            }
        }
    }
}
