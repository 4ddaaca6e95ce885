#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.Mqtt.Client;

namespace Nano.DeviceTests.Client
{
    /// <summary>Scripted conversations between the client engine and a server played by the test.</summary>
    [TestClass]
    public class ClientFlowDeviceTests
    {
        private static readonly byte[] Topic = TestData.Ascii("t");
        private static readonly byte[] Payload = new byte[] { 7 };

        [TestMethod]
        public void Connect_sends_connect_and_connack_makes_the_engine_connected_MQTT_3_2_0_1()
        {
            MqttClientEngine engine = new MqttClientEngine(ScriptedServer.Options());
            engine.Start(0);
            Assert.IsTrue(engine.WantsConnection);
            Assert.IsTrue(engine.Connect(0));
            byte[] sent = new byte[64];
            int n = engine.ReadOutput(sent, 0, sent.Length);
            TestData.AssertBytes(TestData.Hex("10 0F 00 04 4D 51 54 54 04 02 00 00 00 03 64 65 76"), sent, 0, n);
            Assert.IsTrue(engine.State == ClientState.Connecting);
            byte[] connAck = TestData.Hex("20 02 00 00");
            engine.Receive(connAck, 0, 4, 1);
            Assert.IsTrue(engine.State == ClientState.Connected);
        }

        [TestMethod]
        public void Publish_qos_0_writes_the_exact_publish()
        {
            ScriptedServer s = new ScriptedServer(ScriptedServer.Options(), false);
            Assert.IsTrue(s.Engine.Publish(Topic, 0, 1, Payload, 0, 1, 0, false) == PublishResult.Accepted);
            s.Take();
            TestData.AssertBytes(TestData.Hex("30 04 00 01 74 07"), s.Sent, 0, s.SentLength);
            Assert.AreEqual(0, s.Engine.StoredMessages);
        }

        [TestMethod]
        public void Publish_qos_1_is_stored_until_puback_MQTT_4_3_2_1()
        {
            ScriptedServer s = new ScriptedServer(ScriptedServer.Options(), false);
            s.Engine.Publish(Topic, 0, 1, Payload, 0, 1, 1, false);
            s.Take();
            TestData.AssertBytes(TestData.Hex("32 06 00 01 74 00 01 07"), s.Sent, 0, s.SentLength);
            Assert.AreEqual(1, s.Engine.StoredMessages);
            s.Feed(TestData.Hex("40 02 00 01"), 1);
            Assert.AreEqual(0, s.Engine.StoredMessages);
            Assert.AreEqual(1L, s.Engine.Statistics.MessagesAcknowledged);
        }

        [TestMethod]
        public void Publish_qos_2_completes_with_pubrec_pubrel_pubcomp_MQTT_4_3_3()
        {
            ScriptedServer s = new ScriptedServer(ScriptedServer.Options(), false);
            s.Engine.Publish(Topic, 0, 1, Payload, 0, 1, 2, false);
            s.Take();
            TestData.AssertBytes(TestData.Hex("34 06 00 01 74 00 01 07"), s.Sent, 0, s.SentLength);
            s.Feed(TestData.Hex("50 02 00 01"), 1);
            s.Take();
            TestData.AssertBytes(TestData.Hex("62 02 00 01"), s.Sent, 0, s.SentLength);
            Assert.AreEqual(1, s.Engine.StoredMessages);
            s.Feed(TestData.Hex("70 02 00 01"), 2);
            Assert.AreEqual(0, s.Engine.StoredMessages);
        }

        [TestMethod]
        public void Received_qos_1_publish_is_delivered_and_acknowledged_MQTT_4_3_2_2()
        {
            ScriptedServer s = new ScriptedServer(ScriptedServer.Options(), false);
            s.Feed(TestData.Hex("32 06 00 01 74 00 05 07"), 1);
            Assert.AreEqual(1, s.Delivered);
            s.Take();
            TestData.AssertBytes(TestData.Hex("40 02 00 05"), s.Sent, 0, s.SentLength);
        }

