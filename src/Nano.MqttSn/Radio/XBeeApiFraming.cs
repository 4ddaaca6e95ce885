namespace Nano.MqttSn.Radio
{
    /// <summary>
    /// Digi XBee API frames, shared by the host side (<see cref="XBeeFraming"/>) and the emulated
    /// module side (Nano.Radio.Simulation.XBeeModuleFraming): 0x7E · length of the frame data (2 octets
    /// big-endian) · frame data · checksum (0xFF minus the low octet of the sum of the frame data),
    /// escaped after the delimiter in API mode 2.
    /// </summary>
    public abstract class XBeeApiFraming : LengthPrefixedFraming
    {
        /// <summary>Octets of an XBee radio address (64-bit + 16-bit).</summary>
        public const int XBeeAddressLength = 10;

        /// <inheritdoc />
        public override int ChangingAddressOffset => 8;

        /// <inheritdoc />
        public override int ChangingAddressLength => 2;

        /// <summary>Octets before the frame data: the delimiter and the length.</summary>
        protected const int HeaderLength = 3;

        private const byte Delimiter = 0x7E;
        private readonly bool _escaped;

        /// <summary>
        /// Creates API mode 2 (<paramref name="escaped"/>) or mode 1 framing for payloads up to
        /// <paramref name="maxPayload"/> octets, in frames of up to <paramref name="largestOverhead"/>
        /// octets of frame data besides the payload.
        /// </summary>
        protected XBeeApiFraming(bool escaped, int maxPayload, int largestOverhead)
            : base(maxPayload, XBeeAddressLength, HeaderLength + largestOverhead + maxPayload + 1, Delimiter,
                HeaderLength, escaped)
        {
            _escaped = escaped;
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

        /// <summary>Writes the delimiter and the length of <paramref name="dataLength"/> octets of frame data.</summary>
        protected void PutHeader(byte[] destination, ref int position, int dataLength)
        {
            Put(destination, ref position, Delimiter, false);
            Put(destination, ref position, (byte)(dataLength >> 8), _escaped);
            Put(destination, ref position, (byte)dataLength, _escaped);
        }

        /// <summary>Writes an octet of frame data and adds it to <paramref name="sum"/>.</summary>
        protected void PutSummed(byte[] destination, ref int position, byte value, ref int sum)
        {
            sum += value;
            Put(destination, ref position, value, _escaped);
        }

        /// <summary>Writes <paramref name="length"/> octets of frame data and adds them to <paramref name="sum"/>.</summary>
        protected void PutSummed(byte[] destination, ref int position, byte[] source, int offset, int length, ref int sum)
        {
            for (int i = 0; i < length; i++)
            {
                PutSummed(destination, ref position, source[offset + i], ref sum);
            }
        }

        /// <summary>Writes the checksum of the frame data whose octets add up to <paramref name="sum"/>.</summary>
        protected void PutChecksum(byte[] destination, ref int position, int sum)
        {
            Put(destination, ref position, (byte)(0xFF - (sum & 0xFF)), _escaped);
        }

        /// <summary>Writes one octet (escaped when <paramref name="escape"/> and needed), or only counts it
        /// when <paramref name="destination"/> is null.</summary>
        private static void Put(byte[] destination, ref int position, byte value, bool escape)
        {
            if (escape && NeedsEscape(value))
            {
                PutOctet(destination, position++, EscapeOctet);
                value ^= 0x20;
            }

            PutOctet(destination, position++, value);
        }
    }
}
