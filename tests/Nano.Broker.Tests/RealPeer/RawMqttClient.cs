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

        public static byte[] Connect(string clientId, int level, bool clean = true, string willTopic = null, string willMessage = null, int willQos = 0, bool willRetain = false, int keepAlive = 60)
        {
            var body = new List<byte>();
            String(body, level == 3 ? "MQIsdp" : "MQTT");
            body.Add((byte)level);
            int flags = clean ? 0x02 : 0;
            if (willTopic != null)
            {
                flags |= 0x04 | (willQos << 3) | (willRetain ? 0x20 : 0);
            }
            body.Add((byte)flags);
            body.Add((byte)(keepAlive >> 8));
            body.Add((byte)keepAlive);
            String(body, clientId);
            if (willTopic != null)
            {
                String(body, willTopic);
                String(body, willMessage);
            }
            return Packet(0x10, body);
        }

        public static byte[] Subscribe(int packetId, string filter, int qos)
        {
            var body = new List<byte> { (byte)(packetId >> 8), (byte)packetId };
            String(body, filter);
            body.Add((byte)qos);
            return Packet(0x82, body);
        }

        public static byte[] Publish(string topic, byte[] payload, int qos = 0, int packetId = 0)
        {
            var body = new List<byte>();
            String(body, topic);
            if (qos > 0)
            {
                body.Add((byte)(packetId >> 8));
                body.Add((byte)packetId);
            }
            body.AddRange(payload);
            return Packet(0x30 | (qos << 1), body);
        }

        public static byte[] PubAck(int packetId) => new byte[] { 0x40, 0x02, (byte)(packetId >> 8), (byte)packetId };

        public static byte[] Disconnect() => new byte[] { 0xE0, 0x00 };

        private static void String(List<byte> body, string s)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(s);
            body.Add((byte)(bytes.Length >> 8));
            body.Add((byte)bytes.Length);
            body.AddRange(bytes);
        }

        private static byte[] Packet(int firstByte, List<byte> body)
        {
            var packet = new List<byte> { (byte)firstByte };
            int length = body.Count;
            do
            {
                int digit = length & 0x7F;
                length >>= 7;
                packet.Add((byte)(length > 0 ? digit | 0x80 : digit));
            }
            while (length > 0);
            packet.AddRange(body);
            return packet.ToArray();
        }
    }
}
