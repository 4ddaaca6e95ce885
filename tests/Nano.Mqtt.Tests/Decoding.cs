using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Tests
{
    /// <summary>Decodes into a fresh packet per call, so a test can keep several decoded packets side by side.</summary>
    internal static class Decoding
    {
        public static MqttError Decode(byte[] b, int offset, int count, out ConnectPacket packet)
        {
            packet = new ConnectPacket();
            return packet.Decode(b, offset, count);
        }

        public static MqttError Decode(byte[] b, int offset, int count, byte level, out ConnAckPacket packet)
        {
            packet = new ConnAckPacket();
            return packet.Decode(b, offset, count, level);
        }

        public static MqttError Decode(byte[] b, int offset, int count, byte level, out PublishPacket packet)
        {
            packet = new PublishPacket();
            return packet.Decode(b, offset, count, level);
        }

        public static MqttError Decode(byte[] b, int offset, int count, byte level, out AckPacket packet)
        {
            packet = new AckPacket();
            return packet.Decode(b, offset, count, level);
        }

        public static MqttError Decode(byte[] b, int offset, int count, byte level, int maxFilters, out SubscribePacket packet)
        {
            packet = new SubscribePacket { MaxFilters = maxFilters };
            return packet.Decode(b, offset, count, level);
        }

        public static MqttError Decode(byte[] b, int offset, int count, byte level, out SubAckPacket packet)
        {
            packet = new SubAckPacket();
            return packet.Decode(b, offset, count, level);
        }

        public static MqttError Decode(byte[] b, int offset, int count, byte level, int maxFilters, out UnsubscribePacket packet)
        {
            packet = new UnsubscribePacket { MaxFilters = maxFilters };
            return packet.Decode(b, offset, count, level);
        }

        public static MqttError Decode(byte[] b, int offset, int count, byte level, out UnsubAckPacket packet)
        {
            packet = new UnsubAckPacket();
            return packet.Decode(b, offset, count, level);
        }

        public static MqttError Decode(byte[] b, int offset, int count, byte level, out HeaderOnlyPacket packet)
        {
            packet = new HeaderOnlyPacket();
            return packet.Decode(b, offset, count, level);
        }
    }
}
