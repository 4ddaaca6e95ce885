using Nano.Mqtt.Codec;
using Nano.MqttSn.Radio;

namespace Nano.Radio.Simulation
{
    /// <summary>
    /// Radio modules and the air between them, in memory, for running gateways and sensor nodes without
    /// hardware. Each module has a host side: octets the host writes (<see cref="Write"/>) are what its
    /// UART would receive, octets it reads (<see cref="Read"/>) what the module would output. Addressed
    /// modules behave like their hardware: an XBee takes 0x10 Transmit Requests and outputs 0x90
    /// Receive Packets (source address) and 0x8B Transmit Status; a TWELITE takes binary-format
    /// messages to a logical id and outputs them with the sender's id. Transparent modules (the radios
    /// under SLIP and COBS) pass the octets unchanged to every other module. Delivery is immediate.
    /// </summary>
    public sealed class MemoryRadioNetwork
    {
        /// <summary>XBee delivery status "address not found".</summary>
        public const int AddressNotFound = 0x24;

        private const byte Acknowledged = 0x01;
        private const byte Broadcast = 0x02;
        private readonly RadioProfile _profile;
        private readonly RadioFraming[] _modules;
        private readonly byte[][] _addresses;
        private readonly byte[][] _output;
        private readonly int[] _outputStart;
        private readonly int[] _outputEnd;
        private readonly int[] _delivered;
        private readonly byte[] _frame;
        private int _count;
        private int _carried;

        /// <summary>
        /// Creates an empty network of up to <paramref name="maxModules"/> modules of the profile's
        /// family, each holding up to <paramref name="outputCapacity"/> octets its host has not read.
        /// </summary>
        public MemoryRadioNetwork(RadioProfile profile, int maxModules, int outputCapacity)
        {
            _profile = profile;
            _modules = new RadioFraming[maxModules];
            _addresses = new byte[maxModules][];
            _output = new byte[maxModules][];
            _outputStart = new int[maxModules];
            _outputEnd = new int[maxModules];
            _delivered = new int[maxModules];
            for (int i = 0; i < maxModules; i++)
            {
                _output[i] = new byte[outputCapacity];
            }

            _frame = new byte[2 * (profile.MaxPayload + 32)];
        }

        /// <summary>The radio family.</summary>
        public RadioProfile Profile => _profile;

        /// <summary>Modules added.</summary>
        public int Count => _count;

        /// <summary>
        /// Drops every n-th frame on the air (0: none), to exercise retries. Applies to unicast and
        /// broadcast frames alike; an XBee sender still gets its 0x8B as if the frame went out.
        /// </summary>
        public int DropEvery { get; set; }

        /// <summary>Frames put on the air (each destination counts once).</summary>
        public int FramesCarried { get; private set; }

        /// <summary>Frames dropped by <see cref="DropEvery"/>.</summary>
        public int FramesLost { get; private set; }

        /// <summary>Unicast frames whose destination address no module has.</summary>
        public int FramesUnroutable { get; private set; }

        /// <summary>Octets a module could not output because its host had not read enough.</summary>
        public int OverflowOctets { get; private set; }

        /// <summary>
        /// Adds a module with its radio address (XBee 64+16-bit, TWELITE logical id, nothing for
        /// transparent radios); returns its index, or -1 when the network is full. On XBee the first
        /// module added is the coordinator (destination 64-bit 0).
        /// </summary>
        public int AddModule(byte[] address)
        {
            if (_count == _modules.Length)
            {
                return -1;
            }

            if (_profile.IsXBee)
            {
                _modules[_count] = new XBeeModuleFraming(_profile.Escaped, _profile.MaxPayload);
            }
            else if (_profile.IsTwelite)
            {
                _modules[_count] = new TweliteFraming(0x01, _profile.MaxPayload);
            }

            _addresses[_count] = address;
            return _count++;
        }

        /// <summary>Gives module <paramref name="module"/> a new radio address, as an XBee that rejoins the network
        /// gets a new 16-bit network address; frames it sends from now on carry it as their source.</summary>
        public void SetAddress(int module, byte[] address)
        {
            _addresses[module] = address;
        }

        /// <summary>
        /// Frames (for transparent radios: writes) module <paramref name="module"/> has output to its
        /// host, XBee Transmit Status frames included.
        /// </summary>
        public int FramesOutput(int module) => _delivered[module];

