using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Gateway;

namespace Nano.MqttSn.Tests.Gateway
{
    /// <summary>Sleeping clients (§6.14): buffering, wake-up flush then PINGRESP, sleep supervision.</summary>
    [TestClass]
    public class GatewaySleepTests
    {
        private static GatewayHarness Sleeping(string filter, int qos, int sleepSeconds, SnGatewayOptions options = null)
        {
            var h = new GatewayHarness(options);
            h.Send("A", Sn.Connect("node1", 10, true, true));
            h.Send("A", Sn.WillTopic(0, false, "dead/node1"));
            h.Send("A", Sn.WillMsg("zzz"));
            h.Expect("A", "02 06", "02 08", "03 05 00");
            h.Send("A", Sn.Subscribe(qos, 1, filter));
            h.Drain();
            h.Send("A", Sn.Sleep(sleepSeconds));
            h.Expect("A", "02 18"); // the gateway's DISCONNECT carries no Duration
            Assert.AreEqual(SnClientStatus.Asleep, h.Status("node1"));
            return h;
        }

        [TestMethod]
        public void Sleeping_client_receives_qos1_messages_published_while_asleep_in_order_after_waking_then_pingresp()
        {
            GatewayHarness h = Sleeping("cmd", 1, 60);
            MqttPeer app = h.Mqtt("app");
            app.Publish("cmd", "1", 1, packetId: 1);
            app.Publish("cmd", "2", 1, packetId: 2);
            app.Publish("cmd", "3", 1, packetId: 3);
            h.Advance(30_000);
            h.ExpectNothing();

            h.Send("A", Sn.PingReq("node1"));
            h.Expect("A", "08 0C 20 00 01 00 01 31");
            Assert.AreEqual(SnClientStatus.Awake, h.Status("node1"));
            h.Send("A", Sn.PubAck(1, 1, 0));
            h.Expect("A", "08 0C 20 00 01 00 02 32");
            h.Send("A", Sn.PubAck(1, 2, 0));
            h.Expect("A", "08 0C 20 00 01 00 03 33");
            h.Send("A", Sn.PubAck(1, 3, 0));
            h.Expect("A", "02 17"); // PINGRESP only after the last flow completed
            Assert.AreEqual(SnClientStatus.Asleep, h.Status("node1"));
        }

        [TestMethod]
        public void Wake_up_with_nothing_buffered_gets_pingresp_at_once()
        {
            GatewayHarness h = Sleeping("cmd", 1, 60);
            h.Send("A", Sn.PingReq("node1"));
            h.Expect("A", "02 17");
            Assert.AreEqual(SnClientStatus.Asleep, h.Status("node1"));
        }

        [TestMethod]
        public void Sleep_timer_expiry_makes_the_client_lost_and_publishes_its_will()
        {
            GatewayHarness h = Sleeping("cmd", 1, 20);
            MqttPeer watcher = h.Mqtt("watcher");
            watcher.Subscribe("dead/#", 0);
            h.Advance(30_000); // 1.5 x 20 s
            Assert.AreEqual(SnClientStatus.Asleep, h.Status("node1"));
            h.Advance(1);
            Assert.AreEqual(SnClientStatus.Lost, h.Status("node1"));
            CollectionAssert.AreEqual(new[] { "dead/node1=zzz q0" }, watcher.Messages());
        }

        [TestMethod]
        public void A_sleeping_client_is_supervised_by_its_sleep_duration_not_its_keep_alive()
        {
            GatewayHarness h = Sleeping("cmd", 1, 100); // keep-alive 10 s
            h.Advance(100_000);
            Assert.AreEqual(SnClientStatus.Asleep, h.Status("node1"));
            h.Send("A", Sn.PingReq("node1"));
            h.Expect("A", "02 17");
            h.Advance(149_000); // the sleep timer restarted at PINGRESP
            Assert.AreEqual(SnClientStatus.Asleep, h.Status("node1"));
        }

        [TestMethod]
        public void Full_buffer_while_asleep_drops_the_oldest_qos0_else_the_new_message_and_counts_it()
        {
            SnGatewayOptions o = GatewayHarness.Options();
            o.MaxBufferedWhileAsleep = 2;
            GatewayHarness h = Sleeping("cmd", 1, 60, o);
            MqttPeer app = h.Mqtt("app");
            app.Publish("cmd", "a", 0);
            app.Publish("cmd", "b", 1, packetId: 1);
            app.Publish("cmd", "c", 1, packetId: 2); // replaces "a"
            app.Publish("cmd", "d", 1, packetId: 3); // dropped
            h.Advance(1_000);
            Assert.AreEqual(2, h.Gateway.Statistics.DroppedWhileAsleep);

            h.Send("A", Sn.PingReq("node1"));
            h.Expect("A", "08 0C 20 00 01 00 01 62");
            h.Send("A", Sn.PubAck(1, 1, 0));
            h.Expect("A", "08 0C 20 00 01 00 02 63");
            h.Send("A", Sn.PubAck(1, 2, 0));
            h.Expect("A", "02 17");
        }

