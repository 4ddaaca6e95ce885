using System;
using System.Diagnostics;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;
using Nano.MqttSn.Codec;
using Nano.MqttSn.Gateway;
using Nano.MqttSn.Radio;
using Nano.Radio.Tests.Radio;
using Nano.Serial;

namespace Nano.Radio.Tests.EndToEnd
{
    /// <summary>
    /// The gateway on a real serial line (pseudo-terminal) behind an emulated radio, with line noise between
    /// frames, and a node that sends hand-made MQTT-SN datagrams: bad datagrams inside valid frames on every
    /// radio framing are counted and the node is served after them; an XBee node whose 16-bit network address
    /// changes keeps its session.
    /// </summary>
    [TestClass]
    public sealed class RadioHostileTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        [TestMethod]
        [DataRow("xbee2")]
        [DataRow("xbee")]
        [DataRow("twelite")]
        [DataRow("slip")]
        [DataRow("cobs")]
        public void Bad_datagrams_in_radio_frames_are_counted_and_the_node_is_served_after_them(string radio)
        {
            using var rig = new Rig(radio);
            foreach (string bad in new[] { "05", "01 00", "06 16 00", "02 16 00", "00 16", "02 03", "07 0A 00 00 00 01 61", "03 05 00" })
            {
                rig.Node.Send(bad);
            }
            rig.Node.Send("08 04 04 01 00 3C 6E 37"); // CONNECT "n7", keep-alive 60 s
            Assert.AreEqual("03 05 00", rig.Receive());
            SnGatewayStatistics s = rig.Gateway.Statistics;
            Assert.AreEqual(5, s.DatagramsMalformed + rig.Link.DatagramsDropped, radio); // an envelope too short to hold a message is the link's to drop
            Assert.AreEqual(1, s.DatagramsUnknownType, radio);
            Assert.AreEqual(2, s.DatagramsOutOfState, radio);
            rig.Node.Send("02 16"); // PINGREQ
            Assert.AreEqual("02 17", rig.Receive());
            Assert.IsTrue(rig.Air.NoiseOctets > 0, "line noise between frames");
        }

        [TestMethod]
        [DataRow("xbee2")]
        [DataRow("xbee")]
        public void An_xbee_node_whose_16_bit_address_changes_mid_session_keeps_its_session(string radio)
        {
            using var rig = new Rig(radio);
            rig.Node.Send("08 04 04 01 00 3C 6E 37"); // CONNECT "n7", keep-alive 60 s
            Assert.AreEqual("03 05 00", rig.Receive());
            rig.Node.Send("0C 0A 00 00 00 01 61 2F 74 65 6D 70"); // REGISTER "a/temp"
            Assert.AreEqual("07 0B 00 01 00 01 00", rig.Receive());

            byte[] rejoined = (byte[])rig.NodeAddress.Clone();
            rejoined[8] ^= 0x5A; // the coordinator gave it a new 16-bit network address
            rejoined[9] ^= 0xA5;
            rig.Air.Network.SetAddress(rig.NodeModule, rejoined);

            rig.Node.Send("02 16"); // PINGREQ: not a DISCONNECT for an unknown address
            Assert.AreEqual("02 17", rig.Receive());
            rig.Node.Send("09 0C 20 00 01 00 02 32 31"); // PUBLISH QoS 1 on the registered id
            Assert.AreEqual("07 0D 00 01 00 02 00", rig.Receive());
            Assert.AreEqual(1, rig.Gateway.ClientCount);
            Assert.AreEqual(SnClientStatus.Active, rig.Gateway.GetClientStatus(new byte[] { 0x6E, 0x37 }, 0, 2));
            Assert.AreEqual(0, rig.Gateway.Statistics.DatagramsIgnored);
        }

        /// <summary>Gateway link and node port on two pseudo-terminals of one emulated radio network.</summary>
        private sealed class Rig : IDisposable
        {
            private readonly Stopwatch _clock = Stopwatch.StartNew();

            public Rig(string radio)
            {
                RadioProfile profile = RadioProfile.Create(radio, 0);
                var broker = new BrokerEngine(new BrokerOptions { MaxConnections = 4, SysIntervalMs = 0 });
                Gateway = new SnGateway(new SnGatewayOptions { AdvertiseIntervalMs = 0 }, broker);
                Air = new PtyRadio(profile, FrameFeeder.StableSeed(radio) | 1);
                SerialRadioPort gatewayPort = Air.Attach(profile.GatewayRadioAddress());
                NodeAddress = profile.NodeRadioAddress(7);
                NodeModule = 1;
                Node = new RawRadioNode(Air.Attach(NodeAddress), profile.GatewayAddress(), profile.NodeId(7));
                Link = new SerialGatewayLink(Gateway, gatewayPort, profile.GatewayBroadcast(), 64, 4);
            }

            public SnGateway Gateway { get; }

            public SerialGatewayLink Link { get; }

            public PtyRadio Air { get; }

            public RawRadioNode Node { get; }

            public byte[] NodeAddress { get; }

            public int NodeModule { get; }

            /// <summary>Runs gateway, radio and node until the node receives a datagram; returns it as hex.</summary>
            public string Receive()
            {
                var watch = Stopwatch.StartNew();
                while (watch.Elapsed < Timeout)
                {
                    long now = _clock.ElapsedMilliseconds;
                    Link.PollOnce(now);
                    Air.Pump();
                    string got = Node.Poll(now);
                    if (got != null)
                    {
                        return got;
                    }
                    System.Threading.Thread.Sleep(1);
                }
                Assert.Fail("the node received nothing within " + Timeout);
                return null;
            }

            public void Dispose() => Air.Dispose();
        }

        /// <summary>A node that writes hand-made MQTT-SN datagrams to its radio (in the forwarder envelope on
        /// address-less radios) and reads what arrives.</summary>
        private sealed class RawRadioNode
        {
            private readonly SerialRadioPort _port;
            private readonly byte[] _gateway;
            private readonly byte[] _nodeId;
            private readonly byte[] _frame = new byte[256];

            public RawRadioNode(SerialRadioPort port, byte[] gateway, byte[] nodeId)
            {
                _port = port;
                _gateway = gateway;
                _nodeId = nodeId;
            }

            public void Send(string hex)
            {
                byte[] datagram = FrameFeeder.Hex(hex);
                int length = datagram.Length;
                if (_nodeId != null)
                {
                    var envelope = new EncapsulatedMessage { NodeId = _nodeId, NodeIdLength = _nodeId.Length, Inner = datagram, InnerLength = datagram.Length };
                    length = envelope.Encode(_frame, 0);
                    datagram = _frame;
                }
                Assert.IsTrue(_port.Send(_gateway, 0, datagram, 0, length), "the radio took " + hex);
            }

            /// <summary>The next datagram received, as hex, or null.</summary>
            public string Poll(long now)
            {
                while (_port.Poll(now))
                {
                    RadioFraming f = _port.Framing;
                    if (f.FrameKind != RadioFrameKind.Data)
                    {
                        continue;
                    }
                    int offset = f.PayloadOffset;
                    int count = f.PayloadLength;
                    if (_nodeId != null)
                    {
                        var envelope = new EncapsulatedMessage();
                        Assert.AreEqual(SnError.None, envelope.Decode(f.Buffer, offset, count));
                        offset = envelope.InnerOffset;
                        count = envelope.InnerLength;
                    }
                    return BitConverter.ToString(f.Buffer, offset, count).Replace("-", " ");
                }
                return null;
            }
        }
    }
}
