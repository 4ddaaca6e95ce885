using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Client;

namespace Nano.MqttSn.Tests.Client
{
    [TestClass]
    public class DiscoveryTests
    {
        [TestMethod]
        public void SearchGw_is_broadcast_after_a_random_delay_within_T_SEARCHGW_then_backs_off_exponentially()
        {
            var g = new ScriptedGateway();
            g.Client.StartSearch(g.Now);
            long start = g.Now;
            string sent = string.Empty;
            while (sent.Length == 0 && g.Now - start <= 5000)
            {
                g.Advance(100);
                sent = g.OutBroadcast();
            }

            Assert.AreEqual("03 01 01", sent);
            Assert.IsTrue(g.Now - start <= 5000);

            g.Advance(4999);
            Assert.AreEqual(string.Empty, g.OutBroadcast());
            g.Advance(1);
            Assert.AreEqual("03 01 01", g.OutBroadcast());
            g.Advance(9999);
            Assert.AreEqual(string.Empty, g.OutBroadcast());
            g.Advance(1);
            Assert.AreEqual("03 01 01", g.OutBroadcast());
            g.Advance(19999);
            Assert.AreEqual(string.Empty, g.OutBroadcast());
            g.Advance(1);
            Assert.AreEqual("03 01 01", g.OutBroadcast());

            g.In("03 02 05");
            Assert.AreEqual("gateway 5", g.Events.Take());
            Assert.AreEqual(5, g.Client.GatewayId);
            Assert.IsFalse(g.Client.Searching);
            g.Advance(120000);
            Assert.AreEqual(string.Empty, g.OutBroadcast());
        }

        [TestMethod]
        public void Back_off_is_capped_at_the_maximum_interval()
        {
            var o = ScriptedGateway.Options();
            o.SearchGwMaxDelayMs = 0;
            o.SearchGwRetryMs = 1000;
            o.SearchGwMaxRetryMs = 3000;
            var g = new ScriptedGateway(o);
            g.Client.StartSearch(g.Now);
            g.Advance(0);
            Assert.AreEqual("03 01 01", g.OutBroadcast());
            long[] waits = { 1000, 2000, 3000, 3000 };
            foreach (long w in waits)
            {
                g.Advance(w - 1);
                Assert.AreEqual(string.Empty, g.OutBroadcast());
                g.Advance(1);
                Assert.AreEqual("03 01 01", g.OutBroadcast());
            }
        }

        [TestMethod]
        public void Another_clients_SearchGw_cancels_ours_section_6_1()
        {
            var o = ScriptedGateway.Options();
            o.SearchGwMaxDelayMs = 5000;
            o.SearchGwRetryMs = 8000;
            var g = new ScriptedGateway(o);
            g.Client.StartSearch(g.Now);
            g.In("03 01 01");
            for (int i = 0; i < 79; i++)
            {
                g.Advance(100);
                Assert.AreEqual(string.Empty, g.OutBroadcast());
            }

            g.Advance(100);
            Assert.AreEqual("03 01 01", g.OutBroadcast());
        }

        [TestMethod]
        public void Advertise_and_client_GwInfo_with_GwAdd_report_the_gateway()
        {
            var g = new ScriptedGateway();
            g.Client.StartSearch(g.Now);
            g.In("05 00 02 03 84");
            Assert.AreEqual("gateway 2", g.Events.Take());
            Assert.IsFalse(g.Client.Searching);
            g.In("07 02 03 C0 A8 01 02");
            Assert.AreEqual("gateway 3 C0 A8 01 02", g.Events.Take());
            Assert.AreEqual(2, g.Client.GatewayId, "the first gateway heard stays in use while it serves");
            Assert.AreEqual(2, g.Client.GatewayCount);
        }

        [TestMethod]
        public void A_lost_gateway_gives_way_to_the_next_one_heard_and_comes_again_after_the_others_section_6_13()
        {
            var g = new ScriptedGateway();
            g.In("03 02 01");
            g.In("03 02 02");
            g.In("05 00 03 03 84");
            Assert.AreEqual(1, g.Client.GatewayId);
            Assert.AreEqual(3, g.Client.GatewayCount);
            foreach (int next in new[] { 2, 3, 1 })
            {
                Assert.AreEqual(SnClientResult.Ok, g.Client.Connect(g.Now));
                for (int i = 0; i <= 3; i++)
                {
                    g.Advance(10000); // CONNECT re-sent N_RETRY times, never answered
                }
                Assert.AreEqual(SnClientState.Disconnected, g.Client.State);
                Assert.AreEqual(next, g.Client.GatewayId);
                while (g.Out().Length > 0)
                {
                }
            }
        }

        [TestMethod]
        public void A_gateway_answering_connect_with_congestion_is_not_chosen_for_t_wait()
        {
            var o = ScriptedGateway.Options();
            o.CongestionWaitMs = 300000;
            var g = new ScriptedGateway(o);
            g.In("03 02 01");
            g.In("03 02 02");
            g.Client.Connect(g.Now);
            g.In("03 05 01"); // rejected: congestion
            Assert.AreEqual(2, g.Client.GatewayId);
            g.Client.Connect(g.Now);
            g.In("03 05 01");
            Assert.AreEqual(-1, g.Client.GatewayId, "both wait T_WAIT");
            g.Advance(299999);
            Assert.AreEqual(-1, g.Client.GatewayId);
            g.Advance(1);
            Assert.AreEqual(1, g.Client.GatewayId);
        }

        [TestMethod]
        public void A_gateway_whose_advertise_stops_for_n_adv_periods_is_forgotten_section_6_1()
        {
            var g = new ScriptedGateway();
            g.In("05 00 01 00 0A"); // ADVERTISE GwId 1, next in 10 s
            g.In("03 02 02");
            Assert.AreEqual(1, g.Client.GatewayId);
            g.Advance(30000);
            Assert.AreEqual(1, g.Client.GatewayId);
            g.In("05 00 01 00 0A");
            g.Advance(30001);
            Assert.AreEqual(2, g.Client.GatewayId);
            Assert.AreEqual(1, g.Client.GatewayCount);
        }
    }
}
