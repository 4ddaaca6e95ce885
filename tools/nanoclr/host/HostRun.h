// What the host learns while the CLR runs: whether the assemblies loaded and the entry point ran,
// the exit code managed code asked for (Nano.DeviceRuntime.InterpreterHost.SetExitCode), and the
// argument the command line passes to managed code (--arg).
#pragma once

void HostRun_SetExitCode(int code);
bool HostRun_ExitCodeSet();
int HostRun_ExitCode();
bool HostRun_Started();
bool HostRun_EntryPointFound();
void HostRun_SetVerbose(bool verbose);
void HostRun_SetArgument(const char *argument);
const char *HostRun_Argument();
