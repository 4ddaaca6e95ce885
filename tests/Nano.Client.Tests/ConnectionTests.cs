using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Client;
using Nano.Mqtt.Codec;

namespace Nano.Client.Tests
{
    [TestClass]
    public sealed class ConnectionTests
    {
        [TestMethod]
        public void Connect_311_encodes_user_password_will_and_persistent_session_MQTT_3_1_3_1()
        {
            var h = new EngineHarness(new MqttClientOptions
            {
                ClientId = "c1", CleanSession = false, KeepAliveSeconds = 30, UserName = "u", Password = "p",
                WillTopic = "w", WillPayload = new byte[] { (byte)'x' }, WillQos = 1, WillRetain = true,
            });
            Assert.IsFalse(h.Engine.WantsConnection);
            h.Engine.Start(0);
            Assert.IsTrue(h.Engine.WantsConnection);
            Assert.AreEqual(0, h.Engine.NextConnectAt);
            Assert.IsTrue(h.Engine.Connect(0));
            Assert.AreEqual(ClientState.Connecting, h.Engine.State);
            Assert.AreEqual("101A00044D51545404EC001E000263310001770001780001750001" + "70", h.Output());
        }

        [TestMethod]
        public void Connect_31_uses_MQIsdp_level_3_and_ignores_session_present_byte()
        {
            var h = new EngineHarness(new MqttClientOptions { ClientId = "c1", ProtocolLevel = 3, KeepAliveSeconds = 0 });
            h.Engine.Start(0);
            h.Engine.Connect(0);
            Assert.AreEqual("101000064D514973647003020000000263" + "31", h.Output());
            h.Feed("20020000");
            Assert.AreEqual(ClientState.Connected, h.Engine.State);
        }

        [TestMethod]
        public void ConnAck_refused_surfaces_return_code_and_schedules_reconnect_MQTT_3_2_2_5()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Engine.Start(0);
            h.Engine.Connect(0);
            h.Output();
            h.Now = 10;
            h.Feed("20020005");
            Assert.AreEqual(ClientState.WaitingToReconnect, h.Engine.State);
            Assert.AreEqual(ConnectReturnCode.NotAuthorized, h.Engine.LastReturnCode);
            Assert.AreEqual(DisconnectReason.Refused, h.Engine.LastDisconnectReason);
            CollectionAssert.Contains(h.Events, "connack:5:False");
            Assert.IsTrue(h.Engine.NextConnectAt > 10);
            Assert.AreEqual("", h.Output());
        }

