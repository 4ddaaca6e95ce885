namespace Nano.MqttSn.Gateway
{
    /// <summary>Counters of an <see cref="SnGateway"/>'s activity.</summary>
    public sealed class SnGatewayStatistics
    {
        /// <summary>Datagrams handed to <see cref="SnGateway.Receive"/>.</summary>
        public long DatagramsReceived;

        /// <summary>Datagrams returned by <see cref="SnGateway.NextDatagram"/>.</summary>
        public long DatagramsSent;

        /// <summary>Received datagrams ignored: the sum of <see cref="DatagramsMalformed"/>,
        /// <see cref="DatagramsUnknownType"/> and <see cref="DatagramsOutOfState"/>.</summary>
        public long DatagramsIgnored;

        /// <summary>Ignored datagrams that failed to decode: empty, shorter than their header, a Length that
        /// disagrees with the datagram, reserved flags or return codes, invalid topic names, a bad forwarder
        /// envelope, or an unusable link or address (§5).</summary>
        public long DatagramsMalformed;

        /// <summary>Ignored datagrams of a MsgType that MQTT-SN 1.2 does not define (§5.2.2).</summary>
        public long DatagramsUnknownType;

        /// <summary>Ignored datagrams that are well formed but of no use in the sender's state: a message before its
        /// CONNECT, a WILLMSG not asked for, a message only a gateway sends, another gateway's ADVERTISE.</summary>
        public long DatagramsOutOfState;

        /// <summary>Datagrams not queued because the pending-datagram store was full (the peer re-sends).</summary>
        public long DatagramsDropped;

        /// <summary>Clients in the active, asleep or awake state.</summary>
        public int ClientsConnected;

        /// <summary>Clients asleep or awake.</summary>
        public int ClientsAsleep;

        /// <summary>CONNECTs accepted.</summary>
        public long Connects;

        /// <summary>CONNECTs answered with a rejection.</summary>
        public long ConnectsRefused;

        /// <summary>Clients declared lost (keep-alive or sleep timer expiry, or retries exhausted).</summary>
        public long ClientsLost;

        /// <summary>Wills published for lost clients.</summary>
        public long WillsPublished;

        /// <summary>PUBLISH from clients forwarded to the broker (QoS 0, 1, 2).</summary>
        public long PublishesReceived;

        /// <summary>QoS -1 PUBLISH forwarded to the broker.</summary>
        public long PublishesQosMinusOne;

        /// <summary>PUBLISH from clients refused with an error PUBACK (invalid topic id, congestion, too large).</summary>
        public long PublishesRejected;

        /// <summary>PUBLISH sent to clients (first transmissions).</summary>
        public long PublishesSent;

        /// <summary>REGISTER sent to clients.</summary>
        public long RegistersSent;

        /// <summary>Re-sent REGISTER, PUBLISH and PUBREL.</summary>
        public long Retries;

        /// <summary>Deliveries aborted because the topic or data does not fit (§6.10), no topic id was free, or
        /// the client rejected the topic's registration.</summary>
        public long DeliveriesAborted;

        /// <summary>Deliveries dropped because N_RETRY re-sends got no answer.</summary>
        public long DeliveriesUnacknowledged;

        /// <summary>Messages dropped because a sleeping client's buffer was full.</summary>
        public long DroppedWhileAsleep;

        /// <summary>ADVERTISE broadcasts queued.</summary>
        public long Advertisements;

        /// <summary>Transmit failures reported by the host through <see cref="SnGateway.DeliveryFailed"/>.</summary>
        public long LinkDeliveryFailures;

        /// <summary>Counts a datagram that failed to decode with <paramref name="error"/>.</summary>
        internal void Undecodable(Codec.SnError error)
        {
            DatagramsIgnored++;
            if (error == Codec.SnError.UnknownMessageType)
            {
                DatagramsUnknownType++;
            }
            else
            {
                DatagramsMalformed++;
            }
        }

        /// <summary>Counts a well-formed datagram that had no use in its sender's state.</summary>
        internal void OutOfState()
        {
            DatagramsIgnored++;
            DatagramsOutOfState++;
        }
    }
}