        [TestMethod]
        public void Wildcard_match_buffered_while_asleep_is_registered_during_the_flush_before_pingresp()
        {
            GatewayHarness h = Sleeping("s/#", 0, 60);
            h.Mqtt("app").Publish("s/t", "v", 0);
            h.Send("A", Sn.PingReq("node1"));
            h.Expect("A", "09 0A 00 01 00 01 73 2F 74");
            h.Send("A", Sn.RegAck(1, 1, 0));
            h.Expect("A", "08 0C 00 00 01 00 00 76", "02 17");
        }

        [TestMethod]
        public void Unanswered_flush_returns_the_client_to_sleep_and_the_message_is_resent_at_the_next_wake_up()
        {
            GatewayHarness h = Sleeping("cmd", 1, 600);
            h.Mqtt("app").Publish("cmd", "1", 1);
            h.Send("A", Sn.PingReq("node1"));
            h.Expect("A", "08 0C 20 00 01 00 01 31");
            h.Advance(10_000);
            h.Expect("A", "08 0C A0 00 01 00 01 31");
            h.Advance(10_000);
            h.Expect("A", "08 0C A0 00 01 00 01 31");
            h.Advance(10_000);
            h.ExpectNothing();
            Assert.AreEqual(SnClientStatus.Asleep, h.Status("node1"));

            h.Send("A", Sn.PingReq("node1"));
            h.Expect("A", "08 0C A0 00 01 00 01 31");
            h.Send("A", Sn.PubAck(1, 1, 0));
            h.Expect("A", "02 17");
        }

        [TestMethod]
        public void Wake_up_from_a_new_address_rebinds_the_client()
        {
            GatewayHarness h = Sleeping("cmd", 0, 60);
            h.Mqtt("app").Publish("cmd", "x", 0);
            h.Send("B", Sn.PingReq("node1"));
            h.Expect("B", "08 0C 00 00 01 00 00 78", "02 17");
        }

        [TestMethod]
        public void Connect_while_asleep_makes_the_client_active_and_delivers_what_was_buffered()
        {
            var h = new GatewayHarness();
            h.Connect("A", "node1", 60, clean: false);
            h.Send("A", Sn.Subscribe(0, 1, "cmd"));
            h.Drain();
            h.Send("A", Sn.Sleep(60));
            h.Expect("A", "02 18");
            h.Mqtt("app").Publish("cmd", "x", 0);
            h.Send("A", Sn.Connect("node1", 60, false, false));
            h.Expect("A", "03 05 00", "09 0A 00 01 00 01 63 6D 64");
            Assert.AreEqual(SnClientStatus.Active, h.Status("node1"));
            h.Send("A", Sn.RegAck(1, 1, 0));
            h.Expect("A", "08 0C 00 00 01 00 00 78");
        }

        [TestMethod]
        public void Connect_with_a_full_buffer_still_gets_its_connack_then_the_buffered_messages()
        {
            SnGatewayOptions o = GatewayHarness.Options();
            o.MaxBufferedWhileAsleep = 1;
            var h = new GatewayHarness(o);
            h.Connect("A", "node1", 60, clean: false);
            h.Send("A", Sn.Subscribe(1, 1, "cmd"));
            h.Expect("A", "08 13 20 00 01 00 01 00");
            h.Send("A", Sn.Sleep(60));
            h.Expect("A", "02 18");
            MqttPeer app = h.Mqtt("app");
            app.Publish("cmd", "1", 1, packetId: 1);
            app.Publish("cmd", "2", 1, packetId: 2);
            h.Advance(1);
            h.Send("A", Sn.Connect("node1", 60, false, false));
            h.Expect("A", "03 05 00", "09 0A 00 01 00 01 63 6D 64");
            h.Send("A", Sn.RegAck(1, 1, 0));
            h.Expect("A", "08 0C 20 00 01 00 02 31");
        }

        [TestMethod]
        public void Pingreq_with_an_unknown_client_id_is_answered_with_disconnect()
        {
            var h = new GatewayHarness();
            h.Send("A", Sn.PingReq("ghost"));
            h.Expect("A", "02 18");
        }
    }
}
