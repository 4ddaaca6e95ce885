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

        [TestMethod]
        public void Broker_and_gateway_with_the_esp32_sn_gateway_defaults_take_at_most_40_KB_at_construction()
        {
            BrokerOptions brokerOptions = Esp32SnGatewayBroker();
            SnGatewayOptions gatewayOptions = Esp32SnGatewayOptions();
            int collections = HeapProbe.CollectionCount();
            long start = HeapProbe.AllocatedBytes();
            BrokerEngine broker = new BrokerEngine(brokerOptions);
            long afterBroker = HeapProbe.AllocatedBytes();
            SnGateway gateway = new SnGateway(gatewayOptions, broker);
            long afterGateway = HeapProbe.AllocatedBytes();
            Assert.AreEqual(collections, HeapProbe.CollectionCount(), "a garbage collection ran during the measurement");
            long brokerBytes = afterBroker - start;
            long gatewayBytes = afterGateway - afterBroker;
            System.Console.WriteLine("esp32-sn-gateway defaults at construction: broker " + brokerBytes + " B, gateway " + gatewayBytes + " B, together " + (brokerBytes + gatewayBytes) + " B");
            Assert.IsTrue(gatewayBytes > 0 && gatewayBytes <= GatewayBudget, "gateway " + gatewayBytes.ToString() + " B (broker " + brokerBytes.ToString() + " B)");
            Assert.IsTrue(brokerBytes + gatewayBytes <= 40 * 1024, "broker + gateway " + (brokerBytes + gatewayBytes).ToString() + " B");
            Assert.AreEqual(0, gateway.ClientCount);
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
