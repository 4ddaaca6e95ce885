using System.Runtime.CompilerServices;

namespace Nano.DeviceRuntime
{
    /// <summary>
    /// Internal calls into the Nano interpreter host (tools/nanoclr). Keep the members and their
    /// order: the host's native table is matched to them by the assembly's native checksum.
    /// </summary>
    public static class InterpreterHost
    {
        /// <summary>Bytes of managed heap in use, garbage included; reading it runs no collection.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern uint HeapBytesInUse();

        /// <summary>Garbage collections since the interpreter started.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern uint GarbageCollections();

        /// <summary>The exit code of the host process once the program ends.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void SetExitCode(int code);

        /// <summary>The host's --arg value, or null.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern string Argument();
    }
}
