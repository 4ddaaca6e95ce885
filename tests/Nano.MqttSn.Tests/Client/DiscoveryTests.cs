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
            Assert.AreEqual(3, g.Client.GatewayId);
        }
    }
}
