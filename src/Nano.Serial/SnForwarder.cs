using Nano.Mqtt.Codec;
using Nano.MqttSn.Codec;

namespace Nano.Serial
{
    /// <summary>Helpers for the MQTT-SN forwarder encapsulation (0xFE, §5.5) on radio links.</summary>
    public static class SnForwarder
    {
        /// <summary>Whether the datagram's header names the 0xFE envelope (short or long length form).</summary>
        public static bool IsEncapsulated(byte[] buffer, int offset, int count)
        {
            if (count >= 2 && buffer[offset] != 0x01)
            {
                return buffer[offset + 1] == SnMessageType.Encapsulated;
            }

            return count >= 4 && buffer[offset] == 0x01 && buffer[offset + 3] == SnMessageType.Encapsulated;
        }

        /// <summary>Whether the envelope's wireless node id equals <paramref name="nodeId"/>.</summary>
        public static bool SameNodeId(EncapsulatedMessage envelope, byte[] nodeId)
            => Bytes.Equal(envelope.NodeId, envelope.NodeIdOffset, envelope.NodeIdLength, nodeId, 0, nodeId.Length);
    }
}
