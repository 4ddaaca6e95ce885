#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Nano.DeviceTests.Support
{
    /// <summary>One step of a hot path whose allocations are measured.</summary>
    public delegate void Operation();

    /// <summary>Measures what a hot path allocates in steady state.</summary>
    public static class Allocation
    {
        /// <summary>
        /// Runs <paramref name="operation"/> <paramref name="warmups"/> times, then
        /// <paramref name="iterations"/> times between two heap readings, and returns the bytes
        /// allocated by the measured runs. Fails the test when a garbage collection ran in between,
        /// since the reading would then mean nothing.
        /// </summary>
        public static long Measure(Operation operation, int warmups, int iterations)
        {
            for (int i = 0; i < warmups; i++)
            {
                operation();
            }

            int collections = HeapProbe.CollectionCount();
            long before = HeapProbe.AllocatedBytes();
            for (int i = 0; i < iterations; i++)
            {
                operation();
            }

            long after = HeapProbe.AllocatedBytes();
            Assert.AreEqual(collections, HeapProbe.CollectionCount(), "a garbage collection ran during the measurement");
            return after - before;
        }
    }
}
