using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Nano.MqttSn.Tests.Gateway
{
    /// <summary>ADVERTISE and SEARCHGW/GWINFO (§6.1), broadcast per link.</summary>
    [TestClass]
    public class GatewayDiscoveryTests
    {
        [TestMethod]
        public void Advertise_is_broadcast_on_every_link_at_start_and_every_t_adv()
        {
            var o = GatewayHarness.Options();
            o.GatewayId = 5;
            o.AdvertiseIntervalMs = 900_000;
            var h = new GatewayHarness(o);
            int second = h.Gateway.AddLink(64);
            var sent = h.Drain();
            Assert.AreEqual(2, sent.Count);
            Assert.AreEqual("05 00 05 03 84", sent[0].Hex); // GwId 5, Duration 900 s
            Assert.AreEqual("*", sent[0].To);
            Assert.AreEqual(0, sent[0].Link);
            Assert.AreEqual(second, sent[1].Link);
            Assert.AreEqual("*", sent[1].To);

            h.Advance(899_999);
            Assert.AreEqual(0, h.Drain().Count);
            h.Advance(1);
            Assert.AreEqual(2, h.Drain().Count);
            Assert.AreEqual(4, h.Gateway.Statistics.Advertisements);
        }

        [TestMethod]
        public void Searchgw_is_answered_with_gwinfo_to_the_searcher_and_as_a_broadcast_on_the_same_link()
        {
            var o = GatewayHarness.Options();
            o.GatewayId = 9;
            var h = new GatewayHarness(o);
            h.Send("A", "03 01 00");
            var sent = h.Drain();
            Assert.AreEqual(2, sent.Count);
            Assert.AreEqual("03 02 09", sent[0].Hex);
            Assert.AreEqual("A", sent[0].To);
            Assert.AreEqual("03 02 09", sent[1].Hex);
            Assert.AreEqual("*", sent[1].To);
        }

        [TestMethod]
        public void Datagrams_of_one_link_can_be_taken_separately()
        {
            var o = GatewayHarness.Options();
            o.AdvertiseIntervalMs = 1_000;
            var h = new GatewayHarness(o);
            int second = h.Gateway.AddLink(64);
            h.Gateway.Poll(h.Now);
            var dst = new byte[64];
            var address = new byte[16];
            Assert.AreEqual(5, h.Gateway.NextDatagram(second, dst, 0, dst.Length, address, 0, out int length, out bool broadcast));
            Assert.IsTrue(broadcast);
            Assert.AreEqual(0, length);
            Assert.AreEqual(0, h.Gateway.NextDatagram(second, dst, 0, dst.Length, address, 0, out _, out _));
            Assert.AreEqual(1, h.Gateway.PendingDatagrams, "link 0's ADVERTISE is still waiting");
        }

        [TestMethod]
        public void Malformed_datagrams_are_counted_and_ignored()
        {
            var h = new GatewayHarness();
            h.Send("A", "05 04 00"); // Length larger than the datagram
            h.Send("A", "02 03"); // reserved type
            h.ExpectNothing();
            Assert.AreEqual(2, h.Gateway.Statistics.DatagramsIgnored);
            Assert.AreEqual(1, h.Gateway.Statistics.DatagramsMalformed);
            Assert.AreEqual(1, h.Gateway.Statistics.DatagramsUnknownType);
        }
    }
}
