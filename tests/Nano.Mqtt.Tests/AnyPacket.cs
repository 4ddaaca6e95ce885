using System;
using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Tests
{
    /// <summary>Test dispatcher: reads the fixed header and calls the matching decoder (one set of packets per thread).</summary>
    internal static class AnyPacket
    {
        public const int MaxFilters = 16;

        [ThreadStatic]
        private static Packets packets;

        public static MqttError Decode(byte[] b, int offset, int count, byte level)
        {
            MqttError error = FixedHeader.Read(b, offset, count, out PacketType type, out _, out _, out _);
            if (error != MqttError.None)
            {
                return error;
            }

            Packets p = packets ??= new Packets();
            switch (type)
            {
                case PacketType.Connect:
                    return p.Connect.Decode(b, offset, count);
                case PacketType.ConnAck:
                    return p.ConnAck.Decode(b, offset, count, level);
                case PacketType.Publish:
                    return p.Publish.Decode(b, offset, count, level);
                case PacketType.PubAck:
                case PacketType.PubRec:
                case PacketType.PubRel:
                case PacketType.PubComp:
                    return p.Ack.Decode(b, offset, count, level);
                case PacketType.Subscribe:
                    return p.Subscribe.Decode(b, offset, count, level);
                case PacketType.SubAck:
                    return p.SubAck.Decode(b, offset, count, level);
                case PacketType.Unsubscribe:
                    return p.Unsubscribe.Decode(b, offset, count, level);
                case PacketType.UnsubAck:
                    return p.UnsubAck.Decode(b, offset, count, level);
                default:
                    return p.HeaderOnly.Decode(b, offset, count, level);
            }
        }

        private sealed class Packets
        {
            public readonly ConnectPacket Connect = new ConnectPacket();
            public readonly ConnAckPacket ConnAck = new ConnAckPacket();
            public readonly PublishPacket Publish = new PublishPacket();
            public readonly AckPacket Ack = new AckPacket();
            public readonly SubscribePacket Subscribe = new SubscribePacket { MaxFilters = MaxFilters };
            public readonly SubAckPacket SubAck = new SubAckPacket();
            public readonly UnsubscribePacket Unsubscribe = new UnsubscribePacket { MaxFilters = MaxFilters };
            public readonly UnsubAckPacket UnsubAck = new UnsubAckPacket();
            public readonly HeaderOnlyPacket HeaderOnly = new HeaderOnlyPacket();
        }
    }
}
