using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Broker
{
    /// <summary>
    /// One network connection slot: the received bytes not yet processed, the bytes waiting to be sent,
    /// the protocol level and keep-alive chosen at CONNECT, the bound session and the pending Will.
    /// </summary>
    internal sealed class Connection
    {
        public const byte Free = 0;
        public const byte AwaitingConnect = 1;
        public const byte Connected = 2;

        /// <summary>No more input is processed; output drains until the host closes the socket.</summary>
        public const byte Closing = 3;

        public byte State;
        public readonly byte[] Input;
        public int InputLength;
        public readonly OutputBuffer Out;

        public byte ProtocolLevel;
        public long KeepAliveMs;
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

        /// <summary>A PUBLISH is waiting for a token (counted once).</summary>
        public bool Throttled;

        public Connection(int inputSize, int outputSize)
        {
            Input = new byte[inputSize];
            Out = new OutputBuffer(outputSize);
        }

        /// <summary>The array packets are encoded into, at <see cref="OutputEnd"/> after <see cref="Reserve"/>.</summary>
        public byte[] Output => Out.Data;

        public int OutputEnd => Out.End;

        public int OutputPending => Out.Pending;

        public int OutputFree => Out.Free;

        /// <summary>Makes <paramref name="size"/> contiguous bytes writable at <see cref="OutputEnd"/>; false when
        /// the buffer cannot hold them.</summary>
        public bool Reserve(int size) => Out.Reserve(size, 0) >= 0;

        /// <summary>Copies up to <paramref name="count"/> pending bytes out and consumes them.</summary>
        public int Read(byte[] dst, int offset, int count) => Out.Read(dst, offset, count);

        /// <summary>Resets the slot for a newly accepted connection.</summary>
        public void Open(long nowMs, long publishTokens)
        {
            PublishTokens = publishTokens;
            TokensAtMs = nowMs;
            Throttled = false;
            State = AwaitingConnect;
            InputLength = 0;
            Out.Clear();
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
