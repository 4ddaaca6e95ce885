namespace Nano.Mqtt.Codec
{
    /// <summary>UNSUBACK (§3.11). MQTT 5.0 would add properties and one reason code per topic filter.</summary>
    public sealed class UnsubAckPacket : IPacket
    {
        /// <summary>Identifier of the UNSUBSCRIBE being acknowledged [MQTT-3.10.4-4].</summary>
        public ushort PacketId;

        /// <summary>Decodes one whole UNSUBACK packet (fixed header included) into this instance and validates
        /// it; every field is overwritten. Allocates nothing.</summary>
        /// <param name="protocolLevel">Level negotiated by CONNECT (3 or 4).</param>
        public MqttError Decode(byte[] buffer, int offset, int count, byte protocolLevel)
        {
            PacketId = 0;
            MqttError error = Wire.ReadFixedHeader(buffer, offset, count, PacketType.UnsubAck, protocolLevel, out int flags, out int p, out int end);
            if (error != MqttError.None)
            {
                return error;
            }

            if (flags != 0)
            {
                return MqttError.FixedHeaderFlagsInvalid; // [MQTT-2.2.2-1]
            }

            error = Wire.ReadPacketIdBody(buffer, p, end, out ushort packetId);
            PacketId = packetId;
            return error;
        }

        /// <summary>Exact encoded size: always 4.</summary>
        public int GetSize()
        {
            return 4;
        }

        /// <summary>Encodes at <paramref name="offset"/>; returns 4, or -1 (nothing written) when it does not fit.</summary>
        public int Encode(byte[] dst, int offset)
        {
            return Wire.Fits(dst, offset, 4) ? Wire.WritePacketIdPacket(dst, offset, (int)PacketType.UnsubAck << 4, PacketId) : -1;
        }
    }
}
