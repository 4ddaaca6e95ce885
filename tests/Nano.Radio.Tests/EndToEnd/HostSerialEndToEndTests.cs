using System;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Protocol;
using Nano.Host;
using Nano.MqttSn.Client;
using Nano.MqttSn.Radio;
using Nano.Radio.Tests.Radio;
using Nano.Serial;

namespace Nano.Radio.Tests.EndToEnd
{
    /// <summary>
    /// The PC host as a user runs it with <c>--serial &lt;tty&gt; --radio &lt;framing&gt;</c>: the host opens the
    /// gateway's serial line itself, a sleeping sensor node sits on a second serial line, emulated
    /// radio modules with line noise relay between the two, and an MQTTnet subscriber on the host's
    /// MQTT port receives every QoS 1 reading in order.
    /// </summary>
    [TestClass]
    public sealed class HostSerialEndToEndTests
    {
        private const int Readings = 3;
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

        [TestMethod]
        [DataRow("xbee2")]
        [DataRow("twelite")]
        [DataRow("slip")]
        [DataRow("cobs")]
        public async Task Sleeping_node_on_a_serial_line_reaches_an_mqttnet_subscriber_through_the_host(string radio)
        {
            if (!OperatingSystem.IsLinux())
            {
                Assert.Inconclusive("needs Linux pseudo-terminals");
            }

            RadioProfile profile = RadioProfile.Create(radio, 0);
            using var air = new PtyRadio(profile, FrameFeeder.StableSeed(radio) | 1);
            string gatewayLine = air.AttachLine(profile.GatewayRadioAddress());
            SerialRadioPort nodePort = air.Attach(profile.NodeRadioAddress(5));

            Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(
                new[] { "--port", "0", "--sn_port", "0", "--serial", gatewayLine, "--radio", radio, "--baud", "115200" },
                out HostOptions options, out string error), error);
            options.Gateway.RetryIntervalMs = 2000;
            using var host = new BrokerHost(options);
            host.Start();

            var received = Channel.CreateUnbounded<string>();
            using var subscriber = new MqttClientFactory().CreateMqttClient();
            subscriber.ApplicationMessageReceivedAsync += e =>
            {
                received.Writer.TryWrite(e.ApplicationMessage.Topic + "=" + Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
                return Task.CompletedTask;
            };
            await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", host.Port)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).WithClientId("watch").Build()).WaitAsync(Timeout);
            await subscriber.SubscribeAsync("sensors/#", MqttQualityOfServiceLevel.AtLeastOnce).WaitAsync(Timeout);

            var nodeOptions = new SnClientOptions { ClientId = "node5", CleanSession = false, RetryIntervalMs = 2000, KeepAliveSeconds = 60 };
            var node = new SleepingSensorNode(nodeOptions, nodePort, profile.GatewayAddress(), profile.NodeBroadcast(), profile.NodeId(5),
                Encoding.UTF8.GetBytes("sensors/5/temperature"), 1, 200, 30);
            Exception loopError = null;
            using var stop = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            var loop = new Thread(() =>
            {
                try
                {
                    int taken = 0;
                    while (!stop.IsCancellationRequested)
                    {
                        long now = clock.ElapsedMilliseconds;
                        if (taken < Readings && node.ReadingDue(now) && !node.ReadingPending
                            && (taken == 0 || node.Client.State == SnClientState.Asleep))
                        {
                            byte[] reading = Encoding.ASCII.GetBytes("20." + taken);
                            node.SetReading(reading, 0, reading.Length, now);
                            taken++;
                        }

                        node.PollOnce(now);
                        air.Pump();
                        Thread.Sleep(1);
                    }
                }
                catch (Exception e)
                {
                    loopError = e;
                }
            }) { IsBackground = true };
            loop.Start();
            try
            {
                int duplicates = 0;
                for (int i = 0; i < Readings;)
                {
                    string message = await received.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
                    if (i > 0 && message == "sensors/5/temperature=20." + (i - 1))
                    {
                        duplicates++; // QoS 1 is at least once: a re-sent PUBLISH may arrive twice
                        continue;
                    }

                    Assert.AreEqual("sensors/5/temperature=20." + i, message, "readings arrive in order");
                    i++;
                }

                Assert.IsTrue(duplicates <= 1, "duplicates " + duplicates);
            }
            finally
            {
                stop.Cancel();
                loop.Join();
            }

            Assert.IsNull(loopError, loopError?.ToString());
            Assert.IsTrue(air.NoiseOctets > 0, "line noise was injected");
            Assert.IsTrue(host.Radio.SerialLink.DatagramsReceived >= Readings * 2, "CONNECT and PUBLISH per reading crossed the host's serial line");
            StringAssert.Contains(host.Radio.Describe(), "radio ");
        }
    }
}
