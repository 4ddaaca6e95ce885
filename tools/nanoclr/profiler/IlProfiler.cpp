// IL profiler for the interpreter host: counts, per managed method, the IL instructions the interpreter
// dispatches, the calls into it and the processor time until the next dispatch (which includes the native
// code the instruction runs: a call's frame set-up, Array.Copy, a garbage collection).
//
// Built only into the profiling interpreter (tools/nanoclr/profiler/CMakeLists.txt, used by
// tools/bench/interpreter-profile.sh): it is compiled with
// NANOCLR_TRACE_INSTRUCTIONS, which makes the interpreter loop call CLR_RT_Assembly::DumpOpcode before every
// instruction; this definition replaces the empty weak one of the diagnostics stub.
//
// SIGUSR1 clears the counters; SIGUSR2 appends them to the file named by NANO_IL_PROFILE as lines
//   <instructions> <ticks> <calls> <method name>
// after a line "=== dump". Both take effect at the next instruction, so a program that pauses at a mark lets
// a runner clear and dump around exactly the code between two marks.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "Core.h"

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
static inline unsigned long long Ticks() { return __rdtsc(); }
#else
static inline unsigned long long Ticks()
{
    timespec t;
    clock_gettime(CLOCK_MONOTONIC_RAW, &t);
    return (unsigned long long)t.tv_sec * 1000000000ULL + (unsigned long long)t.tv_nsec;
}
#endif

namespace
{
    constexpr int c_assemblies = 16;
    constexpr int c_methods = 8192;

    struct MethodCounters
    {
        unsigned long long instructions;
        unsigned long long ticks;
        unsigned long long calls;
    };

    MethodCounters s_counters[c_assemblies][c_methods];
    volatile sig_atomic_t s_request; // 1 = clear, 2 = dump then clear
    unsigned long long s_lastTicks;
    MethodCounters *s_last;

    void OnSignal(int signal)
    {
        s_request = signal == SIGUSR1 ? 1 : 2;
    }

    struct Installer
    {
        Installer()
        {
            std::signal(SIGUSR1, OnSignal);
            std::signal(SIGUSR2, OnSignal);
        }
    } s_installer;

    void Dump()
    {
        const char *path = std::getenv("NANO_IL_PROFILE");
        FILE *file = std::fopen(path != nullptr ? path : "nano-il-profile.txt", "a");
        if (file == nullptr)
        {
            return;
        }
        std::fprintf(file, "=== dump\n");
        for (int a = 0; a < c_assemblies; a++)
        {
            for (int m = 0; m < c_methods; m++)
            {
                const MethodCounters &c = s_counters[a][m];
                if (c.instructions == 0)
                {
                    continue;
                }
                char name[512];
                char *at = name;
                size_t room = sizeof(name);
                name[0] = 0;
                CLR_RT_MethodDef_Index method;
                method.Set(a, m);
                g_CLR_RT_TypeSystem.BuildMethodName(method, at, room);
                std::fprintf(file, "%llu %llu %llu %s\n", c.instructions, c.ticks, c.calls, name);
            }
        }
        std::fclose(file);
    }
}

void CLR_RT_Assembly::DumpOpcode(CLR_RT_StackFrame *stack, CLR_PMETADATA ip)
{
    CLR_UINT32 index = stack->m_call.m_data;
    MethodCounters *counters = &s_counters[(index >> 16) % c_assemblies][(index & 0xFFFF) % c_methods];
    unsigned long long now = Ticks();
    if (s_request != 0)
    {
        if (s_request == 2)
        {
            Dump();
        }
        std::memset(s_counters, 0, sizeof(s_counters));
        s_request = 0;
        s_last = nullptr;
        now = Ticks();
    }
    if (s_last != nullptr)
    {
        s_last->ticks += now - s_lastTicks;
    }
    s_last = counters;
    s_lastTicks = now;
    counters->instructions++;
    if (ip == stack->m_IPstart)
    {
        counters->calls++;
    }
}
