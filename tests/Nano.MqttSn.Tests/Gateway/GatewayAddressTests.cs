using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;
using Nano.MqttSn.Gateway;

namespace Nano.MqttSn.Tests.Gateway
{
    /// <summary>The address model: a client is found by the octets of its address that identify it on its link;
    /// the changing ones (an XBee's 16-bit network address) follow its datagrams; and the client table under a
    /// flood of CONNECTs from new addresses.</summary>
    [TestClass]
    public class GatewayAddressTests
    {
        [TestMethod]
        public void A_client_whose_changing_address_octets_change_keeps_its_session_and_replies_go_to_the_new_address()
        {
            var h = new GatewayHarness(changingOffset: 8, changingLength: 2); // "64-bit" 8 octets, then "16-bit" 2
            h.Connect("node0007AB", "n7");
            h.Send("node0007CD", Sn.Register(1, "a/temp"));
            h.Expect("node0007CD", Sn.RegAck(1, 1, 0));
            h.Send("node0007CD", Sn.PingReq());
            h.Expect("node0007CD", "02 17");
            Assert.AreEqual(1, h.Gateway.ClientCount);
        }

        [TestMethod]
        public void Without_changing_octets_every_octet_identifies_the_client_so_a_new_port_is_a_new_client()
        {
            var h = new GatewayHarness();
            h.Connect("10.0.0.1:1000", "n1");
            h.Send("10.0.0.1:1001", Sn.PingReq());
            h.Expect("10.0.0.1:1001", "02 18"); // no connection for this address [§6.12]
            h.Send("10.0.0.1:1000", Sn.PingReq());
            h.Expect("10.0.0.1:1000", "02 17");
        }

        [TestMethod]
        public void A_changing_range_outside_the_longest_address_is_refused()
        {
            var gateway = new SnGateway(new SnGatewayOptions { MaxAddressLength = 10 }, new BrokerEngine(new BrokerOptions()));
            Assert.AreEqual(-1, gateway.AddLink(64, 9, 2));
            Assert.AreEqual(-1, gateway.AddLink(64, -1, 1));
            Assert.AreEqual(0, gateway.AddLink(64, 8, 2));
        }

        [TestMethod]
        public void A_flood_of_connects_from_300_addresses_keeps_the_table_in_budget_refuses_with_congestion_and_serves_the_clients_already_connected()
        {
            var o = GatewayHarness.Options();
            o.MaxClients = 4;
            var h = new GatewayHarness(o, new BrokerOptions { MaxConnections = 8 });
            h.Connect("good", "good");
            h.Send("good", Sn.Register(1, "g/t"));
            h.Expect("good", Sn.RegAck(1, 1, 0));
            h.Connect("left", "left");
            h.Send("left", Sn.Disconnect());
            h.Expect("left", "02 18");

            int accepted = 0;
            int refused = 0;
            for (int i = 0; i < 300; i++)
            {
                string address = "flood" + i;
                h.Send(address, Sn.Connect("f" + i, 60, true, false));
                foreach (GatewayHarness.Sent s in h.Drain())
                {
                    Assert.AreEqual(address, s.To);
                    accepted += s.Hex == "03 05 00" ? 1 : 0;
                    refused += s.Hex == "03 05 01" ? 1 : 0; // rejected: congestion
                }
                Assert.IsTrue(h.Gateway.ClientCount <= o.MaxClients);
            }
            Assert.AreEqual(3, accepted, "two free slots, then the slot of the client that disconnected");
            Assert.AreEqual(297, refused);
            Assert.AreEqual(SnClientStatus.Free, h.Status("left"), "a remembered client gives way first");
            Assert.AreEqual(SnClientStatus.Active, h.Status("good"), "a connected client is never evicted");
            h.Send("good", Sn.Publish(1, 0, 1, 9, "still here"));
            h.Expect("good", Sn.PubAck(1, 9, 0));
        }
    }
}
