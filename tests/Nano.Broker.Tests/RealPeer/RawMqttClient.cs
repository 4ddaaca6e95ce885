using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Nano.Broker.Tests.RealPeer
{
    /// <summary>
    /// A byte-level MQTT client over a blocking socket, for what MQTTnet cannot be made to do: close
    /// the socket without DISCONNECT, withhold acknowledgements, stop reading. Packets are written by
    /// hand from the specification.
    /// </summary>
    internal sealed class RawMqttClient : IDisposable
    {
        public RawMqttClient(int port, int receiveBufferSize = 0)
        {
            Socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            if (receiveBufferSize > 0)
            {
                Socket.ReceiveBufferSize = receiveBufferSize;
            }
            Socket.ReceiveTimeout = (int)TestBroker.Timeout.TotalMilliseconds;
            Socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        }

        public Socket Socket { get; }

        public void Send(byte[] packet) => Socket.Send(packet);

        /// <summary>Reads one whole packet (fixed header included); fails the test on timeout or close.</summary>
        public byte[] ReadPacket()
        {
            var packet = new List<byte> { ReadByte() };
            int remaining = 0;
            int shift = 0;
            byte b;
            do
            {
                b = ReadByte();
                packet.Add(b);
                remaining |= (b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            for (int i = 0; i < remaining; i++)
            {
                packet.Add(ReadByte());
            }
            return packet.ToArray();
        }

        /// <summary>True when the broker closed the connection (read returns 0) before the timeout.</summary>
        public bool WaitForClose()
        {
            var one = new byte[1];
            try
            {
                return Socket.Receive(one) == 0;
            }
            catch (SocketException)
            {
                return true;
            }
        }

        /// <summary>Closes with FIN (or RST when <paramref name="reset"/>), never sending DISCONNECT.</summary>
        public void Kill(bool reset = false)
        {
            if (reset)
            {
                Socket.LingerState = new LingerOption(true, 0);
            }
            Socket.Close();
        }

        public void Dispose() => Socket.Dispose();

        private byte ReadByte()
        {
            var one = new byte[1];
            if (Socket.Receive(one) != 1)
            {
                Assert.Fail("the broker closed the connection");
            }
            return one[0];
        }

        /// <summary>CONNECT as a raw client sends it (keep-alive 60 unless told); built by <see cref="Packets"/>.</summary>
        public static byte[] Connect(string clientId, int level, bool clean = true, string willTopic = null, string willMessage = null, int willQos = 0, bool willRetain = false, int keepAlive = 60) =>
            Packets.Connect(clientId, clean, keepAlive, willTopic, willMessage == null ? null : Encoding.UTF8.GetBytes(willMessage), willQos, willRetain, level: level);

        public static byte[] Subscribe(int packetId, string filter, int qos) => Packets.Subscribe(packetId, filter, qos);

        public static byte[] Publish(string topic, byte[] payload, int qos = 0, int packetId = 0) => Packets.Publish(topic, payload, qos, packetId);

        public static byte[] PubAck(int packetId) => Packets.PubAck(packetId);

        public static byte[] Disconnect() => new byte[] { 0xE0, 0x00 };
    }
}
