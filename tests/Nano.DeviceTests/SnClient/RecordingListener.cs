using Nano.MqttSn.Client;

namespace Nano.DeviceTests.SnClient
{
    /// <summary>Counts the client's events and keeps the last values (primitives only: recording allocates nothing).</summary>
    public sealed class RecordingListener : ISnClientListener
    {
        /// <summary>ADVERTISE or GWINFO heard.</summary>
        public int Gateways;

        /// <summary>CONNACK accepted.</summary>
        public int Connected;

        /// <summary>Connections ended.</summary>
        public int Disconnected;

        /// <summary>Reason of the last end.</summary>
        public SnDisconnectReason LastReason;

        /// <summary>Times the client fell asleep.</summary>
        public int Asleep;

        /// <summary>PUBLISHes delivered.</summary>
        public int Messages;

        /// <summary>Topic id of the last PUBLISH.</summary>
        public int LastTopicId;

        /// <summary>Length of the topic name handed with the last PUBLISH; -1 when none was.</summary>
        public int LastTopicNameLength;

        /// <summary>QoS of the last PUBLISH.</summary>
        public int LastQos;

        /// <summary>First payload octet of the last PUBLISH (-1 when empty).</summary>
        public int LastFirstOctet;

        /// <summary>REGACKs or registration failures.</summary>
        public int Registered;

        /// <summary>Topic id of the last REGACK.</summary>
        public int LastRegisteredTopicId;

        /// <summary>SUBACKs or subscription failures.</summary>
        public int Subscribed;

        /// <summary>Granted QoS of the last SUBACK.</summary>
        public int LastGrantedQos;

        /// <summary>UNSUBACKs or failures.</summary>
        public int Unsubscribed;

        /// <summary>QoS 1/2 flows completed (or failed).</summary>
        public int Completed;

        /// <summary>MsgId of the last completion.</summary>
        public int LastCompletedMsgId;

        /// <summary>Return code of the last completion.</summary>
        public int LastCompletedReturnCode;

        /// <summary>Return code of the last acknowledgement event.</summary>
        public int LastReturnCode;

        /// <inheritdoc />
        public void OnGateway(int gwId, byte[] gwAdd, int gwAddOffset, int gwAddLength) => Gateways++;

        /// <inheritdoc />
        public void OnConnected() => Connected++;

        /// <inheritdoc />
        public void OnDisconnected(SnDisconnectReason reason, int returnCode)
        {
            Disconnected++;
            LastReason = reason;
            LastReturnCode = returnCode;
        }

        /// <inheritdoc />
        public void OnAsleep() => Asleep++;

        /// <inheritdoc />
        public void OnMessage(int topicIdType, int topicId, byte[] topicName, int topicNameOffset, int topicNameLength, int qos, bool retain, byte[] payload, int offset, int length)
        {
            Messages++;
            LastTopicId = topicId;
            LastTopicNameLength = topicName == null ? -1 : topicNameLength;
            LastQos = qos;
            LastFirstOctet = length > 0 ? payload[offset] : -1;
        }

        /// <inheritdoc />
        public void OnRegistered(int msgId, int topicId, int returnCode)
        {
            Registered++;
            LastRegisteredTopicId = topicId;
            LastReturnCode = returnCode;
        }

        /// <inheritdoc />
        public void OnSubscribed(int msgId, int grantedQos, int topicId, int returnCode)
        {
            Subscribed++;
            LastGrantedQos = grantedQos;
            LastReturnCode = returnCode;
        }

        /// <inheritdoc />
        public void OnUnsubscribed(int msgId, int returnCode)
        {
            Unsubscribed++;
            LastReturnCode = returnCode;
        }

        /// <inheritdoc />
        public void OnPublishCompleted(int msgId, int returnCode)
        {
            Completed++;
            LastCompletedMsgId = msgId;
            LastCompletedReturnCode = returnCode;
        }
    }
}
