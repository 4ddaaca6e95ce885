using Nano.Mqtt.Topics;

namespace Nano.Mqtt.Codec
{
    /// <summary>
    /// CONNECT (§3.1). Decoded string and binary fields are slices of the received buffer; to encode,
    /// point each slice at any caller-owned bytes. Client-id policy (empty id, length, characters) is
    /// left to the server. MQTT 5.0 would add a properties block after the keep-alive and a Will
    /// properties block before the Will topic; level 5 is rejected before either is reached.
    /// </summary>
    public sealed class ConnectPacket : IPacket
    {
        private static readonly byte[] NameMqtt = { (byte)'M', (byte)'Q', (byte)'T', (byte)'T' };
        private static readonly byte[] NameMqisdp = { (byte)'M', (byte)'Q', (byte)'I', (byte)'s', (byte)'d', (byte)'p' };

        /// <summary><see cref="Mqtt.ProtocolLevel.V31"/> ("MQIsdp") or <see cref="Mqtt.ProtocolLevel.V311"/> ("MQTT").
        /// After <see cref="MqttError.ConnectProtocolLevelUnsupported"/> it holds the level received.</summary>
        public byte ProtocolLevel;

        /// <summary>The client is a bridge: the level byte carries 0x80 (Mosquitto's try_private), which the level
        /// in <see cref="ProtocolLevel"/> never includes.</summary>
        public bool Bridge;

        /// <summary>Clean Session flag.</summary>
        public bool CleanSession;

        /// <summary>Keep-alive interval in seconds; 0 disables it.</summary>
        public ushort KeepAlive;

        /// <summary>Client identifier (UTF-8, may be empty).</summary>
        public ByteSlice ClientId = new ByteSlice();

        /// <summary>Will flag: <see cref="WillTopic"/> and <see cref="WillMessage"/> are present.</summary>
        public bool HasWill;

        /// <summary>Will QoS (0..2).</summary>
        public byte WillQos;

        /// <summary>Will Retain flag.</summary>
        public bool WillRetain;

        /// <summary>Will topic (a topic name).</summary>
        public ByteSlice WillTopic = new ByteSlice();

        /// <summary>Will message (binary).</summary>
        public ByteSlice WillMessage = new ByteSlice();

        /// <summary>User name flag: <see cref="UserName"/> is present.</summary>
        public bool HasUserName;

        /// <summary>User name (UTF-8).</summary>
        public ByteSlice UserName = new ByteSlice();

        /// <summary>Password flag: <see cref="Password"/> is present.</summary>
        public bool HasPassword;

        /// <summary>Password (binary; a string at 3.1, not validated as text at either level).</summary>
        public ByteSlice Password = new ByteSlice();

        /// <summary>Decodes one whole CONNECT packet (fixed header included) into this instance and validates
        /// it; every field is overwritten. The level comes from the packet itself. Allocates nothing.</summary>
        public MqttError Decode(byte[] buffer, int offset, int count)
        {
            ProtocolLevel = 0;
            Bridge = false;
            CleanSession = false;
            KeepAlive = 0;
            HasWill = false;
            WillQos = 0;
            WillRetain = false;
            HasUserName = false;
            HasPassword = false;
            ClientId.Clear();
            WillTopic.Clear();
            WillMessage.Clear();
            UserName.Clear();
            Password.Clear();
            MqttError error = Wire.ReadFixedHeader(buffer, offset, count, PacketType.Connect, out int flags, out int p, out int end);
            if (error != MqttError.None)
            {
                return error;
            }

            if (flags != 0)
            {
                return MqttError.FixedHeaderFlagsInvalid; // [MQTT-2.2.2-1]
            }

            int nameOffset = Wire.SkipField(buffer, ref p, end, out int nameLength);
            if (nameOffset < 0)
            {
                return MqttError.FieldOverrunsPacket;
            }

            byte expectedLevel;
            if (Bytes.Equal(buffer, nameOffset, nameLength, NameMqtt, 0, NameMqtt.Length))
            {
                expectedLevel = Mqtt.ProtocolLevel.V311;
            }
            else if (Bytes.Equal(buffer, nameOffset, nameLength, NameMqisdp, 0, NameMqisdp.Length))
            {
                expectedLevel = Mqtt.ProtocolLevel.V31;
            }
            else
            {
                return MqttError.ConnectProtocolNameInvalid; // [MQTT-3.1.2-1]
            }

            if (end - p < 4)
            {
                return MqttError.FieldOverrunsPacket;
            }

            Bridge = (buffer[p] & 0x80) != 0;
            byte level = (byte)(buffer[p] & 0x7F);
            ProtocolLevel = level;
            if (level != Mqtt.ProtocolLevel.V31 && level != Mqtt.ProtocolLevel.V311)
            {
                return MqttError.ConnectProtocolLevelUnsupported; // [MQTT-3.1.2-2]
            }

            if (level != expectedLevel)
            {
                return MqttError.ConnectProtocolNameLevelMismatch;
            }

            int connectFlags = buffer[p + 1];
            KeepAlive = (ushort)Wire.ReadUInt16(buffer, p + 2);
            p += 4;
            if ((connectFlags & 0x01) != 0 && level == Mqtt.ProtocolLevel.V311)
            {
                return MqttError.ConnectReservedFlagSet; // [MQTT-3.1.2-3]
            }

            CleanSession = (connectFlags & 0x02) != 0;
            HasWill = (connectFlags & 0x04) != 0;
            WillQos = (byte)((connectFlags >> 3) & 0x03);
            WillRetain = (connectFlags & 0x20) != 0;
            HasPassword = (connectFlags & 0x40) != 0;
            HasUserName = (connectFlags & 0x80) != 0;
            if (WillQos == 3)
            {
                return MqttError.ConnectWillQos3; // [MQTT-3.1.2-14]
            }

            if (!HasWill && WillQos != 0)
            {
                return MqttError.ConnectWillQosWithoutWill; // [MQTT-3.1.2-13]
            }

            if (!HasWill && WillRetain)
            {
                return MqttError.ConnectWillRetainWithoutWill; // [MQTT-3.1.2-15]
            }

            if (HasPassword && !HasUserName)
            {
                return MqttError.ConnectPasswordWithoutUserName; // [MQTT-3.1.2-22]
            }

            // Payload order [MQTT-3.1.3-1]: client id, Will topic, Will message, user name, password.
            error = Wire.ReadField(buffer, ref p, end, ClientId);
            if (error == MqttError.None)
            {
                error = Utf8.Validate(buffer, ClientId.Offset, ClientId.Length); // [MQTT-3.1.3-4]
            }

            if (error == MqttError.None && HasWill)
            {
                error = Wire.ReadField(buffer, ref p, end, WillTopic);
                if (error == MqttError.None && TopicName.Validate(buffer, WillTopic.Offset, WillTopic.Length) != MqttError.None)
                {
                    error = MqttError.ConnectWillTopicInvalid; // [MQTT-3.1.3-10]
                }

                if (error == MqttError.None)
                {
                    error = Wire.ReadField(buffer, ref p, end, WillMessage);
                }
            }

            if (error == MqttError.None && HasUserName)
            {
                error = Wire.ReadField(buffer, ref p, end, UserName);
                if (error == MqttError.None)
                {
                    error = Utf8.Validate(buffer, UserName.Offset, UserName.Length);
                }
            }

            if (error == MqttError.None && HasPassword)
            {
                error = Wire.ReadField(buffer, ref p, end, Password);
            }

            if (error == MqttError.None && p != end)
            {
                error = MqttError.TrailingBytes;
            }

            return error;
        }

