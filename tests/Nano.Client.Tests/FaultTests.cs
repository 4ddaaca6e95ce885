using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nano.Mqtt.Client;
using MqttClientOptions = Nano.Mqtt.Client.MqttClientOptions;

namespace Nano.Client.Tests
{
    /// <summary>The server side is stopped and restarted while the Nano client publishes numbered messages.</summary>
    [TestClass]
    public sealed class FaultTests
    {
        private const int Count = 300;

        [TestMethod]
        public async Task Qos1_messages_all_arrive_in_order_across_a_server_restart()
        {
            var received = new List<int>();
            var accepted = new List<int>();
            await PublishAcrossRestart(1, received, accepted);
            AssertAllInOrder(received);
            AssertAllInOrder(accepted);
        }

        /// <summary>
        /// Exactly once needs both ends to keep their QoS 2 state across the outage, and MQTTnet's
        /// server does not keep its received-not-released ids across StopAsync/StartAsync (it then
        /// takes a re-sent PUBLISH a second time). So the server side here is Nano's broker engine,
        /// whose network side is killed and restarted: every socket closed, the listener unbound,
        /// then bound again on the same port. The subscriber stays connected through a second
        /// listener, so what it receives is the end-to-end result: every message once, in order.
        /// </summary>
        [TestMethod]
        public void Qos2_messages_all_arrive_in_order_and_none_twice_across_a_server_restart_MQTT_4_3_3_1()
        {
            var options = new Nano.Mqtt.Broker.BrokerOptions { MaxConnections = 4, MaxInflight = 8, MaxQueued = 64, MaxMessages = 256, MessagePoolBytes = 16384 };
            var engine = new Nano.Mqtt.Broker.BrokerEngine(options);
            var publisherSide = new Nano.Net.BrokerListener(engine, options) { ReuseAddress = true };
            var subscriberSide = new Nano.Net.BrokerListener(engine, options);
            publisherSide.Start(System.Net.IPAddress.Loopback, 0);
            subscriberSide.Start(System.Net.IPAddress.Loopback, 0);
            int publisherPort = publisherSide.Port;
            int restarts = 0;
            int restartRequested = 0;
            bool stop = false;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var loop = new Thread(() =>
            {
                while (!Volatile.Read(ref stop))
                {
                    long now = clock.ElapsedMilliseconds;
                    if (Interlocked.Exchange(ref restartRequested, 0) == 1)
                    {
                        publisherSide.Stop();
                        Thread.Sleep(100);
                        publisherSide.Start(System.Net.IPAddress.Loopback, publisherPort);
                        Interlocked.Increment(ref restarts);
                    }

                    bool worked = publisherSide.PollOnce(now) | subscriberSide.PollOnce(now);
                    if (!worked)
                    {
                        Thread.Sleep(1);
                    }
                }

                publisherSide.Stop();
                subscriberSide.Stop();
            }) { IsBackground = true };
            loop.Start();
            try
            {
                var received = new List<int>();
                using var subscriber = new NanoPeer(subscriberSide.Port, new MqttClientOptions { ClientId = "fault-sub-2", CleanSession = false });
                subscriber.Client.Subscribe("fault/n", 2, (buffer, to, tl, po, pl, qos, retain) =>
                {
                    lock (received)
                    {
                        received.Add((buffer[po] << 24) | (buffer[po + 1] << 16) | (buffer[po + 2] << 8) | buffer[po + 3]);
                    }
                });
                subscriber.Client.Connect();
                subscriber.WaitConnected();
                NanoPeer.Until(() => engine.SubscriptionCount == 1, 5000, "subscribed");

                using var nano = new NanoPeer(publisherPort, new MqttClientOptions
                {
                    ClientId = "fault-nano-2", CleanSession = false, InflightWindow = 4, MaxQueued = 16, ReconnectMinMs = 20, ReconnectMaxMs = 200,
                });
                nano.Client.Connect();
                nano.WaitConnected();
                byte[] payload = new byte[4];
                for (int i = 0; i < Count; i++)
                {
                    payload[0] = (byte)(i >> 24);
                    payload[1] = (byte)(i >> 16);
                    payload[2] = (byte)(i >> 8);
                    payload[3] = (byte)i;
                    while (nano.Client.Publish("fault/n", payload, 2, false) == PublishResult.QueueFull)
                    {
                        Thread.Sleep(1);
                    }

                    if (i == Count / 3)
                    {
                        Interlocked.Exchange(ref restartRequested, 1);
                    }

                    if (i % 10 == 0)
                    {
                        Thread.Sleep(2);
                    }
                }

                NanoPeer.Until(() => { lock (received) { return received.Count >= Count; } }, 20000, "last message");
                NanoPeer.Until(() => { lock (nano.Client.Engine) { return nano.Client.Engine.StoredMessages == 0; } }, 20000, "all acknowledged");

                // A fence, number Count: a PUBLISH taken twice would have been routed before the PUBREC that
                // acknowledged it, so it reaches the subscriber before the fence does.
                int fence = Count;
                payload[0] = (byte)(fence >> 24);
                payload[1] = (byte)(fence >> 16);
                payload[2] = (byte)(fence >> 8);
                payload[3] = (byte)fence;
                Assert.AreEqual(PublishResult.Accepted, nano.Client.Publish("fault/n", payload, 2, false));
                NanoPeer.Until(() => { lock (received) { return received[received.Count - 1] == fence; } }, 20000, "the fence");
                Assert.AreEqual(1, Volatile.Read(ref restarts));
                Assert.AreEqual(2, nano.SessionPresent.Count, "one reconnect");
                Assert.IsTrue(nano.SessionPresent[1], "the engine kept the session while its network side was down");
                lock (received)
                {
                    CollectionAssert.AreEqual(Enumerable.Range(0, Count + 1).ToList(), received, "every message once, in order");
                }
            }
            finally
            {
                Volatile.Write(ref stop, true);
                loop.Join();
            }
        }

