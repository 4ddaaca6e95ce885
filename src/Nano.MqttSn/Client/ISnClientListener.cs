namespace Nano.MqttSn.Client
{
    /// <summary>Events of an <see cref="SnClient"/>, raised synchronously from Receive and Poll.</summary>
    public interface ISnClientListener
    {
        /// <summary>ADVERTISE or GWINFO heard; GwAdd is set only when a client answered for the gateway.</summary>
        void OnGateway(int gwId, byte[] gwAdd, int gwAddOffset, int gwAddLength);

        /// <summary>CONNACK accepted.</summary>
        void OnConnected();

        /// <summary>Connection ended; <paramref name="returnCode"/> is the CONNACK code for <see cref="SnDisconnectReason.Rejected"/>.</summary>
        void OnDisconnected(SnDisconnectReason reason, int returnCode);

        /// <summary>The gateway acknowledged a sleep DISCONNECT, or a wake cycle ended.</summary>
        void OnAsleep();

        /// <summary>A PUBLISH was delivered (once, also for QoS 2); the payload is a slice of the received datagram. The
        /// topic name is a slice valid during the call: the registered name of a normal id, the name given to
        /// <see cref="SnClient.DefineTopic"/> for a predefined id (null, length 0, when none was given), or the two
        /// characters of a short topic.</summary>
        void OnMessage(int topicIdType, int topicId, byte[] topicName, int topicNameOffset, int topicNameLength, int qos, bool retain, byte[] payload, int offset, int length);

        /// <summary>REGACK received, or <see cref="SnClient.NoResponse"/> as return code.</summary>
        void OnRegistered(int msgId, int topicId, int returnCode);

        /// <summary>SUBACK received, or <see cref="SnClient.NoResponse"/> as return code.</summary>
        void OnSubscribed(int msgId, int grantedQos, int topicId, int returnCode);

        /// <summary>UNSUBACK received, or <see cref="SnClient.NoResponse"/> as return code.</summary>
        void OnUnsubscribed(int msgId, int returnCode);

        /// <summary>QoS 1/2 flow completed (PUBACK or PUBCOMP), rejected by an error PUBACK (also for QoS 0, msgId 0), or <see cref="SnClient.NoResponse"/>
        /// (also for requests still queued when the connection ended). A PUBLISH to a topic name whose REGISTER was refused
        /// completes with the REGACK's refusal replaced by <see cref="SnReturnCode.InvalidTopicId"/>.</summary>
        void OnPublishCompleted(int msgId, int returnCode);
    }
}