        /// <summary>Exact encoded size in bytes, or -1 when a field is too long or the level is not 3 or 4.</summary>
        public int GetSize()
        {
            return Wire.PacketSize(RemainingLength());
        }

        /// <summary>Encodes at <paramref name="offset"/>; returns bytes written, or -1 (nothing written) when
        /// it does not fit or cannot be encoded.</summary>
        public int Encode(byte[] dst, int offset)
        {
            int p = Wire.BeginPacket(dst, offset, (int)PacketType.Connect << 4, RemainingLength());
            if (p < 0)
            {
                return -1;
            }

            byte[] name = ProtocolLevel == Mqtt.ProtocolLevel.V31 ? NameMqisdp : NameMqtt;
            p = Wire.WriteUInt16(dst, p, name.Length);
            System.Array.Copy(name, 0, dst, p, name.Length);
            p += name.Length;
            dst[p++] = (byte)(ProtocolLevel | (Bridge ? 0x80 : 0));
            int connectFlags = (CleanSession ? 0x02 : 0) | (HasUserName ? 0x80 : 0) | (HasPassword ? 0x40 : 0);
            if (HasWill)
            {
                connectFlags |= 0x04 | (WillQos << 3) | (WillRetain ? 0x20 : 0);
            }

            dst[p++] = (byte)connectFlags;
            p = Wire.WriteUInt16(dst, p, KeepAlive);
            p = Wire.WriteField(dst, p, ClientId);
            if (HasWill)
            {
                p = Wire.WriteField(dst, p, WillTopic);
                p = Wire.WriteField(dst, p, WillMessage);
            }

            if (HasUserName)
            {
                p = Wire.WriteField(dst, p, UserName);
            }

            if (HasPassword)
            {
                p = Wire.WriteField(dst, p, Password);
            }

            return p - offset;
        }

        private int RemainingLength()
        {
            int nameLength;
            if (ProtocolLevel == Mqtt.ProtocolLevel.V311)
            {
                nameLength = NameMqtt.Length;
            }
            else if (ProtocolLevel == Mqtt.ProtocolLevel.V31)
            {
                nameLength = NameMqisdp.Length;
            }
            else
            {
                return -1;
            }

            if (WillQos > 2)
            {
                return -1;
            }

            int length = 2 + nameLength + 4;
            int field = Wire.FieldSize(ClientId);
            if (field < 0)
            {
                return -1;
            }

            length += field;
            if (HasWill)
            {
                int topic = Wire.FieldSize(WillTopic);
                int message = Wire.FieldSize(WillMessage);
                if (topic < 0 || message < 0)
                {
                    return -1;
                }

                length += topic + message;
            }

            if (HasUserName)
            {
                field = Wire.FieldSize(UserName);
                if (field < 0)
                {
                    return -1;
                }

                length += field;
            }

            if (HasPassword)
            {
                field = Wire.FieldSize(Password);
                if (field < 0)
                {
                    return -1;
                }

                length += field;
            }

            return length;
        }
    }
}
