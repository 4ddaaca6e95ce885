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

        private static long Construct(BrokerOptions options)
        {
            int collections = HeapProbe.CollectionCount();
            long before = HeapProbe.AllocatedBytes();
            _kept = new BrokerEngine(options);
            long bytes = HeapProbe.AllocatedBytes() - before;
            Assert.AreEqual(collections, HeapProbe.CollectionCount(), "a garbage collection ran during the construction");
            return bytes;
        }

        [TestMethod]
        public void The_devkitc_broker_takes_at_most_32_KB_at_construction()
        {
            long bytes = Construct(Budgets.DevKitC());
            Assert.IsTrue(bytes <= 32 * 1024, "esp32-devkitc broker: " + bytes.ToString() + " B");
            Assert.IsTrue(bytes > 0, "the measurement saw the construction");
        }

        [TestMethod]
        public void The_sn_gateway_board_broker_share_takes_at_most_24_KB_at_construction()
        {
            long bytes = Construct(Budgets.SnGateway());
            Assert.IsTrue(bytes <= 24 * 1024, "esp32-sn-gateway broker: " + bytes.ToString() + " B");
        }
    }
}
