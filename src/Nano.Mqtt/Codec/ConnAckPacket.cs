namespace Nano.Mqtt.Codec
{
    /// <summary>CONNACK (§3.2). MQTT 5.0 would add properties after the reason code.</summary>
    public sealed class ConnAckPacket : IPacket
    {
        /// <summary>Session Present (level 4 only; always false at level 3, where the byte is reserved).</summary>
        public bool SessionPresent;

        /// <summary>Connect return code.</summary>
        public ConnectReturnCode ReturnCode;

        /// <summary>Decodes one whole CONNACK packet (fixed header included) into this instance and validates
        /// it; every field is overwritten. Allocates nothing.</summary>
        /// <param name="protocolLevel">Level the client sent in CONNECT (3 or 4).</param>
        public MqttError Decode(byte[] buffer, int offset, int count, byte protocolLevel)
        {
            SessionPresent = false;
            ReturnCode = ConnectReturnCode.Accepted;
            MqttError error = Wire.ReadFixedHeader(buffer, offset, count, PacketType.ConnAck, protocolLevel, out int flags, out int p, out int end);
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

            int acknowledgeFlags = buffer[p];
            int returnCode = buffer[p + 1];
            if (protocolLevel == ProtocolLevel.V311)
            {
                if ((acknowledgeFlags & 0xFE) != 0)
                {
                    return MqttError.ConnAckReservedFlagsSet;
                }

                SessionPresent = acknowledgeFlags == 1;
            }

            if (returnCode > (int)ConnectReturnCode.NotAuthorized)
            {
                return MqttError.ConnAckReturnCodeReserved;
            }

            ReturnCode = (ConnectReturnCode)returnCode;
            if (SessionPresent && returnCode != 0)
            {
                return MqttError.ConnAckSessionPresentWithError; // [MQTT-3.2.2-4]
            }

            return MqttError.None;
        }

        /// <summary>Exact encoded size: always 4.</summary>
        public int GetSize()
        {
            return 4;
        }

        /// <summary>Encodes at <paramref name="offset"/>; returns 4, or -1 (nothing written) when it does not fit.
        /// The caller keeps <see cref="SessionPresent"/> false at level 3.</summary>
        public int Encode(byte[] dst, int offset)
        {
            if (!Wire.Fits(dst, offset, 4))
            {
                return -1;
            }

            dst[offset] = (int)PacketType.ConnAck << 4;
            dst[offset + 1] = 2;
            dst[offset + 2] = (byte)(SessionPresent ? 1 : 0);
            dst[offset + 3] = (byte)ReturnCode;
            return 4;
        }
    }
}
