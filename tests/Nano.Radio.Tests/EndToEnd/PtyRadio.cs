using System;
using System.Collections.Generic;
using Nano.MqttSn.Radio;
using Nano.Radio.Simulation;
using Nano.Radio.Tests.Radio;
using Nano.Radio.Tests.Serial;
using Nano.Serial;

namespace Nano.Radio.Tests.EndToEnd
{
    /// <summary>
    /// Emulated radio modules behind real serial lines: each host opens the slave of its own
    /// pseudo-terminal with System.IO.Ports (<see cref="SerialRadioPort"/>), the test relays the
    /// masters through a <see cref="MemoryRadioNetwork"/> that plays the modules and the air, and
    /// optionally injects line noise between the frames the modules output.
    /// </summary>
    internal sealed class PtyRadio : IDisposable
    {
        private readonly List<PseudoTerminal> _terminals = new List<PseudoTerminal>();
        private readonly List<SerialRadioPort> _ports = new List<SerialRadioPort>();
        private readonly List<int> _modules = new List<int>();
        private readonly Random _noise;
        private readonly byte[] _buffer = new byte[4096];

        public PtyRadio(RadioProfile profile, int noiseSeed)
        {
            Profile = profile;
            Network = new MemoryRadioNetwork(profile, 4, 8192);
            _noise = noiseSeed == 0 ? null : new Random(noiseSeed);
        }

        public RadioProfile Profile { get; }

        public MemoryRadioNetwork Network { get; }

        /// <summary>Octets of line noise written to the hosts.</summary>
        public int NoiseOctets { get; private set; }

        /// <summary>Chunks of module output (whole frames) written to each host, by port index.</summary>
        public int[] FramesToHost { get; } = new int[4];

        /// <summary>Adds a module with the address and a host port opened on its serial line.</summary>
        public SerialRadioPort Attach(byte[] moduleAddress)
        {
            var terminal = new PseudoTerminal(raw: false);
            var port = new SerialRadioPort(terminal.SlavePath, 115200, Profile.CreateFraming());
            port.Open();
            _terminals.Add(terminal);
            _ports.Add(port);
            _modules.Add(Network.AddModule(moduleAddress));
            return port;
        }

        /// <summary>Adds a module with the address and returns the path of its serial line, for a host that opens it itself.</summary>
        public string AttachLine(byte[] moduleAddress)
        {
            var terminal = new PseudoTerminal(raw: false);
            _terminals.Add(terminal);
            _modules.Add(Network.AddModule(moduleAddress));
            return terminal.SlavePath;
        }

        /// <summary>Moves what the hosts wrote into the modules and what the modules output to the hosts.</summary>
        public bool Pump()
        {
            bool moved = false;
            for (int i = 0; i < _terminals.Count; i++)
            {
                int read;
                while ((read = _terminals[i].Read(_buffer, 0, _buffer.Length, 0)) > 0)
                {
                    Network.Write(_modules[i], _buffer, 0, read);
                    moved = true;
                }
            }

            for (int i = 0; i < _terminals.Count; i++)
            {
                int available = Network.Available(_modules[i]);
                if (available == 0)
                {
                    continue;
                }

                if (_noise != null)
                {
                    byte[] noise = RadioStreams.Noise(_noise, _noise.Next(1, 16));
                    _terminals[i].Write(noise, 0, noise.Length);
                    NoiseOctets += noise.Length;
                }

                int length = Network.Read(_modules[i], _buffer, 0, _buffer.Length);
                _terminals[i].Write(_buffer, 0, length);
                FramesToHost[i]++;
                moved = true;
            }

            return moved;
        }

        public void Dispose()
        {
            foreach (SerialRadioPort port in _ports)
            {
                port.Dispose();
            }

            foreach (PseudoTerminal terminal in _terminals)
            {
                terminal.Dispose();
            }
        }
    }
}
