using System;
using System.IO.Ports;
using Nano.MqttSn.Radio;

namespace Nano.Serial
{
    /// <summary>
    /// A radio module on a serial port, driven by a single poll loop: <see cref="RadioPort.Poll"/>
    /// reads only what the port already holds and decodes it with the <see cref="RadioFraming"/>;
    /// <see cref="RadioPort.Send"/> encodes a frame and writes it. Buffers are allocated once.
    /// </summary>
    /// <remarks>
    /// Uses only the SerialPort members that nanoFramework's System.IO.Ports shares with .NET.
    /// <c>Read</c> is never asked for more than <c>BytesToRead</c>: on ESP32 it blocks until the full
    /// count has arrived. Port failures (a removed USB adapter, a write timeout) surface as the
    /// SerialPort's exceptions to the host that owns the port.
    /// </remarks>
    public sealed class SerialRadioPort : RadioPort, IDisposable
    {
        private readonly SerialPort _port;

        /// <summary>
        /// Creates the port (not yet open). <paramref name="readBufferSize"/> is the driver's receive
        /// buffer (on ESP32 the UART ring buffer): size it for the largest burst the radio delivers.
        /// </summary>
        public SerialRadioPort(string portName, int baudRate, Parity parity, int dataBits, StopBits stopBits,
            RadioFraming framing, int readBufferSize)
            : base(framing, readBufferSize)
        {
            _port = new SerialPort(portName, baudRate, parity, dataBits, stopBits);
            _port.ReadBufferSize = readBufferSize;
            _port.ReadTimeout = 500;
            _port.WriteTimeout = 1000;
        }

        /// <summary>Creates an 8N1 port with a 512-octet receive buffer.</summary>
        public SerialRadioPort(string portName, int baudRate, RadioFraming framing)
            : this(portName, baudRate, Parity.None, 8, StopBits.One, framing, 512)
        {
        }

        /// <summary>Milliseconds a write may wait (for flow control) before the port throws.</summary>
        public int WriteTimeout
        {
            get => _port.WriteTimeout;
            set => _port.WriteTimeout = value;
        }

        /// <summary>Whether the port is open.</summary>
        public bool IsOpen => _port.IsOpen;

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
        /// Reads at most <see cref="SerialPort.BytesToRead"/> octets: on ESP32, SerialPort.Read blocks
        /// until the full count has arrived, so asking for more than is there would stall the poll loop.
        /// </summary>
        protected override int ReadAvailable(byte[] buffer, int offset, int count)
        {
            int available = _port.BytesToRead;
            if (available <= 0)
            {
                return 0;
            }

            return _port.Read(buffer, offset, available < count ? available : count);
        }

        /// <inheritdoc />
        protected override void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        /// <summary>Closes and releases the port.</summary>
        public void Dispose()
        {
            _port.Dispose();
        }
    }
}
