using System;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Client;

namespace Nano.Client.Tests
{
    [TestClass]
    public sealed class PublishFlowTests
    {
        [TestMethod]
        public void Qos0_publish_has_no_packet_id_MQTT_2_3_1_5()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Connected();
            Assert.AreEqual(PublishResult.Accepted, h.Publish("a/b", "hi", 0, retain: true));
            Assert.AreEqual("3107" + "0003612F62" + "6869", h.Output());
            Assert.AreEqual(0, h.Engine.StoredMessages);
        }

        [TestMethod]
        public void Qos1_publish_is_kept_until_PUBACK_MQTT_4_3_2_1()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Connected();
            h.Publish("a", "1", 1);
            Assert.AreEqual("32060001610001" + "31", h.Output());
            Assert.AreEqual(1, h.Engine.StoredMessages);
            h.Feed(EngineHarness.Ack(4, 2)); // unknown id: ignored
            Assert.AreEqual(1, h.Engine.StoredMessages);
            h.Feed(EngineHarness.Ack(4, 1));
            Assert.AreEqual(0, h.Engine.StoredMessages);
            Assert.AreEqual(1, h.Engine.Statistics.MessagesAcknowledged);
        }

        [TestMethod]
        public void Qos2_publish_full_handshake_and_duplicate_PUBREC_answered_without_republish_MQTT_4_3_3_1()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Connected();
            h.Publish("a", "1", 2);
            Assert.AreEqual(EngineHarness.PublishHex("a", "1", 2, 1), h.Output());
            h.Feed(EngineHarness.Ack(5, 1));
            Assert.AreEqual("62020001", h.Output());
            h.Feed(EngineHarness.Ack(5, 1));
            Assert.AreEqual("62020001", h.Output(), "a duplicated PUBREC gets PUBREL again, never the PUBLISH");
            h.Feed(EngineHarness.Ack(7, 1));
            Assert.AreEqual(0, h.Engine.StoredMessages);
            h.Engine.ConnectionLost(1);
            h.Engine.Connect(h.Engine.NextConnectAt);
            h.Output();
            h.Feed("20020100");
            Assert.AreEqual("", h.Output(), "nothing left to re-send");
        }

        [TestMethod]
        public void Qos2_inbound_exactly_once_under_duplicated_PUBLISH_and_PUBREL_MQTT_4_3_3_2()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Connected();
            string publish = EngineHarness.PublishHex("t", "v", 2, 7);
            h.Feed(publish);
            Assert.AreEqual("50020007", h.Output());
            h.Feed(EngineHarness.PublishHex("t", "v", 2, 7, dup: true));
            Assert.AreEqual("50020007", h.Output(), "re-sent PUBLISH is acknowledged again");
            Assert.AreEqual(1, h.Messages.Count, "but not delivered again");
            Assert.AreEqual(1, h.Engine.AwaitingRelease);
            h.Feed("62020007");
            Assert.AreEqual("70020007", h.Output());
            h.Feed("62020007");
            Assert.AreEqual("70020007", h.Output(), "a duplicated PUBREL still gets PUBCOMP");
            Assert.AreEqual(1, h.Messages.Count);
            Assert.AreEqual(1, h.Engine.Statistics.DuplicatesSuppressed);
            h.Feed(publish);
            Assert.AreEqual(2, h.Messages.Count, "after PUBCOMP the id is free: a new message");
        }

        [TestMethod]
        public void Qos2_inbound_ids_survive_a_reconnect_with_session_present()
        {
            var h = new EngineHarness(EngineHarness.Options(cleanSession: false));
            h.Connected();
            h.Feed(EngineHarness.PublishHex("t", "v", 2, 3));
            h.Output();
            h.Engine.ConnectionLost(1);
            h.Engine.Connect(h.Engine.NextConnectAt);
            h.Output();
            h.Feed("20020100");
            h.Feed(EngineHarness.PublishHex("t", "v", 2, 3, dup: true));
            Assert.AreEqual("50020003", h.Output());
            Assert.AreEqual(1, h.Messages.Count);
        }

        [TestMethod]
        public void Inbound_messages_delivered_and_acknowledged_in_arrival_order_MQTT_4_6_0_2()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Connected();
            h.Feed(EngineHarness.PublishHex("a", "1", 1, 10) + EngineHarness.PublishHex("b", "2", 0, 0, retain: true) + EngineHarness.PublishHex("c", "3", 1, 11) + EngineHarness.PublishHex("d", "4", 2, 12));
            CollectionAssert.AreEqual(new[] { "a=1/q1", "b=2/q0/r", "c=3/q1", "d=4/q2" }, h.Messages);
            Assert.AreEqual(EngineHarness.Ack(4, 10) + EngineHarness.Ack(4, 11) + EngineHarness.Ack(5, 12), h.Output());
        }

        [TestMethod]
        public void Inflight_window_holds_back_later_messages_in_order()
        {
            var h = new EngineHarness(new MqttClientOptions { ClientId = "c1", KeepAliveSeconds = 0, InflightWindow = 2, MaxQueued = 4 });
            h.Connected();
            h.Publish("a", "1", 1);
            h.Publish("a", "2", 1);
            h.Publish("a", "3", 1);
            h.Publish("a", "4", 0);
            Assert.AreEqual(EngineHarness.PublishHex("a", "1", 1, 1) + EngineHarness.PublishHex("a", "2", 1, 2), h.Output());
            h.Feed(EngineHarness.Ack(4, 2));
            Assert.AreEqual(EngineHarness.PublishHex("a", "3", 1, 3) + EngineHarness.PublishHex("a", "4", 0, 0), h.Output(), "the QoS 0 message waits behind the QoS 1 one");
            h.Publish("a", "5", 1);
            Assert.AreEqual("", h.Output(), "window full: ids 1 and 3 held");
            h.Feed(EngineHarness.Ack(4, 1));
            Assert.AreEqual(EngineHarness.PublishHex("a", "5", 1, 4), h.Output(), "ids advance; 2 is reused only after the wrap");
        }

        [TestMethod]
        public void Unacknowledged_PUBLISH_and_PUBREL_resent_in_original_order_with_DUP_on_session_resume_MQTT_4_4_0_1()
        {
            var h = new EngineHarness(EngineHarness.Options(cleanSession: false));
            h.Connected();
            h.Publish("a", "1", 1);
            h.Publish("b", "2", 2);
            h.Publish("c", "3", 2);
            h.Output();
            h.Feed(EngineHarness.Ack(5, 2));
            Assert.AreEqual("62020002", h.Output());
            h.Engine.ConnectionLost(5);
            Assert.AreEqual(ClientState.WaitingToReconnect, h.Engine.State);
            h.Publish("d", "4", 1); // offline: queued behind the others
            h.Now = h.Engine.NextConnectAt;
            h.Engine.Connect(h.Now);
            h.Output();
            h.Feed("20020100");
            Assert.AreEqual(
                EngineHarness.PublishHex("a", "1", 1, 1, dup: true) + "62020002" + EngineHarness.PublishHex("c", "3", 2, 3, dup: true)
                + EngineHarness.PublishHex("d", "4", 1, 4),
                h.Output());
            Assert.AreEqual(2, h.Engine.Statistics.MessagesResent);
        }

        [TestMethod]
        public void Session_not_present_resubscribes_and_resends_unacknowledged_messages()
        {
            var h = new EngineHarness(EngineHarness.Options(cleanSession: false));
            h.Connected();
            h.Subscribe("x/#", 1);
            Assert.AreEqual("8208000100037" + "82F2301", h.Output());
            h.Feed("9003000101");
            CollectionAssert.Contains(h.Events, "suback:x/#:1");
            h.Publish("a", "1", 1);
            h.Publish("b", "2", 2);
            h.Publish("c", "3", 2);
            h.Output();
            h.Feed(EngineHarness.Ack(5, 3));
            h.Output();
            h.Engine.ConnectionLost(5);
            h.Engine.Connect(h.Engine.NextConnectAt);
            h.Output();
            h.Feed("20020000");
            Assert.AreEqual(
                "82080005" + "0003782F2301" + EngineHarness.PublishHex("a", "1", 1, 2, dup: true) + EngineHarness.PublishHex("c", "3", 2, 4, dup: true),
                h.Output(),
                "SUBSCRIBE again (id 5: 2 and 4 are in flight); the PUBREC'd message is complete");
            Assert.AreEqual(1, h.Engine.Statistics.MessagesAcknowledged);
        }

        [TestMethod]
        public void Session_present_does_not_resubscribe()
        {
            var h = new EngineHarness(EngineHarness.Options(cleanSession: false));
            h.Connected();
            h.Subscribe("x", 0);
            h.Output();
            h.Feed("9003000100");
            h.Engine.ConnectionLost(5);
            h.Engine.Connect(h.Engine.NextConnectAt);
            h.Output();
            h.Feed("20020100");
            Assert.AreEqual("", h.Output());
        }

        [TestMethod]
        public void Clean_session_resubscribes_after_every_reconnect()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Subscribe("x", 2); // before connecting: sent after CONNACK
            h.Engine.Start(0);
            h.Engine.Connect(0);
            h.Output();
            h.Feed("20020000");
            Assert.AreEqual("82060001000178" + "02", h.Output());
            h.Feed("9003000102");
            h.Engine.ConnectionLost(5);
            h.Engine.Connect(h.Engine.NextConnectAt);
            h.Output();
            h.Feed("20020000");
            Assert.AreEqual("82060002000178" + "02", h.Output());
        }

        [TestMethod]
        public void Packet_id_wraps_after_65535_skipping_0_and_ids_in_flight_MQTT_2_3_1_1_MQTT_2_3_1_2()
        {
            var h = new EngineHarness(new MqttClientOptions { ClientId = "c1", KeepAliveSeconds = 0, InflightWindow = 4 });
            h.Connected();
            byte[] topic = { (byte)'t' };
            byte[] output = new byte[64];
            byte[] ack = { 0x40, 2, 0, 0 };
            h.Engine.Publish(topic, 0, 1, null, 0, 0, 1, false); // id 1, never acknowledged
            Assert.AreEqual(1, ReadId(h.Engine, output));
            h.Subscribe("s", 0); // id 2, SUBACK never arrives
            h.Engine.ReadOutput(output, 0, output.Length);
            for (int expected = 3; expected <= 65535; expected++)
            {
                h.Engine.Publish(topic, 0, 1, null, 0, 0, 1, false);
                int id = ReadId(h.Engine, output);
                Assert.AreEqual(expected, id);
                ack[2] = (byte)(id >> 8);
                ack[3] = (byte)id;
                h.Engine.Receive(ack, 0, 4, 0);
            }

            h.Engine.Publish(topic, 0, 1, null, 0, 0, 1, false);
            Assert.AreEqual(3, ReadId(h.Engine, output), "0 is never used; 1 (PUBLISH) and 2 (SUBSCRIBE) are in flight");
        }

        [TestMethod]
        public void Retry_interval_resends_with_DUP_inside_a_connection()
        {
            var h = new EngineHarness(new MqttClientOptions { ClientId = "c1", KeepAliveSeconds = 0, RetryIntervalMs = 2000 });
            h.Connected();
            h.Publish("a", "1", 1);
            h.Output();
            h.At(1999);
            Assert.AreEqual("", h.Output());
            h.At(2000);
            Assert.AreEqual(EngineHarness.PublishHex("a", "1", 1, 1, dup: true), h.Output());
        }

        [TestMethod]
        public void Offline_queue_drops_oldest_qos0_first_then_rejects_new()
        {
            var h = new EngineHarness(new MqttClientOptions { ClientId = "c1", KeepAliveSeconds = 0, InflightWindow = 1, MaxQueued = 2 });
            Assert.AreEqual(PublishResult.Accepted, h.Publish("t", "1", 0));
            Assert.AreEqual(PublishResult.Accepted, h.Publish("t", "2", 1));
            Assert.AreEqual(PublishResult.Accepted, h.Publish("t", "3", 0));
            Assert.AreEqual(PublishResult.Accepted, h.Publish("t", "4", 1));
            Assert.AreEqual(PublishResult.Accepted, h.Publish("t", "5", 2));
            Assert.AreEqual(2, h.Engine.Statistics.Qos0Dropped);
            Assert.AreEqual(PublishResult.QueueFull, h.Publish("t", "6", 0));
            Assert.AreEqual(1, h.Engine.Statistics.PublishesRejected);
            h.Connected();
            Assert.AreEqual(EngineHarness.PublishHex("t", "2", 1, 1), h.Output());
            h.Feed(EngineHarness.Ack(4, 1));
            Assert.AreEqual(EngineHarness.PublishHex("t", "4", 1, 2), h.Output());
            h.Feed(EngineHarness.Ack(4, 2));
            Assert.AreEqual(EngineHarness.PublishHex("t", "5", 2, 3), h.Output());
        }

        [TestMethod]
        public void Invalid_publishes_are_refused_MQTT_3_3_2_2()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Connected();
            Assert.AreEqual(PublishResult.Invalid, h.Publish("a/+", "x", 0));
            Assert.AreEqual(PublishResult.Invalid, h.Publish("", "x", 0));
            Assert.AreEqual(PublishResult.Invalid, h.Publish("a", "x", 3));
            Assert.AreEqual(PublishResult.TooLarge, h.Publish("a", new string('x', 300), 1));
            Assert.AreEqual("", h.Output());
        }

        [TestMethod]
        public void Receive_takes_no_more_packets_than_the_output_can_acknowledge()
        {
            var h = new EngineHarness(new MqttClientOptions { ClientId = "c1", KeepAliveSeconds = 0, MaxTopicFilterLength = 8, MaxMessageSize = 16, OutputBufferSize = 16 });
            h.Connected();
            while (h.Engine.StoredMessages == 0)
            {
                Assert.AreEqual(PublishResult.Accepted, h.Publish("a", "0123456789", 0)); // fills the output, then queues
            }

            string six = "";
            for (ushort id = 1; id <= 6; id++)
            {
                six += EngineHarness.PublishHex("b", "x", 1, id);
            }

            byte[] bytes = Convert.FromHexString(six);
            int consumed = h.Engine.Receive(bytes, 0, bytes.Length, 0);
            Assert.IsTrue(consumed > 0 && consumed < bytes.Length, "consumed " + consumed);
            int delivered = h.Messages.Count;
            Assert.AreEqual(consumed, delivered * 8);
            h.Output();
            consumed += h.Engine.Receive(bytes, consumed, bytes.Length - consumed, 0);
            Assert.AreEqual(bytes.Length, consumed);
            Assert.AreEqual(6, h.Messages.Count);
        }

        private static int ReadId(MqttClientEngine engine, byte[] output)
        {
            int n = engine.ReadOutput(output, 0, output.Length);
            Assert.IsTrue(n >= 7, "one PUBLISH expected, got " + n);
            return (output[n - 2] << 8) | output[n - 1];
        }
    }
}
