namespace Nano.Mqtt.Client
{
    /// <summary>A stored outgoing message: topic and payload copied into a slot of fixed size, and its QoS flow state.</summary>
    internal sealed class OutboundMessage
    {
        internal const byte Free = 0;

        /// <summary>PUBLISH to be sent (first time, or again after a reconnect or retry).</summary>
        internal const byte Queued = 1;

        internal const byte AwaitingPubAck = 2;
        internal const byte AwaitingPubRec = 3;

        /// <summary>PUBREC received; PUBREL to be sent (again).</summary>
        internal const byte ReleasePending = 4;

        internal const byte AwaitingPubComp = 5;

        /// <summary>Topic bytes, then payload bytes.</summary>
        internal readonly byte[] Data;

        internal int TopicLength;
        internal int PayloadLength;
        internal byte Qos;
        internal bool Retain;

        /// <summary>Non-zero once assigned; kept until the flow completes.</summary>
        internal ushort PacketId;

        internal byte State;

        /// <summary>The PUBLISH was written at least once: any later copy carries DUP=1 [MQTT-3.3.1-1].</summary>
        internal bool SentBefore;

        internal long SentAtMs;

        internal OutboundMessage(int size)
        {
            Data = new byte[size];
        }
    }
}
