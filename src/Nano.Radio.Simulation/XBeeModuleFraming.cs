using Nano.MqttSn.Radio;

namespace Nano.Radio.Simulation
{
    /// <summary>
    /// The module's side of XBee API frames, for emulating an XBee in memory: decodes the host's 0x10
    /// Transmit Requests (the address slice is the 64-bit + 16-bit destination) and writes 0x90
    /// Receive Packets (the address is the source) and 0x8B Transmit Status frames.
    /// </summary>
    public sealed class XBeeModuleFraming : XBeeApiFraming
    {
        private const int TransmitOverhead = 14;
        private const int ReceiveOverhead = 12;
        private const int StatusLength = 7;

        /// <summary>Creates the module side of API mode 2 (<paramref name="escaped"/>) or mode 1.</summary>
        public XBeeModuleFraming(bool escaped, int maxPayload)
            : base(escaped, maxPayload, TransmitOverhead)
        {
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
            PutHeader(destination, ref position, StatusLength);
            int sum = 0;
            PutSummed(destination, ref position, XBeeFraming.TransmitStatusType, ref sum);
            PutSummed(destination, ref position, (byte)frameId, ref sum);
            PutSummed(destination, ref position, address16[address16Offset], ref sum);
            PutSummed(destination, ref position, address16[address16Offset + 1], ref sum);
            PutSummed(destination, ref position, 0, ref sum);
            PutSummed(destination, ref position, (byte)deliveryStatus, ref sum);
            PutSummed(destination, ref position, 0, ref sum);
            PutChecksum(destination, ref position, sum);
            return position - destinationOffset;
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
            PutHeader(destination, ref position, ReceiveOverhead + payloadLength);
            int sum = 0;
            PutSummed(destination, ref position, XBeeFraming.ReceivePacket, ref sum);
            PutSummed(destination, ref position, address, addressOffset, XBeeAddressLength, ref sum);
            PutSummed(destination, ref position, ReceiveOptions, ref sum);
            PutSummed(destination, ref position, payload, payloadOffset, payloadLength, ref sum);
            PutChecksum(destination, ref position, sum);
            return position - destinationOffset;
        }
    }
}
