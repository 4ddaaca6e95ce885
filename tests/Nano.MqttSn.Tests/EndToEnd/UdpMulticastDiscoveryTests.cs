using System.Net;
using System.Net.Sockets;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;
using Nano.MqttSn.Gateway;
using Nano.MqttSn.Tests.Gateway;
using Nano.Net;

namespace Nano.MqttSn.Tests.EndToEnd
{
    /// <summary>Discovery over a multicast group, as Paho's gateway does it: the UDP endpoint joins the group its
    /// broadcasts go to, hears a SEARCHGW sent to the group and answers GWINFO to the searcher and to the group.</summary>
    [TestClass]
    public class UdpMulticastDiscoveryTests
    {
        private static readonly IPAddress Group = IPAddress.Parse("239.255.14.1");

        [TestMethod]
        public void Searchgw_sent_to_the_multicast_group_is_answered_to_the_searcher_and_to_the_group()
        {
            var broker = new BrokerEngine(new BrokerOptions { MaxConnections = 2, SysIntervalMs = 0 });
            var gateway = new SnGateway(new SnGatewayOptions { AdvertiseIntervalMs = 0, GatewayId = 4 }, broker);
            using var member = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            member.Bind(new IPEndPoint(IPAddress.Any, 0));
            int memberPort = ((IPEndPoint)member.LocalEndPoint).Port;
            // The member does not join: it hears the group only through the membership the endpoint takes.
            var endpoint = new SnUdpEndpoint(gateway, 256) { BroadcastAddress = Group, BroadcastPort = memberPort };
            endpoint.Start(IPAddress.Any, 0);
            try
            {
                using var searcher = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                searcher.Bind(new IPEndPoint(IPAddress.Any, 0));
                try
                {
                    searcher.SendTo(Bytes.Hex("03 01 01"), new IPEndPoint(Group, endpoint.Port));
                }
                catch (SocketException e)
                {
                    Assert.Inconclusive("no multicast route on this machine: " + e.SocketErrorCode);
                }
                for (int i = 0; i < 2_000 && gateway.Statistics.DatagramsReceived == 0; i++)
                {
                    endpoint.PollOnce(i);
                    System.Threading.Thread.Sleep(1);
                }
                Assert.AreEqual(1, gateway.Statistics.DatagramsReceived, "SEARCHGW to the group reached the gateway (socket errors " + endpoint.SocketErrors + ")");
                endpoint.PollOnce(3_000);
                Assert.AreEqual("03 02 04", Receive(searcher), "GWINFO to the searcher");
                Assert.AreEqual("03 02 04", Receive(member), "GWINFO to the group");
                Assert.AreEqual(0, endpoint.SocketErrors);
            }
            finally
            {
                endpoint.Stop();
            }
        }

        private static string Receive(Socket socket)
        {
            Assert.IsTrue(socket.Poll(5_000_000, SelectMode.SelectRead), "nothing received");
            var buffer = new byte[64];
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int n = socket.ReceiveFrom(buffer, ref from);
            return Bytes.ToHex(buffer, 0, n);
        }
    }
}
