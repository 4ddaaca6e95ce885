using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Client;

namespace Nano.MqttSn.Tests.Client
{
    [TestClass]
    public class ConnectTests
    {
        [TestMethod]
        public void Connect_with_will_answers_WillTopicReq_and_WillMsgReq_section_6_3()
        {
            var o = ScriptedGateway.Options();
            o.WillTopic = "w/t";
            o.WillMessage = Bytes.Ascii("gone");
            o.WillQos = 1;
            o.WillRetain = true;
            var g = new ScriptedGateway(o);
            Assert.AreEqual(SnClientResult.Ok, g.Client.Connect(g.Now));
            Assert.AreEqual("0B 04 0C 01 00 3C 6E 6F 64 65 31", g.Out());
            Assert.AreEqual(SnClientState.Connecting, g.Client.State);
            g.In("02 06");
            Assert.AreEqual("06 07 30 77 2F 74", g.Out());
            g.In("02 08");
            Assert.AreEqual("06 09 67 6F 6E 65", g.Out());
            g.In("03 05 00");
            Assert.AreEqual("connected", g.Events.Take());
            Assert.AreEqual(SnClientState.Active, g.Client.State);
            Assert.AreEqual(string.Empty, g.Out());
        }

        [TestMethod]
        public void Rejected_ConnAck_reports_the_return_code()
        {
            var g = new ScriptedGateway();
            g.Client.Connect(g.Now);
            g.Out();
            g.In("03 05 01");
            Assert.AreEqual("disconnected Rejected 1", g.Events.Take());
            Assert.AreEqual(SnClientState.Disconnected, g.Client.State);
        }

        [TestMethod]
        public void Connect_is_resent_every_T_RETRY_and_the_gateway_is_lost_after_N_RETRY()
        {
            var g = new ScriptedGateway();
            g.Client.Connect(g.Now);
            Assert.AreEqual("0B 04 04 01 00 3C 6E 6F 64 65 31", g.Out());
            for (int i = 0; i < 3; i++)
            {
                g.Advance(9999);
                Assert.AreEqual(string.Empty, g.Out());
                g.Advance(1);
                Assert.AreEqual("0B 04 04 01 00 3C 6E 6F 64 65 31", g.Out());
            }

            g.Advance(10000);
            Assert.AreEqual(string.Empty, g.Out());
            Assert.AreEqual("disconnected Lost 0", g.Events.Take());
            Assert.AreEqual(SnClientState.Disconnected, g.Client.State);
        }

        [TestMethod]
        public void Disconnect_waits_for_the_gateways_Disconnect()
        {
            var g = new ScriptedGateway();
            g.Connected();
            Assert.AreEqual(SnClientResult.Ok, g.Client.Disconnect(g.Now));
            Assert.AreEqual("02 18", g.Out());
            Assert.AreEqual(SnClientState.Disconnecting, g.Client.State);
            g.In("02 18");
            Assert.AreEqual("disconnected Requested 0", g.Events.Take());
            Assert.AreEqual(SnClientState.Disconnected, g.Client.State);
        }

        [TestMethod]
        public void Unsolicited_Disconnect_from_the_gateway_section_6_12()
        {
            var g = new ScriptedGateway();
            g.Connected();
            g.In("02 18");
            Assert.AreEqual("disconnected ByGateway 0", g.Events.Take());
            Assert.AreEqual(SnClientResult.WrongState, g.Client.Publish(0, 1, 1, false, null, 0, 0, g.Now, out _));
        }

        [TestMethod]
        public void Keep_alive_PingReq_after_the_period_and_lost_without_PingResp_section_6_11()
        {
            var g = new ScriptedGateway();
            g.Connected();
            g.Advance(59999);
            Assert.AreEqual(string.Empty, g.Out());
            g.Advance(1);
            Assert.AreEqual("02 16", g.Out());
            g.In("02 17");
            g.Advance(59999);
            Assert.AreEqual(string.Empty, g.Out());
            g.Advance(1);
            Assert.AreEqual("02 16", g.Out());
            for (int i = 0; i < 3; i++)
            {
                g.Advance(10000);
                Assert.AreEqual("02 16", g.Out());
            }

            Assert.AreEqual(string.Empty, g.Events.Take());
            g.Advance(10000);
            Assert.AreEqual("disconnected Lost 0", g.Events.Take());
            Assert.AreEqual(string.Empty, g.Out());
        }

        [TestMethod]
        public void Traffic_postpones_the_keep_alive_ping_and_gateway_PingReq_is_answered()
        {
            var g = new ScriptedGateway();
            g.Connected();
            g.Advance(30000);
            g.Client.Publish(0, 2, 0x6162, false, null, 0, 0, g.Now, out _);
            g.Out();
            g.Advance(59999);
            Assert.AreEqual(string.Empty, g.Out());
            g.In("02 16");
            Assert.AreEqual("02 17", g.Out());
        }

        [TestMethod]
        public void Malformed_datagrams_are_counted_and_reported()
        {
            var g = new ScriptedGateway();
            g.Connected();
            byte[] b = Bytes.Hex("07 0C 03 00 01 00 00");
            Assert.AreEqual(Nano.MqttSn.Codec.SnError.ReservedTopicIdType, g.Client.Receive(b, 0, b.Length, g.Now));
            Assert.AreEqual(1, g.Client.MalformedDatagrams);
            Assert.AreEqual(string.Empty, g.Out());
            Assert.AreEqual(string.Empty, g.Events.Take());
        }
    }
}
