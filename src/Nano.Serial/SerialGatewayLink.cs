using Nano.MqttSn.Codec;
using Nano.MqttSn.Gateway;
using Nano.MqttSn.Radio;

namespace Nano.Serial
{
    /// <summary>
    /// Connects one radio module to an <see cref="SnGateway"/> as one link. A client's address on the
    /// link is its radio address (XBee 64+16-bit, TWELITE logical id), followed by its wireless node
    /// id when its datagrams arrive in the forwarder encapsulation (0xFE, §5.5) — always on
    /// address-less radios (SLIP, COBS), where the address is the node id alone. Replies to such an
    /// address are encapsulated again. Broadcasts go unencapsulated to the broadcast address. XBee
    /// Transmit Status failures (0x8B) are reported with <see cref="SnGateway.DeliveryFailed"/>. A client is
    /// found by its address without the part the radio network may change (XBee: found by its 64-bit address,
    /// its 16-bit network address updated from each datagram).
    /// </summary>
    public sealed class SerialGatewayLink
    {
        /// <summary>Longest wireless node id accepted from the forwarder encapsulation.</summary>
        public const int MaxNodeIdLength = 8;

        private readonly SnGateway _gateway;
        private readonly RadioPort _port;
        private readonly byte[] _broadcastAddress;
        private readonly int _radioAddressLength;
        private readonly byte[] _address;
        private readonly byte[] _datagram;
        private readonly byte[] _wrapped;
        private readonly EncapsulatedMessage _received = new EncapsulatedMessage();
        private readonly EncapsulatedMessage _sent = new EncapsulatedMessage();
        private readonly int[] _statusFrameIds;
        private readonly byte[][] _statusAddresses;
        private readonly int[] _statusAddressLengths;
        private int _nextStatusSlot;

        /// <summary>
        /// Adds a link to <paramref name="gateway"/> for datagrams up to <paramref name="maxDatagram"/>
        /// octets; <paramref name="broadcastAddress"/> is where broadcasts go (see
        /// <see cref="RadioProfile.GatewayBroadcast"/>); <paramref name="statusSlots"/> unicasts are
        /// remembered for matching XBee Transmit Status frames to their destination.
        /// </summary>
        public SerialGatewayLink(SnGateway gateway, RadioPort port, byte[] broadcastAddress, int maxDatagram, int statusSlots)
        {
            _gateway = gateway;
            _port = port;
            _broadcastAddress = broadcastAddress;
            _radioAddressLength = port.Framing.AddressLength;
            int maxAddress = _radioAddressLength + MaxNodeIdLength;
            _address = new byte[maxAddress];
            _datagram = new byte[maxDatagram];
            _wrapped = new byte[maxDatagram + 3 + MaxNodeIdLength];
            statusSlots = statusSlots < 1 ? 1 : statusSlots;
            _statusFrameIds = new int[statusSlots];
            _statusAddresses = new byte[statusSlots][];
            _statusAddressLengths = new int[statusSlots];
            for (int i = 0; i < statusSlots; i++)
            {
                _statusAddresses[i] = new byte[maxAddress];
            }

            LinkId = gateway.AddLink(maxDatagram, port.Framing.ChangingAddressOffset, port.Framing.ChangingAddressLength);
            PollsGateway = true;
        }

        /// <summary>The gateway's id for this link, or -1 when the gateway had no room for another link.</summary>
        public int LinkId { get; }

        /// <summary>The radio port.</summary>
        public RadioPort Port => _port;

        /// <summary>
        /// Whether <see cref="PollOnce"/> also runs <see cref="SnGateway.Poll"/> (default true). When
        /// several transports share one gateway, let exactly one of them do it.
        /// </summary>
        public bool PollsGateway { get; set; }

        /// <summary>Datagrams passed to the gateway.</summary>
        public int DatagramsReceived { get; private set; }

        /// <summary>Datagrams written to the radio.</summary>
        public int DatagramsSent { get; private set; }

        /// <summary>Datagrams dropped on receipt: no sender address (address-less radio without encapsulation), bad envelope.</summary>
        public int DatagramsDropped { get; private set; }

        /// <summary>Datagrams the radio refused (larger than its payload limit) or with an unusable address.</summary>
        public int SendsRejected { get; private set; }

        /// <summary>Transmit Status frames reporting a failed delivery.</summary>
        public int DeliveryFailures { get; private set; }

