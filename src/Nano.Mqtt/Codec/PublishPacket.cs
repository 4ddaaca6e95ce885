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
            // Each field is set once, without helper calls on the way to success: on the interpreter every call costs as
            // much as dozens of instructions, and this runs for every message a broker or client receives.
            int qos = (flags >> 1) & 0x03;
            bool dup = (flags & 0x08) != 0;
            Dup = dup;
            Qos = (byte)qos;
            Retain = (flags & 0x01) != 0;
            if (qos == 3)
            {
                return Refuse(MqttError.PublishQos3, null, 0, 0); // [MQTT-3.3.1-4]
            }

            if (dup && qos == 0 && protocolLevel == ProtocolLevel.V311)
            {
                return Refuse(MqttError.PublishDupWithQos0, null, 0, 0); // [MQTT-3.3.1-2]
            }

            int p = bodyStart + 2;
            if (p > bodyEnd)
            {
                return Refuse(MqttError.FieldOverrunsPacket, buffer, bodyStart, 0);
            }

            int length = (buffer[bodyStart] << 8) | buffer[bodyStart + 1];
            if (length > bodyEnd - p)
            {
                return Refuse(MqttError.FieldOverrunsPacket, buffer, bodyStart, 0);
            }

            // [MQTT-3.3.2-1], [MQTT-3.3.2-2]; the range is inside the buffer and at most 65,535 bytes long.
            MqttError error = length >= 8 && TopicName.PlainAscii(buffer, p, length) ? MqttError.None : TopicName.CheckEachByte(buffer, p, length);
            if (error != MqttError.None)
            {
                return Refuse(error, buffer, p, length);
            }

            int topicOffset = p;
            p += length;
            int packetId = 0;
            if (qos > 0)
            {
                if (bodyEnd - p < 2)
                {
                    return Refuse(MqttError.FieldOverrunsPacket, buffer, topicOffset, length);
                }

                packetId = (buffer[p] << 8) | buffer[p + 1];
                if (packetId == 0)
                {
                    return Refuse(MqttError.PacketIdZero, buffer, topicOffset, length); // [MQTT-2.3.1-1]
                }

                p += 2;
            }

            PacketId = (ushort)packetId;
            ByteSlice topic = Topic;
            topic.Buffer = buffer;
            topic.Offset = topicOffset;
            topic.Length = length;
            ByteSlice payload = Payload;
            payload.Buffer = buffer;
            payload.Offset = p;
            payload.Length = bodyEnd - p;
            return MqttError.None;
        }

        /// <summary>Leaves the topic as far as it was read, no packet identifier and no payload, and returns <paramref name="error"/>.</summary>
        private MqttError Refuse(MqttError error, byte[] topicBuffer, int topicOffset, int topicLength)
        {
            PacketId = 0;
            ByteSlice topic = Topic;
            topic.Buffer = topicBuffer;
            topic.Offset = topicOffset;
            topic.Length = topicLength;
            Payload.Clear();
            return error;
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
