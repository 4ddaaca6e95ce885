using Nano.MqttSn.Client;
using Nano.MqttSn.Codec;
using Nano.MqttSn.Radio;

namespace Nano.Serial
{
    /// <summary>
    /// Pumps an <see cref="SnClient"/> over a radio module: received frames go to
    /// <see cref="SnClient.Receive"/>, the client's datagrams to the gateway's radio address (or the
    /// broadcast address). On address-less radios (SLIP, COBS) every datagram is sent in the forwarder
    /// encapsulation (0xFE, §5.5) with this node's wireless node id, and only encapsulated datagrams
    /// carrying that id, or datagrams without encapsulation (gateway broadcasts), are accepted.
    /// </summary>
    public sealed class SerialNodeLink
    {
        private readonly SnClient _client;
        private readonly RadioPort _port;
        private readonly byte[] _gatewayAddress;
        private readonly byte[] _broadcastAddress;
        private readonly byte[] _nodeId;
        private readonly byte[] _datagram;
        private readonly byte[] _wrapped;
        private readonly EncapsulatedMessage _received = new EncapsulatedMessage();
        private readonly EncapsulatedMessage _sent = new EncapsulatedMessage();

        /// <summary>
        /// Creates the link. <paramref name="nodeId"/> is the wireless node id for the forwarder
        /// encapsulation (null on radios that deliver source addresses); <paramref name="maxDatagram"/>
        /// the client's MaxPacketSize.
        /// </summary>
        public SerialNodeLink(SnClient client, RadioPort port, byte[] gatewayAddress, byte[] broadcastAddress,
            byte[] nodeId, int maxDatagram)
        {
            _client = client;
            _port = port;
            _gatewayAddress = gatewayAddress;
            _broadcastAddress = broadcastAddress;
            _nodeId = nodeId;
            _datagram = new byte[maxDatagram];
            _wrapped = nodeId == null ? null : new byte[maxDatagram + 3 + nodeId.Length];
        }

        /// <summary>The client this link carries.</summary>
        public SnClient Client => _client;

        /// <summary>The radio port.</summary>
        public RadioPort Port => _port;

        /// <summary>Datagrams handed to the client.</summary>
        public int DatagramsReceived { get; private set; }

        /// <summary>Datagrams written to the radio.</summary>
        public int DatagramsSent { get; private set; }

        /// <summary>Encapsulated datagrams for other nodes, or malformed envelopes, ignored.</summary>
        public int DatagramsIgnored { get; private set; }

        /// <summary>Datagrams the radio refused (larger than its payload limit).</summary>
        public int SendsRejected { get; private set; }

        /// <summary>Transmit Status frames reporting a failed delivery (XBee 0x8B).</summary>
        public int DeliveryFailures { get; private set; }

        /// <summary>Receives what the radio holds, runs the client's timers and sends its datagrams; true when anything happened.</summary>
        public bool PollOnce(long nowMs)
        {
            bool worked = false;
            RadioFraming framing = _port.Framing;
            while (_port.Poll(nowMs))
            {
                worked = true;
                if (framing.FrameKind == RadioFrameKind.Data)
                {
                    Receive(framing.Buffer, framing.PayloadOffset, framing.PayloadLength, nowMs);
                }
                else if (framing.FrameKind == RadioFrameKind.TransmitStatus && framing.DeliveryStatus != 0)
                {
                    DeliveryFailures++;
                }
            }

            _client.Poll(nowMs);
            while (true)
            {
                bool broadcast;
                int length = _client.NextDatagram(_datagram, 0, out broadcast);
                if (length <= 0)
                {
                    break;
                }

                worked = true;
                Send(length, broadcast);
            }

            return worked;
        }

        private void Receive(byte[] buffer, int offset, int count, long nowMs)
        {
            if (SnForwarder.IsEncapsulated(buffer, offset, count))
            {
                EncapsulatedMessage envelope = _received;
                if (_nodeId == null || envelope.Decode(buffer, offset, count) != SnError.None
                    || !SnForwarder.SameNodeId(envelope, _nodeId))
                {
                    DatagramsIgnored++;
                    return;
                }

                offset = envelope.InnerOffset;
                count = envelope.InnerLength;
            }

            DatagramsReceived++;
            _client.Receive(buffer, offset, count, nowMs);
        }

        private void Send(int length, bool broadcast)
        {
            byte[] address = broadcast ? _broadcastAddress : _gatewayAddress;
            byte[] payload = _datagram;
            if (_nodeId != null)
            {
                EncapsulatedMessage envelope = _sent;
                envelope.NodeId = _nodeId;
                envelope.NodeIdLength = _nodeId.Length;
                envelope.Inner = _datagram;
                envelope.InnerLength = length;
                length = envelope.Encode(_wrapped, 0);
                payload = _wrapped;
            }

            if (length > 0 && _port.Send(address, 0, payload, 0, length))
            {
                DatagramsSent++;
            }
            else
            {
                SendsRejected++;
            }
        }
    }
}