        [TestMethod]
        public void Received_qos_2_resent_before_pubrel_is_not_delivered_twice_MQTT_4_3_3_2()
        {
            ScriptedServer s = new ScriptedServer(ScriptedServer.Options(), false);
            byte[] publish = TestData.Hex("34 06 00 01 74 00 05 07");
            s.Feed(publish, 1);
            s.Feed(TestData.Hex("3C 06 00 01 74 00 05 07"), 2);
            Assert.AreEqual(1, s.Delivered);
            Assert.AreEqual(1, s.Engine.AwaitingRelease);
            s.Take();
            TestData.AssertBytes(TestData.Hex("50 02 00 05 50 02 00 05"), s.Sent, 0, s.SentLength);
            s.Feed(TestData.Hex("62 02 00 05"), 3);
            s.Take();
            TestData.AssertBytes(TestData.Hex("70 02 00 05"), s.Sent, 0, s.SentLength);
            Assert.AreEqual(0, s.Engine.AwaitingRelease);
            s.Feed(publish, 4);
            Assert.AreEqual(2, s.Delivered, "after PUBREL the identifier starts a new message");
        }

        [TestMethod]
        public void Keep_alive_sends_pingreq_after_one_idle_interval_MQTT_3_1_2_23()
        {
            MqttClientOptions o = ScriptedServer.Options();
            o.KeepAliveSeconds = 10;
            ScriptedServer s = new ScriptedServer(o, false);
            s.Engine.Poll(9999);
            Assert.AreEqual(0, s.Take());
            s.Engine.Poll(10000);
            s.Take();
            TestData.AssertBytes(TestData.Hex("C0 00"), s.Sent, 0, s.SentLength);
            s.Engine.Poll(12000);
            Assert.AreEqual(0, s.Take(), "one PINGREQ outstanding at a time");
            s.Feed(TestData.Hex("D0 00"), 12500);
            Assert.IsTrue(s.Engine.State == ClientState.Connected);
        }

        [TestMethod]
        public void Silence_for_one_and_a_half_keep_alives_drops_the_connection_MQTT_3_1_2_24()
        {
            MqttClientOptions o = ScriptedServer.Options();
            o.KeepAliveSeconds = 10;
            ScriptedServer s = new ScriptedServer(o, false);
            s.Engine.Poll(14999);
            Assert.IsTrue(s.Engine.State == ClientState.Connected);
            s.Engine.Poll(15000);
            Assert.IsTrue(s.Engine.State == ClientState.WaitingToReconnect);
            Assert.IsTrue(s.Engine.LastDisconnectReason == DisconnectReason.KeepAliveTimeout);
            Assert.IsTrue(s.Engine.NextConnectAt > 15000);
        }

        [TestMethod]
        public void No_connack_within_the_timeout_drops_the_attempt()
        {
            MqttClientOptions o = ScriptedServer.Options();
            o.ConnectTimeoutMs = 500;
            MqttClientEngine engine = new MqttClientEngine(o);
            engine.Start(0);
            engine.Connect(0);
            engine.Poll(499);
            Assert.IsTrue(engine.State == ClientState.Connecting);
            engine.Poll(500);
            Assert.IsTrue(engine.LastDisconnectReason == DisconnectReason.ConnAckTimeout);
        }

        [TestMethod]
        public void Unacknowledged_qos_1_is_resent_with_dup_after_reconnect_MQTT_4_4_0_1()
        {
            MqttClientOptions o = ScriptedServer.Options();
            o.CleanSession = false;
            ScriptedServer s = new ScriptedServer(o, false);
            s.Engine.Publish(Topic, 0, 1, Payload, 0, 1, 1, false);
            s.Take();
            s.Engine.ConnectionLost(10);
            Assert.IsTrue(s.Engine.Connect(s.Engine.NextConnectAt));
            s.Take();
            s.Feed(TestData.Hex("20 02 01 00"), s.Engine.NextConnectAt + 1);
            s.Take();
            TestData.AssertBytes(TestData.Hex("3A 06 00 01 74 00 01 07"), s.Sent, 0, s.SentLength);
            Assert.AreEqual(1L, s.Engine.Statistics.MessagesResent);
        }