        private static void AssertAllInOrder(List<int> numbers)
        {
            int next = 0;
            foreach (int n in numbers)
            {
                if (n == next)
                {
                    next++;
                }
                else
                {
                    Assert.IsTrue(n < next, "message " + n + " arrived before " + next + ": " + string.Join(",", numbers));
                }
            }

            Assert.AreEqual(Count, next, "received: " + string.Join(",", numbers));
        }

        private static async Task PublishAcrossRestart(int qos, List<int> numbers, List<int> accepted)
        {
            await using var broker = await MqttNetBroker.StartAsync(persistentSessions: true);
            broker.Server.InterceptingPublishAsync += e =>
            {
                if (e.ClientId.StartsWith("fault-nano", StringComparison.Ordinal))
                {
                    byte[] p = e.ApplicationMessage.Payload.ToArray();
                    lock (accepted)
                    {
                        accepted.Add((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]);
                    }
                }

                return Task.CompletedTask;
            };
            string subscriberId = "fault-sub-" + qos;
            IMqttClient subscriber = await ConnectSubscriber(broker, subscriberId, numbers, qos);
            using var nano = new NanoPeer(broker.Port, new MqttClientOptions
            {
                ClientId = "fault-nano-" + qos, CleanSession = false, InflightWindow = 4, MaxQueued = 16, ReconnectMinMs = 20, ReconnectMaxMs = 200,
            });
            nano.Client.Connect();
            nano.WaitConnected();
            Task restart = null;
            byte[] payload = new byte[4];
            for (int i = 0; i < Count; i++)
            {
                payload[0] = (byte)(i >> 24);
                payload[1] = (byte)(i >> 16);
                payload[2] = (byte)(i >> 8);
                payload[3] = (byte)i;
                while (nano.Client.Publish("fault/n", payload, qos, false) == PublishResult.QueueFull)
                {
                    Thread.Sleep(1);
                }

                if (i == Count / 3)
                {
                    restart = Task.Run(async () =>
                    {
                        await broker.Server.StopAsync();
                        await Task.Delay(100);
                        await broker.Server.StartAsync();
                        subscriber.Dispose();
                        subscriber = await ConnectSubscriber(broker, subscriberId, numbers, qos);
                    });
                }

                if (i % 10 == 0)
                {
                    Thread.Sleep(2);
                }
            }

            await restart;
            NanoPeer.Until(() => { lock (numbers) { return numbers.Count > 0 && numbers.Max() == Count - 1; } }, 20000, "last message");
            NanoPeer.Until(() => { lock (nano.Client.Engine) { return nano.Client.Engine.StoredMessages == 0; } }, 20000, "all acknowledged");
            Assert.AreEqual(2, nano.SessionPresent.Count, "one reconnect");
            Assert.IsTrue(nano.SessionPresent[1], "MQTTnet keeps sessions across StopAsync/StartAsync");
            await subscriber.DisconnectAsync();
        }

        private static async Task<IMqttClient> ConnectSubscriber(MqttNetBroker broker, string clientId, List<int> numbers, int qos)
        {
            IMqttClient subscriber = await broker.ConnectClientAsync(clientId, cleanSession: false);
            subscriber.ApplicationMessageReceivedAsync += e =>
            {
                byte[] p = e.ApplicationMessage.Payload.ToArray();
                lock (numbers)
                {
                    numbers.Add((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]);
                }

                return Task.CompletedTask;
            };
            await subscriber.SubscribeAsync("fault/n", (MqttQualityOfServiceLevel)qos);
            return subscriber;
        }
    }
}
