//===- MachineLimits.cpp - Memory bandwidth and GEMM throughput -----------===//
//
// The machine's own limits, the denominators of issue 4's rooflines: a
// STREAM-style triad on 2 threads (and on 1) over three arrays of 128 MiB,
// far beyond the caches, in GB/s; and oneDNN's sgemm in GFLOP/s at 1024^3
// and at the shapes of the projections the other benchmarks make (minGRU's
// stacked input projections, the LSTM's hoisted input product and its
// per-step recurrent product). `--quick` skips the larger LSTM shapes.
//
// And whether the machine runs two threads at once at all: the same chain of
// dependent additions on one thread and on each of two. On a VM whose two
// vCPUs share time on the host, two take far longer than one, and every
// 2-thread figure of the run (each step's barrier waits for a thread that
// lost its core) is off; bench/report.py warns.
//
// And the cores' arithmetic peak: multiply-adds on registers alone, on one
// thread and on each of two at once (FmaPeak.h), in GFLOP/s.
//
//===----------------------------------------------------------------------===//

#include "BenchMain.h"
#include "FmaPeak.h"
#include "PyTorchPeer.h"
#include "Sgemm.h"
#include "Triad.h"

#include "seq/Runtime/Tensor.h"

#include <algorithm>
#include <functional>
#include <string>
#include <thread>
#include <vector>

using namespace seq::bench;
using seq::runtime::DType;
using seq::runtime::Tensor;

namespace {

const char *kCase = "machine limits";

void registerTriad(int threads, int64_t n, const BenchOptions &options) {
  std::string name = "triad " + std::to_string(threads) + " thread" +
                     (threads > 1 ? "s" : "") + " (3 x " +
                     std::to_string(n * 4 >> 20) + " MiB)";
  registerImplementation(
      kCase, name,
      [=] {
        auto arrays = std::make_shared<std::vector<Tensor>>();
        return Implementation{
            [=](Counters &) {
              for (int i = 0; i < 3; ++i) {
                arrays->push_back(*Tensor::zeros(DType::F32, {n}));
                parallelFill(arrays->back().data<float>(), n, 1.0f + i,
                             threads);
              }
              return std::string();
            },
            [=] {
              triad((*arrays)[0].data<float>(), (*arrays)[1].data<float>(),
                    (*arrays)[2].data<float>(), 0.5f, n, threads);
              return std::string();
            }};
      },
      options, kTriadBytesPerElement * double(n));
}

/// A chain of dependent additions (latency-bound: two hardware threads of
/// one core would not slow each other).
double dependentAdds(int64_t count) {
  volatile double sum = 0;
  for (int64_t i = 0; i < count; ++i)
    sum = sum + 1e-9;
  return sum;
}

/// "WHAT, 1 thread" or "WHAT, N threads at once".
std::string atOnce(const std::string &what, int threads) {
  return what + ", " + std::to_string(threads) + " thread" +
         (threads > 1 ? "s at once" : "");
}

/// Runs body(i) for i < threads, each on a thread of its own, at once.
void runAtOnce(int threads, const std::function<void(int)> &body) {
  std::vector<std::thread> workers;
  for (int i = 0; i < threads; ++i)
    workers.emplace_back(body, i);
  for (std::thread &worker : workers)
    worker.join();
}

void registerConcurrency(int threads, const BenchOptions &options) {
  constexpr int64_t kAdds = int64_t(50) << 20;
  registerImplementation(
      kCase, atOnce("dependent adds", threads),
      [=] {
        return Implementation{[](Counters &) { return std::string(); },
                              [=] {
                                runAtOnce(threads,
                                          [](int) { dependentAdds(kAdds); });
                                return std::string();
                              }};
      },
      options);
}

/// `threads` threads at once, each running register-only multiply-adds for
/// about 50 ms at 235 GFLOP/s a core (the Xeon VM's).
void registerFmaPeak(int threads, const BenchOptions &options) {
  constexpr int64_t kIterations = int64_t(32) << 20;
  const double flops =
      double(threads) * double(kIterations) * double(fmaFlopsPerIteration());
  registerImplementation(
      kCase, atOnce("fma peak", threads),
      [=] {
        return Implementation{[](Counters &) { return std::string(); },
                              [=] {
                                std::vector<float> sums(threads);
                                runAtOnce(threads, [&sums](int i) {
                                  sums[i] = fmaChains(kIterations);
                                });
                                for (float sum : sums)
                                  if (sum != fmaChainsSum())
                                    return "the FMA chains summed to " +
                                           std::to_string(sum);
                                return std::string();
                              }};
      },
      options, 0, flops);
}

void registerSgemm(int64_t M, int64_t N, int64_t K, const std::string &what,
                   const BenchOptions &options) {
  std::string name = "sgemm M=" + std::to_string(M) +
                     " N=" + std::to_string(N) + " K=" + std::to_string(K);
  if (!what.empty())
    name += " (" + what + ")";
  const double flops = gemmFlops(M, N, K);
  // Small products take microseconds: time enough calls for ~20 ms.
  const int callsPerRun = int(std::max(1.0, 6e9 / flops));
  registerImplementation(
      kCase, name,
      [=] {
        auto x = std::make_shared<Tensor>(), w = std::make_shared<Tensor>(),
             y = std::make_shared<Tensor>();
        return Implementation{
            [=](Counters &) {
              using seq::runtime::randomUniform;
              *x = randomUniform(DType::F32, {M, K}, 1, -1.0, 1.0);
              *w = randomUniform(DType::F32, {N, K}, 2, -1.0, 1.0);
              *y = *Tensor::zeros(DType::F32, {M, N});
              return std::string();
            },
            [=] {
              return linear(x->data<float>(), w->data<float>(),
                            y->data<float>(), M, N, K)
                         ? ""
                         : "dnnl_sgemm failed";
            }};
      },
      options, 0, flops, callsPerRun);
}

} // namespace

int main(int argc, char **argv) {
  BenchOptions options = parseOptions(argc, argv);
  const int64_t triadElements = int64_t(32) << 20; // 128 MiB per array
  registerTriad(2, triadElements, options);
  registerTriad(1, triadElements, options);
  registerConcurrency(1, options);
  registerConcurrency(2, options);
  registerFmaPeak(1, options);
  registerFmaPeak(2, options);

  registerSgemm(1024, 1024, 1024, "", options);
  registerSgemm(8 * 4096, 2 * 512, 512, "min-gru projections", options);
  registerSgemm(8 * 1024, 4 * 256, 256, "lstm input, H=256 B=8", options);
  registerSgemm(8, 4 * 256, 256, "lstm step, H=256 B=8", options);
  if (!options.quick) {
    registerSgemm(8 * 1024, 4 * 1024, 1024, "lstm input, H=1024 B=8", options);
    registerSgemm(64 * 1024, 4 * 1024, 1024, "lstm input, H=1024 B=64",
                  options);
    for (int64_t B : {1, 8, 64})
      registerSgemm(B, 4 * 1024, 1024,
                    "lstm step, H=1024 B=" + std::to_string(B), options);
    for (int64_t B : {1, 64})
      registerSgemm(B, 4 * 256, 256, "lstm step, H=256 B=" + std::to_string(B),
                    options);
  }
  registerPyTorch(kCase, "pytorch matmul 1024^3", options,
                  gemmFlops(1024, 1024, 1024));
  return runRegistered(argc, argv);
}
