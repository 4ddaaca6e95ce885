using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Protocol;
using Nano.Host;

namespace Nano.Radio.Tests.EndToEnd
{
    /// <summary>The PC host's radio options: <c>--radio</c>, <c>--simulate-nodes</c>, <c>--serial</c>, <c>--baud</c>.</summary>
    [TestClass]
    public sealed class HostSimulationTests
    {
        [TestMethod]
        [DataRow("xbee2")]
        [DataRow("twelite")]
        [DataRow("slip")]
        public async Task Simulated_nodes_reach_an_mqttnet_subscriber_through_the_host(string radio)
        {
            Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(
                new[] { "--port", "0", "--sn_port", "0", "--radio", radio, "--simulate-nodes", "3" }, out HostOptions options, out string error), error);
            Assert.AreEqual(3, options.SimulateNodes);
            options.SimulateIntervalMs = 300;
            using var host = new BrokerHost(options);
            host.Start();
            Assert.IsNull(host.SnEndpoint, "--sn_port 0 turns UDP off; the radio link runs the gateway's timers");
            Assert.IsNotNull(host.Radio);

            var received = Channel.CreateUnbounded<string>();
            using var subscriber = new MqttClientFactory().CreateMqttClient();
            subscriber.ApplicationMessageReceivedAsync += e =>
            {
                received.Writer.TryWrite(e.ApplicationMessage.Topic);
                return Task.CompletedTask;
            };
            await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", host.Port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).WithClientId("watch").Build());
            await subscriber.SubscribeAsync("sensors/+/temperature", MqttQualityOfServiceLevel.AtLeastOnce);

            var seen = new HashSet<string>();
            using var deadline = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (seen.Count < 3)
            {
                seen.Add(await received.Reader.ReadAsync(deadline.Token));
            }
            CollectionAssert.AreEquivalent(new[] { "sensors/1/temperature", "sensors/2/temperature", "sensors/3/temperature" }, new List<string>(seen));
            StringAssert.Contains(host.Radio.Describe(), "simulated nodes");
        }

        [TestMethod]
        public void Radio_options_are_checked()
        {
            Assert.AreEqual(ParseOutcome.Error, HostOptionsParser.Parse(new[] { "--radio", "zigbee" }, out _, out string error));
            StringAssert.Contains(error, "xbee2");
            Assert.AreEqual(ParseOutcome.Error, HostOptionsParser.Parse(new[] { "--baud", "12" }, out _, out _));
            Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(
                new[] { "--serial", "/dev/ttyUSB0", "--radio", "cobs", "--baud", "115200" }, out HostOptions o, out _));
            Assert.AreEqual("/dev/ttyUSB0", o.SerialPort);
            Assert.AreEqual("cobs", o.Radio);
            Assert.AreEqual(115200, o.Baud);
            Assert.IsTrue(o.RadioEnabled);
        }
    }
}
