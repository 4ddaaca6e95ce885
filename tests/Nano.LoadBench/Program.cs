using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nano.Host;

namespace Nano.LoadBench
{
    /// <summary>
    /// One MQTTnet publisher sends 64-byte messages for a fixed time to 1 or 10 MQTTnet subscribers, at
    /// QoS 0 and QoS 1, through Nano's PC host broker and through MQTTnet's own server in the same
    /// process. Prints messages delivered per second (all subscribers together). With <c>--persistence</c>, measures
    /// instead Nano's QoS 1 throughput to persistent sessions (CleanSession=0) with the store off and on, in one run.
    /// <c>burst</c> runs <see cref="BurstBench"/> and <c>--clients</c> <see cref="ManyClients"/> instead.
    /// </summary>
    public static class Program
    {
        private const string Topic = "bench/t";
        private const int QoS1Window = 20;

        public static async Task<int> Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "--clients")
            {
                return await ManyClients.Run(args);
            }
            if (args.Length > 0 && args[0] == "burst")
            {
                return await BurstBench.RunAsync(args);
            }
            double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
            if (Array.IndexOf(args, "--persistence") >= 0)
            {
                return await MeasurePersistence(seconds);
            }
            var rows = new List<string>();
            foreach (string broker in new[] { "Nano", "MQTTnet.Server" })
            {
                foreach (int subscribers in new[] { 1, 10 })
                {
                    foreach (var qos in new[] { MqttQualityOfServiceLevel.AtMostOnce, MqttQualityOfServiceLevel.AtLeastOnce })
                    {
                        var result = await RunScenario(broker, subscribers, qos, TimeSpan.FromSeconds(seconds));
                        rows.Add(string.Format(CultureInfo.InvariantCulture, "| {0,-14} | 1 -> {1,-2} | QoS {2} | {3,9:N0} | {4,10:N0} | {5,11:N0} | {6,12:N0} | {7,11:N0} |",
                            broker, subscribers, (int)qos, result.Published, result.Delivered, result.Published / result.Seconds, result.Delivered / result.Seconds,
                            result.Delivered == 0 ? 0 : (double)result.AllocatedBytes / result.Delivered));
                        Console.Error.WriteLine(rows[rows.Count - 1]);
                    }
                }
            }
            Console.WriteLine();
            Console.WriteLine("64-byte payload, " + seconds.ToString(CultureInfo.InvariantCulture) + " s per scenario, MQTT 3.1.1, MQTTnet 5 clients, loopback TCP, " + Environment.ProcessorCount + " cores");
            Console.WriteLine("B/msg: bytes allocated by the whole process (broker and the same MQTTnet clients) per delivered message");
            Console.WriteLine("| broker         | fan-out | QoS   | published | delivered  | published/s | delivered/s  | B/msg       |");
            Console.WriteLine("|----------------|---------|-------|-----------|------------|-------------|--------------|-------------|");
            foreach (var row in rows)
            {
                Console.WriteLine(row);
            }
            return 0;
        }

        private static async Task<int> MeasurePersistence(double seconds)
        {
            var rows = new List<string>();
            foreach (int subscribers in new[] { 1, 10 })
            {
                foreach (bool persistence in new[] { false, true })
                {
                    var result = await RunScenario("Nano", subscribers, MqttQualityOfServiceLevel.AtLeastOnce, TimeSpan.FromSeconds(seconds), persistence);
                    rows.Add(string.Format(CultureInfo.InvariantCulture, "| {0,-11} | 1 -> {1,-2} | {2,9:N0} | {3,10:N0} | {4,11:N0} | {5,12:N0} | {6,7:N0} |",
                        persistence ? "on" : "off", subscribers, result.Published, result.Delivered, result.Published / result.Seconds,
                        result.Delivered / result.Seconds, result.Syncs));
                    Console.Error.WriteLine(rows[rows.Count - 1]);
                }
            }
            Console.WriteLine();
            Console.WriteLine("Nano, QoS 1 published 20 at a time to persistent sessions (CleanSession=0), 64-byte payload, "
                + seconds.ToString(CultureInfo.InvariantCulture) + " s per scenario, MQTTnet 5 clients, loopback TCP, " + Environment.ProcessorCount + " cores");
            Console.WriteLine("syncs: fsyncs of the store (at most one per listener poll step that hands over output after a change)");
            Console.WriteLine("| persistence | fan-out | published | delivered  | published/s | delivered/s  | syncs   |");
            Console.WriteLine("|-------------|---------|-----------|------------|-------------|--------------|---------|");
            foreach (var row in rows)
            {
                Console.WriteLine(row);
            }
            return 0;
        }

        private sealed record Result(long Published, long Delivered, double Seconds, long AllocatedBytes, long Syncs);

        /// <summary>One scenario; <paramref name="persistent"/> (Nano only) gives the subscribers persistent sessions, and
        /// null keeps clean sessions, false persistent sessions without a store, true with a store in a temporary directory.</summary>
        private static async Task<Result> RunScenario(string broker, int subscriberCount, MqttQualityOfServiceLevel qos, TimeSpan duration, bool? persistent = null)
        {
            int port = FreePort();
            BrokerHost nano = null;
            MqttServer server = null;
            string store = persistent == true ? System.IO.Directory.CreateTempSubdirectory("nano-bench-").FullName : null;
            if (broker == "Nano")
            {
                nano = new BrokerHost(new HostOptions { Port = port, Persistence = store != null, PersistenceLocation = store ?? "" });
                nano.Start();
            }
            else
            {
                server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
                    .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
                await server.StartAsync();
            }
            var factory = new MqttClientFactory();
            var clients = new List<IMqttClient>();
            try
            {
                long delivered = 0;
                for (int i = 0; i < subscriberCount; i++)
                {
                    var sub = factory.CreateMqttClient();
                    sub.ApplicationMessageReceivedAsync += e =>
                    {
                        Interlocked.Increment(ref delivered);
                        return Task.CompletedTask;
                    };
                    await sub.ConnectAsync(Options(port, "sub" + i, persistent == null));
                    await sub.SubscribeAsync(Topic, qos);
                    clients.Add(sub);
                }
                var publisher = factory.CreateMqttClient();
                clients.Add(publisher);
                await publisher.ConnectAsync(Options(port, "pub", true));
                var message = new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload(new byte[64]).WithQualityOfServiceLevel(qos).Build();

                long published = 0;
                var window = new Task[QoS1Window];
                long allocatedBefore = GC.GetTotalAllocatedBytes(true);
                var watch = Stopwatch.StartNew();
                while (watch.Elapsed < duration)
                {
                    if (qos == MqttQualityOfServiceLevel.AtMostOnce)
                    {
                        await publisher.PublishAsync(message);
                        published++;
                    }
                    else
                    {
                        for (int i = 0; i < window.Length; i++)
                        {
                            window[i] = publisher.PublishAsync(message);
                        }
                        await Task.WhenAll(window);
                        published += window.Length;
                    }
                }
                // Let deliveries in flight arrive (bounded), then measure over the whole time taken.
                long expected = published * subscriberCount;
                var drain = Stopwatch.StartNew();
                while (Interlocked.Read(ref delivered) < expected && drain.Elapsed < TimeSpan.FromSeconds(5))
                {
                    long before = Interlocked.Read(ref delivered);
                    await Task.Delay(20);
                    if (Interlocked.Read(ref delivered) == before && drain.Elapsed > TimeSpan.FromSeconds(1))
                    {
                        break;
                    }
                }
                double elapsed = watch.Elapsed.TotalSeconds;
                return new Result(published, Interlocked.Read(ref delivered), elapsed, GC.GetTotalAllocatedBytes(true) - allocatedBefore,
                    nano?.Persistence == null ? 0 : nano.Persistence.Syncs);
            }
            finally
            {
                foreach (var c in clients)
                {
                    try
                    {
                        await c.DisconnectAsync();
                    }
                    catch (Exception)
                    {
                        // Measuring is over; a client that lost its connection needs no DISCONNECT.
                    }
                    c.Dispose();
                }
                nano?.Stop();
                if (store != null)
                {
                    System.IO.Directory.Delete(store, true);
                }
                if (server != null)
                {
                    await server.StopAsync();
                    server.Dispose();
                }
            }
        }

        internal static MqttClientOptions Options(int port, string clientId, bool clean = true, int timeoutSeconds = 10) =>
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V311)
                .WithClientId(clientId).WithCleanSession(clean).WithTimeout(TimeSpan.FromSeconds(timeoutSeconds)).Build();

        internal static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }
    }
}
