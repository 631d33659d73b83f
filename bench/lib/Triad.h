//===- Triad.h - STREAM-style triad: memory bandwidth -----------*- C++ -*-===//
//
// The roofline of a scan is the DRAM bandwidth: h = a*h + b reads two floats
// and writes one per element, exactly like STREAM's triad a = b + s*c
// (J. McCalpin, "Memory Bandwidth and Machine Balance in Current High
// Performance Computers", IEEE TCCA Newsletter, 1995), which counts 12
// bytes per element. The triad runs on plain std::threads (not OpenMP) so
// it never shares a thread pool with oneDNN's GNU OpenMP or with seq's.
// `readPasses` is the same kind of limit for a recurrent cell at small
// batches: each step reads all recurrent weights, from wherever they stay.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BENCH_TRIAD_H
#define SEQ_BENCH_TRIAD_H

#include <cstdint>

namespace seq::bench {

/// STREAM's bytes per triad element: two 4-byte reads and one 4-byte write.
constexpr double kTriadBytesPerElement = 12;

/// a[i] = b[i] + s * c[i] for i < n, split into `threads` contiguous parts.
void triad(float *a, const float *b, const float *c, float s, int64_t n,
           int threads);

/// Reads w[0, n) `passes` times, each of `threads` threads its contiguous
/// part every pass, as a recurrent step's product reads its share of the
/// weights at every step; returns a sum of what it read (so that the loads
/// stay). Its bytes over its time: the bandwidth of wherever the parts stay
/// between passes (L2 when they fit, else L3 or DRAM).
float readPasses(const float *w, int64_t n, int64_t passes, int threads);

/// Sets a[i] = value with `threads` threads, each touching the part it
/// later works on (first touch places the pages).
void parallelFill(float *a, int64_t n, float value, int threads);

} // namespace seq::bench

#endif // SEQ_BENCH_TRIAD_H
