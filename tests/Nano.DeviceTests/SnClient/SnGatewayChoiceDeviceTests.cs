#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.MqttSn.Client;

namespace Nano.DeviceTests.SnClient
{
    /// <summary>The client's choice among several gateways (§6.1, §6.13) on the device runtime.</summary>
    [TestClass]
    public class SnGatewayChoiceDeviceTests
    {
        [TestMethod]
        public void The_first_gateway_heard_is_used_and_a_lost_connection_fails_over_to_the_next_section_6_13()
        {
            ClientScript s = new ClientScript(false);
            s.Receive("03 02 04");
            s.Receive("05 00 09 03 84");
            Assert.AreEqual(4, s.Client.GatewayId);
            Assert.AreEqual(2, s.Client.GatewayCount);
            Assert.AreEqual((int)SnClientResult.Ok, (int)s.Client.Connect(s.Now));
            for (int i = 0; i <= ClientScript.MaxRetries; i++)
            {
                s.Advance(ClientScript.RetryMs); // CONNECT never answered
            }
            Assert.AreEqual((int)SnClientState.Disconnected, (int)s.Client.State);
            Assert.AreEqual(9, s.Client.GatewayId);
        }

        [TestMethod]
        public void A_gateway_answering_connect_with_congestion_gives_way_to_another_section_5_3_10()
        {
            ClientScript s = new ClientScript(false);
            s.Receive("03 02 04");
            s.Receive("03 02 09");
            Assert.AreEqual((int)SnClientResult.Ok, (int)s.Client.Connect(s.Now));
            s.Expect("08 04 04 01 00 3C 6E 31");
            s.Receive("03 05 01");
            Assert.AreEqual(9, s.Client.GatewayId);
        }
    }
}
