namespace Nano.Mqtt.Codec
{
    /// <summary>
    /// PINGREQ, PINGRESP and DISCONNECT (§3.12–3.14): a fixed header with remaining length 0.
    /// MQTT 5.0 would give DISCONNECT a reason code and properties.
    /// </summary>
    public sealed class HeaderOnlyPacket : IPacket
    {
        /// <summary><see cref="PacketType.PingReq"/>, <see cref="PacketType.PingResp"/> or <see cref="PacketType.Disconnect"/>.</summary>
        public PacketType Type;

        /// <summary>Creates an empty packet to decode into or to <see cref="Set"/>.</summary>
        public HeaderOnlyPacket()
        {
        }

        /// <summary>Creates a packet of <paramref name="type"/>.</summary>
        public HeaderOnlyPacket(PacketType type)
        {
            Set(type);
        }

        /// <summary>Makes this a packet of <paramref name="type"/>; returns this instance, to encode it in the same expression.</summary>
        public HeaderOnlyPacket Set(PacketType type)
        {
            Type = type;
            return this;
        }

        /// <summary>Decodes one whole PINGREQ/PINGRESP/DISCONNECT packet into this instance and validates it.
        /// Allocates nothing.</summary>
        /// <param name="protocolLevel">Level negotiated by CONNECT (3 or 4).</param>
        public MqttError Decode(byte[] buffer, int offset, int count, byte protocolLevel)
        {
            Type = PacketType.Reserved;
            MqttError error = Wire.ReadFixedHeader(buffer, offset, count, out PacketType type, out int flags, out int p, out int end);
            if (error != MqttError.None)
            {
                return error;
            }

            if (type < PacketType.PingReq || type > PacketType.Disconnect)
            {
                return MqttError.PacketTypeUnexpected;
            }

            error = Wire.CheckLevel(protocolLevel);
            if (error != MqttError.None)
            {
                return error;
            }

            Type = type;
            if (flags != 0)
            {
                return MqttError.FixedHeaderFlagsInvalid; // [MQTT-2.2.2-1], [MQTT-3.14.1-1]
            }

            return end != p ? MqttError.RemainingLengthInvalidForType : MqttError.None;
        }

        /// <summary>Exact encoded size: always 2.</summary>
        public int GetSize()
        {
            return 2;
        }

        /// <summary>Encodes at <paramref name="offset"/>; returns 2, or -1 (nothing written) when it does not fit
        /// or <see cref="Type"/> is not a header-only type.</summary>
        public int Encode(byte[] dst, int offset)
        {
            if (Type < PacketType.PingReq || Type > PacketType.Disconnect || !Wire.Fits(dst, offset, 2))
            {
                return -1;
            }

            dst[offset] = (byte)((int)Type << 4);
            dst[offset + 1] = 0;
            return 2;
        }
    }
}
