using System;
using System.IO.Ports;
using Nano.MqttSn.Radio;

namespace Nano.Serial
{
    /// <summary>
    /// A radio module on a serial port, driven by a single poll loop: <see cref="Poll"/> reads only
    /// what the port already holds and decodes it with the <see cref="RadioFraming"/>;
    /// <see cref="Send"/> encodes a frame and writes it. Buffers are allocated once.
    /// </summary>
    /// <remarks>
    /// Uses only the SerialPort members that nanoFramework's System.IO.Ports shares with .NET.
    /// <c>Read</c> is never asked for more than <c>BytesToRead</c>: on ESP32 it blocks until the full
    /// count has arrived. Port failures (a removed USB adapter, a write timeout) surface as the
    /// SerialPort's exceptions to the host that owns the port.
    /// </remarks>
    public sealed class SerialRadioPort : IDisposable, IRadioPort
    {
        private readonly SerialPort _port;
        private readonly byte[] _receive;
        private readonly byte[] _transmit;
        private int _receiveOffset;
        private int _receiveCount;

        /// <summary>
        /// Creates the port (not yet open). <paramref name="readBufferSize"/> is the driver's receive
        /// buffer (on ESP32 the UART ring buffer): size it for the largest burst the radio delivers.
        /// </summary>
        public SerialRadioPort(string portName, int baudRate, Parity parity, int dataBits, StopBits stopBits,
            RadioFraming framing, int readBufferSize)
        {
            Framing = framing;
            _port = new SerialPort(portName, baudRate, parity, dataBits, stopBits);
            _port.ReadBufferSize = readBufferSize;
            _port.ReadTimeout = 500;
            _port.WriteTimeout = 1000;
            _receive = new byte[readBufferSize];
            _transmit = new byte[2 * (framing.MaxPayload + framing.AddressLength + 24)];
        }

        /// <summary>Creates an 8N1 port with a 512-octet receive buffer.</summary>
        public SerialRadioPort(string portName, int baudRate, RadioFraming framing)
            : this(portName, baudRate, Parity.None, 8, StopBits.One, framing, 512)
        {
        }

        /// <summary>The framing; after <see cref="Poll"/> returns true it holds the received frame.</summary>
        public RadioFraming Framing { get; }

        /// <summary>Milliseconds a write may wait (for flow control) before the port throws.</summary>
        public int WriteTimeout
        {
            get => _port.WriteTimeout;
            set => _port.WriteTimeout = value;
        }

        /// <summary>Whether the port is open.</summary>
        public bool IsOpen => _port.IsOpen;

        /// <summary>Frames written.</summary>
        public int FramesSent { get; private set; }

        /// <summary>Sends refused because the payload was empty or too long for the radio.</summary>
        public int SendsRejected { get; private set; }

        /// <summary>Opens the port.</summary>
        public void Open()
        {
            _port.Open();
        }

        /// <summary>Closes the port.</summary>
        public void Close()
        {
            _port.Close();
        }

        /// <summary>
        /// Decodes received octets without blocking. Returns true when a frame is ready in
        /// <see cref="Framing"/> (valid until the next call); call again until it returns false.
        /// </summary>
        public bool Poll()
        {
            if (Feed())
            {
                return true;
            }

            int available = _port.BytesToRead;
            if (available <= 0)
            {
                return false;
            }

            int count = available < _receive.Length ? available : _receive.Length;
            _receiveCount = _port.Read(_receive, 0, count);
            _receiveOffset = 0;
            return Feed();
        }

        /// <summary>
        /// Encodes the payload for the radio address and writes it; false when the framing refuses
        /// the payload (empty or longer than <see cref="RadioFraming.MaxPayload"/>).
        /// </summary>
        public bool Send(byte[] address, int addressOffset, byte[] payload, int payloadOffset, int payloadLength)
        {
            int length = Framing.WriteFrame(address, addressOffset, payload, payloadOffset, payloadLength, _transmit, 0);
            if (length < 0)
            {
                SendsRejected++;
                return false;
            }

            _port.Write(_transmit, 0, length);
            FramesSent++;
            return true;
        }

        /// <summary>Closes and releases the port.</summary>
        public void Dispose()
        {
            _port.Dispose();
        }

        private bool Feed()
        {
            _receiveOffset += Framing.Feed(_receive, _receiveOffset, _receiveCount - _receiveOffset);
            return Framing.FrameKind != RadioFrameKind.None;
        }
    }
}
