using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nano.Host;

namespace Nano.LoadBench
{
    /// <summary>
    /// Unpaced bursts through the PC host run as its own process with its default options (issue #13): QoS 1 fan-in
    /// 4 publishers x 2 subscribers x 10,000, QoS 0 fan-in 4 x 2 x 20,000 and QoS 0 fan-out 1 x 16 x 20,000, MQTTnet 5
    /// clients in this process, loopback TCP. Counts lost, duplicated and out-of-order deliveries per publisher and
    /// subscriber, and the host process's peak working set (VmHWM on Linux). <c>burst [host.dll ...]</c> runs the
    /// scenarios against each given Nano.Host.dll (default: the one built beside this bench), so a build of an earlier
    /// commit can be measured in the same run.
    /// </summary>
    public static class BurstBench
    {
        private const int PayloadSize = 64;
        private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

        public static async Task<int> RunAsync(string[] args)
        {
            var hosts = new List<string>();
            for (int i = 1; i < args.Length; i++)
            {
                hosts.Add(Path.GetFullPath(args[i]));
            }
            if (hosts.Count == 0)
            {
                hosts.Add(typeof(BrokerHost).Assembly.Location);
            }
            var rows = new List<string>();
            foreach (var (name, publishers, subscribers, count, qos) in new[]
            {
                ("QoS 1 fan-in", 4, 2, 10000, MqttQualityOfServiceLevel.AtLeastOnce),
                ("QoS 0 fan-in", 4, 2, 20000, MqttQualityOfServiceLevel.AtMostOnce),
                ("QoS 0 fan-out", 1, 16, 20000, MqttQualityOfServiceLevel.AtMostOnce),
            })
            {
                for (int h = 0; h < hosts.Count; h++)
                {
                    string row = await RunScenario(hosts[h], "host " + (h + 1), name, publishers, subscribers, count, qos);
                    Console.Error.WriteLine(row);
                    rows.Add(row);
                }
            }
            Console.WriteLine();
            for (int h = 0; h < hosts.Count; h++)
            {
                Console.WriteLine("host " + (h + 1) + ": " + hosts[h]);
            }
            Console.WriteLine("64-byte payloads, MQTT 3.1.1, MQTTnet 5 clients, loopback TCP, host defaults, " + Environment.ProcessorCount + " cores; peak = the host process's peak working set");
            Console.WriteLine("| scenario | host | pub x sub x msgs | delivered | lost | duplicated | out of order | seconds | delivered/s | host peak MB |");
            Console.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
            rows.ForEach(Console.WriteLine);
            return 0;
        }

        private static async Task<string> RunScenario(string hostDll, string hostName, string name, int publisherCount, int subscriberCount, int count, MqttQualityOfServiceLevel qos)
        {
            int port = Program.FreePort();
            using Process host = await HostChild.StartAsync(hostDll, port, new[] { "--log_type", "none" });
            var factory = new MqttClientFactory();
            var clients = new List<IMqttClient>();
            try
            {
                var last = new int[subscriberCount, publisherCount];
                var seen = new HashSet<int>[subscriberCount, publisherCount];
                long delivered = 0;
                long duplicated = 0;
                long outOfOrder = 0;
                long lastDeliveryTicks = 0;
                for (int s = 0; s < subscriberCount; s++)
                {
                    var sub = factory.CreateMqttClient();
                    int si = s;
                    for (int p = 0; p < publisherCount; p++)
                    {
                        last[s, p] = -1;
                        seen[s, p] = new HashSet<int>();
                    }
                    sub.ApplicationMessageReceivedAsync += e =>
                    {
                        var payload = e.ApplicationMessage.Payload;
                        var bytes = payload.FirstSpan;
                        int p = bytes[0];
                        int seq = bytes[1] | (bytes[2] << 8) | (bytes[3] << 16);
                        lock (seen[si, p])
                        {
                            if (!seen[si, p].Add(seq))
                            {
                                Interlocked.Increment(ref duplicated);
                            }
                            if (seq < last[si, p])
                            {
                                Interlocked.Increment(ref outOfOrder);
                            }
                            last[si, p] = seq;
                        }
                        Interlocked.Increment(ref delivered);
                        Interlocked.Exchange(ref lastDeliveryTicks, Stopwatch.GetTimestamp());
                        return Task.CompletedTask;
                    };
                    await sub.ConnectAsync(Program.Options(port, "sub" + s, timeoutSeconds: 60));
                    await sub.SubscribeAsync("burst/#", qos);
                    clients.Add(sub);
                }
                var pubs = new IMqttClient[publisherCount];
                for (int p = 0; p < publisherCount; p++)
                {
                    pubs[p] = factory.CreateMqttClient();
                    await pubs[p].ConnectAsync(Program.Options(port, "pub" + p, timeoutSeconds: 60));
                    clients.Add(pubs[p]);
                }
                long start = Stopwatch.GetTimestamp();
                var runs = new Task[publisherCount];
                for (int p = 0; p < publisherCount; p++)
                {
                    int pi = p;
                    runs[p] = Task.Run(() => Publish(pubs[pi], pi, count, qos));
                }
                await Task.WhenAll(runs);
                long expected = (long)publisherCount * subscriberCount * count;
                long before = -1;
                var idle = Stopwatch.StartNew();
                while (Interlocked.Read(ref delivered) < expected && idle.Elapsed < Quiet)
                {
                    long now = Interlocked.Read(ref delivered);
                    if (now != before)
                    {
                        before = now;
                        idle.Restart();
                    }
                    await Task.Delay(20);
                }
                long got = Interlocked.Read(ref delivered);
                double seconds = (Interlocked.Read(ref lastDeliveryTicks) - start) / (double)Stopwatch.Frequency;
                long distinct = 0;
                foreach (var set in seen)
                {
                    distinct += set.Count;
                }
                host.Refresh();
                double peakMb = host.PeakWorkingSet64 / (1024.0 * 1024.0);
                return string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2} x {3} x {4:N0} | {5:N0} | {6:N0} | {7:N0} | {8:N0} | {9:F2} | {10:N0} | {11:F1} |",
                    name, hostName, publisherCount, subscriberCount, count, got, expected - distinct, duplicated, outOfOrder, seconds, got / seconds, peakMb);
            }
            finally
            {
                foreach (var c in clients)
                {
                    c.Dispose();
                }
                host.Kill();
                host.WaitForExit();
            }
        }

        /// <summary>Sends <paramref name="count"/> messages as fast as the client takes them: QoS 0 awaits only the socket
        /// write, QoS 1 keeps every PUBLISH outstanding at once.</summary>
        private static async Task Publish(IMqttClient client, int publisher, int count, MqttQualityOfServiceLevel qos)
        {
            var pending = new List<Task>(qos == MqttQualityOfServiceLevel.AtMostOnce ? 0 : count);
            for (int i = 0; i < count; i++)
            {
                var payload = new byte[PayloadSize];
                payload[0] = (byte)publisher;
                payload[1] = (byte)i;
                payload[2] = (byte)(i >> 8);
                payload[3] = (byte)(i >> 16);
                var message = new MqttApplicationMessageBuilder().WithTopic("burst/" + publisher).WithPayload(payload).WithQualityOfServiceLevel(qos).Build();
                Task send = client.PublishAsync(message);
                if (qos == MqttQualityOfServiceLevel.AtMostOnce)
                {
                    await send;
                }
                else
                {
                    pending.Add(send);
                }
            }
            await Task.WhenAll(pending);
        }
    }
}
