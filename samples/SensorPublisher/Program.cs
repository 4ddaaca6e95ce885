using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using Nano.Mqtt.Client;
using Nano.Net;

namespace SensorPublisher
{
    /// <summary>
    /// Publishes a simulated temperature at QoS 1 once per interval, prints each delivery result, and leaves with
    /// DISCONNECT. Its Will ("offline", retained) tells subscribers when it vanishes without one.
    /// Usage: SensorPublisher [host] [port] [count] [intervalMs]
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            string host = args.Length > 0 ? args[0] : "127.0.0.1";
            int port = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1883;
            int count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
            int intervalMs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1000;
            return Run(host, port, count, intervalMs, Console.Out);
        }

        /// <summary>Publishes <paramref name="count"/> readings; 0 when every one was acknowledged.</summary>
        public static int Run(string host, int port, int count, int intervalMs, TextWriter log)
        {
            MqttClientOptions options = MqttClientOptions.ForPc();
            options.ClientId = "sensor-" + Environment.ProcessId;
            string topic = "sensors/" + options.ClientId + "/temperature";
            options.WillTopic = "sensors/" + options.ClientId + "/status";
            options.WillPayload = Encoding.UTF8.GetBytes("offline");
            options.WillRetain = true;
            var client = new MqttClient(options);
            var transport = new MqttClientTransport(client.Engine, host, port, 4096, 4096);
            int acknowledged = 0;
            client.StateChanged += (state, reason) => log.WriteLine("state " + state + (reason == DisconnectReason.None ? "" : " (" + reason + ")"));
            client.PublishCompleted += (packetId, t, offset, length, qos, outcome) =>
            {
                log.WriteLine(outcome + " #" + packetId + " " + Encoding.UTF8.GetString(t, offset, length));
                if (outcome == PublishOutcome.Acknowledged)
                {
                    acknowledged++;
                }
            };

            client.Connect();
            var clock = Stopwatch.StartNew();
            long giveUpAt = (long)count * intervalMs + 10000;
            long nextAt = 0;
            int published = 0;
            while (acknowledged < count && clock.ElapsedMilliseconds < giveUpAt)
            {
                long now = clock.ElapsedMilliseconds;
                if (client.IsConnected && published < count && now >= nextAt)
                {
                    double celsius = 20 + 5 * Math.Sin(published / 5.0);
                    byte[] payload = Encoding.UTF8.GetBytes(celsius.ToString("F1", CultureInfo.InvariantCulture));
                    log.WriteLine("publish " + topic + " " + Encoding.UTF8.GetString(payload) + ": " + client.Publish(topic, payload, 1, false));
                    published++;
                    nextAt = now + intervalMs;
                }

                if (!transport.PollOnce(now))
                {
                    Thread.Sleep(1);
                }
            }

            client.Disconnect();
            while (transport.IsOpen && clock.ElapsedMilliseconds < giveUpAt + 2000)
            {
                transport.PollOnce(clock.ElapsedMilliseconds);
            }

            log.WriteLine(acknowledged + " of " + count + " acknowledged");
            return acknowledged == count ? 0 : 1;
        }
    }
}
