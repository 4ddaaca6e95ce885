namespace Nano.Mqtt.Codec
{
    /// <summary>
    /// SUBACK (§3.9): one return code per filter of the SUBSCRIBE, in order [MQTT-3.9.3-1].
    /// MQTT 5.0 would add properties after the packet identifier and more reason codes.
    /// </summary>
    public sealed class SubAckPacket : IPacket
    {
        /// <summary>Return code for a rejected subscription (level 4 only).</summary>
        public const byte Failure = 0x80;

        /// <summary>Identifier of the SUBSCRIBE being acknowledged [MQTT-3.8.4-2].</summary>
        public ushort PacketId;

        /// <summary>Return codes: granted QoS 0..2, or <see cref="Failure"/>.</summary>
        public ByteSlice ReturnCodes = new ByteSlice();

        /// <summary>Decodes one whole SUBACK packet (fixed header included) into this instance and validates
        /// it; every field is overwritten. Allocates nothing.</summary>
        /// <param name="protocolLevel">Level negotiated by CONNECT: 0x80 is invalid at level 3.</param>
        public MqttError Decode(byte[] buffer, int offset, int count, byte protocolLevel)
        {
            PacketId = 0;
            ReturnCodes.Clear();
            MqttError error = Wire.ReadFixedHeader(buffer, offset, count, PacketType.SubAck, protocolLevel, out int flags, out int p, out int end);
            if (error != MqttError.None)
            {
                return error;
            }

            if (flags != 0)
            {
                return MqttError.FixedHeaderFlagsInvalid; // [MQTT-2.2.2-1]
            }

            error = Wire.ReadPacketId(buffer, ref p, end, out ushort packetId);
            PacketId = packetId;
            if (error != MqttError.None)
            {
                return error;
            }

            ReturnCodes.Set(buffer, p, end - p);
            if (p == end)
            {
                return MqttError.SubAckNoReturnCodes;
            }

            for (; p < end; p++)
            {
                int code = buffer[p];
                bool valid = code <= 2 || (code == Failure && protocolLevel == ProtocolLevel.V311);
                if (!valid)
                {
                    return MqttError.SubAckReturnCodeInvalid; // [MQTT-3.9.3-2]
                }
            }

            return MqttError.None;
        }

        /// <summary>Exact encoded size in bytes, or -1 when it cannot be encoded.</summary>
        public int GetSize()
        {
            return Wire.PacketSize(RemainingLength());
        }

        /// <summary>Encodes at <paramref name="offset"/>; returns bytes written, or -1 (nothing written) when it
        /// does not fit or cannot be encoded. The caller never puts <see cref="Failure"/> in a level 3 SUBACK.</summary>
        public int Encode(byte[] dst, int offset)
        {
            int p = Wire.BeginPacket(dst, offset, (int)PacketType.SubAck << 4, RemainingLength());
            if (p < 0)
            {
                return -1;
            }

            p = Wire.WriteUInt16(dst, p, PacketId);
            p = Wire.WriteBytes(dst, p, ReturnCodes);
            return p - offset;
        }

        private int RemainingLength()
        {
            return ReturnCodes.Length <= 0 || Wire.SliceInvalid(ReturnCodes) ? -1 : 2 + ReturnCodes.Length;
        }
    }
}