        /// <summary>Octets module <paramref name="module"/> has output and its host not yet read.</summary>
        public int Available(int module) => _outputEnd[module] - _outputStart[module];

        /// <summary>Reads up to <paramref name="count"/> octets the module output; returns how many.</summary>
        public int Read(int module, byte[] destination, int offset, int count)
        {
            int available = Available(module);
            int length = count < available ? count : available;
            System.Array.Copy(_output[module], _outputStart[module], destination, offset, length);
            _outputStart[module] += length;
            if (_outputStart[module] == _outputEnd[module])
            {
                _outputStart[module] = _outputEnd[module] = 0;
            }

            return length;
        }

        /// <summary>Octets the host of <paramref name="module"/> writes to its module's UART.</summary>
        public void Write(int module, byte[] data, int offset, int count)
        {
            RadioFraming parser = _modules[module];
            if (parser == null)
            {
                if (Lost())
                {
                    return;
                }

                for (int i = 0; i < _count; i++)
                {
                    if (i != module)
                    {
                        FramesCarried++;
                        Deliver(i, data, offset, count);
                    }
                }

                return;
            }

            int used = 0;
            while (true)
            {
                used += parser.Feed(data, offset + used, count - used);
                if (parser.FrameKind == RadioFrameKind.None)
                {
                    return;
                }

                if (parser.FrameKind == RadioFrameKind.Data)
                {
                    Route(module, parser);
                }
            }
        }

        private void Route(int sender, RadioFraming parser)
        {
            byte[] buffer = parser.Buffer;
            int destination = parser.AddressOffset;
            int delivered = 0;
            bool broadcast = _profile.IsXBee
                ? XBeeModuleFraming.IsBroadcast(buffer, destination)
                : buffer[destination] == TweliteFraming.AllChildren;
            bool lost = Lost();
            for (int i = 0; i < _count; i++)
            {
                if (i == sender || !(broadcast ? IsBroadcastTarget(i) : IsAddressed(i, buffer, destination)))
                {
                    continue;
                }

                delivered++;
                if (lost)
                {
                    continue;
                }

                RadioFraming module = _modules[i];
                var xbee = module as XBeeModuleFraming;
                if (xbee != null)
                {
                    xbee.ReceiveOptions = broadcast ? Broadcast : Acknowledged;
                }

                int length = module.WriteFrame(_addresses[sender], 0, buffer, parser.PayloadOffset, parser.PayloadLength, _frame, 0);
                if (length > 0)
                {
                    FramesCarried++;
                    Deliver(i, _frame, 0, length);
                }
            }

            if (delivered == 0 && !broadcast)
            {
                FramesUnroutable++;
            }

            var request = parser as XBeeModuleFraming;
            if (request != null && request.FrameId != 0)
            {
                int status = delivered > 0 || broadcast ? 0 : AddressNotFound;
                int length = request.WriteTransmitStatus(request.FrameId, buffer, destination + 8, status, _frame, 0);
                Deliver(sender, _frame, 0, length);
            }
        }

        private bool IsBroadcastTarget(int module) => _profile.IsXBee || _addresses[module][0] != TweliteFraming.Parent;

        private bool IsAddressed(int module, byte[] buffer, int destination)
        {
            byte[] address = _addresses[module];
            if (!_profile.IsXBee)
            {
                return address[0] == buffer[destination];
            }

            bool coordinator = true;
            for (int i = 0; i < 8; i++)
            {
                if (buffer[destination + i] != 0)
                {
                    coordinator = false;
                }
            }

            if (coordinator)
            {
                return module == 0;
            }

            return Bytes.Equal(address, 0, 8, buffer, destination, 8);
        }

        private bool Lost()
        {
            _carried++;
            if (DropEvery > 0 && _carried % DropEvery == 0)
            {
                FramesLost++;
                return true;
            }

            return false;
        }

        private void Deliver(int module, byte[] data, int offset, int count)
        {
            byte[] output = _output[module];
            if (output.Length - _outputEnd[module] < count && _outputStart[module] > 0)
            {
                int pending = _outputEnd[module] - _outputStart[module];
                System.Array.Copy(output, _outputStart[module], output, 0, pending);
                _outputStart[module] = 0;
                _outputEnd[module] = pending;
            }

            if (output.Length - _outputEnd[module] < count)
            {
                OverflowOctets += count;
                return;
            }

            System.Array.Copy(data, offset, output, _outputEnd[module], count);
            _outputEnd[module] += count;
            _delivered[module]++;
        }
    }
}
