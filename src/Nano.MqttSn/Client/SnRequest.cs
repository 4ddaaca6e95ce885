using Nano.MqttSn.Codec;

namespace Nano.MqttSn.Client
{
    /// <summary>
    /// The one acknowledged request of a client and its retransmission (§6.13): the encoded datagram,
    /// its kind and MsgId, re-sent every T_RETRY up to N_RETRY times, PUBLISH and SUBSCRIBE with DUP.
    /// </summary>
    internal sealed class SnRequest
    {
        private readonly int _retryMs;
        private readonly int _maxRetries;
        private long _deadline;
        private int _retries;

        public SnRequest(int maxPacket, int retryMs, int maxRetries)
        {
            Datagram = new byte[maxPacket];
            _retryMs = retryMs;
            _maxRetries = maxRetries;
        }

        /// <summary>The encoded request; encode into it before <see cref="Start"/>.</summary>
        public readonly byte[] Datagram;

        /// <summary>Octets of <see cref="Datagram"/> in use.</summary>
        public int Length;

        /// <summary>What is outstanding.</summary>
        public SnRequestKind Kind;

        /// <summary>MsgId the answer must carry (0 when the answer has none).</summary>
        public int MsgId;

        /// <summary>Octets of the MQTT-SN header of <see cref="Datagram"/> (2, or 4 in the long form).</summary>
        public int HeaderLength => Datagram[0] == 0x01 ? 4 : 2;

        /// <summary>True when no answer is awaited.</summary>
        public bool IsIdle => Kind == SnRequestKind.None;

        /// <summary>True when T_RETRY has passed without an answer.</summary>
        public bool IsDue(long nowMs) => Kind != SnRequestKind.None && nowMs >= _deadline;

        /// <summary>True when N_RETRY re-sends went unanswered.</summary>
        public bool IsExhausted => _retries >= _maxRetries;

        /// <summary>Makes the encoded <see cref="Datagram"/> of <paramref name="length"/> octets the outstanding request.</summary>
        public void Start(SnRequestKind kind, int msgId, int length, long nowMs)
        {
            Kind = kind;
            MsgId = msgId;
            Length = length;
            _retries = 0;
            Restart(nowMs);
        }

        /// <summary>T_RETRY starts again (on a send, or on an intermediate answer such as a Will prompt).</summary>
        public void Restart(long nowMs) => _deadline = nowMs + _retryMs;

        /// <summary>Counts a re-send; PUBLISH and SUBSCRIBE get DUP (§6.13).</summary>
        public void Retry(long nowMs)
        {
            _retries++;
            if (Kind == SnRequestKind.Publish || Kind == SnRequestKind.Subscribe)
            {
                Datagram[HeaderLength] |= SnFlags.Dup;
            }

            Restart(nowMs);
        }

        /// <summary>Nothing outstanding any more.</summary>
        public void End()
        {
            Kind = SnRequestKind.None;
            MsgId = 0;
        }
    }
}
