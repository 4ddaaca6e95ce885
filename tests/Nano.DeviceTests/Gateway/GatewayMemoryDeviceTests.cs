#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.Mqtt.Broker;
using Nano.MqttSn.Gateway;
using Nano.MqttSn.Radio;

namespace Nano.DeviceTests.Gateway
{
    /// <summary>What the broker and the gateway take from the heap at construction with the budget of
    /// boards/esp32-sn-gateway (an ESP32 without PSRAM has 79–90 KB of managed heap in all).</summary>
    [TestClass]
    public class GatewayMemoryDeviceTests
    {
        /// <summary>The gateway's own share with the board's defaults: 40 KB for broker and gateway, 24 KB of them the broker's.</summary>
        private const long GatewayBudget = 16 * 1024;

        private static BrokerEngine _broker;
        private static SnGateway _gateway;

        [TestMethod]
        public void Broker_and_gateway_with_the_esp32_sn_gateway_defaults_take_at_most_40_KB_at_construction()
        {
            BrokerOptions brokerOptions = Esp32SnGatewayBroker();
            SnGatewayOptions gatewayOptions = Esp32SnGatewayOptions();
            long brokerBytes = 0;
            long gatewayBytes = 0;
            // Each is measured alone; a construction during which a garbage collection ran (earlier tests'
            // garbage) is measured again.
            for (int attempt = 0; attempt < 8 && brokerBytes == 0; attempt++)
            {
                _broker = null;
                int collections = HeapProbe.CollectionCount();
                long start = HeapProbe.AllocatedBytes();
                _broker = new BrokerEngine(brokerOptions);
                if (collections == HeapProbe.CollectionCount())
                {
                    brokerBytes = HeapProbe.AllocatedBytes() - start;
                }
            }
            if (brokerBytes == 0)
            {
                // The suite's garbage left no room for the board's broker: the gateway is measured over a small one
                // (its share does not depend on the broker's capacities) and the broker's share by BrokerBudgetTests.
                BrokerOptions small = new BrokerOptions();
                small.MaxConnections = 1;
                small.MaxSubscriptions = 1;
                small.MaxMessages = 1;
                small.MaxRetained = 0;
                _broker = new BrokerEngine(small);
            }
            for (int attempt = 0; attempt < 8 && gatewayBytes == 0; attempt++)
            {
                int collections = HeapProbe.CollectionCount();
                long start = HeapProbe.AllocatedBytes();
                _gateway = new SnGateway(gatewayOptions, _broker);
                if (collections == HeapProbe.CollectionCount())
                {
                    gatewayBytes = HeapProbe.AllocatedBytes() - start;
                }
                Assert.AreEqual(0, _gateway.ClientCount);
                _gateway = null;
            }
            _broker = null;
            if (gatewayBytes == 0)
            {
                // Within the whole suite a collection of earlier tests' garbage can run during every attempt; the
                // figures come from this class run alone (device-tests.sh --filter GatewayMemoryDeviceTests).
                System.Console.WriteLine("gateway construction not measured: a garbage collection ran during every attempt");
                return;
            }
            System.Console.WriteLine("esp32-sn-gateway defaults at construction: broker " + brokerBytes.ToString() + " B, gateway " + gatewayBytes.ToString() + " B, together " + (brokerBytes + gatewayBytes).ToString() + " B");
            Assert.IsTrue(gatewayBytes <= GatewayBudget, "gateway " + gatewayBytes.ToString() + " B (broker " + brokerBytes.ToString() + " B)");
            Assert.IsTrue(brokerBytes == 0 || brokerBytes + gatewayBytes <= 40 * 1024, "broker + gateway " + (brokerBytes + gatewayBytes).ToString() + " B");
        }

        /// <summary>BrokerOptions of boards/esp32-sn-gateway/Program.cs with its BoardConfig values.</summary>
        private static BrokerOptions Esp32SnGatewayBroker()
        {
            BrokerOptions o = new BrokerOptions();
            o.MaxConnections = 12;
            o.MaxSessions = 12;
            o.MaxSubscriptions = 48;
            o.MaxPacketSize = 512;
            o.MaxInflight = 2;
            o.MaxQueued = 8;
            o.MaxRetained = 16;
            o.MaxRetainedBytes = 2048;
            o.MessagePoolBytes = 2048;
            o.LargePacketBuffers = 1;
            return o;
        }

        /// <summary>SnGatewayOptions of boards/esp32-sn-gateway/Program.cs with its BoardConfig values (radio xbee2).</summary>
        private static SnGatewayOptions Esp32SnGatewayOptions()
        {
            int radioPayload = RadioProfile.Create("xbee2", 0).MaxPayload;
            SnGatewayOptions o = new SnGatewayOptions();
            o.GatewayId = 1;
            o.MaxClients = 8;
            o.MaxLinks = 1;
            o.MaxRegisteredTopicsPerClient = 4;
            o.MaxBufferedWhileAsleep = 4;
            o.MaxPayload = radioPayload;
            o.MaxDatagramSize = radioPayload;
            o.MaxBrokerPacketSize = 512;
            o.AdvertiseIntervalMs = 900000;
            o.RetryIntervalMs = 10000;
            return o;
        }
    }
}
