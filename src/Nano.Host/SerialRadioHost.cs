using System;
using Nano.MqttSn.Gateway;
using Nano.MqttSn.Radio;
using Nano.Net;
using Nano.Radio.Simulation;
using Nano.Serial;

namespace Nano.Host
{
    /// <summary>
    /// The MQTT-SN gateway's radio links on the PC: a radio module on a serial port
    /// (<c>--serial &lt;port&gt; --radio xbee|xbee2|twelite|slip|cobs --baud &lt;n&gt;</c>) and/or
    /// simulated sensor nodes on an in-memory radio of the same family (<c>--simulate-nodes N</c>).
    /// Served by the broker's poll-loop thread like the other endpoints.
    /// </summary>
    public sealed class SerialRadioHost : IPollable, IDisposable
    {
        private readonly SerialRadioPort _serialPort;
        private readonly SerialGatewayLink _serialLink;
        private readonly SensorSimulation _simulation;
        private readonly SerialGatewayLink _simulationLink;

        /// <summary>
        /// Adds a link per radio to <paramref name="gateway"/> (its MaxLinks must leave room). Set
        /// <paramref name="pollsGateway"/> false when another endpoint (the UDP one) already runs the
        /// gateway's timers. Opens the serial port, if any (an IOException or
        /// UnauthorizedAccessException propagates).
        /// </summary>
        public SerialRadioHost(SnGateway gateway, RadioProfile profile, string serialPort, int baud, int simulateNodes,
            int simulateIntervalMs, bool pollsGateway)
        {
            if (serialPort != null)
            {
                _serialPort = new SerialRadioPort(serialPort, baud, profile.CreateFraming());
                _serialPort.Open();
                _serialLink = new SerialGatewayLink(gateway, _serialPort, profile.GatewayBroadcast(), profile.MaxPayload, 16)
                {
                    PollsGateway = pollsGateway
                };
                pollsGateway = false;
            }

            if (simulateNodes > 0)
            {
                _simulation = new SensorSimulation(profile, simulateNodes, simulateIntervalMs);
                _simulationLink = new SerialGatewayLink(gateway, _simulation.GatewayPort, profile.GatewayBroadcast(), profile.MaxPayload, 16)
                {
                    PollsGateway = pollsGateway
                };
            }
        }

        /// <summary>The link to the radio on the serial port, or null.</summary>
        public SerialGatewayLink SerialLink => _serialLink;

        /// <summary>The simulated nodes, or null.</summary>
        public SensorSimulation Simulation => _simulation;

        /// <summary>The link to the simulated nodes, or null.</summary>
        public SerialGatewayLink SimulationLink => _simulationLink;

        /// <inheritdoc />
        public bool PollOnce(long nowMs)
        {
            bool worked = false;
            if (_serialLink != null && _serialLink.PollOnce(nowMs))
            {
                worked = true;
            }

            if (_simulation != null)
            {
                worked |= _simulation.PollOnce(nowMs);
                worked |= _simulationLink.PollOnce(nowMs);
            }

            return worked;
        }

        /// <inheritdoc />
        public void Stop()
        {
            _serialPort?.Close();
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _serialPort?.Dispose();
        }

        /// <summary>One line for logs: frames and readings so far.</summary>
        public string Describe()
        {
            string text = "";
            if (_serialLink != null)
            {
                text += "radio " + _serialPort.Framing.FramesReceived + " frames in, " + _serialLink.DatagramsSent + " out, "
                    + _serialPort.Framing.ChecksumErrors + " bad checksums";
            }

            if (_simulation != null)
            {
                text += (text.Length > 0 ? "; " : "") + "simulated nodes " + _simulation.Delivered + " readings delivered, "
                    + _simulation.Missed + " missed";
            }

            return text;
        }
    }
}
