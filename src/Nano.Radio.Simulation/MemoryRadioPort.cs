using Nano.MqttSn.Radio;

namespace Nano.Radio.Simulation
{
    /// <summary>
    /// The host side of one module of a <see cref="MemoryRadioNetwork"/>: frames are encoded and
    /// decoded by a real <see cref="RadioFraming"/>, exactly as over a UART.
    /// </summary>
    public sealed class MemoryRadioPort : RadioPort
    {
        private readonly MemoryRadioNetwork _network;
        private readonly int _module;

        /// <summary>Attaches a host with <paramref name="framing"/> to module <paramref name="module"/>.</summary>
        public MemoryRadioPort(MemoryRadioNetwork network, int module, RadioFraming framing)
            : base(framing, 256)
        {
            _network = network;
            _module = module;
        }

        /// <inheritdoc />
        protected override int ReadAvailable(byte[] buffer, int offset, int count)
        {
            return _network.Available(_module) == 0 ? 0 : _network.Read(_module, buffer, offset, count);
        }

        /// <inheritdoc />
        protected override void Write(byte[] buffer, int offset, int count)
        {
            _network.Write(_module, buffer, offset, count);
        }
    }
}
