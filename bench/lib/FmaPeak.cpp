//===- FmaPeak.cpp - The cores' multiply-add throughput -------------------===//
//
// See FmaPeak.h. Twelve chains: an FMA's latency (4 cycles) times two FMA
// ports needs at least eight, and twelve accumulators plus the two operands
// fit AVX2's sixteen registers as well as AVX-512's thirty-two.
//
//===----------------------------------------------------------------------===//

#include "FmaPeak.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace seq::bench {

namespace {
constexpr int kChains = 12;

#if defined(__AVX512F__)
using Vector = __m512;
constexpr int kLanes = 16;
inline Vector splat(float x) { return _mm512_set1_ps(x); }
inline Vector fma(Vector a, Vector b, Vector c) {
  return _mm512_fmadd_ps(a, b, c);
}
inline void store(float *to, Vector v) { _mm512_storeu_ps(to, v); }
#elif defined(__FMA__)
using Vector = __m256;
constexpr int kLanes = 8;
inline Vector splat(float x) { return _mm256_set1_ps(x); }
inline Vector fma(Vector a, Vector b, Vector c) {
  return _mm256_fmadd_ps(a, b, c);
}
inline void store(float *to, Vector v) { _mm256_storeu_ps(to, v); }
#else
// Elsewhere scalar chains, which the compiler may contract into FMAs.
using Vector = float;
constexpr int kLanes = 1;
inline Vector splat(float x) { return x; }
inline Vector fma(Vector a, Vector b, Vector c) { return a * b + c; }
inline void store(float *to, Vector v) { *to = v; }
#endif

float sum(Vector v) {
  float lanes[kLanes];
  store(lanes, v);
  float total = 0;
  for (float lane : lanes)
    total += lane;
  return total;
}
} // namespace

int64_t fmaFlopsPerIteration() { return 2 * kChains * kLanes; }

float fmaChainsSum() {
  // Chain c holds c in every lane: (0 + 1 + ... + 11) lanes.
  return float(kChains * (kChains - 1) / 2 * kLanes);
}

float fmaChains(int64_t iterations) {
  // a = a * 1 + 0 keeps the values finite and normal: no slow paths.
  Vector acc[kChains];
  for (int c = 0; c < kChains; ++c)
    acc[c] = splat(float(c));
  // Operands the compiler cannot see (it could fold x * 1 + 0 and then the
  // loop: LLVM rewrites fma(x, 1, z) to x + z).
  volatile float oneValue = 1.0f, zeroValue = 0.0f;
  Vector one = splat(oneValue), zero = splat(zeroValue);
  for (int64_t i = 0; i < iterations; ++i)
#pragma GCC unroll 12
    for (int c = 0; c < kChains; ++c)
      acc[c] = fma(acc[c], one, zero);
  float total = 0;
  for (int c = 0; c < kChains; ++c)
    total += sum(acc[c]);
  return total;
}

} // namespace seq::bench
