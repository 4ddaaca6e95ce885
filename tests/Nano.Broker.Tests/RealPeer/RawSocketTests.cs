using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Nano.Broker.Tests.RealPeer
{
    /// <summary>Byte-level clients over real sockets for what MQTTnet will not do: die without DISCONNECT, withhold PUBACK.</summary>
    [TestClass]
    public sealed class RawSocketTests
    {
        private static readonly byte[] ConnAckAccepted = { 0x20, 0x02, 0x00, 0x00 };

        [TestMethod]
        [DataRow(3, false)]
        [DataRow(4, false)]
        [DataRow(3, true)]
        [DataRow(4, true)]
        public async Task Will_is_published_when_the_socket_closes_without_DISCONNECT_MQTT_3_1_2_8(int level, bool reset)
        {
            using var broker = new TestBroker();
            await using var watcher = await broker.ConnectAsync("watcher", level == 3 ? MqttProtocolVersion.V310 : MqttProtocolVersion.V311);
            await watcher.SubscribeAsync("will/#", MqttQualityOfServiceLevel.ExactlyOnce);

            using var dying = new RawMqttClient(broker.Port);
            dying.Send(RawMqttClient.Connect("dying", level, willTopic: "will/dying", willMessage: "gone", willQos: 1));
            CollectionAssert.AreEqual(ConnAckAccepted, dying.ReadPacket());
            dying.Kill(reset);

            Assert.AreEqual(new PeerMessage("will/dying", "gone", 1, false, false), await watcher.NextAsync(), "Will QoS and RETAIN 0 [MQTT-3.1.2-16]");
            Assert.AreEqual(1L, broker.Statistics.WillsPublished);
        }

        [TestMethod]
        [DataRow(3)]
        [DataRow(4)]
        public async Task Will_with_retain_is_stored_as_retained_MQTT_3_1_2_17(int level)
        {
            using var broker = new TestBroker();
            using (var dying = new RawMqttClient(broker.Port))
            {
                dying.Send(RawMqttClient.Connect("dying", level, willTopic: "will/kept", willMessage: "offline", willQos: 0, willRetain: true));
                CollectionAssert.AreEqual(ConnAckAccepted, dying.ReadPacket());
                dying.Kill();
            }
            await TestBroker.WaitUntilAsync(() => broker.Statistics.WillsPublished == 1, "the Will");

            await using var late = await broker.ConnectAsync("late", level == 3 ? MqttProtocolVersion.V310 : MqttProtocolVersion.V311);
            await late.SubscribeAsync("will/+", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.AreEqual(new PeerMessage("will/kept", "offline", 0, true, false), await late.NextAsync());
        }

        [TestMethod]
        [DataRow(3)]
        [DataRow(4)]
        public async Task Unacknowledged_qos1_message_is_resent_with_DUP_and_the_same_id_on_reconnect_MQTT_4_4_0_1(int level)
        {
            using var broker = new TestBroker();
            byte[] sent;
            using (var first = new RawMqttClient(broker.Port))
            {
                first.Send(RawMqttClient.Connect("redeliver", level, clean: false));
                CollectionAssert.AreEqual(ConnAckAccepted, first.ReadPacket());
                first.Send(RawMqttClient.Subscribe(7, "re/t", 1));
                CollectionAssert.AreEqual(new byte[] { 0x90, 0x03, 0x00, 0x07, 0x01 }, first.ReadPacket());

                await using (var publisher = await broker.ConnectAsync("pub", MqttProtocolVersion.V311))
                {
                    await publisher.PublishAsync("re/t", "payload", MqttQualityOfServiceLevel.AtLeastOnce);
                }
                sent = first.ReadPacket();
                Assert.AreEqual(0x32, sent[0], "QoS 1, DUP 0, RETAIN 0");
                CollectionAssert.AreEqual(Encoding.ASCII.GetBytes("re/t"), sent.Skip(4).Take(4).ToArray());
                CollectionAssert.AreEqual(Encoding.ASCII.GetBytes("payload"), sent.Skip(10).ToArray());
                first.Kill();
            }
            await TestBroker.WaitUntilAsync(() => broker.Statistics.ClientsConnected == 0, "the close to be processed");

            using var second = new RawMqttClient(broker.Port);
            second.Send(RawMqttClient.Connect("redeliver", level, clean: false));
            CollectionAssert.AreEqual(new byte[] { 0x20, 0x02, (byte)(level == 4 ? 1 : 0), 0x00 }, second.ReadPacket(), "Session Present [MQTT-3.2.2-2]");
            byte[] resent = second.ReadPacket();
            Assert.AreEqual(0x3A, resent[0], "DUP 1 on re-delivery [MQTT-3.3.1-1]");
            CollectionAssert.AreEqual(sent.Skip(1).ToArray(), resent.Skip(1).ToArray(), "same topic, packet id and payload");

            second.Send(RawMqttClient.PubAck((resent[8] << 8) | resent[9]));
            second.Send(new byte[] { 0xC0, 0x00 });
            CollectionAssert.AreEqual(new byte[] { 0xD0, 0x00 }, second.ReadPacket(), "nothing else is pending once acknowledged");
        }

        [TestMethod]
        public void Wrong_password_is_refused_with_return_code_4_and_the_connection_closed_MQTT_3_2_2_5()
        {
            using var broker = new TestBroker(o => o.Authenticator = Nano.Host.PasswordFile.Parse("alice:s3cret\n", out _));
            using var client = new RawMqttClient(broker.Port);
            var connect = RawMqttClient.Connect("mallory", 4).ToList();
            connect[9] |= 0xC0; // user name and password flags
            var tail = new byte[] { 0, 5, (byte)'a', (byte)'l', (byte)'i', (byte)'c', (byte)'e', 0, 5, (byte)'w', (byte)'r', (byte)'o', (byte)'n', (byte)'g' };
            connect.AddRange(tail);
            connect[1] = (byte)(connect.Count - 2);
            client.Send(connect.ToArray());
            CollectionAssert.AreEqual(new byte[] { 0x20, 0x02, 0x00, 0x04 }, client.ReadPacket());
            Assert.IsTrue(client.WaitForClose());
        }

        [TestMethod]
        public void Unsupported_protocol_level_gets_return_code_1_before_the_close_MQTT_3_1_2_2()
        {
            using var broker = new TestBroker();
            using var client = new RawMqttClient(broker.Port);
            client.Send(RawMqttClient.Connect("future", 5));
            CollectionAssert.AreEqual(new byte[] { 0x20, 0x02, 0x00, 0x01 }, client.ReadPacket(), "the host flushes the engine's output before closing");
            Assert.IsTrue(client.WaitForClose());
        }
    }
}
