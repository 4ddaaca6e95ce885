using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nano.Host;
using Nano.Broker.Tests.Logging;
using Nano.Mqtt.Broker;

namespace Nano.Broker.Tests.RealPeer
{
    /// <summary>
    /// The queue-full policy through the PC host with MQTTnet and raw clients over loopback: with backpressure (the
    /// default) unpaced publishers lose nothing through queues of 10, acknowledgements behind a waiting PUBLISH are still
    /// read, a stalled subscriber is disconnected after slow_consumer_timeout; with drop, drops are counted and logged.
    /// </summary>
    [TestClass]
    public sealed class BackpressureTests
    {
        private const int Publishers = 4;
        private const int Subscribers = 2;

        private static TestBroker SmallQueues(LogCapture log = null, params string[] args)
        {
            string[] all = new[] { "--max_queued_messages", "10", "--max_inflight_messages", "2" }.Concat(args).ToArray();
            Assert.AreEqual(ParseOutcome.Run, HostOptionsParser.Parse(all, out HostOptions parsed, out string error), error);
            return new TestBroker(o =>
            {
                o.Broker.MaxQueued = parsed.Broker.MaxQueued;
                o.Broker.MaxInflight = parsed.Broker.MaxInflight;
                o.Broker.QueueFullPolicy = parsed.Broker.QueueFullPolicy;
                o.Broker.SlowConsumerTimeoutMs = parsed.Broker.SlowConsumerTimeoutMs;
                if (log != null)
                {
                    o.Log.Destinations.Add(log);
                }
            });
        }

        [TestMethod]
        public async Task Unpaced_QoS_0_fan_in_through_queues_of_10_loses_nothing_with_backpressure()
        {
            using var broker = SmallQueues();
            await FanIn(broker, MqttQualityOfServiceLevel.AtMostOnce, 2000);
        }

        [TestMethod]
        public async Task Unpaced_QoS_1_fan_in_through_queues_of_10_loses_and_repeats_nothing_in_order_MQTT_4_6_0_2()
        {
            using var broker = SmallQueues();
            await FanIn(broker, MqttQualityOfServiceLevel.AtLeastOnce, 1000);
        }

