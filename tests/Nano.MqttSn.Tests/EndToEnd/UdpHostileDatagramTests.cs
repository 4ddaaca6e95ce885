using System;
using System.Net;
using System.Net.Sockets;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Gateway;
using Nano.MqttSn.Tests.Gateway;

namespace Nano.MqttSn.Tests.EndToEnd
{
    /// <summary>Bad datagrams over real UDP into the gateway: each is answered per MQTT-SN 1.2 or ignored and
    /// counted by kind, and a well-behaved client is served right after.</summary>
    [TestClass]
    public class UdpHostileDatagramTests
    {
        [TestMethod]
        public void An_empty_datagram_is_counted_as_malformed_and_the_next_client_is_served()
        {
            using var server = new GatewayServer(Quiet);
            using var raw = new RawSn(server.SnEndPoint);
            raw.Send("");
            using var node = new SnNode(server.SnEndPoint, "after-empty");
            node.Connect();
            Assert.AreEqual(1, server.Gateway.Statistics.DatagramsMalformed);
        }

        [TestMethod]
        [DataRow("05", DisplayName = "1 octet")]
        [DataRow("01 00", DisplayName = "3-octet length form cut after its first length octet")]
        [DataRow("01 00 05", DisplayName = "3-octet length form without MsgType")]
        [DataRow("01 00 02 16", DisplayName = "3-octet length form whose Length is shorter than its header")]
        [DataRow("00 16", DisplayName = "Length 0")]
        [DataRow("06 16 00", DisplayName = "Length beyond the datagram")]
        [DataRow("01 01 00 16", DisplayName = "3-octet Length beyond the datagram")]
        [DataRow("02 16 00", DisplayName = "octets after the message")]
        [DataRow("09 04 04 02 00 3C 61 62 63", DisplayName = "CONNECT with an unknown ProtocolId")]
        [DataRow("06 04 04 01 00 3C", DisplayName = "CONNECT without ClientId")]
        [DataRow("05 0C 60 00 01", DisplayName = "PUBLISH truncated before MsgId")]
        [DataRow("07 0C 03 00 01 00 00", DisplayName = "PUBLISH with the reserved TopicIdType 0b11")]
        [DataRow("05 12 03 00 01", DisplayName = "SUBSCRIBE with the reserved TopicIdType 0b11")]
        [DataRow("07 0A 00 00 00 01", DisplayName = "REGISTER with an empty topic name")]
        [DataRow("04 FE 01 61", DisplayName = "forwarder envelope with nothing inside")]
        public void A_malformed_datagram_is_counted_and_the_next_client_is_served(string hex)
        {
            AssertIgnored(hex, s => s.DatagramsMalformed);
        }

        [TestMethod]
        [DataRow("02 03", DisplayName = "reserved 0x03")]
        [DataRow("02 1F", DisplayName = "reserved 0x1F")]
        [DataRow("03 FF 00", DisplayName = "reserved 0xFF")]
        public void A_datagram_of_an_unknown_type_is_counted_and_the_next_client_is_served(string hex)
        {
            AssertIgnored(hex, s => s.DatagramsUnknownType);
        }

        [TestMethod]
        [DataRow("07 0A 00 00 00 01 61", DisplayName = "REGISTER before CONNECT")]
        [DataRow("05 09 6F 66 66", DisplayName = "WILLMSG not asked for")]
        [DataRow("03 05 00", DisplayName = "CONNACK, a gateway's message")]
        [DataRow("05 00 02 00 3C", DisplayName = "another gateway's ADVERTISE")]
        [DataRow("04 10 00 01", DisplayName = "PUBREL before CONNECT")]
        public void A_datagram_in_the_wrong_state_is_counted_and_the_next_client_is_served(string hex)
        {
            AssertIgnored(hex, s => s.DatagramsOutOfState);
        }

        [TestMethod]
        public void A_qos_1_publish_from_an_address_without_a_connection_is_answered_with_disconnect_per_6_12()
        {
            using var server = new GatewayServer(Quiet);
            using var raw = new RawSn(server.SnEndPoint);
            raw.Send(Sn.Publish(1, 0, 1, 7, "x"));
            Assert.AreEqual("02 18", raw.Receive());
        }

        [TestMethod]
        public void A_connected_client_gets_refusals_for_a_huge_register_topic_and_an_unknown_topic_id_and_stays_served()
        {
            using var server = new GatewayServer(Quiet);
            using var raw = new RawSn(server.SnEndPoint);
            raw.Send(Sn.Connect("raw", 60, true, false));
            Assert.AreEqual("03 05 00", raw.Receive());
            raw.Send(Sn.Register(5, new string('t', 200))); // longer than any topic the gateway keeps
            Assert.AreEqual(Sn.RegAck(0, 5, 3), raw.Receive()); // rejected: not supported
            raw.Send(Sn.Publish(1, 0, 0x0077, 6, "x"));
            Assert.AreEqual(Sn.PubAck(0x0077, 6, 2), raw.Receive()); // rejected: invalid topic id [§6.7]
            raw.Send(Sn.Register(8, "ok/topic"));
            Assert.AreEqual(Sn.RegAck(1, 8, 0), raw.Receive());
            raw.Send(Sn.PingReq());
            Assert.AreEqual("02 17", raw.Receive());
        }

        [TestMethod]
        public void A_datagram_larger_than_the_link_in_the_3_octet_length_form_is_counted_and_the_next_client_is_served()
        {
            AssertIgnored(Sn.Register(5, new string('t', 400)), s => s.DatagramsMalformed);
        }

        /// <summary>No ADVERTISE: on loopback the gateway would hear its own.</summary>
        private static void Quiet(SnGatewayOptions o) => o.AdvertiseIntervalMs = 0;

        private static void AssertIgnored(string hex, Func<SnGatewayStatistics, long> counter)
        {
            using var server = new GatewayServer(Quiet);
            using var raw = new RawSn(server.SnEndPoint);
            raw.Send(hex);
            raw.Send(hex);
            using var node = new SnNode(server.SnEndPoint, "after-bad");
            node.Connect();
            Assert.AreEqual(2, counter(server.Gateway.Statistics), hex);
            Assert.AreEqual(2, server.Gateway.Statistics.DatagramsIgnored, hex);
            Assert.IsNull(raw.Receive(50), "a bad datagram got an answer");
        }
    }

    /// <summary>A UDP socket on loopback that sends hand-made MQTT-SN datagrams and reads the answers.</summary>
    internal sealed class RawSn : IDisposable
    {
        private readonly Socket _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly IPEndPoint _to;
        private readonly byte[] _buffer = new byte[1024];

        public RawSn(IPEndPoint to)
        {
            _to = to;
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }

        public void Send(string hex) => _socket.SendTo(Bytes.Hex(hex), _to);

        public void SendRaw(byte[] datagram) => _socket.SendTo(datagram, _to);

        /// <summary>The next datagram as hex, or null when none arrives within <paramref name="waitMs"/>.</summary>
        public string Receive(int waitMs = 5_000)
        {
            if (!_socket.Poll(waitMs * 1000, SelectMode.SelectRead))
            {
                return null;
            }
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int n = _socket.ReceiveFrom(_buffer, ref from);
            return Bytes.ToHex(_buffer, 0, n);
        }

        public void Dispose() => _socket.Close();
    }
}
