using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Client;

namespace Nano.MqttSn.Tests.Client
{
    [TestClass]
    public class SleepTests
    {
        [TestMethod]
        public void Sleep_wake_receive_buffered_messages_until_PingResp_then_sleep_again_section_6_14()
        {
            var g = new ScriptedGateway();
            g.Connected();
            Assert.AreEqual(SnClientResult.Ok, g.Client.Sleep(300, g.Now));
            Assert.AreEqual("04 18 01 2C", g.Out());
            g.In("02 18");
            Assert.AreEqual("asleep", g.Events.Take());
            Assert.AreEqual(SnClientState.Asleep, g.Client.State);

            g.Advance(250000);
            Assert.AreEqual(string.Empty, g.Out());

            Assert.AreEqual(SnClientResult.Ok, g.Client.Wake(g.Now));
            Assert.AreEqual("07 16 6E 6F 64 65 31", g.Out());
            Assert.AreEqual(SnClientState.Awake, g.Client.State);
            g.In("09 0A 00 09 00 01 73 2F 78");
            Assert.AreEqual("07 0B 00 09 00 01 00", g.Out());
            g.In("0A 0C 20 00 09 00 02 32 30 35");
            Assert.AreEqual("07 0D 00 09 00 02 00", g.Out());
            g.In("08 0C 40 00 09 00 03 31");
            Assert.AreEqual("04 0F 00 03", g.Out());
            g.In("04 10 00 03");
            Assert.AreEqual("04 0E 00 03", g.Out());
            Assert.AreEqual("message 0 9 qos1 205 | message 0 9 qos2 1", g.Events.Take());

            g.In("02 17");
            Assert.AreEqual("asleep", g.Events.Take());
            Assert.AreEqual(SnClientState.Asleep, g.Client.State);
            g.Advance(100000);
            Assert.AreEqual(string.Empty, g.Out());

            Assert.AreEqual(SnClientResult.Ok, g.Client.Wake(g.Now));
            Assert.AreEqual("07 16 6E 6F 64 65 31", g.Out());
            g.In("02 17");
            Assert.AreEqual("asleep", g.Events.Take());
        }

        [TestMethod]
        public void Awake_restarts_T_RETRY_on_each_message_and_goes_back_to_sleep_after_the_retries()
        {
            var o = ScriptedGateway.Options();
            o.MaxRetries = 1;
            var g = new ScriptedGateway(o);
            g.Connected();
            g.Client.Sleep(60, g.Now);
            g.Out();
            g.In("02 18");
            g.Events.Take();
            g.Client.Wake(g.Now);
            g.Out();
            g.Advance(9000);
            g.In("08 0C 01 00 10 00 00 31");
            g.Advance(9000);
            Assert.AreEqual(string.Empty, g.Out());
            g.Advance(1000);
            Assert.AreEqual("07 16 6E 6F 64 65 31", g.Out());
            g.Advance(10000);
            Assert.AreEqual(string.Empty, g.Out());
            Assert.AreEqual("message 1 16 qos0 1 | asleep", g.Events.Take());
            Assert.AreEqual(SnClientState.Asleep, g.Client.State);
        }

        [TestMethod]
        public void Connect_from_asleep_returns_to_active_and_keeps_registrations()
        {
            var o = ScriptedGateway.Options();
            o.CleanSession = false;
            var g = new ScriptedGateway(o);
            Assert.AreEqual(SnClientResult.Ok, g.Client.Connect(g.Now));
            Assert.AreEqual("0B 04 00 01 00 3C 6E 6F 64 65 31", g.Out());
            g.In("03 05 00");
            g.In("09 0A 00 09 00 01 73 2F 78");
            g.Out();
            g.Client.Sleep(60, g.Now);
            g.Out();
            g.In("02 18");
            Assert.AreEqual(SnClientResult.Ok, g.Client.Connect(g.Now));
            Assert.AreEqual("0B 04 00 01 00 3C 6E 6F 64 65 31", g.Out());
            g.In("03 05 00");
            Assert.AreEqual(SnClientState.Active, g.Client.State);
            Assert.IsTrue(g.Client.Topics.Contains(9));
        }

        [TestMethod]
        public void No_keep_alive_ping_while_asleep()
        {
            var g = new ScriptedGateway();
            g.Connected();
            g.Client.Sleep(3600, g.Now);
            g.Out();
            g.In("02 18");
            g.Advance(600000);
            Assert.AreEqual(string.Empty, g.Out());
            Assert.AreEqual(SnClientResult.WrongState, g.Client.Sleep(60, g.Now));
        }
    }
}