        /// <summary>4 publishers send <paramref name="count"/> messages each without waiting for anything but the socket
        /// (QoS 0) or with every PUBLISH outstanding at once (QoS 1); 2 subscribers must get all, once, in order per publisher.</summary>
        private static async Task FanIn(TestBroker broker, MqttQualityOfServiceLevel qos, int count)
        {
            var factory = new MqttClientFactory();
            var clients = new List<IMqttClient>();
            var received = new List<int>[Subscribers, Publishers];
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            int complete = 0;
            try
            {
                for (int s = 0; s < Subscribers; s++)
                {
                    var sub = factory.CreateMqttClient();
                    int si = s;
                    for (int p = 0; p < Publishers; p++)
                    {
                        received[s, p] = new List<int>(count);
                    }
                    sub.ApplicationMessageReceivedAsync += e =>
                    {
                        string[] parts = Encoding.ASCII.GetString(e.ApplicationMessage.Payload).Split(':');
                        List<int> list = received[si, int.Parse(parts[0])];
                        int n;
                        lock (list)
                        {
                            list.Add(int.Parse(parts[1]));
                            n = list.Count;
                        }
                        if (n == count && Interlocked.Increment(ref complete) == Subscribers * Publishers)
                        {
                            done.TrySetResult();
                        }
                        return Task.CompletedTask;
                    };
                    await sub.ConnectAsync(broker.Options("sub" + s, MqttProtocolVersion.V311).Build());
                    await sub.SubscribeAsync("fan/#", qos);
                    clients.Add(sub);
                }
                var publishers = new Task[Publishers];
                for (int p = 0; p < Publishers; p++)
                {
                    var pub = factory.CreateMqttClient();
                    await pub.ConnectAsync(broker.Options("pub" + p, MqttProtocolVersion.V311).WithTimeout(TimeSpan.FromSeconds(30)).Build());
                    clients.Add(pub);
                    int pi = p;
                    publishers[p] = Task.Run(async () =>
                    {
                        var sends = new List<Task>(count);
                        for (int i = 0; i < count; i++)
                        {
                            var message = new MqttApplicationMessageBuilder().WithTopic("fan/" + pi).WithPayload(pi + ":" + i).WithQualityOfServiceLevel(qos).Build();
                            Task send = pub.PublishAsync(message);
                            if (qos == MqttQualityOfServiceLevel.AtMostOnce)
                            {
                                await send; // written to the socket, nothing more
                            }
                            else
                            {
                                sends.Add(send);
                            }
                        }
                        await Task.WhenAll(sends);
                    });
                }
                await Task.WhenAll(publishers).WaitAsync(TimeSpan.FromSeconds(60));
                await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(20)));
                for (int s = 0; s < Subscribers; s++)
                {
                    for (int p = 0; p < Publishers; p++)
                    {
                        List<int> list;
                        lock (received[s, p])
                        {
                            list = received[s, p].ToList();
                        }
                        Assert.HasCount(count, list, "subscriber " + s + " from publisher " + p);
                        CollectionAssert.AreEqual(Enumerable.Range(0, count).ToList(), list, "in order, once each, subscriber " + s + " publisher " + p);
                    }
                }
                Assert.AreEqual(0L, broker.Statistics.MessagesDropped);
            }
            finally
            {
                foreach (var client in clients)
                {
                    client.Dispose();
                }
            }
        }

        [TestMethod]
        public async Task Acknowledgements_behind_a_waiting_PUBLISH_are_read_so_two_QoS_2_peers_publishing_to_each_other_never_deadlock_MQTT_4_3_3()
        {
            using var broker = SmallQueues(null, "--slow_consumer_timeout", "0");
            using var a = new RawMqttClient(broker.Port);
            using var b = new RawMqttClient(broker.Port);
            foreach (var (client, id, inbox) in new[] { (a, "a", "to/a"), (b, "b", "to/b") })
            {
                client.Send(RawMqttClient.Connect(id, 4));
                Assert.AreEqual("20020000", Packets.Hex(client.ReadPacket()));
                client.Send(Packets.Subscribe(1, inbox, 2));
                Assert.AreEqual("9003000102", Packets.Hex(client.ReadPacket()));
            }
            const int Messages = 60;
            Task<int> fromB = Task.Run(() => Converse(a, "to/b", Messages));
            Task<int> fromA = Task.Run(() => Converse(b, "to/a", Messages));
            Assert.AreEqual(Messages, await fromB.WaitAsync(TimeSpan.FromSeconds(30)), "a received every message of b once");
            Assert.AreEqual(Messages, await fromA.WaitAsync(TimeSpan.FromSeconds(30)), "b received every message of a once");
            Assert.AreEqual(0L, broker.Statistics.MessagesDropped);
        }

        /// <summary>Sends <paramref name="count"/> QoS 2 PUBLISHes back to back, then answers every packet until its own are
        /// complete and as many were received and released; returns the distinct messages received.</summary>
        private static int Converse(RawMqttClient client, string topic, int count)
        {
            var burst = new List<byte>();
            for (int id = 1; id <= count; id++)
            {
                burst.AddRange(Packets.Publish(topic, "m" + id, qos: 2, packetId: id));
            }
            client.Send(burst.ToArray());
            var received = new HashSet<string>();
            int completed = 0;
            int released = 0;
            while (completed < count || released < count)
            {
                byte[] packet = client.ReadPacket();
                int type = packet[0] >> 4;
                int id = (packet[packet.Length - 2] << 8) | packet[packet.Length - 1];
                switch (type)
                {
                    case 3:
                        int topicLength = (packet[2] << 8) | packet[3];
                        int packetId = (packet[4 + topicLength] << 8) | packet[5 + topicLength];
                        Assert.IsTrue(received.Add(Encoding.ASCII.GetString(packet, 6 + topicLength, packet.Length - 6 - topicLength)), "delivered twice");
                        client.Send(Packets.PubRec(packetId));
                        break;
                    case 5:
                        client.Send(Packets.PubRel(id));
                        break;
                    case 6:
                        released++;
                        client.Send(Packets.PubComp(id));
                        break;
                    case 7:
                        completed++;
                        break;
                    default:
                        Assert.Fail("unexpected packet " + Packets.Hex(packet));
                        break;
                }
            }
            return received.Count;
        }

        /// <summary>A raw client "slow" subscribed to "flood" at QoS 1 that will neither read nor acknowledge.</summary>
        private static RawMqttClient StalledSubscriber(TestBroker broker)
        {
            var slow = new RawMqttClient(broker.Port, receiveBufferSize: 4096);
            slow.Send(RawMqttClient.Connect("slow", 4));
            CollectionAssert.AreEqual(new byte[] { 0x20, 2, 0, 0 }, slow.ReadPacket());
            slow.Send(RawMqttClient.Subscribe(1, "flood", 1));
            CollectionAssert.AreEqual(new byte[] { 0x90, 3, 0, 1, 1 }, slow.ReadPacket());
            return slow;
        }

        [TestMethod]
        public async Task A_subscriber_whose_full_queue_holds_publishers_back_is_disconnected_after_slow_consumer_timeout_and_logged()
        {
            var log = new LogCapture();
            using var broker = SmallQueues(log, "--slow_consumer_timeout", "1");
            using RawMqttClient slow = StalledSubscriber(broker);

            await using var fast = await broker.ConnectAsync("fast", MqttProtocolVersion.V311);
            await fast.SubscribeAsync("flood", MqttQualityOfServiceLevel.AtLeastOnce);
            await using var publisher = await broker.ConnectAsync("pub", MqttProtocolVersion.V311);
            const int Messages = 40;
            for (int i = 0; i < Messages; i++)
            {
                // slow never acknowledges: its window of 2 and queue of 10 fill, then the PUBLISH waits unacknowledged.
                await publisher.PublishAsync("flood", i.ToString("D3"), MqttQualityOfServiceLevel.AtLeastOnce);
                Assert.AreEqual(i.ToString("D3"), (await fast.NextAsync()).Payload);
            }
            await log.WaitForAsync("warning: Client slow disconnected: its full queue held back a message to 'flood' for 1 s (slow_consumer_timeout).");
            var rest = new byte[4096];
            while (slow.Socket.Receive(rest) > 0)
            {
                // the two PUBLISHes of its window came before the close
            }
            Assert.AreEqual(0L, broker.Statistics.MessagesDropped, "a clean session ends with its queue; nothing acknowledged was dropped");
        }

        [TestMethod]
        public async Task With_the_drop_policy_a_full_queue_drops_and_counts_and_logs_instead_of_holding_the_publisher()
        {
            var log = new LogCapture();
            using var broker = SmallQueues(log, "--queue_full_policy", "drop");
            using RawMqttClient slow = StalledSubscriber(broker);
            await using var publisher = await broker.ConnectAsync("pub", MqttProtocolVersion.V311);
            const int Messages = 40;
            for (int i = 0; i < Messages; i++)
            {
                await publisher.PublishAsync("flood", i.ToString("D3"), MqttQualityOfServiceLevel.AtLeastOnce);
            }
            await log.WaitForAsync("warning: Outgoing messages are being dropped for client slow (queue full; 'flood', QoS 1).");
            Assert.AreEqual(Messages - 2 - 10, broker.Statistics.DroppedQueueFull, "all but the window of 2 and the queue of 10");
            Assert.AreEqual(broker.Statistics.DroppedQueueFull, broker.Statistics.MessagesDropped);
        }
    }
}
