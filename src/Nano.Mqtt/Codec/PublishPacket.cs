using Nano.Mqtt.Topics;

namespace Nano.Mqtt.Codec
{
    /// <summary>
    /// PUBLISH (§3.3). <see cref="Topic"/> and <see cref="Payload"/> are independent slices, so a
    /// message can be encoded from a topic and a payload stored in different arrays. MQTT 5.0 would
    /// add a properties block between the packet identifier and the payload.
    /// </summary>
    public sealed class PublishPacket : IPacket
    {
        /// <summary>DUP flag: this is a re-delivery.</summary>
        public bool Dup;

        /// <summary>QoS level 0..2.</summary>
        public byte Qos;

        /// <summary>RETAIN flag.</summary>
        public bool Retain;

        /// <summary>Packet identifier; present on the wire only for QoS 1 and 2 [MQTT-2.3.1-5].</summary>
        public ushort PacketId;

        /// <summary>Topic name (UTF-8, no wildcards).</summary>
        public ByteSlice Topic = new ByteSlice();

        /// <summary>Application message (binary, may be empty).</summary>
        public ByteSlice Payload = new ByteSlice();

        /// <summary>Decodes one whole PUBLISH packet (fixed header included) into this instance and validates
        /// it; every field is overwritten. Allocates nothing.</summary>
        /// <param name="protocolLevel">Level negotiated by CONNECT (3 or 4).</param>
        public MqttError Decode(byte[] buffer, int offset, int count, byte protocolLevel)
        {
            MqttError error = Wire.ReadFixedHeader(buffer, offset, count, PacketType.Publish, protocolLevel, out int flags, out int p, out int end);
            if (error != MqttError.None)
            {
                Clear();
                return error;
            }

            return DecodeBody(buffer, flags, p, end, protocolLevel);
        }

        /// <summary>
        /// Decodes a PUBLISH whose fixed header the caller has already read and checked (the packet's type, a
        /// remaining length that spans <paramref name="bodyStart"/> to <paramref name="bodyEnd"/>, a supported
        /// protocol level): the flags nibble and the body only.
        /// </summary>
        public MqttError DecodeBody(byte[] buffer, int flags, int bodyStart, int bodyEnd, byte protocolLevel)
        {
            // Fields are set in place, without helper calls: on the interpreter every call costs as much as
            // dozens of instructions, and this runs for every message a broker or client receives.
            int qos = (flags >> 1) & 0x03;
            Dup = (flags & 0x08) != 0;
            Qos = (byte)qos;
            Retain = (flags & 0x01) != 0;
            PacketId = 0;
            ByteSlice topic = Topic;
            ByteSlice payload = Payload;
            topic.Buffer = buffer;
            topic.Length = 0;
            payload.Buffer = null;
            payload.Offset = 0;
            payload.Length = 0;
            if (qos == 3)
            {
                topic.Buffer = null;
                topic.Offset = 0;
                return MqttError.PublishQos3; // [MQTT-3.3.1-4]
            }

            if (Dup && qos == 0 && protocolLevel == ProtocolLevel.V311)
            {
                topic.Buffer = null;
                topic.Offset = 0;
                return MqttError.PublishDupWithQos0; // [MQTT-3.3.1-2]
            }

            int p = bodyStart + 2;
            int length = p <= bodyEnd ? (buffer[bodyStart] << 8) | buffer[bodyStart + 1] : 0;
            topic.Offset = p;
            if (p > bodyEnd || length > bodyEnd - p)
            {
                topic.Offset = bodyStart;
                return MqttError.FieldOverrunsPacket;
            }

            topic.Length = length;
            MqttError error = TopicName.Validate(buffer, p, length); // [MQTT-3.3.2-1], [MQTT-3.3.2-2]
            if (error != MqttError.None)
            {
                return error;
            }

            p += length;
            if (qos > 0)
            {
                if (bodyEnd - p < 2)
                {
                    return MqttError.FieldOverrunsPacket;
                }

                int packetId = (buffer[p] << 8) | buffer[p + 1];
                PacketId = (ushort)packetId;
                if (packetId == 0)
                {
                    return MqttError.PacketIdZero; // [MQTT-2.3.1-1]
                }

                p += 2;
            }

            payload.Buffer = buffer;
            payload.Offset = p;
            payload.Length = bodyEnd - p;
            return MqttError.None;
        }

        private void Clear()
        {
            Dup = false;
            Qos = 0;
            Retain = false;
            PacketId = 0;
            Topic.Clear();
            Payload.Clear();
        }

        /// <summary>Exact encoded size in bytes, or -1 when it cannot be encoded (topic too long, QoS 3).</summary>
        public int GetSize()
        {
            return Wire.PacketSize(RemainingLength());
        }

        /// <summary>Encodes at <paramref name="offset"/>; returns bytes written, or -1 (nothing written) when
        /// it does not fit or cannot be encoded.</summary>
        public int Encode(byte[] dst, int offset)
        {
            int first = ((int)PacketType.Publish << 4) | (Dup ? 0x08 : 0) | (Qos << 1) | (Retain ? 0x01 : 0);
            int p = Wire.BeginPacket(dst, offset, first, RemainingLength());
            if (p < 0)
            {
                return -1;
            }

            p = Wire.WriteField(dst, p, Topic);
            if (Qos > 0)
            {
                p = Wire.WriteUInt16(dst, p, PacketId);
            }

            p = Wire.WriteBytes(dst, p, Payload);
            return p - offset;
        }

        private int RemainingLength()
        {
            int topic = Wire.FieldSize(Topic);
            if (topic < 0 || Qos > 2 || Wire.SliceInvalid(Payload))
            {
                return -1;
            }

            int length = topic + (Qos > 0 ? 2 : 0) + Payload.Length;
            return length < 0 ? -1 : length;
        }
    }
}
