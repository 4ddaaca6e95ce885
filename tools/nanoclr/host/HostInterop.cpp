// The platform glue that the upstream posix target keeps in posix_stubs.cpp, written for this
// host: CLR debug output (where Console and Debug output arrive), the interop table of native
// assemblies (ours adds Nano.DeviceRuntime), and the configuration and wire-protocol entry points
// that have no meaning without a device.
#include <cstdarg>
#include <cstdio>
#include <cstring>

#include <nanoCLR_Runtime.h>
#include <nanoHAL_ConfigurationManager.h>

#include "HostRun.h"

namespace
{
    bool s_verbose = false;
    bool s_started = false;
    bool s_noEntryPoint = false;
    bool s_exitCodeSet = false;
    int s_exitCode = 0;
    const char *s_argument = nullptr;

    // Progress lines printed by the upstream startup code, and the name of each assembly as it
    // loads; shown only with --verbose. "Ready."
    // marks that every assembly loaded and resolved and the entry point is about to run.
    const char *const c_progress[] = {
        "Created EE.\r\n", "Started Hardware.\r\n", "Loading Assemblies.\r\n",
        "Loading Deployment Assemblies.\r\n", "Resolving.\r\n", "Ready.\r\n", "Done.\r\n", "Exiting.\r\n"};
    const char c_noEntryPoint[] = "Cannot find any entrypoint!\r\n";

    bool IsProgress(const char *text)
    {
        if (std::strncmp(text, "\r\nLoading nanoCLR v", 19) == 0 || std::strncmp(text, "   Assembly: ", 13) == 0)
        {
            return true;
        }
        for (const char *line : c_progress)
        {
            if (std::strcmp(text, line) == 0)
            {
                return true;
            }
        }
        return false;
    }
} // namespace

void HostRun_SetExitCode(int code)
{
    s_exitCodeSet = true;
    s_exitCode = code;
}

bool HostRun_ExitCodeSet()
{
    return s_exitCodeSet;
}

int HostRun_ExitCode()
{
    return s_exitCode;
}

bool HostRun_Started()
{
    return s_started;
}

void HostRun_SetArgument(const char *argument)
{
    s_argument = argument;
}

const char *HostRun_Argument()
{
    return s_argument;
}

bool HostRun_EntryPointFound()
{
    return !s_noEntryPoint;
}

// Verbose runs also show the startup progress and the size of every loaded assembly.
void HostRun_SetVerbose(bool verbose)
{
    s_verbose = verbose;
    s_CLR_RT_fTrace_AssemblyOverhead = verbose ? c_CLR_RT_Trace_Info : c_CLR_RT_Trace_None;
}

void CLR_Debug::Emit(const char *text, int len)
{
    if (text == nullptr)
    {
        return;
    }
    if (len < 0 && std::strcmp(text, c_noEntryPoint) == 0)
    {
        s_noEntryPoint = true;
    }
    if (len < 0 && IsProgress(text))
    {
        if (std::strcmp(text, "Ready.\r\n") == 0)
        {
            s_started = true;
        }
        if (!s_verbose)
        {
            return;
        }
    }
    if (len < 0)
    {
        std::fputs(text, stdout);
    }
    else
    {
        std::fwrite(text, 1, static_cast<size_t>(len), stdout);
    }
    std::fflush(stdout);
}

int CLR_Debug::PrintfV(const char *format, va_list arg)
{
    char buffer[1024];
    int n = std::vsnprintf(buffer, sizeof(buffer), format, arg);
    CLR_Debug::Emit(buffer, -1);
    return n;
}

int CLR_Debug::Printf(const char *format, ...)
{
    va_list arg;
    va_start(arg, format);
    int n = CLR_Debug::PrintfV(format, arg);
    va_end(arg);
    return n;
}

extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_mscorlib;
extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_nanoFramework_Runtime_Native;
extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_nanoFramework_System_Collections;
extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_nanoFramework_System_Text;
extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_System_Math;
extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_nanoFramework_Runtime_Events;
extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_nanoFramework_Runtime_Events_EventSink_DriverProcs;
extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_Nano_DeviceRuntime;

const CLR_RT_NativeAssemblyData *g_CLR_InteropAssembliesNativeData[] = {
    &g_CLR_AssemblyNative_mscorlib,
    &g_CLR_AssemblyNative_nanoFramework_Runtime_Native,
    &g_CLR_AssemblyNative_nanoFramework_System_Collections,
    &g_CLR_AssemblyNative_nanoFramework_System_Text,
    &g_CLR_AssemblyNative_System_Math,
    &g_CLR_AssemblyNative_nanoFramework_Runtime_Events,
    &g_CLR_AssemblyNative_nanoFramework_Runtime_Events_EventSink_DriverProcs,
    &g_CLR_AssemblyNative_Nano_DeviceRuntime,
    nullptr,
};
const uint16_t g_CLR_InteropAssembliesCount = ARRAYSIZE(g_CLR_InteropAssembliesNativeData) - 1;

extern "C" void ConfigurationManager_GetOemModelSku(char *model, size_t modelSkuSize)
{
    if (model != nullptr && modelSkuSize > 0)
    {
        hal_strncpy_s(model, modelSkuSize, "Nano host", modelSkuSize - 1);
    }
}

extern "C" void ConfigurationManager_GetModuleSerialNumber(char *serialNumber, size_t serialNumberSize)
{
    if (serialNumber != nullptr && serialNumberSize > 0)
    {
        hal_strncpy_s(serialNumber, serialNumberSize, "0", serialNumberSize - 1);
    }
}

extern "C" void ConfigurationManager_GetSystemSerialNumber(char *serialNumber, size_t serialNumberSize)
{
    if (serialNumber != nullptr && serialNumberSize > 0)
    {
        hal_strncpy_s(serialNumber, serialNumberSize, "0", serialNumberSize - 1);
    }
}

// No debugger transport: the wire protocol has nothing to receive or process.
extern "C" void WP_Message_PrepareReception()
{
}

extern "C" void WP_Message_Process()
{
}
