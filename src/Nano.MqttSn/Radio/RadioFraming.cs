namespace Nano.MqttSn.Radio
{
    /// <summary>
    /// A serial radio framing: a streaming decoder of received bytes into frames and an encoder of
    /// (radio address, MQTT-SN payload) into frame bytes. The receive buffer is allocated once;
    /// decoding and encoding allocate nothing.
    /// </summary>
    /// <remarks>
    /// Decoding loop: call <see cref="Feed"/> with received bytes; it returns how many it consumed
    /// and stops right after a complete frame (<see cref="FrameKind"/> other than None). Handle the
    /// frame (the slices stay valid until the next <see cref="Feed"/>), then call
    /// <see cref="Feed"/> again with the rest (possibly none: bytes already taken may hold more
    /// frames) until it returns with <see cref="RadioFrameKind.None"/>.
    /// </remarks>
    public abstract class RadioFraming
    {
        /// <summary>Creates a framing with a receive buffer of <paramref name="bufferLength"/> octets.</summary>
        protected RadioFraming(int maxPayload, int addressLength, int bufferLength)
        {
            MaxPayload = maxPayload;
            AddressLength = addressLength;
            Buffer = new byte[bufferLength];
        }

        /// <summary>Largest MQTT-SN payload this radio carries in one frame.</summary>
        public int MaxPayload { get; }

        /// <summary>Octets of a radio address (0 for address-less transparent radios).</summary>
        public int AddressLength { get; }

        /// <summary>Where the part of a radio address starts that the network may change while the node stays the
        /// same (see <see cref="ChangingAddressLength"/>).</summary>
        public virtual int ChangingAddressOffset => 0;

        /// <summary>Octets of a radio address that the network may change while the node stays the same (XBee: the
        /// 16-bit network address, reassigned when the node rejoins); 0 when the whole address identifies the node.</summary>
        public virtual int ChangingAddressLength => 0;

        /// <summary>The receive buffer that the payload and address slices point into.</summary>
        public byte[] Buffer { get; }

        /// <summary>What the last <see cref="Feed"/> completed.</summary>
        public RadioFrameKind FrameKind { get; protected set; }

        /// <summary>Offset in <see cref="Buffer"/> of the source address of a Data frame.</summary>
        public int AddressOffset { get; protected set; }

        /// <summary>Offset in <see cref="Buffer"/> of the payload of a Data frame.</summary>
        public int PayloadOffset { get; protected set; }

        /// <summary>Length of the payload of a Data frame.</summary>
        public int PayloadLength { get; protected set; }

        /// <summary>Frame id that a TransmitStatus frame reports on.</summary>
        public int StatusFrameId { get; protected set; }

        /// <summary>Delivery status of a TransmitStatus frame (0 = success).</summary>
        public int DeliveryStatus { get; protected set; }

        /// <summary>Valid Data and TransmitStatus frames decoded.</summary>
        public int FramesReceived { get; protected set; }

        /// <summary>Complete frames dropped because their checksum or CRC did not match.</summary>
        public int ChecksumErrors { get; protected set; }

        /// <summary>Frames dropped because they would not fit the receive buffer.</summary>
        public int OversizeFrames { get; protected set; }

        /// <summary>Frames abandoned before completion or structurally invalid (truncated, bad escape).</summary>
        public int MalformedFrames { get; protected set; }

        /// <summary>Octets dropped outside any frame (line noise, resynchronisation).</summary>
        public int DiscardedBytes { get; protected set; }

        /// <summary>Valid frames of types that carry no MQTT-SN payload for this link.</summary>
        public int SkippedFrames { get; protected set; }

        /// <summary>TransmitStatus frames reporting a failed delivery.</summary>
        public int TransmitFailures { get; protected set; }

        /// <summary>
        /// Consumes received octets until a frame completes or the input ends; returns how many were
        /// consumed. Never throws for any input.
        /// </summary>
        public abstract int Feed(byte[] data, int offset, int count);

        /// <summary>
        /// Gives up a partially received frame (call when the line has been idle for longer than a
        /// frame takes). Octets after its start are decoded again by the next <see cref="Feed"/>
        /// where the framing allows it.
        /// </summary>
        public abstract void AbandonPartialFrame();

        /// <summary>
        /// Exact length of the frame that <see cref="WriteFrame"/> would write, or -1 when the payload
        /// is empty or longer than <see cref="MaxPayload"/>.
        /// </summary>
        public int MeasureFrame(byte[] address, int addressOffset, byte[] payload, int payloadOffset, int payloadLength)
        {
            if (payloadLength <= 0 || payloadLength > MaxPayload)
            {
                return -1;
            }

            return Encode(address, addressOffset, payload, payloadOffset, payloadLength, null, 0);
        }

        /// <summary>
        /// Writes a frame carrying the payload to the radio address into
        /// <paramref name="destination"/>; returns the octets written, or -1 when the payload is
        /// invalid or the frame does not fit.
        /// </summary>
        public int WriteFrame(byte[] address, int addressOffset, byte[] payload, int payloadOffset, int payloadLength,
            byte[] destination, int destinationOffset)
        {
            int length = MeasureFrame(address, addressOffset, payload, payloadOffset, payloadLength);
            if (length < 0 || destinationOffset < 0 || destination.Length - destinationOffset < length)
            {
                return -1;
            }

            Encode(address, addressOffset, payload, payloadOffset, payloadLength, destination, destinationOffset);
            FrameWritten();
            return length;
        }

        /// <summary>
        /// Encodes a frame into <paramref name="destination"/>, or only counts its octets when
        /// <paramref name="destination"/> is null; returns the frame length.
        /// </summary>
        protected abstract int Encode(byte[] address, int addressOffset, byte[] payload, int payloadOffset,
            int payloadLength, byte[] destination, int destinationOffset);

        /// <summary>
        /// Writes one octet of a frame, or nothing when <paramref name="destination"/> is null because
        /// <see cref="Encode"/> is only measuring the frame.
        /// </summary>
        protected static void PutOctet(byte[] destination, int position, byte value)
        {
            if (destination != null)
            {
                destination[position] = value;
            }
        }

        /// <summary>Called after each frame written (e.g. to advance a frame id).</summary>
        protected virtual void FrameWritten()
        {
        }

        /// <summary>Records a decoded Data frame.</summary>
        protected void DataFrame(int addressOffset, int payloadOffset, int payloadLength)
        {
            FrameKind = RadioFrameKind.Data;
            AddressOffset = addressOffset;
            PayloadOffset = payloadOffset;
            PayloadLength = payloadLength;
            FramesReceived++;
        }

        /// <summary>Records a decoded TransmitStatus frame.</summary>
        protected void StatusFrame(int frameId, int deliveryStatus)
        {
            FrameKind = RadioFrameKind.TransmitStatus;
            StatusFrameId = frameId;
            DeliveryStatus = deliveryStatus;
            FramesReceived++;
            if (deliveryStatus != 0)
            {
                TransmitFailures++;
            }
        }
    }
}
