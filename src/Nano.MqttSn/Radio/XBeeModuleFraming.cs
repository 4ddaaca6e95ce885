namespace Nano.MqttSn.Radio
{
    /// <summary>
    /// The module's side of XBee API frames, for emulating an XBee in memory: decodes the host's 0x10
    /// Transmit Requests (the address slice is the 64-bit + 16-bit destination) and writes 0x90
    /// Receive Packets (the address is the source) and 0x8B Transmit Status frames.
    /// </summary>
    public sealed class XBeeModuleFraming : LengthPrefixedFraming
    {
        private const byte Delimiter = 0x7E;
        private const int HeaderLength = 3;
        private const int TransmitOverhead = 14;
        private const int ReceiveOverhead = 12;
        private const int StatusLength = 7;
        private readonly bool _escaped;

        /// <summary>Creates the module side of API mode 2 (<paramref name="escaped"/>) or mode 1.</summary>
        public XBeeModuleFraming(bool escaped, int maxPayload)
            : base(maxPayload, XBeeFraming.XBeeAddressLength, HeaderLength + TransmitOverhead + maxPayload + 1, Delimiter,
                HeaderLength, escaped)
        {
            _escaped = escaped;
        }

        /// <summary>Frame id of the last Transmit Request decoded (0: the host wants no status).</summary>
        public int FrameId { get; private set; }

        /// <summary>Receive options written into the next Receive Packets (0x01 acknowledged, 0x02 broadcast).</summary>
        public byte ReceiveOptions { get; set; }

        /// <summary>Whether the address at <paramref name="offset"/> is the broadcast address (64-bit 0x000000000000FFFF).</summary>
        public static bool IsBroadcast(byte[] address, int offset)
        {
            for (int i = 0; i < 6; i++)
            {
                if (address[offset + i] != 0)
                {
                    return false;
                }
            }

            return address[offset + 6] == 0xFF && address[offset + 7] == 0xFF;
        }

        /// <summary>Writes a 0x8B Transmit Status frame; returns its length (at most 15 octets).</summary>
        public int WriteTransmitStatus(int frameId, byte[] address16, int address16Offset, int deliveryStatus,
            byte[] destination, int destinationOffset)
        {
            int position = destinationOffset;
            Put(destination, ref position, Delimiter, false);
            Put(destination, ref position, 0, _escaped);
            Put(destination, ref position, StatusLength, _escaped);
            int sum = 0;
            PutSummed(destination, ref position, XBeeFraming.TransmitStatusType, ref sum);
            PutSummed(destination, ref position, (byte)frameId, ref sum);
            PutSummed(destination, ref position, address16[address16Offset], ref sum);
            PutSummed(destination, ref position, address16[address16Offset + 1], ref sum);
            PutSummed(destination, ref position, 0, ref sum);
            PutSummed(destination, ref position, (byte)deliveryStatus, ref sum);
            PutSummed(destination, ref position, 0, ref sum);
            Put(destination, ref position, (byte)(0xFF - (sum & 0xFF)), _escaped);
            return position - destinationOffset;
        }

        /// <inheritdoc />
        protected override int FrameLength(byte[] window, int at)
        {
            int dataLength = (window[at + 1] << 8) | window[at + 2];
            return dataLength == 0 ? -1 : HeaderLength + dataLength + 1;
        }

        /// <inheritdoc />
        protected override bool ChecksumValid(byte[] window, int at, int length)
        {
            int sum = 0;
            for (int i = at + HeaderLength; i < at + length; i++)
            {
                sum += window[i];
            }

            return (sum & 0xFF) == 0xFF;
        }

        /// <inheritdoc />
        protected override void Interpret(byte[] window, int at, int length)
        {
            int frameData = at + HeaderLength;
            int dataLength = length - HeaderLength - 1;
            if (window[frameData] == XBeeFraming.TransmitRequest && dataLength > TransmitOverhead)
            {
                FrameId = window[frameData + 1];
                DataFrame(frameData + 2, frameData + TransmitOverhead, dataLength - TransmitOverhead);
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
            int dataLength = ReceiveOverhead + payloadLength;
            Put(destination, ref position, Delimiter, false);
            Put(destination, ref position, (byte)(dataLength >> 8), _escaped);
            Put(destination, ref position, (byte)dataLength, _escaped);
            int sum = XBeeFraming.ReceivePacket + ReceiveOptions;
            Put(destination, ref position, XBeeFraming.ReceivePacket, _escaped);
            for (int i = 0; i < XBeeFraming.XBeeAddressLength; i++)
            {
                byte value = address[addressOffset + i];
                sum += value;
                Put(destination, ref position, value, _escaped);
            }

            Put(destination, ref position, ReceiveOptions, _escaped);
            for (int i = 0; i < payloadLength; i++)
            {
                byte value = payload[payloadOffset + i];
                sum += value;
                Put(destination, ref position, value, _escaped);
            }

            Put(destination, ref position, (byte)(0xFF - (sum & 0xFF)), _escaped);
            return position - destinationOffset;
        }

        private void PutSummed(byte[] destination, ref int position, byte value, ref int sum)
        {
            sum += value;
            Put(destination, ref position, value, _escaped);
        }

        private static void Put(byte[] destination, ref int position, byte value, bool escape)
        {
            if (escape && NeedsEscape(value))
            {
                if (destination != null)
                {
                    destination[position] = EscapeOctet;
                    destination[position + 1] = (byte)(value ^ 0x20);
                }

                position += 2;
                return;
            }

            if (destination != null)
            {
                destination[position] = value;
            }

            position++;
        }
    }
}
