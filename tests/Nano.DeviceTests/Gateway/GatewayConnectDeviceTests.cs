#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.MqttSn.Gateway;

namespace Nano.DeviceTests.Gateway
{
    /// <summary>CONNECT, the Will prompts, keep-alive supervision, DISCONNECT (MQTT-SN 1.2 §6.2–§6.4, §6.12, §6.14).</summary>
    [TestClass]
    public class GatewayConnectDeviceTests
    {
        [TestMethod]
        public void Connect_without_will_gets_connack_accepted_and_opens_a_broker_session_section_6_2()
        {
            GatewayRig r = new GatewayRig();
            r.Send("A", Hex.Parse("0B 04 04 01 00 3C 6E 6F 64 65 31")); // CONNECT clean, keep-alive 60, "node1"
            r.Expect("A", "03 05 00");
            r.ExpectNothing();
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Active);
            Assert.AreEqual(1, r.Broker.SessionCount);
            Assert.AreEqual(1, r.Gateway.Statistics.ClientsConnected);
        }

        [TestMethod]
        public void Connect_with_will_prompts_willtopicreq_then_willmsgreq_then_connack_section_6_3()
        {
            GatewayRig r = new GatewayRig();
            r.Send("A", SnDatagrams.Connect("node1", 60, true, true));
            r.Expect("A", "02 06");
            Assert.IsTrue(r.Status("node1") == SnClientStatus.AwaitingWillTopic);
            Assert.AreEqual(0, r.Broker.SessionCount);
            r.Send("A", SnDatagrams.WillTopic(1, false, "dead/node1"));
            r.Expect("A", "02 08");
            Assert.IsTrue(r.Status("node1") == SnClientStatus.AwaitingWillMessage);
            r.Send("A", SnDatagrams.WillMsg("gone"));
            r.Expect("A", "03 05 00");
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Active);
        }

        [TestMethod]
        public void Empty_willtopic_deletes_the_will_and_connects_without_willmsg_section_6_2()
        {
            GatewayRig r = new GatewayRig();
            int watcher = r.MqttSubscriber("w", "dead/#", 0);
            r.Send("A", SnDatagrams.Connect("node1", 10, true, true));
            r.Expect("A", "02 06");
            r.Send("A", Hex.Parse("02 07"));
            r.Expect("A", "03 05 00");
            r.Advance(16000);
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Lost);
            Assert.AreEqual("", r.MqttRead(watcher));
        }

        [TestMethod]
        public void Keep_alive_expiry_after_one_and_a_half_periods_publishes_the_will_as_an_mqtt_publish_section_6_14()
        {
            GatewayRig r = new GatewayRig();
            int watcher = r.MqttSubscriber("w", "dead/#", 1);
            r.Send("A", SnDatagrams.Connect("node1", 10, true, true));
            r.Send("A", SnDatagrams.WillTopic(1, false, "dead/node1"));
            r.Send("A", SnDatagrams.WillMsg("gone"));
            r.Expect("A", "02 06");
            r.Expect("A", "02 08");
            r.Expect("A", "03 05 00");

            r.Advance(15000);
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Active);
            Assert.AreEqual("", r.MqttRead(watcher));
            r.Advance(1);
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Lost);
            Assert.AreEqual("32 12 00 0A " + Hex.Text("dead/node1") + " 00 01 " + Hex.Text("gone"), r.MqttRead(watcher));
            Assert.AreEqual(1L, r.Gateway.Statistics.WillsPublished);
            Assert.AreEqual(1L, r.Gateway.Statistics.ClientsLost);
        }

        [TestMethod]
        public void Pingreq_restarts_the_keep_alive_timer_section_6_14()
        {
            GatewayRig r = new GatewayRig();
            r.Connect("A", "node1", 10, true);
            r.Advance(14000);
            r.Send("A", SnDatagrams.PingReq(""));
            r.Expect("A", "02 17");
            r.Advance(14000);
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Active);
            r.Advance(1001);
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Lost);
        }

        [TestMethod]
        public void Disconnect_is_answered_without_duration_and_does_not_publish_the_will_section_6_12()
        {
            GatewayRig r = new GatewayRig();
            int watcher = r.MqttSubscriber("w", "dead/#", 0);
            r.Send("A", SnDatagrams.Connect("node1", 10, true, true));
            r.Send("A", SnDatagrams.WillTopic(0, false, "dead/node1"));
            r.Send("A", SnDatagrams.WillMsg("gone"));
            r.Expect("A", "02 06");
            r.Expect("A", "02 08");
            r.Expect("A", "03 05 00");
            r.Send("A", SnDatagrams.Disconnect());
            r.Expect("A", "02 18");
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Disconnected);
            r.Advance(60000);
            Assert.AreEqual("", r.MqttRead(watcher));
            Assert.AreEqual(1, r.Broker.ConnectionCount);
        }

        [TestMethod]
        public void Willtopicupd_and_willmsgupd_are_acknowledged_and_used_when_lost_section_6_4()
        {
            GatewayRig r = new GatewayRig();
            int watcher = r.MqttSubscriber("w", "#", 0);
            r.Send("A", SnDatagrams.Connect("node1", 10, true, true));
            r.Send("A", SnDatagrams.WillTopic(0, false, "old"));
            r.Send("A", SnDatagrams.WillMsg("x"));
            r.Expect("A", "02 06");
            r.Expect("A", "02 08");
            r.Expect("A", "03 05 00");
            r.Send("A", SnDatagrams.Message(0x1A, new byte[] { 0x10 }, "new/t")); // WILLTOPICUPD, retain
            r.Expect("A", "03 1B 00");
            r.Send("A", SnDatagrams.Message(0x1C, new byte[0], "bye")); // WILLMSGUPD
            r.Expect("A", "03 1D 00");
            r.Advance(16000);
            Assert.AreEqual("30 0A 00 05 " + Hex.Text("new/t") + " " + Hex.Text("bye"), r.MqttRead(watcher));
            Assert.AreEqual(1, r.Broker.RetainedCount);
        }

        [TestMethod]
        public void Publish_from_an_address_without_connection_is_answered_with_disconnect_section_6_12()
        {
            GatewayRig r = new GatewayRig();
            r.Send("Z", SnDatagrams.Publish(1, 0, 1, 5, "x"));
            r.Expect("Z", "02 18");
        }

        [TestMethod]
        public void Clients_beyond_capacity_are_refused_with_congestion_section_5_3_10()
        {
            SnGatewayOptions o = GatewayRig.Options();
            o.MaxClients = 1;
            GatewayRig r = new GatewayRig(o);
            r.Connect("A", "node1", 60, true);
            r.Send("B", SnDatagrams.Connect("node2", 60, true, false));
            r.Expect("B", "03 05 01");
            Assert.AreEqual(1L, r.Gateway.Statistics.ConnectsRefused);
        }

        [TestMethod]
        public void Persistent_session_keeps_its_subscription_and_registers_the_id_again_after_reconnect_section_6_3()
        {
            GatewayRig r = new GatewayRig();
            r.Connect("A", "node1", 60, false);
            r.Send("A", SnDatagrams.Subscribe(1, 1, "t/a"));
            r.Expect("A", "08 13 20 00 01 00 01 00");
            r.Send("A", SnDatagrams.Disconnect());
            r.Expect("A", "02 18");

            int app = r.MqttConnect("app");
            r.MqttSend(app, MqttPackets.Publish("t/a", "off", 1, false, 1));
            Assert.AreEqual("40 02 00 01", r.MqttRead(app));

            r.Send("B", SnDatagrams.Connect("node1", 60, false, false));
            r.Expect("B", "03 05 00");
            r.Expect("B", "09 0A 00 01 00 01 " + Hex.Text("t/a"));
            r.ExpectNothing();
            r.Send("B", SnDatagrams.RegAck(1, 1, 0));
            r.Expect("B", "0A 0C 20 00 01 00 02 " + Hex.Text("off"));
        }

        [TestMethod]
        public void Connect_with_another_client_id_from_the_same_address_replaces_the_previous_client()
        {
            GatewayRig r = new GatewayRig();
            r.Connect("A", "node1", 60, true);
            r.Connect("A", "node2", 60, true);
            Assert.IsTrue(r.Status("node1") == SnClientStatus.Lost);
            Assert.IsTrue(r.Status("node2") == SnClientStatus.Active);
            r.Send("A", SnDatagrams.PingReq(""));
            r.Expect("A", "02 17");
        }
    }
}
