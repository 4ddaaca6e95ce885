using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Host;
using Nano.Mqtt.Client;
using MqttClientOptions = Nano.Mqtt.Client.MqttClientOptions;

namespace Nano.Client.Tests
{
    /// <summary>The Nano client against Nano's own broker (the PC host over loopback TCP), at both protocol levels.</summary>
    [TestClass]
    public sealed class NanoBrokerPeerTests
    {
        private const int Timeout = 10000;

        [TestMethod]
        [DataRow((byte)3)]
        [DataRow((byte)4)]
        public void Qos_0_1_2_retained_and_Will_between_two_Nano_clients(byte level)
        {
            using var host = new BrokerHost(new HostOptions { Port = 0, SnPort = 0 });
            host.Start();

            using var subscriber = new NanoPeer(host.Port, new MqttClientOptions { ClientId = "nano-sub", ProtocolLevel = level });
            Assert.IsTrue(subscriber.Client.Subscribe("peer/#", 2, subscriber.Recorder()));
            subscriber.Client.Connect();
            subscriber.WaitConnected();

            using (var publisher = new NanoPeer(host.Port, new MqttClientOptions
            {
                ClientId = "nano-pub", ProtocolLevel = level, KeepAliveSeconds = 60,
                WillTopic = "peer/will", WillPayload = Encoding.UTF8.GetBytes("gone"), WillQos = 1,
            }))
            {
                publisher.Client.Connect();
                publisher.WaitConnected();
                NanoPeer.Until(() => host.Engine.SubscriptionCount == 1, Timeout, "subscribed");
                for (int qos = 0; qos <= 2; qos++)
                {
                    Assert.AreEqual(PublishResult.Accepted, publisher.Client.Publish("peer/" + qos, Encoding.UTF8.GetBytes("m" + qos), qos, false));
                }

                Assert.AreEqual(PublishResult.Accepted, publisher.Client.Publish("peer/kept", Encoding.UTF8.GetBytes("r"), 1, true));
                NanoPeer.Until(() => subscriber.ReceivedSnapshot().Length == 4, Timeout, "four messages");
                CollectionAssert.AreEqual(new[] { "peer/0=m0/q0", "peer/1=m1/q1", "peer/2=m2/q2", "peer/kept=r/q1" }, subscriber.ReceivedSnapshot(),
                    "delivered on an established subscription: RETAIN 0 [MQTT-3.3.1-9]");

                // The publisher's socket is cut without DISCONNECT: its Will reaches the subscriber [MQTT-3.1.2-8].
                publisher.CutSocket();
            }

            NanoPeer.Until(() => subscriber.ReceivedSnapshot().Length == 5, Timeout, "the Will");
            Assert.AreEqual("peer/will=gone/q1", subscriber.ReceivedSnapshot()[4]);

            // A new subscriber gets the retained message with RETAIN 1 [MQTT-3.3.1-8].
            using var late = new NanoPeer(host.Port, new MqttClientOptions { ClientId = "nano-late", ProtocolLevel = level });
            Assert.IsTrue(late.Client.Subscribe("peer/kept", 1, late.Recorder()));
            late.Client.Connect();
            NanoPeer.Until(() => late.ReceivedSnapshot().Length == 1, Timeout, "retained");
            Assert.AreEqual("peer/kept=r/q1/r", late.ReceivedSnapshot()[0]);
        }
    }
}
