using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;
using Nano.MqttSn.Gateway;

namespace Nano.MqttSn.Tests.Gateway
{
    /// <summary>A broker engine with the gateway inside, driven by a fake clock: SN clients are scripted as
    /// datagrams from named addresses on link 0, MQTT clients as raw packets on broker connections.</summary>
    internal sealed class GatewayHarness
    {
        public readonly BrokerEngine Broker;
        public readonly SnGateway Gateway;
        public readonly int Link;
        public long Now = 1_000_000;
        private readonly byte[] _datagram = new byte[1024];
        private readonly byte[] _address = new byte[64];
        private readonly List<Sent> _sent = new List<Sent>();

        /// <summary>A gateway with one link of 256-octet datagrams whose addresses may change in
        /// <paramref name="changingLength"/> octets at <paramref name="changingOffset"/>.</summary>
        public GatewayHarness(SnGatewayOptions options = null, BrokerOptions broker = null, int changingOffset = 0, int changingLength = 0)
        {
            Broker = new BrokerEngine(broker ?? new BrokerOptions());
            Gateway = new SnGateway(options ?? Options(), Broker);
            Link = Gateway.AddLink(256, changingOffset, changingLength);
        }

        /// <summary>Defaults for tests: advertising off, T_RETRY 10 s, N_RETRY 2.</summary>
        public static SnGatewayOptions Options()
        {
            return new SnGatewayOptions { AdvertiseIntervalMs = 0, RetryIntervalMs = 10_000, MaxRetries = 2 };
        }

        public static byte[] Address(string client) => Encoding.ASCII.GetBytes(client);

        /// <summary>Hands the gateway one datagram from <paramref name="client"/>.</summary>
        public void Send(string client, string hex)
        {
            byte[] a = Address(client);
            byte[] d = Bytes.Hex(hex);
            Gateway.Receive(Link, a, 0, a.Length, d, 0, d.Length, Now);
        }

        public void Advance(long ms)
        {
            Now += ms;
            Gateway.Poll(Now);
            Broker.Poll(Now);
        }

        /// <summary>Every datagram the gateway wants to send, oldest first.</summary>
        public List<Sent> Drain()
        {
            Gateway.Poll(Now);
            int n;
            while ((n = Gateway.NextDatagram(_datagram, 0, _datagram.Length, out int link, _address, 0, out int addressLength, out bool broadcast)) > 0)
            {
                _sent.Add(new Sent
                {
                    Link = link,
                    To = broadcast ? "*" : Encoding.ASCII.GetString(_address, 0, addressLength),
                    Hex = Bytes.ToHex(_datagram, 0, n),
                });
            }
            var all = new List<Sent>(_sent);
            _sent.Clear();
            return all;
        }

        /// <summary>Asserts the gateway sends exactly these datagrams to <paramref name="client"/> and nothing else.</summary>
        public void Expect(string client, params string[] hex)
        {
            List<Sent> all = Drain();
            var got = new List<string>();
            foreach (Sent s in all)
            {
                Assert.AreEqual(client, s.To, "datagram " + s.Hex + " went to " + s.To);
                got.Add(s.Hex);
            }
            CollectionAssert.AreEqual(hex, got, "got: " + string.Join(" | ", got));
        }

        public void ExpectNothing() => Expect("-");

        /// <summary>CONNECT (no Will, clean session) and the accepting CONNACK.</summary>
        public void Connect(string client, string clientId, int keepAliveSeconds = 60, bool clean = true)
        {
            Send(client, Sn.Connect(clientId, keepAliveSeconds, clean, false));
            Expect(client, "03 05 00");
        }

        public SnClientStatus Status(string clientId)
        {
            byte[] id = Encoding.ASCII.GetBytes(clientId);
            return Gateway.GetClientStatus(id, 0, id.Length);
        }

        public MqttPeer Mqtt(string clientId) => new MqttPeer(this, clientId);

        internal sealed class Sent
        {
            public int Link;
            public string To;
            public string Hex;
        }
    }
}
