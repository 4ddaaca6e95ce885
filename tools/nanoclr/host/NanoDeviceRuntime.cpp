// Native side of the managed assembly Nano.DeviceRuntime (tests/Nano.DeviceRuntime): what managed
// code running on this host may ask of it. The method order and the checksum are those the
// MetadataProcessor gives the assembly (see its .pdbx); a change of the InterpreterHost methods
// makes the load fail with "Invalid native checksum" until this table is updated.
#include <nanoCLR_Runtime.h>

#include "HostRun.h"

namespace
{
    // Bytes of managed heap in use, garbage included: the heap's payload minus its free lists.
    // Reading it runs no garbage collection.
    HRESULT HeapBytesInUse(CLR_RT_StackFrame &stack)
    {
        NANOCLR_HEADER();
        CLR_UINT32 total = 0;
        CLR_UINT32 freeBlocks = 0;
        NANOCLR_FOREACH_NODE(CLR_RT_HeapCluster, cluster, g_CLR_RT_ExecutionEngine.m_heap)
        {
            total += (CLR_UINT32)((CLR_UINT8 *)cluster->m_payloadEnd - (CLR_UINT8 *)cluster->m_payloadStart);
            NANOCLR_FOREACH_NODE(CLR_RT_HeapBlock_Node, node, cluster->m_freeList)
            {
                freeBlocks += node->DataSize();
            }
            NANOCLR_FOREACH_NODE_END();
        }
        NANOCLR_FOREACH_NODE_END();
        stack.SetResult_U4(total - freeBlocks * (CLR_UINT32)sizeof(struct CLR_RT_HeapBlock));
        NANOCLR_NOCLEANUP_NOLABEL();
    }

    HRESULT GarbageCollections(CLR_RT_StackFrame &stack)
    {
        NANOCLR_HEADER();
        stack.SetResult_U4(g_CLR_RT_GarbageCollector.m_numberOfGarbageCollections);
        NANOCLR_NOCLEANUP_NOLABEL();
    }

    HRESULT SetExitCode(CLR_RT_StackFrame &stack)
    {
        NANOCLR_HEADER();
        HostRun_SetExitCode(stack.Arg0().NumericByRef().s4);
        NANOCLR_NOCLEANUP_NOLABEL();
    }

    HRESULT Argument(CLR_RT_StackFrame &stack)
    {
        NANOCLR_HEADER();
        if (HostRun_Argument() == nullptr)
        {
            stack.SetResult_Object(nullptr);
        }
        else
        {
            NANOCLR_CHECK_HRESULT(stack.SetResult_String(HostRun_Argument()));
        }
        NANOCLR_NOCLEANUP();
    }

    // Indexed by the assembly's method definitions: first the constructor of the attribute class
    // the C# compiler embeds (RefSafetyRulesAttribute), then InterpreterHost's methods.
    const CLR_RT_MethodHandler c_methods[] = {
        nullptr,
        HeapBytesInUse,
        GarbageCollections,
        SetExitCode,
        Argument,
    };
} // namespace

extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_Nano_DeviceRuntime = {
    "Nano.DeviceRuntime",
    0x7F29D586,
    c_methods,
    {1, 0, 0, 0}};
