namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// One network connection slot: the received bytes of the packet being assembled, the acknowledgements
    /// waiting to be sent, the packet part-way through being sent, the protocol level and keep-alive chosen at
    /// CONNECT, the bound session and the pending Will. PUBLISH and PUBREL packets are not buffered: the
    /// <see cref="Outbox"/> encodes them on demand from the session's state.
    /// </summary>
    internal sealed class Connection
    {
        public ConnectionState State;

        /// <summary>The connection's own input buffer, enough for most packets.</summary>
        public byte[] InlineInput;

        /// <summary>The buffer holding received bytes: <see cref="InlineInput"/> or a borrowed large buffer.</summary>
        public byte[] Input;
        public int InputLength;

        /// <summary>The large input buffer borrowed from <see cref="LargeInputBuffers"/>, or -1.</summary>
        public int LargeInput = -1;

        /// <summary>Why the PUBLISH at the head of the input waits: for its connected subscribers' queue space and room in the
        /// message pool (<see cref="QueueFullPolicy.Backpressure"/>, since <see cref="AcceptedAtMs"/>) or for a rate token.</summary>
        public PublishWait Waiting;

        /// <summary>CONNACK, PUBACK, PUBREC, PUBCOMP, SUBACK, UNSUBACK and PINGRESP packets waiting to be sent.</summary>
        public Codec.OutputBuffer ControlOutput;

        public OutgoingKind Outgoing;

        /// <summary>The pooled message of the outgoing PUBLISH (one reference held), or -1.</summary>
        public int OutgoingMessage = -1;

        /// <summary>First byte of the outgoing PUBLISH: QoS, RETAIN and DUP.</summary>
        public int OutgoingFlags;
        public int OutgoingPacketId;

        /// <summary>Bytes of the outgoing packet already read by the host.</summary>
        public int OutgoingOffset;
        public int OutgoingSize;

        public byte ProtocolLevel;
        public long KeepAliveMs;
        /// <summary>Until CONNECT, when the connection was accepted; then, while waiting for <see cref="PublishWait.Room"/>, when the PUBLISH at the
        /// head of the input began to wait.</summary>
        public long AcceptedAtMs;
        public long LastActivityMs;

        /// <summary>The bound session, or -1 before CONNECT is accepted and after close.</summary>
        public int Session = -1;

        /// <summary>The Will message in the pool, or -1.</summary>
        public int Will = -1;

        public bool WillRetain;

        /// <summary>PUBLISH tokens in thousandths, refilled from <see cref="TokensAtMs"/> (rate limit).</summary>
        public long PublishTokens;
        public long TokensAtMs;

        public Connection(int inputSize, int controlSize)
        {
            Size(inputSize, controlSize);
        }

        /// <summary>Replaces the input and control buffers with new ones of these sizes; (0, 0) gives them back
        /// (<see cref="BrokerOptions.AllocateOnAccept"/>).</summary>
        public void Size(int inputSize, int controlSize)
        {
            InlineInput = new byte[inputSize];
            Input = InlineInput;
            ControlOutput = new Codec.OutputBuffer(controlSize);
        }

        /// <summary>The control output's array: acknowledgements are encoded at <see cref="ControlEnd"/>.</summary>
        public byte[] Control => ControlOutput.Data;

        public int ControlEnd => ControlOutput.End;

        /// <summary>Makes <paramref name="size"/> contiguous control bytes writable at <see cref="ControlEnd"/>; false
        /// when the control output cannot hold them yet.</summary>
        public bool Reserve(int size) => ControlOutput.Reserve(size, 0) >= 0;

        /// <summary>Resets the slot for a newly accepted connection.</summary>
        public void Open(long nowMs, long publishTokens)
        {
            PublishTokens = publishTokens;
            TokensAtMs = nowMs;
            Waiting = PublishWait.None;
            State = ConnectionState.AwaitingConnect;
            Input = InlineInput;
            InputLength = 0;
            LargeInput = -1;
            ControlOutput.Clear();
            Outgoing = OutgoingKind.None;
            OutgoingMessage = -1;
            ProtocolLevel = 0;
            KeepAliveMs = 0;
            AcceptedAtMs = nowMs;
            LastActivityMs = nowMs;
            Session = -1;
            Will = -1;
            WillRetain = false;
        }
    }
}
