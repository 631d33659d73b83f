//===- ScanTiles.cpp - How a parallel linear scan splits ------------------===//

#include "seq/Runtime/ScanTiles.h"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace {
/// Whether the CPU's vendor string (CPUID leaf 0) is Intel's.
bool isIntel() {
#if defined(__x86_64__)
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid(0, &eax, &ebx, &ecx, &edx))
    return false;
  // "GenuineIntel" in EBX, EDX, ECX.
  return ebx == 0x756e6547 && edx == 0x49656e69 && ecx == 0x6c65746e;
#else
  return false;
#endif
}
} // namespace

extern "C" int64_t seq_scan_min_tile_bytes(void) {
  // Read once (no guarded static: AOT programs link no C++ library).
  static int64_t cached = 0;
  int64_t bytes = __atomic_load_n(&cached, __ATOMIC_RELAXED);
  if (bytes == 0) {
    bytes = isIntel() ? 512 : 4096;
    __atomic_store_n(&cached, bytes, __ATOMIC_RELAXED);
  }
  return bytes;
}
