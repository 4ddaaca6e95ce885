using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using Nano.MqttSn.Client;
using Nano.Net;

namespace SnNode
{
    /// <summary>
    /// An MQTT-SN node over UDP: CONNECT to the gateway at the broadcast address (its address is learnt from the
    /// CONNACK), subscribe to sn/cmd/#, publish readings at QoS 1 to a topic name (the client registers it first),
    /// print what arrives with its topic name, then DISCONNECT.
    /// Usage: SnNode [broadcastAddress] [gatewayPort] [count] [intervalMs]
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            IPAddress broadcast = args.Length > 0 ? IPAddress.Parse(args[0]) : IPAddress.Loopback;
            int port = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : SnClientUdpTransport.DefaultGatewayPort;
            int count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
            int intervalMs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1000;
            return Run(broadcast, port, count, intervalMs, Console.Out);
        }

        /// <summary>Publishes <paramref name="count"/> readings; 0 when every one was acknowledged.</summary>
        public static int Run(IPAddress broadcast, int port, int count, int intervalMs, TextWriter log)
        {
            var events = new Events(log);
            var options = new SnClientOptions { ClientId = "sn-node-" + Environment.ProcessId };
            var client = new SnClient(options, events);
            var transport = new SnClientUdpTransport(client, options.MaxPacketSize) { BroadcastAddress = broadcast, BroadcastPort = port };
            transport.Start(IPAddress.Any, 0);
            var clock = Stopwatch.StartNew();
            long giveUpAt = (long)count * intervalMs + 10000;
            byte[] topic = Encoding.UTF8.GetBytes("sn/" + options.ClientId + "/temperature");
            byte[] commands = Encoding.UTF8.GetBytes("sn/cmd/#");
            lock (client)
            {
                client.Connect(clock.ElapsedMilliseconds);
            }

            bool subscribed = false;
            long nextAt = 0;
            int published = 0;
            while (events.Acknowledged < count && client.State != SnClientState.Disconnected && clock.ElapsedMilliseconds < giveUpAt)
            {
                long now = clock.ElapsedMilliseconds;
                lock (client)
                {
                    if (client.State == SnClientState.Active && !subscribed)
                    {
                        subscribed = client.Subscribe(commands, 0, commands.Length, 1, now, out _) == SnClientResult.Ok;
                    }

                    if (client.State == SnClientState.Active && published < count && now >= nextAt)
                    {
                        byte[] reading = Encoding.UTF8.GetBytes((20 + published % 5).ToString(CultureInfo.InvariantCulture));
                        SnClientResult r = client.Publish(1, topic, 0, topic.Length, false, reading, 0, reading.Length, now, out int msgId);
                        log.WriteLine("publish #" + msgId + ": " + r);
                        published += r == SnClientResult.Ok ? 1 : 0;
                        nextAt = now + intervalMs;
                    }
                }

                if (!transport.PollOnce(now))
                {
                    Thread.Sleep(1);
                }
            }

            lock (client)
            {
                client.Disconnect(clock.ElapsedMilliseconds);
            }

            while (client.State != SnClientState.Disconnected && clock.ElapsedMilliseconds < giveUpAt + 3000)
            {
                if (!transport.PollOnce(clock.ElapsedMilliseconds))
                {
                    Thread.Sleep(1);
                }
            }

            transport.Stop();
            log.WriteLine(events.Acknowledged + " of " + count + " acknowledged");
            return events.Acknowledged == count ? 0 : 1;
        }

        /// <summary>Prints the client's events and counts acknowledged publishes.</summary>
        private sealed class Events : ISnClientListener
        {
            private readonly TextWriter _log;

            public Events(TextWriter log) => _log = log;

            public int Acknowledged;

            public void OnGateway(int gwId, byte[] gwAdd, int gwAddOffset, int gwAddLength) => _log.WriteLine("gateway " + gwId);

            public void OnConnected() => _log.WriteLine("connected");

            public void OnDisconnected(SnDisconnectReason reason, int returnCode) => _log.WriteLine("disconnected (" + reason + ")");

            public void OnAsleep() => _log.WriteLine("asleep");

            public void OnMessage(int topicIdType, int topicId, byte[] topicName, int topicNameOffset, int topicNameLength, int qos, bool retain, byte[] payload, int offset, int length) =>
                _log.WriteLine("message " + (topicName == null ? "#" + topicId : Encoding.UTF8.GetString(topicName, topicNameOffset, topicNameLength)) + " " + Encoding.UTF8.GetString(payload, offset, length));

            public void OnRegistered(int msgId, int topicId, int returnCode) => _log.WriteLine("registered #" + msgId + " as topic id " + topicId + " (return code " + returnCode + ")");

            public void OnSubscribed(int msgId, int grantedQos, int topicId, int returnCode) => _log.WriteLine("subscribed #" + msgId + " QoS " + grantedQos + " (return code " + returnCode + ")");

            public void OnUnsubscribed(int msgId, int returnCode) => _log.WriteLine("unsubscribed #" + msgId);

            public void OnPublishCompleted(int msgId, int returnCode)
            {
                _log.WriteLine("published #" + msgId + " (return code " + returnCode + ")");
                Acknowledged += returnCode == 0 ? 1 : 0;
            }
        }
    }
}
