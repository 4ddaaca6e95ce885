#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.MqttSn.Gateway;

namespace Nano.DeviceTests.Gateway
{
    /// <summary>Sleeping clients (MQTT-SN 1.2 §6.14): buffering, the flush on PINGREQ before PINGRESP, sleep supervision.</summary>
    [TestClass]
    public class GatewaySleepDeviceTests
    {
        private static GatewayRig Sleeping(string filter, int qos, int sleepSeconds, SnGatewayOptions options)
        {
            GatewayRig r = new GatewayRig(options);
            r.Send("A", SnDatagrams.Connect("node1", 10, true, true));
            r.Send("A", SnDatagrams.WillTopic(0, false, "dead/n"));
            r.Send("A", SnDatagrams.WillMsg("zzz"));
            r.Expect("A", "02 06");
            r.Expect("A", "02 08");
            r.Expect("A", "03 05 00");
            r.Send("A", SnDatagrams.Subscribe(qos, 1, filter));
            Assert.IsNotNull(r.Next());
            r.Send("A", SnDatagrams.Sleep(sleepSeconds));
            r.Expect("A", "02 18");
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Asleep);
            return r;
        }

        private static GatewayRig Sleeping(string filter, int qos, int sleepSeconds)
        {
            return Sleeping(filter, qos, sleepSeconds, GatewayRig.Options());
        }

        [TestMethod]
        public void Messages_published_while_asleep_are_delivered_in_order_on_pingreq_then_pingresp_section_6_14()
        {
            GatewayRig r = Sleeping("cmd", 1, 60);
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("cmd", "1", 1, false, 1));
            r.MqttSend(app, MqttPackets.Publish("cmd", "2", 1, false, 2));
            r.MqttSend(app, MqttPackets.Publish("cmd", "3", 0, false, 0));
            Assert.AreEqual("40 02 00 01 40 02 00 02", r.MqttRead(app));
            r.Advance(30000);
            r.ExpectNothing();

