using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Broker.Tests.RealPeer;

namespace Nano.Broker.Tests.Persistence
{
    /// <summary>What survives a SIGKILL of the host process with persistence on: sessions, subscriptions, retained
    /// messages, inflight QoS 2 to a subscriber and incoming QoS 2 ids; and what a damaged store leaves.</summary>
    [TestClass]
    public sealed class RestartTests
    {
        private const int Sessions = 1000;

        [TestMethod]
        public async Task Subscriptions_and_retained_messages_of_1000_sessions_survive_a_kill()
        {
            string directory = Directory.CreateTempSubdirectory("nano-restart-").FullName;
            try
            {
                using (HostProcess host = await HostProcess.StartAsync(directory))
                {
                    for (int first = 0; first < Sessions; first += 100)
                    {
                        var clients = new List<RawMqttClient>();
                        for (int i = first; i < first + 100; i++)
                        {
                            var c = new RawMqttClient(host.Port);
                            c.Send(Packets.Concat(Packets.Connect("fleet-" + i, clean: false), Packets.Subscribe(1, "fleet/" + i + "/cmd", 1),
                                Packets.Publish("fleet/" + i + "/state", "state " + i, qos: 1, packetId: 2, retain: true)));
                            clients.Add(c);
                        }
                        foreach (RawMqttClient c in clients)
                        {
                            Assert.AreEqual(0x20, c.ReadPacket()[0], "CONNACK");
                            Assert.AreEqual(0x90, c.ReadPacket()[0], "SUBACK");
                            Assert.AreEqual(0x40, c.ReadPacket()[0], "PUBACK");
                            c.Dispose();
                        }
                    }
                    host.Kill();
                }
                using (HostProcess host = await HostProcess.StartAsync(directory))
                {
                    string line = host.RecoveryLine();
                    Console.WriteLine(line);
                    StringAssert.Contains(line, "restored " + Sessions + " sessions, " + Sessions + " subscriptions, " + Sessions + " retained");

                    var retained = new MqttPeer();
                    await retained.ConnectAsync(Options(host.Port, "reader", true));
                    await retained.SubscribeAsync("fleet/+/state", MqttQualityOfServiceLevel.AtLeastOnce);
                    var states = new HashSet<string>();
                    for (int i = 0; i < Sessions; i++)
                    {
                        PeerMessage m = await retained.NextAsync();
                        Assert.IsTrue(m.Retain, m.Topic);
                        states.Add(m.Payload);
                    }
                    Assert.HasCount(Sessions, states);

                    var session = new MqttPeer();
                    await session.ConnectAsync(Options(host.Port, "fleet-500", false));
                    Assert.IsTrue(session.ConnectResult.IsSessionPresent, "fleet-500 found its session");
                    await retained.PublishAsync("fleet/500/cmd", "reboot", MqttQualityOfServiceLevel.AtLeastOnce);
                    Assert.AreEqual(new PeerMessage("fleet/500/cmd", "reboot", 1, false, false), await session.NextAsync());
                    await session.DisposeAsync();
                    await retained.DisposeAsync();
                }
            }
            finally
            {
                Directory.Delete(directory, true);
            }
        }

