using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;
using Nano.MqttSn.Gateway;

namespace Nano.MqttSn.Tests.Gateway
{
    /// <summary>
    /// A seeded fuzz of the gateway engine: 1,000,000 datagrams (valid messages of every type, the same mutated,
    /// and random octets) from 400 addresses, with a fake clock. Throughout: no exception, client table,
    /// pending datagrams and broker connections within their capacities; after every 10,000 datagrams a
    /// well-behaved client that connected first gets PINGRESP and an accepting PUBACK.
    /// </summary>
    [TestClass]
    public class GatewayFuzzTests
    {
        private const int Datagrams = 1_000_000;
        private const int CheckEvery = 10_000;
        private const int Addresses = 400;

        [TestMethod]
        public void A_million_seeded_datagrams_never_throw_keep_the_tables_in_budget_and_a_good_client_is_served_throughout()
        {
            var options = new SnGatewayOptions { AdvertiseIntervalMs = 60_000, RetryIntervalMs = 2_000, MaxRetries = 1, MaxClients = 8 };
            options.AddPredefinedTopic(1, "fuzz/predefined");
            var brokerOptions = new BrokerOptions { MaxConnections = 10, SysIntervalMs = 0 };
            var broker = new BrokerEngine(brokerOptions);
            var gateway = new SnGateway(options, broker);
            int link = gateway.AddLink(256);
            var random = new Random(20261202);
            byte[][] templates = Templates(random);
            byte[][] addresses = new byte[Addresses][];
            for (int i = 0; i < Addresses; i++)
            {
                addresses[i] = new byte[] { 10, 0, (byte)(i >> 8), (byte)i, 0x07, 0x5B };
            }
            var good = new GoodClient(gateway, link);
            long now = 1_000;
            good.Connect(now);
            byte[] datagram = new byte[300];

            for (int n = 1; n <= Datagrams; n++)
            {
                int length = Next(random, templates, datagram);
                byte[] from = addresses[random.Next(Addresses)];
                gateway.Receive(link, from, 0, from.Length, datagram, 0, length, now);
                good.Drain(now);
                if (n % 64 == 0)
                {
                    now += random.Next(2_000);
                    gateway.Poll(now);
                    broker.Poll(now);
                    good.Drain(now);
                }
                Assert.IsTrue(gateway.ClientCount <= options.MaxClients, "clients " + gateway.ClientCount);
                Assert.IsTrue(gateway.PendingDatagrams <= options.MaxPendingDatagrams, "pending " + gateway.PendingDatagrams);
                Assert.IsTrue(broker.ConnectionCount <= brokerOptions.MaxConnections, "broker connections " + broker.ConnectionCount);
                if (n % CheckEvery == 0)
                {
                    good.AssertServed(now, n);
                }
            }
            SnGatewayStatistics s = gateway.Statistics;
            Console.WriteLine("received " + s.DatagramsReceived + ", malformed " + s.DatagramsMalformed + ", unknown type " + s.DatagramsUnknownType
                + ", out of state " + s.DatagramsOutOfState + ", connects " + s.Connects + ", refused " + s.ConnectsRefused + ", lost " + s.ClientsLost
                + ", publishes " + s.PublishesReceived + "/" + s.PublishesQosMinusOne + " (QoS -1), rejected " + s.PublishesRejected + ", sent " + s.DatagramsSent);
            Assert.AreEqual(Datagrams + good.Sent, s.DatagramsReceived);
            Assert.IsTrue(s.DatagramsMalformed > 0 && s.DatagramsUnknownType > 0 && s.DatagramsOutOfState > 0 && s.Connects > 100
                && s.ConnectsRefused > 0 && s.PublishesReceived > 0, "the fuzz reached every kind of handling");
        }

        /// <summary>Copies a template into <paramref name="datagram"/>, mutated or not, or fills it with random octets;
        /// returns its length.</summary>
        private static int Next(Random random, byte[][] templates, byte[] datagram)
        {
            int kind = random.Next(10);
            if (kind < 2)
            {
                int length = random.Next(24);
                for (int i = 0; i < length; i++)
                {
                    datagram[i] = (byte)random.Next(256);
                }
                if (length > 1 && random.Next(2) == 0)
                {
                    datagram[0] = (byte)length; // a Length that agrees, with a random MsgType
                }
                return length;
            }
            byte[] t = templates[random.Next(templates.Length)];
            Array.Copy(t, datagram, t.Length);
            if (kind < 6)
            {
                return t.Length;
            }
            int n = t.Length;
            switch (random.Next(4))
            {
                case 0:
                    n = random.Next(n + 1); // truncated
                    break;
                case 1:
                    for (int i = 0; i < 4; i++)
                    {
                        datagram[n++] = (byte)random.Next(256); // trailing octets
                    }
                    break;
                default:
                    for (int k = random.Next(1, 4); k > 0; k--)
                    {
                        datagram[random.Next(n)] = (byte)random.Next(256); // flipped octets
                    }
                    break;
            }
            return n;
        }

