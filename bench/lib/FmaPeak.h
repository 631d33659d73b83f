//===- FmaPeak.h - The cores' multiply-add throughput -----------*- C++ -*-===//
//
// The arithmetic roofline of a product: fused multiply-adds on the widest
// vectors the benchmarks are compiled for (-march=native), on registers
// only, enough independent chains to cover the FMA latency on every port.
// oneDNN's sgemm at 1024^3 reached 65-77% of it on the Xeon VM (300-347 of
// 430-463 GFLOP/s on 2 threads, 2026-12-07), so it is the bound for kernels
// of seq's own, and the sgemm row the bound for library calls.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BENCH_FMAPEAK_H
#define SEQ_BENCH_FMAPEAK_H

#include <cstdint>

namespace seq::bench {

/// Floating-point operations of one iteration of fmaChains (two per lane of
/// each chain's multiply-add).
int64_t fmaFlopsPerIteration();

/// Runs `iterations` rounds of independent multiply-adds (x * 1 + 0) on
/// registers on the calling thread; returns the sum of the chains' values
/// (so that they stay), which is fmaChainsSum().
float fmaChains(int64_t iterations);
float fmaChainsSum();

} // namespace seq::bench

#endif // SEQ_BENCH_FMAPEAK_H
