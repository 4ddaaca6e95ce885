namespace Nano.Mqtt.Client
{
    /// <summary>A stored outgoing message: topic and payload copied into a slot of fixed size, and its QoS flow state.</summary>
    internal sealed class OutboundMessage
    {
        /// <summary>Topic bytes, then payload bytes.</summary>
        internal readonly byte[] Data;

        internal int TopicLength;
        internal int PayloadLength;
        internal byte Qos;
        internal bool Retain;

        /// <summary>Non-zero once assigned; kept until the flow completes.</summary>
        internal ushort PacketId;

        internal OutboundState State;

        /// <summary>The PUBLISH was written at least once: any later copy carries DUP=1 [MQTT-3.3.1-1].</summary>
        internal bool SentBefore;

        internal long SentAtMs;

        internal OutboundMessage(int size)
        {
            Data = new byte[size];
        }
    }
}