        /// <summary>
        /// Passes received frames to the gateway, runs its timers (see <see cref="PollsGateway"/>) and
        /// writes the datagrams it has for this link; true when anything happened.
        /// </summary>
        public bool PollOnce(long nowMs)
        {
            if (LinkId < 0)
            {
                return false;
            }

            bool worked = false;
            RadioFraming framing = _port.Framing;
            while (_port.Poll(nowMs))
            {
                worked = true;
                if (framing.FrameKind == RadioFrameKind.Data)
                {
                    Receive(framing, nowMs);
                }
                else if (framing.FrameKind == RadioFrameKind.TransmitStatus)
                {
                    TransmitStatus(framing.StatusFrameId, framing.DeliveryStatus, nowMs);
                }
            }

            if (PollsGateway)
            {
                _gateway.Poll(nowMs);
            }

            while (true)
            {
                int addressLength;
                bool broadcast;
                int length = _gateway.NextDatagram(LinkId, _datagram, 0, _datagram.Length, _address, 0, out addressLength, out broadcast);
                if (length <= 0)
                {
                    break;
                }

                worked = true;
                Send(length, addressLength, broadcast);
            }

            return worked;
        }

        private void Receive(RadioFraming framing, long nowMs)
        {
            byte[] buffer = framing.Buffer;
            int offset = framing.PayloadOffset;
            int count = framing.PayloadLength;
            if (!SnForwarder.IsEncapsulated(buffer, offset, count))
            {
                if (_radioAddressLength == 0)
                {
                    DatagramsDropped++;
                    return;
                }

                DatagramsReceived++;
                _gateway.Receive(LinkId, buffer, framing.AddressOffset, _radioAddressLength, buffer, offset, count, nowMs);
                return;
            }

            EncapsulatedMessage envelope = _received;
            if (envelope.Decode(buffer, offset, count) != SnError.None
                || envelope.NodeIdLength > MaxNodeIdLength)
            {
                DatagramsDropped++;
                return;
            }

            System.Array.Copy(buffer, framing.AddressOffset, _address, 0, _radioAddressLength);
            System.Array.Copy(buffer, envelope.NodeIdOffset, _address, _radioAddressLength, envelope.NodeIdLength);
            DatagramsReceived++;
            _gateway.Receive(LinkId, _address, 0, _radioAddressLength + envelope.NodeIdLength, buffer,
                envelope.InnerOffset, envelope.InnerLength, nowMs);
        }

        private void Send(int length, int addressLength, bool broadcast)
        {
            byte[] payload = _datagram;
            byte[] address = _address;
            if (broadcast)
            {
                address = _broadcastAddress;
            }
            else if (addressLength < _radioAddressLength || addressLength == 0)
            {
                SendsRejected++;
                return;
            }
            else if (addressLength > _radioAddressLength)
            {
                EncapsulatedMessage envelope = _sent;
                envelope.NodeId = _address;
                envelope.NodeIdOffset = _radioAddressLength;
                envelope.NodeIdLength = addressLength - _radioAddressLength;
                envelope.Inner = _datagram;
                envelope.InnerLength = length;
                length = envelope.Encode(_wrapped, 0);
                payload = _wrapped;
            }

            if (length <= 0 || !_port.Send(address, 0, payload, 0, length))
            {
                SendsRejected++;
                return;
            }

            DatagramsSent++;
            var xbee = _port.Framing as XBeeFraming;
            if (!broadcast && xbee != null && xbee.LastFrameId != 0)
            {
                int slot = _nextStatusSlot;
                _nextStatusSlot = (slot + 1) % _statusFrameIds.Length;
                _statusFrameIds[slot] = xbee.LastFrameId;
                _statusAddressLengths[slot] = addressLength;
                System.Array.Copy(_address, 0, _statusAddresses[slot], 0, addressLength);
            }
        }

        private void TransmitStatus(int frameId, int deliveryStatus, long nowMs)
        {
            if (deliveryStatus != 0)
            {
                DeliveryFailures++;
            }

            for (int i = 0; i < _statusFrameIds.Length; i++)
            {
                if (_statusFrameIds[i] != frameId || frameId == 0)
                {
                    continue;
                }

                _statusFrameIds[i] = 0;
                if (deliveryStatus != 0)
                {
                    _gateway.DeliveryFailed(LinkId, _statusAddresses[i], 0, _statusAddressLengths[i], nowMs);
                }

                return;
            }
        }
    }
}
