using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt;
using Nano.Mqtt.Codec;

namespace Nano.MqttSn.Tests.Gateway
{
    /// <summary>An MQTT 3.1.1 client scripted directly on a broker engine connection; its packets are
    /// encoded and decoded with the MQTT codec.</summary>
    internal sealed class MqttPeer
    {
        private readonly GatewayHarness _h;
        private readonly int _id;
        private readonly byte[] _buffer = new byte[4096];
        private readonly List<byte> _pending = new List<byte>();

        public MqttPeer(GatewayHarness h, string clientId)
        {
            _h = h;
            _id = h.Broker.Accept(h.Now);
            Assert.IsTrue(_id >= 0);
            byte[] id = Encoding.UTF8.GetBytes(clientId);
            var p = new ConnectPacket { ProtocolLevel = ProtocolLevel.V311, CleanSession = true, ClientId = new ByteSlice(id, 0, id.Length) };
            Send(p.GetSize(), b => p.Encode(b, 0));
            Assert.AreEqual("20020000", Convert.ToHexString(NextPacket()));
        }

        public void Subscribe(string filter, int qos)
        {
            byte[] f = Encoding.UTF8.GetBytes(filter);
            var p = new SubscribePacket { PacketId = 1, Count = 1, Filters = new[] { new ByteSlice(f, 0, f.Length) }, RequestedQos = new[] { (byte)qos } };
            Send(p.GetSize(), b => p.Encode(b, 0));
            Assert.AreEqual(0x90, NextPacket()[0]);
        }

        public void Publish(string topic, string payload, int qos, bool retain = false, ushort packetId = 1)
        {
            byte[] t = Encoding.UTF8.GetBytes(topic);
            byte[] d = Encoding.UTF8.GetBytes(payload);
            var p = new PublishPacket { Qos = (byte)qos, Retain = retain, PacketId = packetId, Topic = new ByteSlice(t, 0, t.Length), Payload = new ByteSlice(d, 0, d.Length) };
            Send(p.GetSize(), b => p.Encode(b, 0));
            if (qos == 1)
            {
                Assert.AreEqual(0x40, NextPacket()[0]);
            }
        }

        /// <summary>Decoded PUBLISH packets received so far as "topic=payload qN [retain]", acknowledging QoS 1.</summary>
        public List<string> Messages()
        {
            var result = new List<string>();
            byte[] packet;
            while ((packet = TryNextPacket()) != null)
            {
                if (packet[0] >> 4 != 3)
                {
                    continue;
                }
                var p = new PublishPacket();
                Assert.AreEqual(MqttError.None, p.Decode(packet, 0, packet.Length, ProtocolLevel.V311));
                result.Add(Encoding.UTF8.GetString(p.Topic.Buffer, p.Topic.Offset, p.Topic.Length) + "="
                    + Encoding.UTF8.GetString(p.Payload.Buffer, p.Payload.Offset, p.Payload.Length) + " q" + p.Qos + (p.Retain ? " retain" : ""));
                if (p.Qos == 1)
                {
                    var ack = new AckPacket(PacketType.PubAck, p.PacketId);
                    Send(4, b => ack.Encode(b, 0));
                }
            }
            return result;
        }

        private delegate int Encoder(byte[] buffer);

        private void Send(int size, Encoder encode)
        {
            var b = new byte[size];
            Assert.AreEqual(size, encode(b));
            _h.Broker.Receive(_id, b, 0, size, _h.Now);
        }

        private byte[] NextPacket()
        {
            byte[] p = TryNextPacket();
            Assert.IsNotNull(p, "the broker sent nothing");
            return p;
        }

        private byte[] TryNextPacket()
        {
            int n;
            while ((n = _h.Broker.ReadOutput(_id, _buffer, 0, _buffer.Length)) > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    _pending.Add(_buffer[i]);
                }
            }
            if (_pending.Count < 2)
            {
                return null;
            }
            int length = 0;
            int shift = 0;
            int h = 1;
            int digit;
            do
            {
                digit = _pending[h++];
                length |= (digit & 0x7F) << shift;
                shift += 7;
            }
            while ((digit & 0x80) != 0);
            byte[] packet = _pending.GetRange(0, h + length).ToArray();
            _pending.RemoveRange(0, h + length);
            return packet;
        }
    }
}
