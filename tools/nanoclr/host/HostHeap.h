// The managed heap of the Nano host: its size is chosen on the command line (--heap), so a run
// can use a device-sized heap instead of the fixed 10 MB of the upstream posix target.
#pragma once
#include <cstddef>

void HostHeap_SetSize(size_t bytes);
size_t HostHeap_Size();