        [TestMethod]
        public void After_pubrec_a_reconnect_resends_pubrel_not_the_publish_MQTT_4_3_3_1()
        {
            MqttClientOptions o = ScriptedServer.Options();
            o.CleanSession = false;
            ScriptedServer s = new ScriptedServer(o, false);
            s.Engine.Publish(Topic, 0, 1, Payload, 0, 1, 2, false);
            s.Take();
            s.Feed(TestData.Hex("50 02 00 01"), 1);
            s.Take();
            s.Engine.ConnectionLost(10);
            s.Engine.Connect(20);
            s.Take();
            s.Feed(TestData.Hex("20 02 01 00"), 21);
            s.Take();
            TestData.AssertBytes(TestData.Hex("62 02 00 01"), s.Sent, 0, s.SentLength);
        }

        [TestMethod]
        public void Packet_identifiers_in_flight_are_not_reused_and_never_0_MQTT_2_3_1_2()
        {
            MqttClientOptions o = ScriptedServer.Options();
            o.InflightWindow = 2;
            ScriptedServer s = new ScriptedServer(o, false);
            s.Engine.Publish(Topic, 0, 1, Payload, 0, 1, 1, false);
            s.Engine.Publish(Topic, 0, 1, Payload, 0, 1, 1, false);
            s.Engine.Publish(Topic, 0, 1, Payload, 0, 1, 1, false);
            s.Take();
            Assert.AreEqual(16, s.SentLength, "the inflight window holds the third message back");
            Assert.AreEqual(1, (s.Sent[5] << 8) | s.Sent[6]);
            Assert.AreEqual(2, (s.Sent[13] << 8) | s.Sent[14]);
            s.Feed(TestData.Hex("40 02 00 01"), 1);
            s.Take();
            Assert.AreEqual(3, s.SentPublishId(), "a freed identifier is not handed out again at once");
        }

        [TestMethod]
        public void Subscribe_sends_subscribe_and_records_the_granted_qos_MQTT_3_9_3()
        {
            ScriptedServer s = new ScriptedServer(ScriptedServer.Options(), false);
            int index = s.Engine.Subscribe(Topic, 0, 1, 1);
            s.Take();
            TestData.AssertBytes(TestData.Hex("82 06 00 01 00 01 74 01"), s.Sent, 0, s.SentLength);
            Assert.AreEqual(-1, s.Engine.SubscriptionReturnCode(index));
            s.Feed(TestData.Hex("90 03 00 01 01"), 1);
            Assert.AreEqual(1, s.Engine.SubscriptionReturnCode(index));
            Assert.IsTrue(s.Engine.SubscriptionMatches(index, Topic, 0, 1));
        }

        [TestMethod]
        public void A_refused_connack_schedules_a_reconnect_with_backoff_MQTT_3_2_2_5()
        {
            MqttClientEngine engine = new MqttClientEngine(ScriptedServer.Options());
            engine.Start(0);
            engine.Connect(0);
            byte[] refused = TestData.Hex("20 02 00 05");
            engine.Receive(refused, 0, 4, 100);
            Assert.IsTrue(engine.State == ClientState.WaitingToReconnect);
            Assert.IsTrue(engine.LastDisconnectReason == DisconnectReason.Refused);
            Assert.IsTrue(engine.NextConnectAt > 100);
        }

        [TestMethod]
        public void A_packet_before_connack_is_a_protocol_error_MQTT_3_2_0_1()
        {
            MqttClientEngine engine = new MqttClientEngine(ScriptedServer.Options());
            engine.Start(0);
            engine.Connect(0);
            byte[] ping = TestData.Hex("D0 00");
            engine.Receive(ping, 0, 2, 1);
            Assert.IsTrue(engine.LastDisconnectReason == DisconnectReason.ProtocolError);
        }
    }
}
