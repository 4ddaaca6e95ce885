using Nano.Mqtt.Codec;

namespace Nano.Mqtt.Client
{
    /// <summary>
    /// An application message. Topic and payload are slices of <paramref name="buffer"/>, valid only
    /// during the call (copy what must be kept).
    /// </summary>
    public delegate void MessageHandler(byte[] buffer, int topicOffset, int topicLength, int payloadOffset, int payloadLength, int qos, bool retain);

    /// <summary>The engine entered <paramref name="state"/>; <paramref name="reason"/> says why a connection ended.</summary>
    public delegate void StateChangedHandler(ClientState state, DisconnectReason reason);

    /// <summary>CONNACK arrived with <paramref name="returnCode"/>; <paramref name="sessionPresent"/> as the server sent it.</summary>
    public delegate void ConnAckHandler(ConnectReturnCode returnCode, bool sessionPresent);

    /// <summary>SUBACK for a filter: <paramref name="returnCode"/> is the granted QoS (0..2) or 0x80 (failure).</summary>
    public delegate void SubscribeResultHandler(byte[] filter, int filterOffset, int filterLength, int returnCode);

    /// <summary>A stored message completed with <paramref name="outcome"/>: its packet identifier (0 when none was
    /// assigned: QoS 0, or never sent), QoS and topic (a slice of <paramref name="topic"/>, valid only during the call).</summary>
    public delegate void PublishCompletedHandler(int packetId, byte[] topic, int topicOffset, int topicLength, int qos, PublishOutcome outcome);

    /// <summary>UNSUBACK for a filter.</summary>
    public delegate void UnsubscribeResultHandler(byte[] filter, int filterOffset, int filterLength);
}
