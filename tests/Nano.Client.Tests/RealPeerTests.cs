using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Protocol;
using Nano.Mqtt.Client;
using MqttClientOptions = Nano.Mqtt.Client.MqttClientOptions;

namespace Nano.Client.Tests
{
    /// <summary>The Nano client and its socket transport against MQTTnet's server and clients over loopback.</summary>
    [TestClass]
    public sealed class RealPeerTests
    {
        private const int Timeout = 10000;

        [TestMethod]
        public async Task Qos_0_1_2_from_Nano_to_an_MQTTnet_subscriber()
        {
            await using var broker = await MqttNetBroker.StartAsync(persistentSessions: false);
            var received = new List<string>();
            IMqttClient subscriber = await broker.ConnectClientAsync("sub");
            subscriber.ApplicationMessageReceivedAsync += e =>
            {
                lock (received)
                {
                    received.Add(e.ApplicationMessage.Topic + "=" + e.ApplicationMessage.ConvertPayloadToString() + "/q" + (int)e.ApplicationMessage.QualityOfServiceLevel);
                }

                return Task.CompletedTask;
            };
            await subscriber.SubscribeAsync("up/#", MqttQualityOfServiceLevel.ExactlyOnce);
            using var nano = new NanoPeer(broker.Port, new MqttClientOptions { ClientId = "nano-up" });
            nano.Client.Connect();
            nano.WaitConnected();
            Assert.AreEqual(PublishResult.Accepted, nano.Client.Publish("up/0", Encoding.UTF8.GetBytes("zero"), 0, false));
            Assert.AreEqual(PublishResult.Accepted, nano.Client.Publish("up/1", Encoding.UTF8.GetBytes("one"), 1, false));
            Assert.AreEqual(PublishResult.Accepted, nano.Client.Publish("up/2", Encoding.UTF8.GetBytes("two"), 2, false));
            NanoPeer.Until(() => { lock (received) { return received.Count == 3; } }, Timeout, "three messages");
            NanoPeer.Until(() => { lock (nano.Client.Engine) { return nano.Client.Engine.StoredMessages == 0; } }, Timeout, "QoS 1/2 flows complete");
            CollectionAssert.AreEqual(new[] { "up/0=zero/q0", "up/1=one/q1", "up/2=two/q2" }, received);
            await subscriber.DisconnectAsync();
        }

        [TestMethod]
        public async Task Qos_0_1_2_from_an_MQTTnet_publisher_to_Nano()
        {
            await using var broker = await MqttNetBroker.StartAsync(persistentSessions: false);
            using var nano = new NanoPeer(broker.Port, new MqttClientOptions { ClientId = "nano-down" });
            var granted = new List<int>();
            nano.Client.SubscribeCompleted += (f, o, l, code) => granted.Add(code);
            Assert.IsTrue(nano.Client.Subscribe("down/#", 2, nano.Recorder()));
            nano.Client.Connect();
            NanoPeer.Until(() => granted.Count == 1, Timeout, "SUBACK");
            Assert.AreEqual(2, granted[0]);
            IMqttClient publisher = await broker.ConnectClientAsync("pub");
            for (int qos = 0; qos <= 2; qos++)
            {
                await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("down/" + qos).WithPayload("m" + qos)
                    .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).Build());
            }