        [TestMethod]
        public async Task QoS2_state_of_both_sides_survives_a_kill_and_the_message_is_delivered_once_MQTT_4_3_3()
        {
            string directory = Directory.CreateTempSubdirectory("nano-qos2-").FullName;
            try
            {
                int sentId;
                using (HostProcess host = await HostProcess.StartAsync(directory))
                {
                    using var subscriber = new RawMqttClient(host.Port);
                    subscriber.Send(Packets.Concat(Packets.Connect("q2-sub", clean: false), Packets.Subscribe(1, "q2/t", 2)));
                    Assert.AreEqual(0x20, subscriber.ReadPacket()[0]);
                    Assert.AreEqual(0x90, subscriber.ReadPacket()[0]);
                    using var publisher = new RawMqttClient(host.Port);
                    publisher.Send(Packets.Concat(Packets.Connect("q2-pub", clean: false), Packets.Publish("q2/t", "once", qos: 2, packetId: 7)));
                    Assert.AreEqual(0x20, publisher.ReadPacket()[0]);
                    Assert.AreEqual(Packets.Hex(Packets.PubRec(7)), Packets.Hex(publisher.ReadPacket()), "PUBREC before the kill");
                    byte[] publish = subscriber.ReadPacket();
                    Assert.AreEqual(0x34, publish[0], "QoS 2 PUBLISH to the subscriber, not acknowledged before the kill");
                    sentId = (publish[publish.Length - 6] << 8) | publish[publish.Length - 5];
                    host.Kill();
                }
                using (HostProcess host = await HostProcess.StartAsync(directory))
                {
                    Console.WriteLine(host.RecoveryLine());
                    using var publisher = new RawMqttClient(host.Port);
                    publisher.Send(Packets.Concat(Packets.Connect("q2-pub", clean: false), Packets.Publish("q2/t", "once", qos: 2, packetId: 7, dup: true)));
                    Assert.AreEqual("20020100", Packets.Hex(publisher.ReadPacket()), "CONNACK, session present");
                    Assert.AreEqual(Packets.Hex(Packets.PubRec(7)), Packets.Hex(publisher.ReadPacket()), "PUBREC of the re-sent PUBLISH");
                    publisher.Send(Packets.PubRel(7));
                    Assert.AreEqual(Packets.Hex(Packets.PubComp(7)), Packets.Hex(publisher.ReadPacket()));

                    using var subscriber = new RawMqttClient(host.Port);
                    subscriber.Send(Packets.Connect("q2-sub", clean: false));
                    Assert.AreEqual("20020100", Packets.Hex(subscriber.ReadPacket()), "CONNACK, session present");
                    Assert.AreEqual(Packets.Hex(Packets.Publish("q2/t", "once", qos: 2, packetId: sentId, dup: true)), Packets.Hex(subscriber.ReadPacket()),
                        "the inflight PUBLISH again, with DUP and its packet id [MQTT-4.4.0-1]");
                    subscriber.Send(Packets.PubRec(sentId));
                    Assert.AreEqual(Packets.Hex(Packets.PubRel(sentId)), Packets.Hex(subscriber.ReadPacket()));
                    subscriber.Send(Packets.Concat(Packets.PubComp(sentId), Packets.PingReq));
                    Assert.AreEqual("D000", Packets.Hex(subscriber.ReadPacket()), "nothing else: the re-sent PUBLISH was not routed again");
                }
            }
            finally
            {
                Directory.Delete(directory, true);
            }
        }

        [TestMethod]
        [DataRow("cut", "restored 0 sessions, 0 subscriptions, 2 retained", "torn last record")]
        [DataRow("flip", "restored 0 sessions, 0 subscriptions, 1 retained", "corrupt record (CRC mismatch)")]
        public async Task A_damaged_store_starts_the_broker_with_a_message_about_what_was_recovered(string damage, string restored, string why)
        {
            string directory = Directory.CreateTempSubdirectory("nano-damaged-").FullName;
            try
            {
                using (HostProcess host = await HostProcess.StartAsync(directory))
                {
                    var publisher = new MqttPeer();
                    await publisher.ConnectAsync(Options(host.Port, "publisher", true));
                    for (int i = 1; i <= 3; i++)
                    {
                        await publisher.PublishAsync("r/" + i, "value " + i, MqttQualityOfServiceLevel.AtLeastOnce, retain: true);
                    }
                    host.Kill();
                    publisher.Client.Dispose();
                }
                string path = Path.Combine(directory, "nano.db");
                byte[] log = File.ReadAllBytes(path);
                int second = 4 + BitConverter.ToInt32(log, 0) + 4;
                int third = second + 4 + BitConverter.ToInt32(log, second) + 4;
                if (damage == "cut")
                {
                    Array.Resize(ref log, log.Length - 3); // the last write torn 3 bytes before its end
                }
                else
                {
                    log[third - 6] ^= 0x01; // one bit of the second record's payload
                }
                File.WriteAllBytes(path, log);
                using (HostProcess host = await HostProcess.StartAsync(directory))
                {
                    string line = host.RecoveryLine();
                    Console.WriteLine("the host logged: " + line);
                    StringAssert.Contains(line, restored);
                    StringAssert.Contains(line, "store damaged: " + why + " at offset " + (damage == "cut" ? third : second));
                    var reader = new MqttPeer();
                    await reader.ConnectAsync(Options(host.Port, "reader", true));
                    await reader.SubscribeAsync("r/1", MqttQualityOfServiceLevel.AtLeastOnce);
                    Assert.AreEqual(new PeerMessage("r/1", "value 1", 1, true, false), await reader.NextAsync(), "the broker serves what was recovered");
                    await reader.DisposeAsync();
                }
            }
            finally
            {
                Directory.Delete(directory, true);
            }
        }

        private static MqttClientOptions Options(int port, string clientId, bool clean) => new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V311).WithClientId(clientId).WithCleanSession(clean).Build();
    }
}
