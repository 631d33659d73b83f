//===- Denormals.cpp - Flushing denormal floats in a scan's reduce --------===//

#include "seq/Runtime/Denormals.h"

#if defined(__x86_64__)
#include <xmmintrin.h>
#endif

namespace {
#if defined(__x86_64__)
/// MXCSR's flush-to-zero (bit 15) and denormals-are-zero (bit 6) flags.
constexpr unsigned kFlushBits = 0x8040;
#endif
} // namespace

extern "C" int32_t seq_flush_denormals_begin(void) {
#if defined(__x86_64__)
  unsigned saved = _mm_getcsr();
  _mm_setcsr(saved | kFlushBits);
  return int32_t(saved);
#else
  return 0;
#endif
}

extern "C" void seq_flush_denormals_end(int32_t saved) {
#if defined(__x86_64__)
  _mm_setcsr(unsigned(saved));
#else
  (void)saved;
#endif
}
