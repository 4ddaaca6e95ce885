#include "HostHeap.h"

#include <cstdlib>
#include <cstring>

namespace
{
    size_t s_size = 10 * 1024 * 1024;
    unsigned char *s_heap = nullptr;

    unsigned char *Reserve()
    {
        if (s_heap == nullptr)
        {
            s_heap = static_cast<unsigned char *>(std::malloc(s_size));
            if (s_heap != nullptr)
            {
                std::memset(s_heap, 0xEA, s_size);
            }
        }
        return s_heap;
    }
} // namespace

void HostHeap_SetSize(size_t bytes)
{
    s_size = bytes;
}

size_t HostHeap_Size()
{
    return s_size;
}

// Called by the CLR (CLR_RT_Memory) for the managed heap.
void HeapLocation(unsigned char *&BaseAddress, unsigned int &SizeInBytes)
{
    BaseAddress = Reserve();
    SizeInBytes = BaseAddress != nullptr ? static_cast<unsigned int>(s_size) : 0;
}

