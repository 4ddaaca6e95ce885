#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.MqttSn.Gateway;

namespace Nano.DeviceTests.Gateway
{
    /// <summary>ADVERTISE and SEARCHGW/GWINFO, broadcast per link (MQTT-SN 1.2 §6.1).</summary>
    [TestClass]
    public class GatewayDiscoveryDeviceTests
    {
        [TestMethod]
        public void Advertise_is_broadcast_at_the_first_poll_and_every_t_adv_section_6_1()
        {
            SnGatewayOptions o = GatewayRig.Options();
            o.GatewayId = 5;
            o.AdvertiseIntervalMs = 900000;
            GatewayRig r = new GatewayRig(o);
            r.Expect("*", "05 00 05 03 84");
            r.ExpectNothing();
            r.Advance(899999);
            r.ExpectNothing();
            r.Advance(1);
            r.Expect("*", "05 00 05 03 84");
            Assert.AreEqual(2L, r.Gateway.Statistics.Advertisements);
        }

        [TestMethod]
        public void Searchgw_is_answered_with_gwinfo_to_the_searcher_and_a_broadcast_section_6_1()
        {
            SnGatewayOptions o = GatewayRig.Options();
            o.GatewayId = 9;
            GatewayRig r = new GatewayRig(o);
            r.Send("A", SnDatagrams.SearchGw(0));
            r.Expect("A", "03 02 09");
            r.Expect("*", "03 02 09");
            r.ExpectNothing();
        }

        [TestMethod]
        public void Datagrams_of_one_link_are_taken_separately_section_6_1()
        {
            SnGatewayOptions o = GatewayRig.Options();
            o.AdvertiseIntervalMs = 1000;
            GatewayRig r = new GatewayRig(o);
            int second = r.Gateway.AddLink(64);
            r.Gateway.Poll(r.Now);
            byte[] dst = new byte[64];
            byte[] address = new byte[16];
            int length;
            bool broadcast;
            Assert.AreEqual(5, r.Gateway.NextDatagram(second, dst, 0, dst.Length, address, 0, out length, out broadcast));
            Assert.IsTrue(broadcast);
            Assert.AreEqual(0, length);
            Assert.AreEqual(0, r.Gateway.NextDatagram(second, dst, 0, dst.Length, address, 0, out length, out broadcast));
            Assert.AreEqual(1, r.Gateway.PendingDatagrams);
        }
    }
}