            r.Send("A", SnDatagrams.PingReq("node1"));
            r.Expect("A", "08 0C 20 00 01 00 01 31");
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Awake);
            r.Send("A", SnDatagrams.PubAck(1, 1, 0));
            r.Expect("A", "08 0C 20 00 01 00 02 32");
            r.Send("A", SnDatagrams.PubAck(1, 2, 0));
            r.Expect("A", "08 0C 00 00 01 00 00 33");
            r.Expect("A", "02 17");
            r.ExpectNothing();
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Asleep);
        }

        [TestMethod]
        public void Qos0_messages_buffered_while_asleep_are_all_flushed_before_pingresp_section_6_14()
        {
            GatewayRig r = Sleeping("cmd", 0, 60);
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("cmd", "a", 0, false, 0));
            r.MqttSend(app, MqttPackets.Publish("cmd", "b", 0, false, 0));
            r.Advance(1000);
            r.ExpectNothing();
            r.Send("A", SnDatagrams.PingReq("node1"));
            r.Expect("A", "08 0C 00 00 01 00 00 61");
            r.Expect("A", "08 0C 00 00 01 00 00 62");
            r.Expect("A", "02 17");
        }

        [TestMethod]
        public void Wake_up_with_nothing_buffered_gets_pingresp_at_once_section_6_14()
        {
            GatewayRig r = Sleeping("cmd", 1, 60);
            r.Send("A", SnDatagrams.PingReq("node1"));
            r.Expect("A", "02 17");
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Asleep);
        }

        [TestMethod]
        public void Sleep_timer_expiry_makes_the_client_lost_and_publishes_its_will_section_6_14()
        {
            GatewayRig r = Sleeping("cmd", 1, 20);
            int watcher = r.MqttSubscriber("w", "dead/#", 0);
            r.Advance(30000);
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Asleep);
            r.Advance(1);
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Lost);
            Assert.AreEqual("30 0B 00 06 " + Hex.Text("dead/n") + " " + Hex.Text("zzz"), r.MqttRead(watcher));
        }

        [TestMethod]
        public void Sleeping_client_is_supervised_by_its_sleep_duration_not_its_keep_alive_section_6_14()
        {
            GatewayRig r = Sleeping("cmd", 1, 100);
            r.Advance(100000);
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Asleep);
            r.Send("A", SnDatagrams.PingReq("node1"));
            r.Expect("A", "02 17");
            r.Advance(149000);
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Asleep);
        }

        [TestMethod]
        public void Full_buffer_while_asleep_drops_the_oldest_qos0_else_the_new_message_section_6_14()
        {
            SnGatewayOptions o = GatewayRig.Options();
            o.MaxBufferedWhileAsleep = 2;
            GatewayRig r = Sleeping("cmd", 1, 60, o);
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("cmd", "a", 0, false, 0));
            r.MqttSend(app, MqttPackets.Publish("cmd", "b", 1, false, 1));
            r.MqttSend(app, MqttPackets.Publish("cmd", "c", 1, false, 2));
            r.MqttSend(app, MqttPackets.Publish("cmd", "d", 1, false, 3));
            r.Advance(1000);
            Assert.AreEqual(2L, r.Gateway.Statistics.DroppedWhileAsleep);
            r.Send("A", SnDatagrams.PingReq("node1"));
            r.Expect("A", "08 0C 20 00 01 00 01 62");
            r.Send("A", SnDatagrams.PubAck(1, 1, 0));
            r.Expect("A", "08 0C 20 00 01 00 02 63");
            r.Send("A", SnDatagrams.PubAck(1, 2, 0));
            r.Expect("A", "02 17");
        }

        [TestMethod]
        public void Wildcard_match_buffered_while_asleep_is_registered_during_the_flush_section_6_14()
        {
            GatewayRig r = Sleeping("s/#", 0, 60);
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("s/t", "v", 0, false, 0));
            r.Send("A", SnDatagrams.PingReq("node1"));
            r.Expect("A", "09 0A 00 01 00 01 73 2F 74");
            r.Send("A", SnDatagrams.RegAck(1, 1, 0));
            r.Expect("A", "08 0C 00 00 01 00 00 76");
            r.Expect("A", "02 17");
        }

        [TestMethod]
        public void Unanswered_flush_returns_the_client_to_sleep_and_resends_at_the_next_wake_up_section_6_14()
        {
            GatewayRig r = Sleeping("cmd", 1, 600);
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("cmd", "1", 1, false, 1));
            r.Send("A", SnDatagrams.PingReq("node1"));
            r.Expect("A", "08 0C 20 00 01 00 01 31");
            r.Advance(10000);
            r.Expect("A", "08 0C A0 00 01 00 01 31");
            r.Advance(10000);
            r.Expect("A", "08 0C A0 00 01 00 01 31");
            r.Advance(10000);
            r.ExpectNothing();
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Asleep);
            r.Send("A", SnDatagrams.PingReq("node1"));
            r.Expect("A", "08 0C A0 00 01 00 01 31");
            r.Send("A", SnDatagrams.PubAck(1, 1, 0));
            r.Expect("A", "02 17");
        }

        [TestMethod]
        public void Wake_up_from_a_new_address_rebinds_the_client_section_6_14()
        {
            GatewayRig r = Sleeping("cmd", 0, 60);
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("cmd", "x", 0, false, 0));
            r.Send("B", SnDatagrams.PingReq("node1"));
            r.Expect("B", "08 0C 00 00 01 00 00 78");
            r.Expect("B", "02 17");
        }

        [TestMethod]
        public void Connect_while_asleep_makes_the_client_active_and_delivers_the_buffer_section_6_14()
        {
            GatewayRig r = new GatewayRig();
            r.Connect("A", "node1", 60, false);
            r.Send("A", SnDatagrams.Subscribe(0, 1, "cmd"));
            r.Expect("A", "08 13 00 00 01 00 01 00");
            r.Send("A", SnDatagrams.Sleep(60));
            r.Expect("A", "02 18");
            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("cmd", "x", 0, false, 0));
            r.Send("A", SnDatagrams.Connect("node1", 60, false, false));
            r.Expect("A", "03 05 00");
            r.Expect("A", "09 0A 00 01 00 01 63 6D 64");
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Active);
            r.Send("A", SnDatagrams.RegAck(1, 1, 0));
            r.Expect("A", "08 0C 00 00 01 00 00 78");
        }

        [TestMethod]
        public void Pingreq_with_an_unknown_client_id_is_answered_with_disconnect_section_6_14()
        {
            GatewayRig r = new GatewayRig();
            r.Send("A", SnDatagrams.PingReq("ghost"));
            r.Expect("A", "02 18");
        }
    }
}
