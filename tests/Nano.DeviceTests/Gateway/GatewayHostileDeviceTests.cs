#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.MqttSn.Gateway;

namespace Nano.DeviceTests.Gateway
{
    /// <summary>Bad datagrams counted by kind, and the address model, on the device runtime.</summary>
    [TestClass]
    public class GatewayHostileDeviceTests
    {
        [TestMethod]
        public void Bad_datagrams_are_ignored_counted_by_kind_and_the_next_client_is_served_section_5()
        {
            GatewayRig r = new GatewayRig();
            r.Send("A", new byte[0]);
            r.Send("A", Hex.Parse("05"));
            r.Send("A", Hex.Parse("01 00"));
            r.Send("A", Hex.Parse("06 16 00")); // Length beyond the datagram
            r.Send("A", Hex.Parse("07 0C 03 00 01 00 00")); // PUBLISH with the reserved TopicIdType 0b11
            r.Send("A", Hex.Parse("02 03")); // reserved MsgType
            r.Send("A", SnDatagrams.Register(1, "a")); // before CONNECT
            r.ExpectNothing();
            SnGatewayStatistics s = r.Gateway.Statistics;
            Assert.AreEqual(5L, s.DatagramsMalformed);
            Assert.AreEqual(1L, s.DatagramsUnknownType);
            Assert.AreEqual(1L, s.DatagramsOutOfState);
            Assert.AreEqual(7L, s.DatagramsIgnored);
            r.Connect("A", "node1", 60, true);
        }

        [TestMethod]
        public void A_client_whose_changing_address_octets_change_keeps_its_session_and_replies_follow()
        {
            GatewayRig r = new GatewayRig(GatewayRig.Options(), 8, 2);
            r.Connect("node0007AB", "n7", 60, true);
            r.Send("node0007CD", SnDatagrams.Register(1, "a/temp"));
            r.Expect("node0007CD", "07 0B 00 01 00 01 00");
            Assert.AreEqual(1, r.Gateway.ClientCount);
        }
    }
}
