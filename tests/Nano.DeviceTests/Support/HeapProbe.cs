#if NANOFRAMEWORK_1_0
using System.Runtime.CompilerServices;
#endif

namespace Nano.DeviceTests.Support
{
    /// <summary>
    /// Reads the allocation state of the runtime the tests run on. On the nanoCLR interpreter the
    /// figures come from the managed heap itself (bytes in use, garbage included, and the number of
    /// garbage collections), so two readings are comparable only while no collection ran between
    /// them. On .NET the allocated-bytes counter of the current thread is used.
    /// </summary>
    public static class HeapProbe
    {
        /// <summary>Bytes allocated so far; only differences between two readings mean anything.</summary>
        public static long AllocatedBytes()
        {
#if NANOFRAMEWORK_1_0
            return (long)HeapInUseBytes();
#else
            return System.GC.GetAllocatedBytesForCurrentThread();
#endif
        }

        /// <summary>Garbage collections so far (0 on .NET, where the counter above survives collections).</summary>
        public static int CollectionCount()
        {
#if NANOFRAMEWORK_1_0
            return (int)GarbageCollections();
#else
            return 0;
#endif
        }

#if NANOFRAMEWORK_1_0
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern uint HeapInUseBytes();

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern uint GarbageCollections();
#endif
    }
}
