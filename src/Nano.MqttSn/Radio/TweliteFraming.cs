namespace Nano.MqttSn.Radio
{
    /// <summary>
    /// TWELITE App_Uart format mode, binary: 0xA5 0x5A · length (2 octets big-endian, OR 0x8000) ·
    /// payload · XOR of the payload · EOT 0x04. Simple payload: logical device id (destination when
    /// sending, source when receiving) · command (&lt; 0x80) · data, the data being the MQTT-SN message.
    /// The radio address is the 1-octet logical id: 0x00 parent, 0x01–0x64 children, 0x78 all
    /// children as a destination (and the id-less child as a source).
    /// </summary>
    public sealed class TweliteFraming : LengthPrefixedFraming
    {
        /// <summary>Logical id of the parent.</summary>
        public const byte Parent = 0x00;

        /// <summary>Logical id addressing all children (and the id of an id-less child).</summary>
        public const byte AllChildren = 0x78;

        /// <summary>Logical id of messages from the local module itself (0xDB commands and responses).</summary>
        public const byte LocalModule = 0xDB;

        /// <summary>Recommended limit of the data of one simple-format message.</summary>
        public const int RecommendedPayload = 80;

        private const byte Header1 = 0xA5;
        private const byte Header2 = 0x5A;
        private const byte EndOfTransmission = 0x04;
        private const int HeaderLength = 4;
        private const int SimpleOverhead = 2;
        private readonly byte _command;

        /// <summary>
        /// Creates a TWELITE framing that sends and accepts simple-format messages with command
        /// <paramref name="command"/> (&lt; 0x80) carrying payloads up to <paramref name="maxPayload"/> octets.
        /// </summary>
        public TweliteFraming(byte command, int maxPayload)
            : base(maxPayload, 1, HeaderLength + SimpleOverhead + maxPayload + 2, Header1, HeaderLength, false)
        {
            _command = command;
        }

        /// <summary>Creates a framing with command 0x01 and the recommended 80-octet limit.</summary>
        public TweliteFraming()
            : this(0x01, RecommendedPayload)
        {
        }

        /// <inheritdoc />
        protected override int Trailer => EndOfTransmission;

        /// <inheritdoc />
        protected override int FrameLength(byte[] window, int at)
        {
            if (window[at + 1] != Header2 || (window[at + 2] & 0x80) == 0)
            {
                return -1;
            }

            int payloadLength = ((window[at + 2] & 0x7F) << 8) | window[at + 3];
            return payloadLength < SimpleOverhead ? -1 : HeaderLength + payloadLength + 1;
        }

        /// <inheritdoc />
        protected override bool ChecksumValid(byte[] window, int at, int length)
        {
            int xor = 0;
            for (int i = at + HeaderLength; i < at + length; i++)
            {
                xor ^= window[i];
            }

            return xor == 0;
        }

        /// <inheritdoc />
        protected override void Interpret(byte[] window, int at, int length)
        {
            int payload = at + HeaderLength;
            int payloadLength = length - HeaderLength - 1;
            byte source = window[payload];
            if (source == LocalModule || window[payload + 1] != _command || payloadLength == SimpleOverhead)
            {
                SkippedFrames++;
                return;
            }

            DataFrame(payload, payload + SimpleOverhead, payloadLength - SimpleOverhead);
        }

        /// <inheritdoc />
        protected override int Encode(byte[] address, int addressOffset, byte[] payload, int payloadOffset,
            int payloadLength, byte[] destination, int destinationOffset)
        {
            int length = HeaderLength + SimpleOverhead + payloadLength + 2;
            if (destination == null)
            {
                return length;
            }

            int position = destinationOffset;
            int simpleLength = SimpleOverhead + payloadLength;
            destination[position++] = Header1;
            destination[position++] = Header2;
            destination[position++] = (byte)(0x80 | (simpleLength >> 8));
            destination[position++] = (byte)simpleLength;
            byte logicalId = address[addressOffset];
            destination[position++] = logicalId;
            destination[position++] = _command;
            int xor = logicalId ^ _command;
            for (int i = 0; i < payloadLength; i++)
            {
                byte value = payload[payloadOffset + i];
                xor ^= value;
                destination[position++] = value;
            }

            destination[position++] = (byte)xor;
            destination[position] = EndOfTransmission;
            return length;
        }
    }
}
