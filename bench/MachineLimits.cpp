//===- MachineLimits.cpp - Memory bandwidth and GEMM throughput -----------===//
//
// The machine's own limits, the denominators of issue 4's rooflines: a
// STREAM-style triad on 2 threads (and on 1) over three arrays of 128 MiB,
// far beyond the caches, in GB/s; and oneDNN's sgemm in GFLOP/s at 1024^3
// and at the shapes of the projections the other benchmarks make (minGRU's
// stacked input projections, the LSTM's hoisted input product and its
// per-step recurrent product). `--quick` skips the larger LSTM shapes.
//
//===----------------------------------------------------------------------===//

#include "BenchMain.h"
#include "PyTorchPeer.h"
#include "Sgemm.h"
#include "Triad.h"

#include "seq/Runtime/Tensor.h"

#include <algorithm>
#include <string>

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
