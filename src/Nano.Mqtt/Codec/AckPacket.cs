namespace Nano.Mqtt.Codec
{
    /// <summary>
    /// PUBACK, PUBREC, PUBREL and PUBCOMP (§3.4–3.7): a packet identifier only. MQTT 5.0 would add a
    /// reason code and properties after the identifier.
    /// </summary>
    public struct AckPacket
    {
        /// <summary><see cref="PacketType.PubAck"/>, <see cref="PacketType.PubRec"/>, <see cref="PacketType.PubRel"/> or <see cref="PacketType.PubComp"/>.</summary>
        public PacketType Type;

        /// <summary>Identifier of the PUBLISH being acknowledged [MQTT-2.3.1-6].</summary>
        public ushort PacketId;

        /// <summary>Creates an acknowledgment of <paramref name="type"/> for <paramref name="packetId"/>.</summary>
        public AckPacket(PacketType type, ushort packetId)
        {
            Type = type;
            PacketId = packetId;
        }

        /// <summary>Decodes one whole PUBACK/PUBREC/PUBREL/PUBCOMP packet (fixed header included) and validates it.</summary>
        /// <param name="protocolLevel">Level negotiated by CONNECT (3 or 4).</param>
        public static MqttError Decode(byte[] buffer, int offset, int count, byte protocolLevel, out AckPacket packet)
        {
            packet = new AckPacket();
            MqttError error = Wire.ReadFixedHeader(buffer, offset, count, out PacketType type, out int flags, out int p, out int end);
            if (error != MqttError.None)
            {
                return error;
            }

            if (type < PacketType.PubAck || type > PacketType.PubComp)
            {
                return MqttError.PacketTypeUnexpected;
            }

            error = Wire.CheckLevel(protocolLevel);
            if (error != MqttError.None)
            {
                return error;
            }

            packet.Type = type;
            bool flagsInvalid = type == PacketType.PubRel ? Wire.RequiredFlagsInvalid(flags, protocolLevel) : flags != 0;
            if (flagsInvalid)
            {
                return MqttError.FixedHeaderFlagsInvalid; // [MQTT-2.2.2-1], [MQTT-3.6.1-1]
            }

            return Wire.ReadPacketIdBody(buffer, p, end, out packet.PacketId);
        }

        /// <summary>Exact encoded size: always 4.</summary>
        public int GetSize()
        {
            return 4;
        }

        /// <summary>Encodes at <paramref name="offset"/> (PUBREL with flags 0010); returns 4, or -1 (nothing
        /// written) when it does not fit or <see cref="Type"/> is not an acknowledgment.</summary>
        public int Encode(byte[] dst, int offset)
        {
            if (Type < PacketType.PubAck || Type > PacketType.PubComp || !Wire.Fits(dst, offset, 4))
            {
                return -1;
            }

            return Wire.WritePacketIdPacket(dst, offset, ((int)Type << 4) | (Type == PacketType.PubRel ? 0x02 : 0), PacketId);
        }
    }
}
