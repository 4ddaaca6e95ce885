using System.Collections.Generic;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Client;
using Nano.Mqtt.Codec;

namespace Nano.Client.Tests
{
    [TestClass]
    public sealed class SubscriptionTests
    {
        [TestMethod]
        public void Subscribe_results_report_granted_qos_and_failure_MQTT_3_9_3_2()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Connected();
            Assert.AreEqual(0, h.Subscribe("a", 2));
            Assert.AreEqual(1, h.Subscribe("b/#", 1));
            Assert.AreEqual("82060001000161" + "02" + "820800020003622F23" + "01", h.Output());
            h.Feed("9003000101" + "9003000280");
            CollectionAssert.AreEqual(new[] { "suback:a:1", "suback:b/#:128" }, h.Events.FindAll(e => e.StartsWith("suback")));
            Assert.AreEqual(1, h.Engine.SubscriptionReturnCode(0));
            Assert.AreEqual(0x80, h.Engine.SubscriptionReturnCode(1));
        }

        [TestMethod]
        public void Invalid_filters_are_refused_MQTT_4_7_1_2()
        {
            var h = new EngineHarness(EngineHarness.Options());
            Assert.AreEqual(-1, h.Subscribe("a/#/b", 0));
            Assert.AreEqual(-1, h.Subscribe("a+", 0));
            Assert.AreEqual(-1, h.Subscribe("a", 3));
        }

        [TestMethod]
        public void Unsubscribe_sends_UNSUBSCRIBE_and_reports_UNSUBACK()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Connected();
            h.Subscribe("a", 0);
            h.Output();
            h.Feed("9003000100");
            byte[] filter = { (byte)'a' };
            Assert.IsTrue(h.Engine.Unsubscribe(filter, 0, 1));
            Assert.IsFalse(h.Engine.Unsubscribe(filter, 0, 1), "already being unsubscribed");
            Assert.AreEqual("A20500020001" + "61", h.Output());
            h.Feed("B0020002");
            CollectionAssert.Contains(h.Events, "unsuback:a");
            h.Engine.ConnectionLost(1);
            h.Engine.Connect(h.Engine.NextConnectAt);
            h.Output();
            h.Feed("20020000");
            Assert.AreEqual("", h.Output(), "an unsubscribed filter is not subscribed again");
        }

        [TestMethod]
        public void Unsubscribe_while_SUBACK_is_pending_unsubscribes_after_it()
        {
            var h = new EngineHarness(EngineHarness.Options());
            h.Connected();
            h.Subscribe("a", 1);
            h.Output();
            byte[] filter = { (byte)'a' };
            Assert.IsTrue(h.Engine.Unsubscribe(filter, 0, 1));
            Assert.AreEqual("", h.Output());
            h.Feed("9003000101");
            Assert.AreEqual("A20500020001" + "61", h.Output());
        }

        [TestMethod]
        public void Client_dispatches_to_every_matching_handler_and_the_rest_to_UnhandledMessage()
        {
            var client = new MqttClient(new MqttClientOptions { ClientId = "c1", KeepAliveSeconds = 0 });
            var seen = new List<string>();
            Assert.IsTrue(client.Subscribe("s/+", 1, (b, to, tl, po, pl, q, r) => seen.Add("plus:" + Encoding.UTF8.GetString(b, po, pl))));
            Assert.IsTrue(client.Subscribe("s/t", 1, (b, to, tl, po, pl, q, r) => seen.Add("exact:" + Encoding.UTF8.GetString(b, po, pl))));
            client.UnhandledMessage += (b, to, tl, po, pl, q, r) => seen.Add("other:" + Encoding.UTF8.GetString(b, to, tl));
            client.Connect();
            client.Engine.Connect(0);
            byte[] output = new byte[256];
            client.Engine.ReadOutput(output, 0, output.Length);
            Feed(client.Engine, "20020000" + EngineHarness.PublishHex("s/t", "1", 0, 0) + EngineHarness.PublishHex("z", "2", 0, 0));
            CollectionAssert.AreEqual(new[] { "plus:1", "exact:1", "other:z" }, seen);
            Assert.IsTrue(client.Unsubscribe("s/+"));
            Feed(client.Engine, EngineHarness.PublishHex("s/t", "3", 0, 0));
            CollectionAssert.AreEqual(new[] { "plus:1", "exact:1", "other:z", "exact:3" }, seen);
        }

        [TestMethod]
        public void Client_string_publish_encodes_the_topic_as_UTF8()
        {
            var client = new MqttClient(new MqttClientOptions { ClientId = "c1", KeepAliveSeconds = 0 });
            client.Connect();
            client.Engine.Connect(0);
            byte[] output = new byte[256];
            client.Engine.ReadOutput(output, 0, output.Length);
            Feed(client.Engine, "20020000");
            Assert.AreEqual(PublishResult.Accepted, client.Publish("t/é", new byte[] { 1 }, 0, false));
            int n = client.Engine.ReadOutput(output, 0, output.Length);
            Assert.AreEqual("3007" + "0004742FC3A9" + "01", System.Convert.ToHexString(output, 0, n));
            Assert.AreEqual(PublishResult.Invalid, client.Publish("t/\uD800", null, 0, false));
        }

        [TestMethod]
        public void Utf8Encoder_matches_the_framework_encoder_and_rejects_unpaired_surrogates()
        {
            string text = "aé€\U0001F600z";
            byte[] expected = Encoding.UTF8.GetBytes(text);
            byte[] actual = new byte[16];
            Assert.AreEqual(expected.Length, Utf8Encoder.Encode(text, actual, 1));
            CollectionAssert.AreEqual(expected, actual[1..(1 + expected.Length)]);
            Assert.AreEqual(-1, Utf8Encoder.GetByteCount("a\uDC00"));
            Assert.AreEqual(-1, Utf8Encoder.Encode("a\uD800", actual, 0));
            Assert.AreEqual(-1, Utf8Encoder.Encode("abc", new byte[2], 0));
        }

        private static void Feed(MqttClientEngine engine, string hex)
        {
            byte[] bytes = System.Convert.FromHexString(hex);
            Assert.AreEqual(bytes.Length, engine.Receive(bytes, 0, bytes.Length, 0));
        }
    }
}
