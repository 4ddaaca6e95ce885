using System;
using System.Diagnostics;
using System.Text;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.MqttSn.Client;
using Nano.MqttSn.Radio;
using Nano.Radio.Tests.Radio;
using Nano.Serial;

namespace Nano.Radio.Tests.EndToEnd
{
    /// <summary>
    /// The sensor-node side over real serial lines: a <see cref="SleepingSensorNode"/> on one
    /// pseudo-terminal, a scripted gateway on another, emulated radio modules between them.
    /// </summary>
    [TestClass]
    public sealed class NodeLinkTests
    {
        [TestMethod]
        [DataRow("xbee2")]
        [DataRow("xbee")]
        [DataRow("twelite")]
        [DataRow("slip")]
        [DataRow("cobs")]
        public void Sleeping_node_connects_registers_publishes_and_sleeps_with_exact_messages(string radio)
        {
            if (!OperatingSystem.IsLinux())
            {
                Assert.Inconclusive("needs Linux pseudo-terminals");
            }

            RadioProfile profile = RadioProfile.Create(radio, 0);
            using var air = new PtyRadio(profile, 0x5EED);
            SerialRadioPort gatewayPort = air.Attach(profile.GatewayRadioAddress());
            SerialRadioPort nodePort = air.Attach(profile.NodeRadioAddress(7));
            var gateway = new ScriptedGateway(gatewayPort);
            var options = new SnClientOptions { ClientId = "node7", CleanSession = false, RetryIntervalMs = 2000, KeepAliveSeconds = 60 };
            var node = new SleepingSensorNode(options, nodePort, profile.GatewayAddress(), profile.NodeBroadcast(), profile.NodeId(7),
                Encoding.UTF8.GetBytes("sensors/7/temperature"), 1, 100, 30);

            var clock = Stopwatch.StartNew();
            int readings = 0;
            while (node.Sleeps < 3 && clock.ElapsedMilliseconds < 10_000)
            {
                long now = clock.ElapsedMilliseconds;
                if (readings < 3 && node.ReadingDue(now) && (readings == 0 || (!node.ReadingPending && node.Client.State == SnClientState.Asleep)))
                {
                    byte[] reading = Encoding.ASCII.GetBytes("21." + readings);
                    node.SetReading(reading, 0, reading.Length, now);
                    readings++;
                }

                node.PollOnce(now);
                air.Pump();
                gateway.Step();
                Thread.Sleep(1);
            }

            Assert.AreEqual(3, node.Delivered, "readings acknowledged");
            Assert.AreEqual(0, node.Missed);
            Assert.AreEqual(3, node.Sleeps);
            string[] expected =
            {
                "0B04000100 3C 6E6F646537",
                "1B 0A 0000 0001 73656E736F72732F372F74656D7065726174757265",
                "0B 0C 20 0001 0002 32312E30",
                "04 18 001E",
                "0B04000100 3C 6E6F646537",
                "0B 0C 20 0001 0003 32312E31",
                "04 18 001E",
                "0B04000100 3C 6E6F646537",
                "0B 0C 20 0001 0004 32312E32",
                "04 18 001E",
            };
            Assert.AreEqual(expected.Length, gateway.Messages.Count,
                "messages at the gateway: " + string.Join(" | ", gateway.Messages.ConvertAll(Convert.ToHexString)));
            byte[] sender = FrameFeeder.Concat(profile.NodeRadioAddress(7), profile.NodeId(7) ?? Array.Empty<byte>());
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i].Replace(" ", ""), Convert.ToHexString(gateway.Messages[i]), "message " + i);
                CollectionAssert.AreEqual(sender, gateway.Senders[i], "sender of message " + i);
            }

            Assert.AreEqual(10, node.Link.DatagramsReceived, "3 CONNACK, 1 REGACK, 3 PUBACK, 3 DISCONNECT");
        }
    }
}
