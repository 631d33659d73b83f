//===- TeamBarrier.cpp - The barrier of seq's parallel regions ------------===//
//
// A centralized sense-reversing barrier: the last thread to arrive resets
// the count and bumps the generation, the others wait for the bump. Uses
// nothing from the C++ library (AOT objects link into C programs).
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/TeamBarrier.h"

#include <sched.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace {
/// Pauses before a waiting thread starts yielding its core: about 0.1 ms,
/// longer than any step's imbalance, far shorter than a time slice.
constexpr int kSpinsBeforeYield = 4096;

/// The CPUs this process may run on (read once; at least 1).
int availableCpus() {
  static int cached = 0;
  int cpus = __atomic_load_n(&cached, __ATOMIC_RELAXED);
  if (cpus == 0) {
    cpu_set_t set;
    cpus = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
    cpus = cpus > 0 ? cpus : 1;
    __atomic_store_n(&cached, cpus, __ATOMIC_RELAXED);
  }
  return cpus;
}

void pause() {
#if defined(__x86_64__)
  _mm_pause();
#endif
}
} // namespace

extern "C" void seq_team_barrier(int64_t *, int64_t *state, int64_t offset,
                                 int64_t, int64_t, int32_t threads) {
  int64_t *count = state + offset;
  int64_t *generation = count + SEQ_TEAM_BARRIER_GENERATION;
  int64_t seen = __atomic_load_n(generation, __ATOMIC_ACQUIRE);
  if (__atomic_add_fetch(count, 1, __ATOMIC_ACQ_REL) >= threads) {
    // The last to arrive: every thread read `generation` before this bump.
    __atomic_store_n(count, 0, __ATOMIC_RELAXED);
    __atomic_store_n(generation, seen + 1, __ATOMIC_RELEASE);
    return;
  }
  // A team larger than the machine yields at once: the thread it waits for
  // may need this core (spinning first took 3 threads on 2 cores 8x longer
  // than libomp's barrier).
  int spinLimit = threads > availableCpus() ? 0 : kSpinsBeforeYield;
  for (int spins = 0; __atomic_load_n(generation, __ATOMIC_ACQUIRE) == seen;)
    if (spins < spinLimit) {
      ++spins;
      pause();
    } else {
      sched_yield();
    }
}