        /// <summary>Valid messages of every type a client (or a stray gateway or forwarder) sends.</summary>
        private static byte[][] Templates(Random random)
        {
            var hex = new List<string>();
            for (int i = 0; i < 300; i++)
            {
                hex.Add(Sn.Connect("f" + i, random.Next(1, 30), random.Next(2) == 0, random.Next(4) == 0));
            }
            string[] topics = { "a", "a/b", "fuzz/predefined", "x/+", "#", "s/" + new string('t', 70), "ok/1", "ok/2" };
            foreach (string t in topics)
            {
                hex.Add(Sn.Register(random.Next(1, 100), t));
                hex.Add(Sn.Subscribe(random.Next(3), random.Next(1, 100), t));
                hex.Add(Sn.Unsubscribe(random.Next(1, 100), t));
                hex.Add(Sn.WillTopic(random.Next(3), random.Next(2) == 0, t));
            }
            for (int qos = -1; qos <= 2; qos++)
            {
                for (int type = 0; type <= 2; type++)
                {
                    hex.Add(Sn.Publish(qos, type, random.Next(1, 4), random.Next(1, 100), "v" + qos));
                }
            }
            hex.Add(Sn.Publish(-1, 2, Sn.Short("ab"), 0, "short"));
            hex.Add(Sn.SubscribeId(1, 1, 9, 1));
            hex.Add(Sn.WillMsg("gone"));
            hex.Add(Sn.Message(0x1C, Bytes.Hex("00 01")));
            hex.Add(Sn.Message(0x1D, Bytes.Hex("61")));
            foreach (int type in new[] { 0x0F, 0x10, 0x0E })
            {
                hex.Add(Sn.MsgId(type, random.Next(1, 100)));
            }
            hex.Add(Sn.PubAck(1, 1, 0));
            hex.Add(Sn.RegAck(1, 1, 0));
            hex.Add(Sn.PingReq());
            hex.Add(Sn.PingReq("f7"));
            hex.Add(Sn.Disconnect());
            hex.Add(Sn.Sleep(5));
            hex.Add("03 01 00"); // SEARCHGW
            hex.Add("05 00 02 00 3C"); // ADVERTISE
            hex.Add("03 02 02"); // GWINFO
            hex.Add("05 FE 01 61 " + Sn.PingReq()); // forwarder envelope
            var templates = new byte[hex.Count][];
            for (int i = 0; i < hex.Count; i++)
            {
                templates[i] = Bytes.Hex(hex[i]);
            }
            return templates;
        }

        /// <summary>A client on an address the fuzz never uses, with a ClientId it never sends.</summary>
        private sealed class GoodClient
        {
            private static readonly byte[] Address = { 192, 168, 7, 7, 0x07, 0x5B };
            private readonly SnGateway _gateway;
            private readonly int _link;
            private readonly byte[] _datagram = new byte[512];
            private readonly byte[] _to = new byte[64];
            private readonly List<string> _received = new List<string>();
            private int _msgId;

            public GoodClient(SnGateway gateway, int link)
            {
                _gateway = gateway;
                _link = link;
            }

            public long Sent { get; private set; }

            public void Connect(long now)
            {
                Send(Sn.Connect("well-behaved", 0, true, false), now);
                Expect("03 05 00");
                Send(Sn.Register(1, "good/topic"), now);
                Expect("07 0B 00 01 00 01 00");
            }

            public void AssertServed(long now, int after)
            {
                _received.Clear();
                Send(Sn.PingReq(), now);
                Expect("02 17", after);
                _msgId = _msgId % 1000 + 2;
                Send(Sn.Publish(1, 0, 1, _msgId, "alive"), now);
                Expect(Sn.PubAck(1, _msgId, 0), after);
            }

            /// <summary>Takes every datagram the gateway has, keeping those for this client.</summary>
            public void Drain(long now)
            {
                int n;
                while ((n = _gateway.NextDatagram(_datagram, 0, _datagram.Length, out _, _to, 0, out int a, out _)) > 0)
                {
                    if (a == Address.Length && _to.AsSpan(0, a).SequenceEqual(Address))
                    {
                        _received.Add(Bytes.ToHex(_datagram, 0, n));
                    }
                }
            }

            private void Send(string hex, long now)
            {
                byte[] d = Bytes.Hex(hex);
                _gateway.Receive(_link, Address, 0, Address.Length, d, 0, d.Length, now);
                Sent++;
            }

            private void Expect(string hex, int after = 0)
            {
                for (int i = 0; i < 8 && !_received.Contains(hex); i++)
                {
                    Drain(0);
                    _gateway.Poll(0);
                }
                Assert.IsTrue(_received.Remove(hex), "after " + after + " datagrams the well-behaved client got no " + hex + "; got " + string.Join(" | ", _received));
            }
        }
    }
}
