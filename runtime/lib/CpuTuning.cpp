//===- CpuTuning.cpp - Choices that depend on the CPU running the code ----===//

#include "seq/Runtime/CpuTuning.h"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace {
/// Whether the CPU's vendor string (CPUID leaf 0) is Intel's.
bool readIsIntel() {
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

/// readIsIntel(), read once (no guarded static: AOT programs link no C++
/// library): 0 unread, 1 no, 2 yes.
bool isIntel() {
  static int cached = 0;
  int known = __atomic_load_n(&cached, __ATOMIC_RELAXED);
  if (known == 0) {
    known = readIsIntel() ? 2 : 1;
    __atomic_store_n(&cached, known, __ATOMIC_RELAXED);
  }
  return known == 2;
}
} // namespace

extern "C" int64_t seq_scan_min_tile_bytes(void) {
  return isIntel() ? 512 : 4096;
}

extern "C" int64_t seq_step_row_prefetch_lines(void) {
  return isIntel() ? int64_t(1) << 30 : 64;
}
