// nanoclr: runs .NET nanoFramework assemblies (.pe files) on the nanoCLR interpreter.
//
//   nanoclr [--heap BYTES] [--arg TEXT] [--verbose] mscorlib.pe [other.pe ...]
//
// Every .pe is loaded; the assembly with an entry point runs. Console output goes to stdout.
// --arg hands TEXT to managed code (Nano.DeviceRuntime.InterpreterHost.Argument).
// Exit code: the one managed code set through Nano.DeviceRuntime.InterpreterHost.SetExitCode,
// else 0 once the entry point returned; 2 for a bad command line or unreadable file, 3 when the
// assemblies do not load or resolve (a missing reference, a native checksum mismatch) or none
// has an entry point.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "HostHeap.h"
#include "HostRun.h"
#include "nanoCLR_native.h"

namespace
{
    constexpr int c_badUsage = 2;
    constexpr int c_loadFailed = 3;

    int Usage(const char *why)
    {
        std::fprintf(stderr, "nanoclr: %s\nusage: nanoclr [--heap BYTES[k|m]] [--arg TEXT] [--verbose] file.pe...\n", why);
        return c_badUsage;
    }

    // "90000", "96k", "10m"
    bool ParseSize(const char *text, size_t &bytes)
    {
        char *end = nullptr;
        unsigned long long value = std::strtoull(text, &end, 10);
        if (end == text)
        {
            return false;
        }
        if (*end == 'k' || *end == 'K')
        {
            value *= 1024;
            end++;
        }
        else if (*end == 'm' || *end == 'M')
        {
            value *= 1024 * 1024;
            end++;
        }
        if (*end != '\0' || value < 4096 || value > 0x7FFFFFFFull)
        {
            return false;
        }
        bytes = static_cast<size_t>(value);
        return true;
    }

    bool ReadFile(const std::string &path, std::vector<uint8_t> &data)
    {
        std::ifstream in(path, std::ios::binary);
        if (!in)
        {
            return false;
        }
        data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        return !data.empty();
    }
} // namespace

int main(int argc, char **argv)
{
    std::vector<std::string> files;
    bool verbose = false;
    for (int i = 1; i < argc; i++)
    {
        if (std::strcmp(argv[i], "--heap") == 0)
        {
            size_t bytes = 0;
            if (i + 1 >= argc || !ParseSize(argv[++i], bytes))
            {
                return Usage("--heap needs a size between 4096 and 2147483647 bytes");
            }
            HostHeap_SetSize(bytes);
        }
        else if (std::strcmp(argv[i], "--arg") == 0)
        {
            if (i + 1 >= argc)
            {
                return Usage("--arg needs a value");
            }
            HostRun_SetArgument(argv[++i]);
        }
        else if (std::strcmp(argv[i], "--verbose") == 0)
        {
            verbose = true;
        }
        else if (std::strlen(argv[i]) > 3 && std::strcmp(argv[i] + std::strlen(argv[i]) - 3, ".pe") == 0)
        {
            files.push_back(argv[i]);
        }
        else
        {
            return Usage((std::string("unexpected argument ") + argv[i]).c_str());
        }
    }
    if (files.empty())
    {
        return Usage("no .pe file given");
    }
    HostRun_SetVerbose(verbose);

    for (const std::string &path : files)
    {
        std::vector<uint8_t> data;
        if (!ReadFile(path, data))
        {
            std::fprintf(stderr, "nanoclr: cannot read %s\n", path.c_str());
            return c_badUsage;
        }
        std::u16string name(path.begin(), path.end());
        int hr = nanoCLR_LoadAssembly(name.c_str(), data.data(), data.size());
        if (hr != 0)
        {
            std::fprintf(stderr, "nanoclr: %s is not a valid assembly (hr=0x%08X)\n", path.c_str(), hr);
            return c_loadFailed;
        }
    }

    NANO_CLR_SETTINGS settings{};
    settings.MaxContextSwitches = 50;
    nanoCLR_Run(settings);
    std::fflush(stdout);

    if (!HostRun_Started())
    {
        std::fprintf(stderr, "nanoclr: the assemblies did not load or resolve (see the messages above)\n");
        return c_loadFailed;
    }
    if (!HostRun_EntryPointFound())
    {
        std::fprintf(stderr, "nanoclr: no assembly has an entry point (Main)\n");
        return c_loadFailed;
    }
    return HostRun_ExitCodeSet() ? HostRun_ExitCode() : 0;
}
