namespace Nano.MqttSn.Radio
{
    /// <summary>
    /// A radio family by name (<c>xbee</c>, <c>xbee2</c>, <c>twelite</c>, <c>slip</c>, <c>cobs</c>):
    /// creates its host-side framing and knows the addresses gateways and sensor nodes use on it.
    /// </summary>
    /// <remarks>
    /// XBee: the gateway's module is the coordinator (64-bit address 0) and broadcasts to
    /// 0x000000000000FFFF/0xFFFE. TWELITE: the gateway's module is the parent (logical id 0x00) and
    /// broadcasts to all children (0x78); children send everything, broadcasts included, to the parent.
    /// SLIP and COBS run over address-less transparent radios: every node wraps its messages in the
    /// forwarder encapsulation with its wireless node id.
    /// </remarks>
    public sealed class RadioProfile
    {
        /// <summary>XBee API mode 1 (AP = 1).</summary>
        public const string XBee = "xbee";

        /// <summary>XBee API mode 2, escaped (AP = 2).</summary>
        public const string XBee2 = "xbee2";

        /// <summary>TWELITE App_Uart binary format mode.</summary>
        public const string Twelite = "twelite";

        /// <summary>SLIP with CRC-16 over a transparent radio.</summary>
        public const string Slip = "slip";

        /// <summary>COBS with CRC-16 over a transparent radio.</summary>
        public const string Cobs = "cobs";

        /// <summary>Payload limit used for SLIP and COBS when none is given.</summary>
        public const int StreamPayload = 96;

        private const int KindXBee = 1;
        private const int KindTwelite = 2;
        private const int KindSlip = 3;
        private const int KindCobs = 4;
        private readonly int _kind;

        private RadioProfile(string name, int kind, bool escaped, int maxPayload)
        {
            Name = name;
            _kind = kind;
            Escaped = escaped;
            MaxPayload = maxPayload;
        }

        /// <summary>The radio's name as accepted by <see cref="Create"/>.</summary>
        public string Name { get; }

        /// <summary>Largest radio payload (the MQTT-SN message plus any forwarder envelope).</summary>
        public int MaxPayload { get; }

        /// <summary>XBee API mode 2.</summary>
        public bool Escaped { get; }

        /// <summary>XBee API frames (either mode).</summary>
        public bool IsXBee => _kind == KindXBee;

        /// <summary>TWELITE binary format.</summary>
        public bool IsTwelite => _kind == KindTwelite;

        /// <summary>Address-less radio: node addresses travel in the forwarder encapsulation.</summary>
        public bool NeedsNodeId => _kind == KindSlip || _kind == KindCobs;

        /// <summary>
        /// The profile for <paramref name="name"/> with payloads up to <paramref name="maxPayload"/>
        /// octets (0: the radio's usual limit), or null for an unknown name.
        /// </summary>
        public static RadioProfile Create(string name, int maxPayload)
        {
            switch (name)
            {
                case XBee:
                    return new RadioProfile(name, KindXBee, false, maxPayload > 0 ? maxPayload : XBeeFraming.ZigbeeUnicastPayload);
                case XBee2:
                    return new RadioProfile(name, KindXBee, true, maxPayload > 0 ? maxPayload : XBeeFraming.ZigbeeUnicastPayload);
                case Twelite:
                    return new RadioProfile(name, KindTwelite, false, maxPayload > 0 ? maxPayload : TweliteFraming.RecommendedPayload);
                case Slip:
                    return new RadioProfile(name, KindSlip, false, maxPayload > 0 ? maxPayload : StreamPayload);
                case Cobs:
                    return new RadioProfile(name, KindCobs, false, maxPayload > 0 ? maxPayload : StreamPayload);
                default:
                    return null;
            }
        }

        /// <summary>A new host-side framing (each port needs its own).</summary>
        public RadioFraming CreateFraming()
        {
            switch (_kind)
            {
                case KindXBee:
                    return new XBeeFraming(Escaped, MaxPayload);
                case KindTwelite:
                    return new TweliteFraming(0x01, MaxPayload);
                case KindSlip:
                    return new SlipFraming(MaxPayload);
                default:
                    return new CobsFraming(MaxPayload);
            }
        }

        /// <summary>Where the gateway sends broadcasts (ADVERTISE, GWINFO).</summary>
        public byte[] GatewayBroadcast()
        {
            if (_kind == KindXBee)
            {
                var address = new byte[XBeeFraming.XBeeAddressLength];
                XBeeFraming.WriteBroadcastAddress(address, 0);
                return address;
            }

            return _kind == KindTwelite ? new byte[] { TweliteFraming.AllChildren } : new byte[0];
        }

        /// <summary>Where a sensor node sends broadcasts (SEARCHGW): everyone on XBee, the parent on TWELITE.</summary>
        public byte[] NodeBroadcast() => _kind == KindTwelite ? GatewayAddress() : GatewayBroadcast();

        /// <summary>Where a sensor node sends unicasts: the coordinator (64-bit 0, 16-bit 0xFFFE unknown) or the parent.</summary>
        public byte[] GatewayAddress()
        {
            if (_kind == KindXBee)
            {
                var address = new byte[XBeeFraming.XBeeAddressLength];
                address[8] = 0xFF;
                address[9] = 0xFE;
                return address;
            }

            return _kind == KindTwelite ? new byte[] { TweliteFraming.Parent } : new byte[0];
        }

        /// <summary>
        /// The radio address of sensor node <paramref name="node"/> (1–100) for emulated modules: an
        /// XBee 64-bit 0x0013A2000000nnnn with 16-bit 0x00nn, the TWELITE child id, nothing on SLIP/COBS.
        /// </summary>
        public byte[] NodeRadioAddress(int node)
        {
            if (_kind == KindXBee)
            {
                return new byte[] { 0x00, 0x13, 0xA2, 0x00, 0x00, 0x00, (byte)(node >> 8), (byte)node, (byte)(node >> 8), (byte)node };
            }

            return _kind == KindTwelite ? new byte[] { (byte)node } : new byte[0];
        }

        /// <summary>The radio address of the gateway's module for emulation (XBee coordinator, TWELITE parent).</summary>
        public byte[] GatewayRadioAddress()
        {
            if (_kind == KindXBee)
            {
                return new byte[] { 0x00, 0x13, 0xA2, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00 };
            }

            return _kind == KindTwelite ? new byte[] { TweliteFraming.Parent } : new byte[0];
        }

        /// <summary>The wireless node id (2 octets, big-endian) of node <paramref name="node"/> on SLIP/COBS, else null.</summary>
        public byte[] NodeId(int node) => NeedsNodeId ? new byte[] { (byte)(node >> 8), (byte)node } : null;
    }
}
