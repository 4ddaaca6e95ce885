namespace Nano.Mqtt.Codec
{
    /// <summary>UNSUBACK (§3.11). MQTT 5.0 would add properties and one reason code per topic filter.</summary>
    public struct UnsubAckPacket
    {
        /// <summary>Identifier of the UNSUBSCRIBE being acknowledged [MQTT-3.10.4-4].</summary>
        public ushort PacketId;

        /// <summary>Decodes one whole UNSUBACK packet (fixed header included) and validates it.</summary>
        /// <param name="protocolLevel">Level negotiated by CONNECT (3 or 4).</param>
        public static MqttError Decode(byte[] buffer, int offset, int count, byte protocolLevel, out UnsubAckPacket packet)
        {
            packet = new UnsubAckPacket();
            MqttError error = Wire.ReadFixedHeader(buffer, offset, count, PacketType.UnsubAck, out int flags, out int p, out int end);
            if (error != MqttError.None)
            {
                return error;
            }

            error = Wire.CheckLevel(protocolLevel);
            if (error != MqttError.None)
            {
                return error;
            }

            if (flags != 0)
            {
                return MqttError.FixedHeaderFlagsInvalid; // [MQTT-2.2.2-1]
            }

            if (end - p != 2)
            {
                return MqttError.RemainingLengthInvalidForType;
            }

            packet.PacketId = (ushort)Wire.ReadUInt16(buffer, p);
            return packet.PacketId == 0 ? MqttError.PacketIdZero : MqttError.None;
        }

        /// <summary>Exact encoded size: always 4.</summary>
        public int GetSize()
        {
            return 4;
        }

        /// <summary>Encodes at <paramref name="offset"/>; returns 4, or -1 (nothing written) when it does not fit.</summary>
        public int Encode(byte[] dst, int offset)
        {
            if (!Wire.Fits(dst, offset, 4))
            {
                return -1;
            }

            dst[offset] = (int)PacketType.UnsubAck << 4;
            dst[offset + 1] = 2;
            Wire.WriteUInt16(dst, offset + 2, PacketId);
            return 4;
        }
    }
}
