using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Nano.LoadBench
{
    /// <summary>
    /// The many-clients scenario (<c>--clients [n] [--host dir] [--messages m] [-- host options]</c>): the PC host runs as a
    /// child process; n raw MQTT 3.1.1 clients connect at once, each sending CONNECT and SUBSCRIBE at QoS 1 in one write.
    /// Reports the time until every CONNACK and SUBACK arrived, then one publisher sends m QoS 1 messages and every
    /// subscriber must receive each exactly once; the host's peak resident memory comes from /proc/&lt;pid&gt;/status (VmHWM).
    /// </summary>
    public static class ManyClients
    {
        private const string Topic = "load/all";

        public static async Task<int> Run(string[] args)
        {
            int clients = 1000;
            int messages = 10;
            string hostDir = Path.GetDirectoryName(typeof(Nano.Host.BrokerHost).Assembly.Location);
            var hostArgs = new List<string>();
            for (int i = 1; i < args.Length; i++)
            {
                if (args[i] == "--")
                {
                    hostArgs.AddRange(args[(i + 1)..]);
                    break;
                }
                if (args[i] == "--host")
                {
                    hostDir = args[++i];
                }
                else if (args[i] == "--messages")
                {
                    messages = int.Parse(args[++i], CultureInfo.InvariantCulture);
                }
                else
                {
                    clients = int.Parse(args[i], CultureInfo.InvariantCulture);
                }
            }
            int port = Program.FreePort();
            using Process host = await HostChild.StartAsync(Path.Combine(hostDir, "Nano.Host.dll"), port, hostArgs);
            try
            {
                long idleKb = ReadStatusKb(host.Id, "VmRSS:");
                double cpuStart = CpuSeconds(host.Id);
                var subscribers = new RawClient[clients];
                var watch = Stopwatch.StartNew();
                var connecting = new Task[clients];
                for (int i = 0; i < clients; i++)
                {
                    subscribers[i] = new RawClient("c" + i, messages);
                    connecting[i] = subscribers[i].ConnectAndSubscribe(port, Topic);
                }
                bool connected = Task.WaitAll(connecting, TimeSpan.FromSeconds(60));
                double connectSeconds = watch.Elapsed.TotalSeconds;
                int subscribed = 0;
                foreach (RawClient s in subscribers)
                {
                    subscribed += s.Subscribed ? 1 : 0;
                }
                long connectedKb = ReadStatusKb(host.Id, "VmRSS:");
                double cpuConnected = CpuSeconds(host.Id);

                var publisher = new RawClient("pub", 0);
                await publisher.ConnectAndSubscribe(port, null);
                watch.Restart();
                for (int m = 0; m < messages; m++)
                {
                    await publisher.PublishQos1(Topic, m);
                }
                long expected = (long)clients * messages;
                var deadline = Stopwatch.StartNew();
                while (RawClient.Delivered < expected && deadline.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(10);
                }
                double deliverSeconds = watch.Elapsed.TotalSeconds;
                double cpuDelivered = CpuSeconds(host.Id);
                await Task.Delay(500); // a duplicate would arrive right behind the originals
                long peakKb = ReadStatusKb(host.Id, "VmHWM:");
                int complete = 0;
                foreach (RawClient s in subscribers)
                {
                    complete += s.ReceivedAllOnce() ? 1 : 0;
                }

                Console.WriteLine("| clients | connected+subscribed | time to all SUBACKs | QoS 1 messages | delivered | duplicates | every client exactly once | delivery time | host RSS idle | host RSS connected | host peak (VmHWM) | host CPU connecting | host CPU delivering |");
                Console.WriteLine("|---------|----------------------|---------------------|----------------|-----------|------------|---------------------------|---------------|---------------|--------------------|-------------------|---------------------|---------------------|");
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "| {0} | {1} | {2:F2} s | {3} | {4} | {5} | {6} of {0} | {7:F2} s | {8:F1} MB | {9:F1} MB | {10:F1} MB | {11:F2} s | {12:F2} s |",
                    clients, subscribed, connectSeconds, messages, RawClient.Delivered, RawClient.Duplicates, complete,
                    deliverSeconds, idleKb / 1024.0, connectedKb / 1024.0, peakKb / 1024.0, cpuConnected - cpuStart, cpuDelivered - cpuConnected));
                Console.WriteLine("host: " + Path.Combine(hostDir, "Nano.Host.dll") + " " + string.Join(" ", hostArgs) + "; loopback TCP, " + Environment.ProcessorCount + " cores");
                foreach (RawClient s in subscribers)
                {
                    s.Close();
                }
                publisher.Close();
                return connected && subscribed == clients && complete == clients && RawClient.Duplicates == 0 ? 0 : 1;
            }
            finally
            {
                host.Kill();
                host.WaitForExit();
            }
        }

        private static long ReadStatusKb(int pid, string field)
        {
            foreach (string line in File.ReadAllLines("/proc/" + pid + "/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line.Substring(field.Length).Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
            return -1;
        }

        /// <summary>User plus system CPU time the process has used (/proc/&lt;pid&gt;/stat, fields 14 and 15, in clock ticks of 1/100 s).</summary>
        private static double CpuSeconds(int pid)
        {
            string stat = File.ReadAllText("/proc/" + pid + "/stat");
            string[] fields = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }

        /// <summary>A raw MQTT 3.1.1 client over one socket: CONNECT and SUBSCRIBE, then PUBACKs every QoS 1 PUBLISH.</summary>
        private sealed class RawClient
        {
            public static long Delivered;
            public static long Duplicates;

            private readonly string _clientId;
            private readonly int[] _received;
            private readonly Socket _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            private readonly SemaphoreSlim _acked = new SemaphoreSlim(0);
            private readonly TaskCompletionSource _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            private bool _subscribing;

            public RawClient(string clientId, int messages)
            {
                _clientId = clientId;
                _received = new int[messages];
            }

            public bool Subscribed;

            public async Task ConnectAndSubscribe(int port, string filter)
            {
                await _socket.ConnectAsync(IPAddress.Loopback, port);
                var packet = new List<byte>();
                var connect = new List<byte> { 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 60 };
                AddString(connect, _clientId);
                AddPacket(packet, 0x10, connect);
                _subscribing = filter != null;
                if (_subscribing)
                {
                    var subscribe = new List<byte> { 0, 1 };
                    AddString(subscribe, filter);
                    subscribe.Add(1);
                    AddPacket(packet, 0x82, subscribe);
                }
                await _socket.SendAsync(packet.ToArray(), SocketFlags.None);
                _ = Task.Run(ReadLoop);
                await _ready.Task;
            }

            public async Task PublishQos1(string topic, int index)
            {
                var body = new List<byte>();
                AddString(body, topic);
                int id = index + 1;
                body.Add((byte)(id >> 8));
                body.Add((byte)id);
                body.AddRange(BitConverter.GetBytes(index));
                var packet = new List<byte>();
                AddPacket(packet, 0x32, body);
                await _socket.SendAsync(packet.ToArray(), SocketFlags.None);
                await _acked.WaitAsync(TimeSpan.FromSeconds(30));
            }

            public bool ReceivedAllOnce() => Array.TrueForAll(_received, n => n == 1);

            public void Close() => _socket.Close();

            private async Task ReadLoop()
            {
                var stream = new NetworkStream(_socket, false);
                var header = new byte[1];
                try
                {
                    while (true)
                    {
                        await stream.ReadExactlyAsync(header);
                        int length = 0;
                        for (int shift = 0; ; shift += 7)
                        {
                            int b = stream.ReadByte();
                            if (b < 0)
                            {
                                return;
                            }
                            length |= (b & 0x7F) << shift;
                            if ((b & 0x80) == 0)
                            {
                                break;
                            }
                        }
                        var body = new byte[length];
                        await stream.ReadExactlyAsync(body);
                        Handle(header[0], body);
                    }
                }
                catch (Exception e) when (e is IOException || e is SocketException || e is ObjectDisposedException || e is EndOfStreamException)
                {
                    _ready.TrySetException(e);
                }
            }

            private void Handle(byte first, byte[] body)
            {
                switch (first >> 4)
                {
                    case 2: // CONNACK
                        if (body[1] != 0)
                        {
                            _ready.TrySetException(new IOException(_clientId + ": CONNACK " + body[1]));
                        }
                        else if (!_subscribing)
                        {
                            _ready.TrySetResult();
                        }
                        break;
                    case 9: // SUBACK
                        Subscribed = body[2] == 1;
                        _ready.TrySetResult();
                        break;
                    case 4: // PUBACK
                        _acked.Release();
                        break;
                    case 3: // PUBLISH
                        int topicLength = (body[0] << 8) | body[1];
                        int at = 2 + topicLength;
                        int qos = (first >> 1) & 3;
                        if (qos > 0)
                        {
                            _socket.Send(new byte[] { 0x40, 2, body[at], body[at + 1] });
                            at += 2;
                        }
                        int index = BitConverter.ToInt32(body, at);
                        if (Interlocked.Increment(ref _received[index]) == 1)
                        {
                            Interlocked.Increment(ref Delivered);
                        }
                        else
                        {
                            Interlocked.Increment(ref Duplicates);
                        }
                        break;
                }
            }

            private static void AddString(List<byte> to, string s)
            {
                to.Add((byte)(s.Length >> 8));
                to.Add((byte)s.Length);
                foreach (char ch in s)
                {
                    to.Add((byte)ch);
                }
            }

            private static void AddPacket(List<byte> to, byte first, List<byte> body)
            {
                to.Add(first);
                int length = body.Count;
                do
                {
                    int digit = length & 0x7F;
                    length >>= 7;
                    to.Add((byte)(length > 0 ? digit | 0x80 : digit));
                }
                while (length > 0);
                to.AddRange(body);
            }
        }
    }
}
