using System;
using System.Collections.Generic;
using System.Net;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Host;

namespace Nano.Broker.Tests.RealPeer
{
    /// <summary>Hundreds of raw MQTT 3.1.1 clients on one PC host with its default options.</summary>
    [TestClass]
    public sealed class ManyClientsTests
    {
        private const int Clients = 500;
        private const int Messages = 3;

        [TestMethod]
        public void Five_hundred_clients_subscribe_at_once_and_each_gets_every_qos1_message_exactly_once_MQTT_4_3_2()
        {
            using var host = new BrokerHost(new HostOptions { Bind = IPAddress.Loopback, Port = 0, SnPort = 0 });
            host.Start();
            var subscribers = new List<RawMqttClient>();
            try
            {
                for (int i = 0; i < Clients; i++)
                {
                    subscribers.Add(new RawMqttClient(host.Port));
                }
                for (int i = 0; i < Clients; i++)
                {
                    subscribers[i].Send(Packets.Concat(RawMqttClient.Connect("many" + i, 4), RawMqttClient.Subscribe(1, "many/t", 1)));
                }
                for (int i = 0; i < Clients; i++)
                {
                    CollectionAssert.AreEqual(new byte[] { 0x20, 2, 0, 0 }, subscribers[i].ReadPacket(), "CONNACK of client " + i);
                    CollectionAssert.AreEqual(new byte[] { 0x90, 3, 0, 1, 1 }, subscribers[i].ReadPacket(), "SUBACK granting QoS 1 to client " + i);
                }

                using var publisher = new RawMqttClient(host.Port);
                publisher.Send(RawMqttClient.Connect("many-pub", 4));
                CollectionAssert.AreEqual(new byte[] { 0x20, 2, 0, 0 }, publisher.ReadPacket());
                for (int m = 0; m < Messages; m++)
                {
                    publisher.Send(RawMqttClient.Publish("many/t", new[] { (byte)m }, 1, m + 1));
                    CollectionAssert.AreEqual(RawMqttClient.PubAck(m + 1), publisher.ReadPacket());
                }

                for (int i = 0; i < Clients; i++)
                {
                    var seen = new int[Messages];
                    for (int k = 0; k < Messages; k++)
                    {
                        byte[] publish = subscribers[i].ReadPacket();
                        Assert.AreEqual(0x32, publish[0] & 0xF6, "QoS 1 PUBLISH to client " + i);
                        int topicEnd = 4 + 6; // fixed header, topic length, "many/t"
                        seen[publish[topicEnd + 2]]++;
                        subscribers[i].Send(RawMqttClient.PubAck((publish[topicEnd] << 8) | publish[topicEnd + 1]));
                    }
                    subscribers[i].Send(Packets.PingReq);
                    CollectionAssert.AreEqual(new byte[] { 0xD0, 0 }, subscribers[i].ReadPacket(), "no PUBLISH after the three to client " + i);
                    CollectionAssert.AreEqual(new[] { 1, 1, 1 }, seen, "each message once to client " + i);
                }
            }
            finally
            {
                subscribers.ForEach(s => s.Dispose());
            }
        }
    }
}
