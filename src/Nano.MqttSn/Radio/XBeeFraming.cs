namespace Nano.MqttSn.Radio
{
    /// <summary>
    /// Digi XBee API frames (Zigbee / DigiMesh / XBee 3), API mode 1 (AP = 1) or escaped mode 2
    /// (AP = 2). Receives 0x90 Receive Packet (Data) and 0x8B Transmit Status; sends 0x10 Transmit
    /// Request. The radio address is 10 octets: the 64-bit address then the 16-bit network address,
    /// both big-endian; key clients by the 64-bit part, which does not change.
    /// </summary>
    public sealed class XBeeFraming : XBeeApiFraming
    {
        /// <summary>Payload limit of a Zigbee unicast without fragmentation or encryption.</summary>
        public const int ZigbeeUnicastPayload = 84;

        /// <summary>Frame type 0x10 Transmit Request.</summary>
        public const byte TransmitRequest = 0x10;

        /// <summary>Frame type 0x8B Transmit Status.</summary>
        public const byte TransmitStatusType = 0x8B;

        /// <summary>Frame type 0x90 Receive Packet.</summary>
        public const byte ReceivePacket = 0x90;

        private const int TransmitOverhead = 14;
        private const int ReceiveOverhead = 12;
        private const int LargestKnownOverhead = 18;
        private int _nextFrameId = 1;

        /// <summary>
        /// Creates an XBee framing for payloads up to <paramref name="maxPayload"/> octets;
        /// <paramref name="escaped"/> selects API mode 2 (AP = 2), otherwise mode 1.
        /// </summary>
        public XBeeFraming(bool escaped, int maxPayload)
            : base(escaped, maxPayload, LargestKnownOverhead)
        {
            RequestStatus = true;
        }

        /// <summary>Whether transmit requests carry a non-zero frame id, so the radio answers with 0x8B.</summary>
        public bool RequestStatus { get; set; }

        /// <summary>Broadcast radius of transmit requests (0 = maximum hops).</summary>
        public byte BroadcastRadius { get; set; }

        /// <summary>Transmit options of transmit requests (0x01 disable ACK, 0x20 APS encryption, 0x40 extended timeout).</summary>
        public byte TransmitOptions { get; set; }

        /// <summary>Receive options of the last Data frame (0x01 acknowledged, 0x02 broadcast).</summary>
        public int ReceiveOptions { get; private set; }

        /// <summary>Frame id of the last transmit request written (0 when no status was requested).</summary>
        public int LastFrameId { get; private set; }

        /// <summary>Writes the broadcast address (64-bit 0x000000000000FFFF, 16-bit 0xFFFE).</summary>
        public static void WriteBroadcastAddress(byte[] destination, int offset)
        {
            for (int i = 0; i < 6; i++)
            {
                destination[offset + i] = 0x00;
            }

            destination[offset + 6] = 0xFF;
            destination[offset + 7] = 0xFF;
            destination[offset + 8] = 0xFF;
            destination[offset + 9] = 0xFE;
        }

        /// <inheritdoc />
        protected override void Interpret(byte[] window, int at, int length)
        {
            int frameData = at + HeaderLength;
            int dataLength = length - HeaderLength - 1;
            byte type = window[frameData];
            if (type == ReceivePacket && dataLength > ReceiveOverhead)
            {
                ReceiveOptions = window[frameData + 11];
                DataFrame(frameData + 1, frameData + ReceiveOverhead, dataLength - ReceiveOverhead);
            }
            else if (type == TransmitStatusType && dataLength >= 7)
            {
                StatusFrame(window[frameData + 1], window[frameData + 5]);
            }
            else
            {
                SkippedFrames++;
            }
        }

        /// <inheritdoc />
        protected override int Encode(byte[] address, int addressOffset, byte[] payload, int payloadOffset,
            int payloadLength, byte[] destination, int destinationOffset)
        {
            int position = destinationOffset;
            PutHeader(destination, ref position, TransmitOverhead + payloadLength);
            int sum = 0;
            PutSummed(destination, ref position, TransmitRequest, ref sum);
            PutSummed(destination, ref position, (byte)(RequestStatus ? _nextFrameId : 0), ref sum);
            PutSummed(destination, ref position, address, addressOffset, XBeeAddressLength, ref sum);
            PutSummed(destination, ref position, BroadcastRadius, ref sum);
            PutSummed(destination, ref position, TransmitOptions, ref sum);
            PutSummed(destination, ref position, payload, payloadOffset, payloadLength, ref sum);
            PutChecksum(destination, ref position, sum);
            return position - destinationOffset;
        }

        /// <inheritdoc />
        protected override void FrameWritten()
        {
            if (!RequestStatus)
            {
                LastFrameId = 0;
                return;
            }

            LastFrameId = _nextFrameId;
            _nextFrameId = _nextFrameId == 0xFF ? 1 : _nextFrameId + 1;
        }
    }
}
