using System;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Protocol;
using Nano.Mqtt.Broker;
using Nano.MqttSn.Client;
using Nano.MqttSn.Gateway;
using Nano.MqttSn.Radio;
using Nano.Net;
using Nano.Radio.Tests.Radio;
using Nano.Serial;

namespace Nano.Radio.Tests.EndToEnd
{
    /// <summary>
    /// The whole serial radio bridge: a sleeping MQTT-SN sensor node (SerialNodeLink) and the gateway
    /// (SerialGatewayLink) each on a real serial line (pseudo-terminal opened with System.IO.Ports),
    /// emulated radio modules relaying between them with line noise between frames, the broker behind
    /// the gateway on a TCP listener, and an MQTTnet subscriber receiving every reading.
    /// </summary>
    [TestClass]
    public sealed class GatewayEndToEndTests
    {
        private const int Readings = 4;
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

        [TestMethod]
        [DataRow("xbee2")]
        [DataRow("xbee")]
        [DataRow("twelite")]
        [DataRow("slip")]
        [DataRow("cobs")]
        public async Task Sleeping_node_publishes_qos1_through_the_serial_gateway_to_an_mqttnet_subscriber(string radio)
        {
            if (!OperatingSystem.IsLinux())
            {
                Assert.Inconclusive("needs Linux pseudo-terminals");
            }

            RadioProfile profile = RadioProfile.Create(radio, 0);
            var brokerOptions = new BrokerOptions { MaxConnections = 6 };
            var broker = new BrokerEngine(brokerOptions);
            var listener = new BrokerListener(broker, brokerOptions);
            listener.Start(IPAddress.Loopback, 0);
            var gateway = new SnGateway(new SnGatewayOptions { RetryIntervalMs = 2000, AdvertiseIntervalMs = 60000 }, broker);
            using var air = new PtyRadio(profile, FrameFeeder.StableSeed(radio) | 1);
            SerialRadioPort gatewayPort = air.Attach(profile.GatewayRadioAddress());
            SerialRadioPort nodePort = air.Attach(profile.NodeRadioAddress(7));
            var link = new SerialGatewayLink(gateway, gatewayPort, profile.GatewayBroadcast(), 128, 8);
            var nodeOptions = new SnClientOptions { ClientId = "node7", CleanSession = false, RetryIntervalMs = 2000, KeepAliveSeconds = 60 };
            var node = new SleepingSensorNode(nodeOptions, nodePort, profile.GatewayAddress(), profile.NodeBroadcast(), profile.NodeId(7),
                Encoding.UTF8.GetBytes("sensors/7/temperature"), 1, 200, 30);

            var received = Channel.CreateUnbounded<(string Topic, string Payload, int Qos)>();
            var subscriber = new MqttClientFactory().CreateMqttClient();
            subscriber.ApplicationMessageReceivedAsync += e =>
            {
                var m = e.ApplicationMessage;
                received.Writer.TryWrite((m.Topic, Encoding.UTF8.GetString(m.Payload), (int)m.QualityOfServiceLevel));
                return Task.CompletedTask;
            };

            string disconnectReason = null;
            subscriber.DisconnectedAsync += e =>
            {
                disconnectReason = e.Reason + " " + e.ReasonString + " " + e.Exception?.Message;
                return Task.CompletedTask;
            };
            int readingsStarted = 0;
            int duplicates = 0;
            bool wakeRequested = false;
            int sleepsBeforeWake = -1;
            Exception loopError = null;
            var asleepAfterWake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var stop = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            var loop = new Thread(() =>
            {
                try
                {
                    int taken = 0;
                    while (!stop.IsCancellationRequested)
                    {
                        long now = clock.ElapsedMilliseconds;
                        listener.PollOnce(now);
                        link.PollOnce(now);
                        if (Volatile.Read(ref readingsStarted) == 1 && taken < Readings && node.ReadingDue(now)
                            && (taken == 0 || (!node.ReadingPending && node.Client.State == SnClientState.Asleep)))
                        {
                            byte[] reading = Encoding.ASCII.GetBytes("21." + taken);
                            node.SetReading(reading, 0, reading.Length, now);
                            taken++;
                        }

                        if (taken == Readings && node.Delivered == Readings && !wakeRequested
                            && node.Client.State == SnClientState.Asleep)
                        {
                            // Wake without publishing: PINGREQ(ClientId) → PINGRESP → asleep again (§6.14).
                            sleepsBeforeWake = node.Sleeps;
                            wakeRequested = node.Client.Wake(now) == SnClientResult.Ok;
                        }

                        node.PollOnce(now);
                        if (wakeRequested && node.Sleeps == sleepsBeforeWake + 1)
                        {
                            asleepAfterWake.TrySetResult();
                        }

                        air.Pump();
                        Thread.Sleep(1);
                    }
                }
                catch (Exception e)
                {
                    loopError = e;
                    asleepAfterWake.TrySetException(e);
                }
            }) { IsBackground = true };
            loop.Start();
            try
            {
                var connack = await subscriber.ConnectAsync(new MqttClientOptionsBuilder()
                    .WithTcpServer("127.0.0.1", listener.Port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).WithClientId("subscriber").Build()).WaitAsync(Timeout);
                Assert.IsTrue(subscriber.IsConnected, "subscriber: " + connack?.ResultCode + disconnectReason + " " + loopError);
                await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                    .WithTopicFilter(f => f.WithTopic("sensors/#").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                    .Build()).WaitAsync(Timeout);
                Volatile.Write(ref readingsStarted, 1);

                for (int i = 0; i < Readings;)
                {
                    var message = await received.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
                    Assert.AreEqual("sensors/7/temperature", message.Topic);
                    Assert.AreEqual(1, message.Qos);
                    if (i > 0 && message.Payload == "21." + (i - 1))
                    {
                        duplicates++; // QoS 1 is at least once: a re-sent PUBLISH may arrive twice
                        continue;
                    }

                    Assert.AreEqual("21." + i, message.Payload, "readings arrive in order");
                    i++;
                }

                await asleepAfterWake.Task.WaitAsync(Timeout);

                // A fence through the broker: a re-sent reading was routed before the node got its PUBACK, so it
                // reaches the subscriber before the fence does.
                await subscriber.PublishStringAsync("sensors/fence", "", MqttQualityOfServiceLevel.AtLeastOnce).WaitAsync(Timeout);
                for (var late = await received.Reader.ReadAsync().AsTask().WaitAsync(Timeout); late.Topic != "sensors/fence";
                    late = await received.Reader.ReadAsync().AsTask().WaitAsync(Timeout))
                {
                    Assert.AreEqual("21." + (Readings - 1), late.Payload, "only a duplicate of the last reading may follow");
                    duplicates++;
                }
            }
            finally
            {
                stop.Cancel();
                loop.Join();
                listener.Stop();
                subscriber.Dispose();
            }

            Assert.IsNull(loopError, loopError?.ToString());

            string counters = "duplicates " + duplicates + ", gateway PUBLISH in " + gateway.Statistics.PublishesReceived
                + ", gateway retries " + gateway.Statistics.Retries + ", gateway framing errors " + gatewayPort.Framing.ChecksumErrors
                + "/" + gatewayPort.Framing.MalformedFrames + ", node framing errors " + nodePort.Framing.ChecksumErrors + "/"
                + nodePort.Framing.MalformedFrames + ", lost " + air.Network.FramesLost + "/" + air.Network.OverflowOctets;
            Console.WriteLine(radio + ": " + counters);
            Assert.IsTrue(duplicates <= 1, counters);
            Assert.AreEqual(Readings, node.Delivered);
            Assert.AreEqual(0, node.Missed);
            Assert.AreEqual(Readings, node.Connects, "one CONNECT per reading, waking from sleep");
            Assert.IsTrue(wakeRequested, "the node was asleep after its readings");
            Assert.AreEqual(sleepsBeforeWake + 1, node.Sleeps, "PINGREQ wake answered by PINGRESP, asleep again");
            Assert.AreEqual(Readings + 1, node.Sleeps);

            // Line noise between frames loses no valid frame: every frame reached its host's decoder.
            Assert.IsTrue(air.NoiseOctets > 0);
            AssertEveryFrameDecoded(air, profile, gatewayPort, 0, nodePort);
            AssertEveryFrameDecoded(air, profile, nodePort, 1, gatewayPort);
            RadioFraming g = gatewayPort.Framing;
            Assert.IsTrue(g.DiscardedBytes + g.ChecksumErrors + g.MalformedFrames > 0, "the gateway's decoder saw the noise");
            Assert.AreEqual(0, link.DatagramsDropped + link.SendsRejected + link.DeliveryFailures);
        }

        private static void AssertEveryFrameDecoded(PtyRadio air, RadioProfile profile, SerialRadioPort port, int module, SerialRadioPort peer)
        {
            int expected = profile.NeedsNodeId ? peer.FramesSent : air.Network.FramesOutput(module);
            Assert.AreEqual(expected, port.Framing.FramesReceived, "frames output to host " + module + " and decoded");
        }
    }
}
