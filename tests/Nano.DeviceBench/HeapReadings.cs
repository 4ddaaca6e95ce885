#if HEAP_STATISTICS
using Nano.DeviceRuntime;
#endif

namespace Nano.DeviceBench
{
    /// <summary>
    /// Heap readings through the internal calls of the Nano interpreter host (tests/Nano.DeviceRuntime);
    /// -1 in a build without them (.NET, or a checkout without that project).
    /// </summary>
    public static class HeapReadings
    {
        /// <summary>Managed heap bytes in use, garbage included, read without collecting.</summary>
        public static long BytesInUse()
        {
#if HEAP_STATISTICS
            return InterpreterHost.HeapBytesInUse();
#else
            return -1;
#endif
        }

        /// <summary>Garbage collections so far.</summary>
        public static long Collections()
        {
#if HEAP_STATISTICS
            return InterpreterHost.GarbageCollections();
#else
            return -1;
#endif
        }
    }
}
