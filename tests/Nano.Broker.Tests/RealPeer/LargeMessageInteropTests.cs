using System;
using System.Buffers;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Nano.Broker.Tests.RealPeer
{
    /// <summary>
    /// Large payloads through the real <c>Nano.Host</c> process with its default options (message_size_limit = the
    /// protocol maximum): MQTTnet 5.2 clients on loopback, the payload compared by SHA-256, and the host's peak resident
    /// memory (VmHWM of the child process) reported against its resident memory before the publish.
    /// </summary>
    [TestClass]
    public sealed class LargeMessageInteropTests
    {
        private static readonly TimeSpan Slow = TimeSpan.FromSeconds(60);

        public TestContext TestContext { get; set; }

        /// <summary>An MQTTnet subscriber that hashes each payload as it arrives.</summary>
        private sealed class HashingSubscriber
        {
            public readonly IMqttClient Client = new MqttClientFactory().CreateMqttClient();
            public readonly TaskCompletionSource<(string Hash, long Length)> Received =
                new TaskCompletionSource<(string, long)>(TaskCreationOptions.RunContinuationsAsynchronously);

            public HashingSubscriber()
            {
                Client.ApplicationMessageReceivedAsync += e =>
                {
                    ReadOnlySequence<byte> payload = e.ApplicationMessage.Payload;
                    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    foreach (ReadOnlyMemory<byte> segment in payload)
                    {
                        hash.AppendData(segment.Span);
                    }
                    Received.TrySetResult((Convert.ToHexString(hash.GetHashAndReset()), payload.Length));
                    return Task.CompletedTask;
                };
            }
        }

        /// <summary>MQTTnet's socket buffers are 8 KB by default, which paces a large packet by TCP acknowledgements
        /// (a 16 MB publish then takes 10 s against any broker); 1 MB lets loopback run at memory speed.</summary>
        private static MqttClientOptions Options(int port, string id)
        {
            MqttClientOptions options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
                .WithProtocolVersion(MqttProtocolVersion.V311).WithClientId(id).WithTimeout(Slow).Build();
            ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = 1 << 20;
            return options;
        }

        /// <summary>A /proc/[pid]/status figure in bytes (VmRSS, VmHWM).</summary>
        private static long ProcStatus(Process p, string key)
        {
            foreach (string line in File.ReadAllLines("/proc/" + p.Id + "/status"))
            {
                if (line.StartsWith(key + ":", StringComparison.Ordinal))
                {
                    return long.Parse(Regex.Match(line, @"\d+").Value) * 1024;
                }
            }
            throw new InvalidDataException(key + " not in /proc/" + p.Id + "/status");
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(16)]
        [DataRow(64)]
        public async Task A_QoS_1_payload_of_n_MB_reaches_two_MQTTnet_subscribers_byte_exact_through_the_default_host(int megabytes)
        {
            if (!OperatingSystem.IsLinux())
            {
                Assert.Inconclusive("the host's peak memory is read from /proc");
            }
            using var host = HostProcessTests.Start("--port", "0", "--sn_port", "0", "--sys_interval", "0", "--log_type", "none");
            var subscribers = new[] { new HashingSubscriber(), new HashingSubscriber() };
            var publisher = new MqttClientFactory().CreateMqttClient();
            try
            {
                int port = await HostProcessTests.ListeningPortAsync(host);

                for (int i = 0; i < subscribers.Length; i++)
                {
                    await subscribers[i].Client.ConnectAsync(Options(port, "sub" + i)).WaitAsync(Slow);
                    await subscribers[i].Client.SubscribeAsync("large/payload", MqttQualityOfServiceLevel.AtLeastOnce).WaitAsync(Slow);
                }
                await publisher.ConnectAsync(Options(port, "pub")).WaitAsync(Slow);
                long before = ProcStatus(host, "VmRSS");

                var payload = new byte[megabytes << 20];
                new Random(megabytes).NextBytes(payload);
                string expected = Convert.ToHexString(SHA256.HashData(payload));
                var watch = Stopwatch.StartNew();
                MqttClientPublishResult published = await publisher.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic("large/payload").WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build()).WaitAsync(Slow);
                Assert.IsTrue(published.IsSuccess, "PUBACK: " + published.ReasonCode);
                foreach (HashingSubscriber s in subscribers)
                {
                    (string hash, long length) = await s.Received.Task.WaitAsync(Slow);
                    Assert.AreEqual(payload.Length, length);
                    Assert.AreEqual(expected, hash, "byte-exact");
                }
                long elapsedMs = watch.ElapsedMilliseconds;
                long peak = ProcStatus(host, "VmHWM");
                string report = $"{megabytes} MB QoS 1 to 2 subscribers: {elapsedMs} ms; host resident {before >> 20} MB before, peak {peak >> 20} MB (VmHWM), growth {(peak - before) >> 20} MB";
                TestContext.WriteLine(report);
                // One stored copy, read by both subscribers: growth near one payload, not one per subscriber.
                Assert.IsTrue(peak - before < 2L * payload.Length + (48L << 20), report);
            }
            finally
            {
                foreach (HashingSubscriber s in subscribers)
                {
                    s.Client.Dispose();
                }
                publisher.Dispose();
                if (!host.HasExited)
                {
                    host.Kill();
                    await host.WaitForExitAsync();
                }
            }
        }

        [TestMethod]
        public async Task A_packet_above_message_size_limit_closes_only_its_connection_unacknowledged()
        {
            using var broker = new TestBroker(o =>
            {
                o.Broker.MaxPacketSize = 1 << 20;
                o.Broker.InputBufferSize = 4096;
            });
            await using MqttPeer subscriber = await broker.ConnectAsync("sub", MqttProtocolVersion.V311);
            await subscriber.SubscribeAsync("limit/#", MqttQualityOfServiceLevel.AtLeastOnce);
            await using MqttPeer other = await broker.ConnectAsync("other", MqttProtocolVersion.V311);
            await using MqttPeer publisher = await broker.ConnectAsync("big", MqttProtocolVersion.V311);

            var tooLarge = new MqttApplicationMessageBuilder().WithTopic("limit/big").WithPayload(new byte[1 << 20])
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            Task<MqttClientPublishResult> publish = publisher.Client.PublishAsync(tooLarge);
            await publisher.Disconnected.Task.WaitAsync(TestBroker.Timeout);
            bool acknowledged;
            try
            {
                acknowledged = (await publish.WaitAsync(TestBroker.Timeout)).IsSuccess;
            }
            catch (Exception e) when (e is not TimeoutException)
            {
                acknowledged = false; // the connection closed under the waiting publish
            }
            Assert.IsFalse(acknowledged, "no PUBACK for a refused packet");

            await other.PublishAsync("limit/small", "after", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.AreEqual(new PeerMessage("limit/small", "after", 1, false, false), await subscriber.NextAsync(), "the big one was never delivered");
            Assert.AreEqual(1L, broker.Statistics.ProtocolErrors);
            Assert.AreEqual(1L, broker.Statistics.MessagesReceived, "only the small message was acknowledged");
        }
    }
}
