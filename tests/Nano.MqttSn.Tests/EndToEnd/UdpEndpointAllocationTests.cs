using System;
using System.Net;
using System.Net.Sockets;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Mqtt.Broker;
using Nano.MqttSn.Gateway;
using Nano.MqttSn.Tests.Gateway;
using Nano.Net;

namespace Nano.MqttSn.Tests.EndToEnd
{
    /// <summary>The UDP adapter's heap use per datagram on .NET, over real loopback UDP, with the endpoint polled on
    /// the test thread so that only its work (and the gateway's) is measured.</summary>
    [TestClass]
    public class UdpEndpointAllocationTests
    {
        [TestMethod]
        public void Datagrams_from_and_to_two_alternating_clients_take_0_bytes_per_datagram()
        {
            var broker = new BrokerEngine(new BrokerOptions { MaxConnections = 4, SysIntervalMs = 0 });
            var gateway = new SnGateway(new SnGatewayOptions { AdvertiseIntervalMs = 0 }, broker);
            var endpoint = new SnUdpEndpoint(gateway, 256, 4);
            endpoint.Start(IPAddress.Loopback, 0);
            var to = new IPEndPoint(IPAddress.Loopback, endpoint.Port);
            using var a = new RawSn(to);
            using var b = new RawSn(to);
            long now = 1;
            a.Send(Sn.Connect("a", 60, true, false));
            b.Send(Sn.Connect("b", 60, true, false));
            Serve(endpoint, now, 2);
            Assert.AreEqual("03 05 00", a.Receive());
            Assert.AreEqual("03 05 00", b.Receive());

            byte[] ping = Bytes.Hex(Sn.PingReq());
            long allocated = 0;
            const int Rounds = 200;
            for (int i = 0; i < Rounds + 20; i++)
            {
                a.SendRaw(ping);
                b.SendRaw(ping);
                long before = GC.GetAllocatedBytesForCurrentThread();
                Serve(endpoint, now, 2);
                long used = GC.GetAllocatedBytesForCurrentThread() - before;
                if (i >= 20)
                {
                    allocated += used; // after 20 warm-up rounds
                }
                Assert.AreEqual("02 17", a.Receive());
                Assert.AreEqual("02 17", b.Receive());
            }
            endpoint.Stop();
            Assert.AreEqual(2 * (Rounds + 20) + 2, endpoint.DatagramsReceived);
            Assert.AreEqual(0L, allocated, "bytes for " + (2 * Rounds) + " datagrams in and " + (2 * Rounds) + " out");
        }

        /// <summary>Polls until <paramref name="datagrams"/> more datagrams were received and every answer sent.</summary>
        private static void Serve(SnUdpEndpoint endpoint, long now, int datagrams)
        {
            long target = endpoint.DatagramsReceived + datagrams;
            for (int spins = 0; spins < 5_000_000 && endpoint.DatagramsReceived < target; spins++)
            {
                endpoint.PollOnce(now);
            }
            endpoint.PollOnce(now);
        }
    }
}
