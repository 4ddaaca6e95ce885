#if NANOFRAMEWORK_1_0
using Nano.DeviceRuntime;
#endif

namespace Nano.DeviceTests.Support
{
    /// <summary>
    /// Reads the allocation state of the runtime the tests run on. On the nanoCLR interpreter the
    /// figures come from the managed heap itself (bytes in use, garbage included, and the number of
    /// garbage collections), read through the internal calls of the Nano interpreter host
    /// (tests/Nano.DeviceRuntime, which device firmware does not have), so two readings are
    /// comparable only while no collection ran between them. On .NET the allocated-bytes counter of
    /// the current thread is used.
    /// </summary>
    public static class HeapProbe
    {
        /// <summary>Bytes allocated so far; only differences between two readings mean anything.</summary>
        public static long AllocatedBytes()
        {
#if NANOFRAMEWORK_1_0
            return InterpreterHost.HeapBytesInUse();
#else
            return System.GC.GetAllocatedBytesForCurrentThread();
#endif
        }

        private static byte[] _ballast;

        /// <summary>Runs a garbage collection: on the interpreter (which offers no collect call) by allocating small
        /// arrays until one runs; on .NET through GC.Collect. The interpreter empties its lookup caches in a
        /// collection, so run the code under measurement once before measuring it.</summary>
        public static void Collect()
        {
#if NANOFRAMEWORK_1_0
            int before = CollectionCount();
            while (CollectionCount() == before)
            {
                _ballast = new byte[64];
            }
            _ballast = null;
#else
            System.GC.Collect();
#endif
        }

        /// <summary>Garbage collections so far (0 on .NET, where the counter above survives collections).</summary>
        public static int CollectionCount()
        {
#if NANOFRAMEWORK_1_0
            return (int)InterpreterHost.GarbageCollections();
#else
            return 0;
#endif
        }
    }
}
