using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Client;

namespace Nano.Client.Tests
{
    /// <summary>PublishCompleted reports every stored message once, with its packet id, topic and outcome; Abort ends
    /// the connection without DISCONNECT.</summary>
    [TestClass]
    public sealed class CompletionTests
    {
        [TestMethod]
        public void Qos_1_PUBACK_and_qos_2_PUBCOMP_complete_with_their_packet_ids_MQTT_4_3_2_1_MQTT_4_3_3_1()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Connected();
            h.Publish("a/1", "x", 1);
            h.Publish("a/2", "y", 2);
            h.Output();
            h.Feed(EngineHarness.Ack(5, 2));
            Assert.AreEqual(0, h.Completions.Count, "PUBREC does not complete a QoS 2 flow");
            h.Feed(EngineHarness.Ack(4, 1));
            h.Feed(EngineHarness.Ack(7, 2));
            CollectionAssert.AreEqual(new[] { "Acknowledged:1:a/1/q1", "Acknowledged:2:a/2/q2" }, h.Completions);
            h.Feed(EngineHarness.Ack(7, 2));
            Assert.AreEqual(2, h.Completions.Count, "a duplicated PUBCOMP completes nothing more");
        }

        [TestMethod]
        public void A_message_waiting_offline_past_its_expiry_is_discarded_unsent()
        {
            MqttClientOptions options = EngineHarness.Options();
            options.MessageExpiryMs = 1000;
            var h = new EngineHarness(options);
            h.At(0);
            h.Publish("old", "1", 1);
            h.At(500);
            h.Publish("new", "2", 2);
            h.At(999);
            Assert.AreEqual(0, h.Completions.Count);
            h.At(1000);
            CollectionAssert.AreEqual(new[] { "Expired:0:old/q1" }, h.Completions);
            h.Connected();
            Assert.AreEqual(EngineHarness.PublishHex("new", "2", 2, 1), h.Output(), "only the message still fresh is sent");
            h.At(5000);
            Assert.AreEqual(1, h.Completions.Count, "a sent message never expires");
            Assert.AreEqual(1, h.Engine.StoredMessages);
        }

        [TestMethod]
        public void A_queued_qos_0_message_dropped_for_room_is_reported_Dropped()
        {
            MqttClientOptions options = EngineHarness.Options();
            options.InflightWindow = 1;
            options.MaxQueued = 1;
            var h = new EngineHarness(options);
            h.Publish("q0", "a", 0);
            h.Publish("q1", "b", 1);
            Assert.AreEqual(PublishResult.Accepted, h.Publish("q1b", "c", 1));
            CollectionAssert.AreEqual(new[] { "Dropped:0:q0/q0" }, h.Completions);
            Assert.AreEqual(PublishResult.QueueFull, h.Publish("q1c", "d", 1));
        }

        [TestMethod]
        public void PUBREC_received_then_a_new_session_completes_the_message_MQTT_4_3_3_1()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Connected();
            h.Publish("t", "1", 2);
            h.Publish("u", "2", 2);
            h.Output();
            h.Feed(EngineHarness.Ack(5, 1));
            h.Engine.ConnectionLost(h.Now);
            h.Engine.Connect(h.Engine.NextConnectAt);
            h.Output();
            h.Feed("20020000");
            CollectionAssert.AreEqual(new[] { "Acknowledged:1:t/q2" }, h.Completions);
            Assert.AreEqual(EngineHarness.PublishHex("u", "2", 2, 2, dup: true), h.Output(), "the message without PUBREC is sent again");
        }

        [TestMethod]
        public void Abort_sends_no_DISCONNECT_and_stops_reconnecting_MQTT_3_1_2_8()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Connected();
            h.Publish("t", "1", 1);
            h.Engine.Abort(h.Now);
            Assert.AreEqual("", h.Output(), "nothing is sent: no DISCONNECT, and the queued PUBLISH waits");
            Assert.AreEqual(ClientState.Disconnected, h.Engine.State);
            Assert.AreEqual(DisconnectReason.ClientAbort, h.Engine.LastDisconnectReason);
            Assert.IsFalse(h.Engine.WantsConnection);
            Assert.AreEqual(1, h.Engine.StoredMessages, "stored messages stay for a later Start");
        }

        [TestMethod]
        public void Growing_buffers_take_a_message_larger_than_the_starting_output_both_ways()
        {
            MqttClientOptions options = MqttClientOptions.ForPc();
            options.ClientId = "c1";
            options.OutputBufferSize = 64;
            var h = new EngineHarness(options);
            h.Connected();
            string payload = new string('p', 5000);
            Assert.AreEqual(PublishResult.Accepted, h.Publish("big", payload, 1));
            Assert.AreEqual(EngineHarness.PublishHex("big", payload, 1, 1), h.Output());
            byte[] incoming = System.Convert.FromHexString(EngineHarness.PublishHex("in", payload, 0, 0));
            for (int at = 0; at < incoming.Length; at += 100)
            {
                Assert.AreEqual(System.Math.Min(100, incoming.Length - at), h.Engine.Receive(incoming, at, System.Math.Min(100, incoming.Length - at), h.Now));
            }

            Assert.AreEqual("in=" + payload + "/q0", h.Messages[0]);
        }
    }
}
