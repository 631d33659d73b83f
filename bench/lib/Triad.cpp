//===- Triad.cpp - STREAM-style triad: the machine's memory bandwidth -----===//
//
// See Triad.h. The loop is left to the compiler's vectorizer (-march=native),
// as STREAM does; at arrays far larger than the caches it is DRAM-bound.
//
//===----------------------------------------------------------------------===//

#include "Triad.h"

#include <mutex>
#include <thread>
#include <vector>

namespace seq::bench {

namespace {
/// Runs body(begin, end) over [0, n) split into `threads` contiguous parts
/// whose bounds are multiples of 16 floats (one cache line).
template <class Body> void splitOver(int64_t n, int threads, Body body) {
  if (threads <= 1) {
    body(int64_t(0), n);
    return;
  }
  std::vector<std::thread> workers;
  int64_t part = (n / threads + 15) / 16 * 16;
  for (int i = 0; i < threads; ++i) {
    int64_t begin = std::min(n, i * part);
    int64_t end = i + 1 == threads ? n : std::min(n, begin + part);
    workers.emplace_back([=] { body(begin, end); });
  }
  for (std::thread &worker : workers)
    worker.join();
}
} // namespace

void triad(float *__restrict a, const float *__restrict b,
           const float *__restrict c, float s, int64_t n, int threads) {
  splitOver(n, threads, [=](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i)
      a[i] = b[i] + s * c[i];
  });
}

float readPasses(const float *w, int64_t n, int64_t passes, int threads) {
  float total = 0;
  std::mutex totalMutex;
  splitOver(n, threads, [&](int64_t begin, int64_t end) {
    // Independent lanes: the loop vectorizes without reassociating a sum,
    // with enough accumulators to issue a load every cycle.
    constexpr int64_t kLanes = 128;
    float lanes[kLanes] = {};
    for (int64_t pass = 0; pass < passes; ++pass) {
      int64_t i = begin;
      for (; i + kLanes <= end; i += kLanes)
        for (int64_t j = 0; j < kLanes; ++j)
          lanes[j] += w[i + j];
      for (; i < end; ++i)
        lanes[0] += w[i];
    }
    float sum = 0;
    for (float lane : lanes)
      sum += lane;
    std::lock_guard<std::mutex> lock(totalMutex);
    total += sum;
  });
  return total;
}

void parallelFill(float *a, int64_t n, float value, int threads) {
  splitOver(n, threads, [=](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i)
      a[i] = value;
  });
}

} // namespace seq::bench
