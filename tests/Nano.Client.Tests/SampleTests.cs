using System.IO;
using System.Net;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Host;

namespace Nano.Client.Tests
{
    /// <summary>The two samples of README run against the Nano host (in process, on free loopback ports).</summary>
    [TestClass]
    public sealed class SampleTests
    {
        [TestMethod]
        public void SensorPublisher_gets_every_reading_acknowledged_by_the_Nano_host()
        {
            using var host = new BrokerHost(new HostOptions { Port = 0, SnPort = 0, Bind = IPAddress.Loopback });
            host.Start();
            var log = new StringWriter();
            Assert.AreEqual(0, SensorPublisher.Program.Run("127.0.0.1", host.Port, 3, 10, log), log.ToString());
            StringAssert.Contains(log.ToString(), "3 of 3 acknowledged");
            StringAssert.Contains(log.ToString(), "state Disconnected (ClientDisconnect)");
        }

        [TestMethod]
        public void SnNode_connects_through_the_broadcast_address_and_gets_every_reading_acknowledged()
        {
            using var host = new BrokerHost(new HostOptions { Port = 0, SnPort = -1, Bind = IPAddress.Loopback });
            host.Start();
            var log = new StringWriter();
            Assert.AreEqual(0, SnNode.Program.Run(IPAddress.Loopback, host.SnPort, 3, 10, log), log.ToString());
            StringAssert.Contains(log.ToString(), "3 of 3 acknowledged");
            StringAssert.Contains(log.ToString(), "disconnected (Requested)");
        }
    }
}
