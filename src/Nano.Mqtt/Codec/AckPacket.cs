namespace Nano.Mqtt.Codec
{
    /// <summary>
    /// PUBACK, PUBREC, PUBREL and PUBCOMP (§3.4–3.7): a packet identifier only. MQTT 5.0 would add a
    /// reason code and properties after the identifier.
    /// </summary>
    public sealed class AckPacket : IPacket
    {
        /// <summary><see cref="PacketType.PubAck"/>, <see cref="PacketType.PubRec"/>, <see cref="PacketType.PubRel"/> or <see cref="PacketType.PubComp"/>.</summary>
        public PacketType Type;

        /// <summary>Identifier of the PUBLISH being acknowledged [MQTT-2.3.1-6].</summary>
        public ushort PacketId;

        /// <summary>Creates an empty acknowledgment to decode into or to <see cref="Set"/>.</summary>
        public AckPacket()
        {
        }

        /// <summary>Creates an acknowledgment of <paramref name="type"/> for <paramref name="packetId"/>.</summary>
        public AckPacket(PacketType type, ushort packetId)
        {
            Set(type, packetId);
        }

        /// <summary>Makes this the acknowledgment of <paramref name="type"/> for <paramref name="packetId"/>; returns
        /// this instance, to encode it in the same expression.</summary>
        public AckPacket Set(PacketType type, ushort packetId)
        {
            Type = type;
            PacketId = packetId;
            return this;
        }

        /// <summary>Decodes one whole PUBACK/PUBREC/PUBREL/PUBCOMP packet (fixed header included) into this
        /// instance and validates it; every field is overwritten. Allocates nothing.</summary>
        /// <param name="protocolLevel">Level negotiated by CONNECT (3 or 4).</param>
        public MqttError Decode(byte[] buffer, int offset, int count, byte protocolLevel)
        {
            Type = PacketType.Reserved;
            PacketId = 0;
            MqttError error = Wire.ReadFixedHeader(buffer, offset, count, out PacketType type, out int flags, out int p, out int end);
            if (error != MqttError.None)
            {
                return error;
            }

            error = Wire.CheckLevel(protocolLevel);
            return error != MqttError.None && type >= PacketType.PubAck && type <= PacketType.PubComp
                ? error
                : DecodeBody(buffer, buffer[offset], p, end, protocolLevel);
        }

        /// <summary>
        /// Decodes an acknowledgement whose fixed header the caller has already read and checked (a remaining length
        /// that spans <paramref name="bodyStart"/> to <paramref name="bodyEnd"/>, a supported protocol level):
        /// <paramref name="firstByte"/> (type and flags) and the body, without helper calls (this runs for every
        /// QoS 1/2 message).
        /// </summary>
        public MqttError DecodeBody(byte[] buffer, int firstByte, int bodyStart, int bodyEnd, byte protocolLevel)
        {
            Type = PacketType.Reserved;
            PacketId = 0;
            PacketType type = (PacketType)(firstByte >> 4);
            if (type < PacketType.PubAck || type > PacketType.PubComp)
            {
                return MqttError.PacketTypeUnexpected;
            }

            Type = type;
            int flags = firstByte & 0x0F;
            bool flagsInvalid = type == PacketType.PubRel ? Wire.RequiredFlagsInvalid(flags, protocolLevel) : flags != 0;
            if (flagsInvalid)
            {
                return MqttError.FixedHeaderFlagsInvalid; // [MQTT-2.2.2-1], [MQTT-3.6.1-1]
            }

            if (bodyEnd - bodyStart != 2)
            {
                return MqttError.RemainingLengthInvalidForType;
            }

            int packetId = (buffer[bodyStart] << 8) | buffer[bodyStart + 1];
            PacketId = (ushort)packetId;
            return packetId == 0 ? MqttError.PacketIdZero : MqttError.None; // [MQTT-2.3.1-1]
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