        [TestMethod]
        public void Packet_before_ConnAck_is_a_protocol_error_MQTT_3_2_0_1()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Engine.Start(0);
            h.Engine.Connect(0);
            h.Feed(EngineHarness.PublishHex("t", "v", 0, 0));
            Assert.AreEqual(ClientState.WaitingToReconnect, h.Engine.State);
            Assert.AreEqual(DisconnectReason.ProtocolError, h.Engine.LastDisconnectReason);
            Assert.AreEqual(0, h.Messages.Count);
        }

        [TestMethod]
        public void Malformed_packet_from_server_closes_MQTT_4_8_0_1()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Connected();
            h.Feed("82050001000161"); // SUBSCRIBE is never sent to a client
            Assert.AreEqual(DisconnectReason.ProtocolError, h.Engine.LastDisconnectReason);
            Assert.AreEqual(1, h.Engine.Statistics.ProtocolErrors);
        }

        [TestMethod]
        public void Packet_above_max_packet_size_closes_from_its_remaining_length()
        {
            var h = new EngineHarness(new MqttClientOptions { ClientId = "c1", KeepAliveSeconds = 0, MaxPacketSize = 64 });
            h.Connected();
            h.Feed("30C801"); // remaining length 200, nothing of the body yet
            Assert.AreEqual(DisconnectReason.PacketTooLarge, h.Engine.LastDisconnectReason);
        }

        [TestMethod]
        public void ConnAck_timeout_drops_the_attempt()
        {
            var h = new EngineHarness(new MqttClientOptions { ClientId = "c1", ConnectTimeoutMs = 5000 });
            h.Engine.Start(0);
            h.Engine.Connect(0);
            h.At(4999);
            Assert.AreEqual(ClientState.Connecting, h.Engine.State);
            h.At(5000);
            Assert.AreEqual(ClientState.WaitingToReconnect, h.Engine.State);
            Assert.AreEqual(DisconnectReason.ConnAckTimeout, h.Engine.LastDisconnectReason);
            Assert.IsTrue(h.Engine.NextConnectAt >= 5000 + 800 && h.Engine.NextConnectAt <= 5000 + 1000);
        }

        [TestMethod]
        public void KeepAlive_sends_PINGREQ_after_one_interval_without_traffic_MQTT_3_1_2_23()
        {
            var h = new EngineHarness(EngineHarness.Options(keepAlive: 10));
            h.Connected();
            h.At(9999);
            Assert.AreEqual("", h.Output());
            h.At(10000);
            Assert.AreEqual("C000", h.Output());
            h.At(10400);
            Assert.AreEqual("", h.Output(), "one PINGREQ outstanding at a time");
            h.Feed("D000");
            h.At(14000);
            Assert.AreEqual(ClientState.Connected, h.Engine.State);
            Assert.AreEqual("", h.Output());
            h.At(20000);
            Assert.AreEqual("C000", h.Output(), "next PINGREQ one interval after the last packet sent");
            Assert.AreEqual(2, h.Engine.Statistics.PingsSent);
        }

        [TestMethod]
        public void KeepAlive_publishing_defers_PINGREQ_until_the_server_is_silent_for_an_interval()
        {
            var h = new EngineHarness(EngineHarness.Options(keepAlive: 10));
            h.Connected();
            h.At(6000);
            h.Publish("t", "1", 1);
            h.Output();
            h.Feed(EngineHarness.Ack(4, 1));
            h.At(15999);
            Assert.AreEqual("", h.Output());
            h.At(16000);
            Assert.AreEqual("C000", h.Output());
        }

        [TestMethod]
        public void Dead_connection_detected_after_one_and_a_half_keepalive_without_PINGRESP()
        {
            var h = new EngineHarness(EngineHarness.Options(keepAlive: 10));
            h.Connected();
            h.At(10000);
            Assert.AreEqual("C000", h.Output());
            h.At(14999);
            Assert.AreEqual(ClientState.Connected, h.Engine.State);
            h.At(15000);
            Assert.AreEqual(ClientState.WaitingToReconnect, h.Engine.State);
            Assert.AreEqual(DisconnectReason.KeepAliveTimeout, h.Engine.LastDisconnectReason);
        }

        [TestMethod]
        public void Reconnect_backoff_doubles_up_to_the_maximum_with_bounded_deterministic_jitter()
        {
            long[] a = FailureDelays(seed: 7, attempts: 7);
            long[] b = FailureDelays(seed: 7, attempts: 7);
            long[] c = FailureDelays(seed: 8, attempts: 7);
            CollectionAssert.AreEqual(a, b, "same seed, same delays");
            CollectionAssert.AreNotEqual(a, c, "another seed, other delays");
            long[] bases = { 1000, 2000, 4000, 8000, 8000, 8000, 8000 };
            bool jittered = false;
            for (int i = 0; i < bases.Length; i++)
            {
                Assert.IsTrue(a[i] <= bases[i] && a[i] >= bases[i] * 80 / 100, "attempt " + i + ": " + a[i]);
                jittered |= a[i] != bases[i];
            }

            Assert.IsTrue(jittered);
        }

        [TestMethod]
        public void Reconnect_backoff_restarts_from_the_minimum_after_a_successful_connect()
        {
            var h = new EngineHarness(new MqttClientOptions { ClientId = "c1", ReconnectMinMs = 1000, ReconnectMaxMs = 8000, ReconnectJitterPercent = 0 });
            h.Engine.Start(0);
            for (int i = 0; i < 3; i++)
            {
                h.Engine.Connect(h.Now);
                h.Engine.ConnectionLost(h.Now);
                h.Now = h.Engine.NextConnectAt;
            }

            Assert.AreEqual(7000, h.Now);
            h.Engine.Connect(h.Now);
            h.Feed("20020000");
            h.Engine.ConnectionLost(h.Now);
            Assert.AreEqual(h.Now + 1000, h.Engine.NextConnectAt);
        }

        [TestMethod]
        public void AutoReconnect_off_ends_in_Disconnected()
        {
            var h = new EngineHarness(new MqttClientOptions { ClientId = "c1", AutoReconnect = false });
            h.Connected();
            h.Engine.ConnectionLost(5);
            Assert.AreEqual(ClientState.Disconnected, h.Engine.State);
            Assert.IsFalse(h.Engine.WantsConnection);
        }

        [TestMethod]
        public void Disconnect_sends_DISCONNECT_and_stops_reconnecting_MQTT_3_14_4_3()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Connected();
            h.Engine.Disconnect(1);
            Assert.AreEqual("E000", h.Output());
            Assert.AreEqual(ClientState.Disconnected, h.Engine.State);
            Assert.AreEqual(DisconnectReason.ClientDisconnect, h.Engine.LastDisconnectReason);
            Assert.IsFalse(h.Engine.WantsConnection);
            h.Engine.ConnectionLost(2);
            Assert.AreEqual(ClientState.Disconnected, h.Engine.State);
        }

        [TestMethod]
        public void Bytes_split_anywhere_are_reassembled()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Engine.Start(0);
            h.Engine.Connect(0);
            h.Output();
            string bytes = "20020000" + EngineHarness.PublishHex("a/b", "hello", 1, 9);
            for (int i = 0; i < bytes.Length; i += 2)
            {
                h.Feed(bytes.Substring(i, 2));
            }

            CollectionAssert.AreEqual(new[] { "a/b=hello/q1" }, h.Messages);
            Assert.AreEqual(EngineHarness.Ack(4, 9), h.Output());
        }

        private static long[] FailureDelays(int seed, int attempts)
        {
            var h = new EngineHarness(new MqttClientOptions
            {
                ClientId = "c1", ReconnectMinMs = 1000, ReconnectMaxMs = 8000, ReconnectJitterPercent = 20, RandomSeed = seed,
            });
            h.Engine.Start(0);
            long[] delays = new long[attempts];
            for (int i = 0; i < attempts; i++)
            {
                Assert.IsTrue(h.Engine.WantsConnection);
                h.Engine.Connect(h.Now);
                h.Engine.ConnectionLost(h.Now);
                delays[i] = h.Engine.NextConnectAt - h.Now;
                h.Now = h.Engine.NextConnectAt;
            }

            return delays;
        }
    }
}
