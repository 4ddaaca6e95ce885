#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Nano.DeviceTests.Support;
using Nano.Mqtt.Broker;

namespace Nano.DeviceTests.Broker
{
    /// <summary>What the broker takes of the heap at construction, with the board budgets.</summary>
    [TestClass]
    public class BrokerBudgetTests
    {
        private static BrokerEngine _kept;

        /// <summary>Heap taken by a new engine. Each attempt first collects the garbage of earlier tests and attempts
        /// (an ESP32-sized heap cannot hold it and the engine besides), then constructs a tiny engine that pays the
        /// runtime's type set-up and lookup caches; a construction during which a collection ran anyway is measured
        /// again.</summary>
        public static long Construct(BrokerOptions options)
        {
            for (int attempt = 0; attempt < 3; attempt++)
            {
                HeapProbe.Collect();
                _kept = new BrokerEngine(Budgets.Tiny());
                _kept = null;
                int collections = HeapProbe.CollectionCount();
                long before = HeapProbe.AllocatedBytes();
                _kept = new BrokerEngine(options);
                long bytes = HeapProbe.AllocatedBytes() - before;
                _kept = null;
                if (collections == HeapProbe.CollectionCount())
                {
                    System.Console.WriteLine("BrokerEngine construction: " + bytes.ToString() + " B");
                    return bytes;
                }
            }
            Assert.IsTrue(false, "a garbage collection ran during every construction");
            return 0;
        }

        [TestMethod]
        public void The_devkitc_broker_takes_at_most_32_KB_at_construction()
        {
            long bytes = Construct(Budgets.DevKitC());
            Assert.IsTrue(bytes <= 32 * 1024, "esp32-devkitc broker: " + bytes.ToString() + " B");
            Assert.IsTrue(bytes > 0, "the measurement saw the construction");
        }

        [TestMethod]
        public void The_sn_gateway_board_broker_share_takes_at_most_25_KB_at_construction()
        {
            long broker = Construct(Budgets.SnGateway());
            System.Console.WriteLine("esp32-sn-gateway broker " + broker.ToString() + " B");
            // The board's 40 KB for broker + gateway: GatewayMemoryDeviceTests.
            Assert.IsTrue(broker <= 25 * 1024, "esp32-sn-gateway broker: " + broker.ToString() + " B");
        }
    }
}