            NanoPeer.Until(() => nano.ReceivedSnapshot().Length == 3, Timeout, "three messages");
            CollectionAssert.AreEqual(new[] { "down/0=m0/q0", "down/1=m1/q1", "down/2=m2/q2" }, nano.ReceivedSnapshot());
            NanoPeer.Until(() => { lock (nano.Client.Engine) { return nano.Client.Engine.AwaitingRelease == 0; } }, Timeout, "PUBREL handled");
            await publisher.DisconnectAsync();
        }

        [TestMethod]
        public async Task Retained_messages_both_ways_MQTT_3_3_1_6()
        {
            await using var broker = await MqttNetBroker.StartAsync(persistentSessions: false);
            IMqttClient mqttnet = await broker.ConnectClientAsync("ret");
            await mqttnet.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("ret/from-mqttnet").WithPayload("kept")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build());
            using var nano = new NanoPeer(broker.Port, new MqttClientOptions { ClientId = "nano-ret" });
            nano.Client.Connect();
            nano.WaitConnected();
            Assert.AreEqual(PublishResult.Accepted, nano.Client.Publish("ret/from-nano", Encoding.UTF8.GetBytes("also"), 1, true));
            NanoPeer.Until(() => { lock (nano.Client.Engine) { return nano.Client.Engine.StoredMessages == 0; } }, Timeout, "PUBACK");
            Assert.IsTrue(nano.Client.Subscribe("ret/from-mqttnet", 1, nano.Recorder()));
            NanoPeer.Until(() => nano.ReceivedSnapshot().Length == 1, Timeout, "retained message");
            Assert.AreEqual("ret/from-mqttnet=kept/q1/r", nano.ReceivedSnapshot()[0]);

            var retained = new List<string>();
            mqttnet.ApplicationMessageReceivedAsync += e =>
            {
                lock (retained)
                {
                    retained.Add(e.ApplicationMessage.ConvertPayloadToString() + "/" + e.ApplicationMessage.Retain);
                }

                return Task.CompletedTask;
            };
            await mqttnet.SubscribeAsync("ret/from-nano", MqttQualityOfServiceLevel.AtLeastOnce);
            NanoPeer.Until(() => { lock (retained) { return retained.Count == 1; } }, Timeout, "retained from Nano");
            Assert.AreEqual("also/True", retained[0]);
            await mqttnet.DisconnectAsync();
        }

        [TestMethod]
        public async Task Will_is_published_when_the_socket_is_cut_MQTT_3_1_2_8()
        {
            await using var broker = await MqttNetBroker.StartAsync(persistentSessions: false);
            var wills = new List<string>();
            IMqttClient subscriber = await broker.ConnectClientAsync("will-sub");
            subscriber.ApplicationMessageReceivedAsync += e =>
            {
                lock (wills)
                {
                    wills.Add(e.ApplicationMessage.Topic + "=" + e.ApplicationMessage.ConvertPayloadToString());
                }

                return Task.CompletedTask;
            };
            await subscriber.SubscribeAsync("will/#", MqttQualityOfServiceLevel.AtLeastOnce);
            var nano = new NanoPeer(broker.Port, new MqttClientOptions
            {
                ClientId = "nano-will", WillTopic = "will/nano", WillPayload = Encoding.UTF8.GetBytes("gone"), WillQos = 1,
            });
            nano.Client.Connect();
            nano.WaitConnected();
            nano.CutSocket();
            NanoPeer.Until(() => { lock (wills) { return wills.Count == 1; } }, Timeout, "Will");
            Assert.AreEqual("will/nano=gone", wills[0]);
            await subscriber.DisconnectAsync();
        }

        [TestMethod]
        public async Task Will_is_not_published_after_DISCONNECT_MQTT_3_14_4_3()
        {
            await using var broker = await MqttNetBroker.StartAsync(persistentSessions: false);
            var wills = new List<string>();
            IMqttClient subscriber = await broker.ConnectClientAsync("will-sub2");
            subscriber.ApplicationMessageReceivedAsync += e =>
            {
                lock (wills)
                {
                    wills.Add(e.ApplicationMessage.Topic);
                }

                return Task.CompletedTask;
            };
            await subscriber.SubscribeAsync("will/#", MqttQualityOfServiceLevel.AtLeastOnce);
            using var nano = new NanoPeer(broker.Port, new MqttClientOptions
            {
                ClientId = "nano-will2", WillTopic = "will/nano2", WillPayload = Encoding.UTF8.GetBytes("gone"),
            });
            nano.Client.Connect();
            nano.WaitConnected();
            nano.Client.Disconnect();
            NanoPeer.Until(() => !nano.Transport.IsOpen, Timeout, "socket closed after DISCONNECT");
            await subscriber.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("will/marker").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            NanoPeer.Until(() => { lock (wills) { return wills.Contains("will/marker"); } }, Timeout, "marker");
            CollectionAssert.AreEqual(new[] { "will/marker" }, wills);
            await subscriber.DisconnectAsync();
        }

        [TestMethod]
        public async Task Persistent_session_messages_redelivered_after_the_server_drops_the_connection()
        {
            await using var broker = await MqttNetBroker.StartAsync(persistentSessions: true);
            using var nano = new NanoPeer(broker.Port, new MqttClientOptions { ClientId = "nano-persist", CleanSession = false, ReconnectMinMs = 100, ReconnectMaxMs = 200 });
            var granted = new List<int>();
            nano.Client.SubscribeCompleted += (f, o, l, code) => granted.Add(code);
            nano.Client.Subscribe("p/#", 1, nano.Recorder());
            nano.Client.Connect();
            NanoPeer.Until(() => granted.Count == 1, Timeout, "SUBACK");
            nano.Paused = true;
            await broker.Server.DisconnectClientAsync("nano-persist", new MQTTnet.Server.MqttServerClientDisconnectOptions());
            IMqttClient publisher = await broker.ConnectClientAsync("p-pub");
            for (int i = 0; i < 3; i++)
            {
                await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("p/x").WithPayload("queued-" + i)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            }

            nano.Paused = false;
            NanoPeer.Until(() => nano.ReceivedSnapshot().Length == 3, Timeout, "queued messages after reconnect");
            CollectionAssert.AreEqual(new[] { "p/x=queued-0/q1", "p/x=queued-1/q1", "p/x=queued-2/q1" }, nano.ReceivedSnapshot());
            Assert.AreEqual(2, nano.SessionPresent.Count);
            Assert.IsFalse(nano.SessionPresent[0]);
            Assert.IsTrue(nano.SessionPresent[1], "the server kept the session");
            Assert.AreEqual(1, granted.Count, "no re-subscription when the session was kept");
            await publisher.DisconnectAsync();
        }
    }
}
