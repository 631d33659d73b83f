//===- Scan.cpp - h = a*h + b: seq against the loop and the triad bound ---===//
//
// Issue 4, target 1: the first-order linear scan h_t = a_t * h_{t-1} + b_t
// over T = 65536 steps of D = 1024 channels (B = 1) should reach 0.80 of
// the memory bandwidth, counted as 12 bytes per element (read a and b,
// write h) like STREAM's triad. So the peer is a 2-thread triad over arrays
// of exactly the scan's size, measured in the same run: the time the scan
// would take at the machine's bandwidth. Also measured: the sequential C++
// loop (one thread) and seq through its C++ API on 1 and 2 threads, compiling
// examples/linear-scan.seq (whose recurrence the compiler turns into a
// parallel seq.linear_scan), and on its Halide backend (a chunked scan).
// `--quick` uses T = 16384 (still 192 MiB, far beyond the caches).
//
//===----------------------------------------------------------------------===//

#include "BenchMain.h"
#include "PyTorchPeer.h"
#include "SeqExamples.h"
#include "Triad.h"

#include <string>
#include <utility>
#include <vector>

using namespace seq::bench;
using seq::runtime::DType;
using seq::runtime::Model;
using seq::runtime::RunResult;
using seq::runtime::Tensor;
using seq::runtime::TensorMap;

namespace {

constexpr int kThreads = 2;

struct ScanData : CaseData {
  int64_t T = 0, D = 0;
  Tensor a, b; ///< [T, 1, D]: a in [0, 0.99), b in [-1, 1)
};

ScanData &scanData(const std::string &name, int64_t T, int64_t D) {
  return static_cast<ScanData &>(currentCase(name, [&] {
    auto data = std::make_unique<ScanData>();
    data->T = T;
    data->D = D;
    data->a = seq::runtime::randomUniform(DType::F32, {T, 1, D}, 1, 0.0, 0.99);
    data->b = seq::runtime::randomUniform(DType::F32, {T, 1, D}, 2, -1.0, 1.0);
    return data;
  }));
}

/// The sequential loop: h_t = a_t * h_{t-1} + b_t, h_{-1} = 0.
void naiveScan(const float *a, const float *b, float *h, int64_t T, int64_t D) {
  for (int64_t d = 0; d < D; ++d)
    h[d] = b[d];
  for (int64_t t = 1; t < T; ++t)
    for (int64_t d = 0; d < D; ++d)
      h[t * D + d] = a[t * D + d] * h[(t - 1) * D + d] + b[t * D + d];
}

void registerScan(int64_t T, int64_t D, const BenchOptions &options) {
  const std::string name =
      "scan T=" + std::to_string(T) + " D=" + std::to_string(D);
  const double bytes = kTriadBytesPerElement * double(T * D);

  registerImplementation(
      name, "triad bound",
      [=] {
        ScanData &data = scanData(name, T, D);
        auto out = std::make_shared<Tensor>();
        return Implementation{
            [=](Counters &) {
              *out = *Tensor::zeros(DType::F32, {T * D});
              parallelFill(out->data<float>(), T * D, 0, kThreads);
              return std::string();
            },
            [=, &data] {
              triad(out->data<float>(), data.a.data<float>(),
                    data.b.data<float>(), 0.5f, T * D, kThreads);
              return std::string();
            }};
      },
      options, bytes);

  registerImplementation(
      name, "naive loop",
      [=] {
        ScanData &data = scanData(name, T, D);
        auto h = std::make_shared<Tensor>();
        return Implementation{[=](Counters &) {
                                *h = *Tensor::zeros(DType::F32, {T * D});
                                return std::string();
                              },
                              [=, &data] {
                                naiveScan(data.a.data<float>(),
                                          data.b.data<float>(),
                                          h->data<float>(), T, D);
                                return std::string();
                              }};
      },
      options, bytes);

  registerPyTorch(name, "pytorch loop", options);
  registerPyTorch(name, "pytorch log-space scan", options);
  if (!options.quick)
    registerPyTorch(name, "pytorch chunked scan (64)", options);

  // seq on 1 thread and on kThreads (its recurrence becomes a parallel
  // seq.linear_scan), then on its Halide backends (Halide's thread pool:
  // one thread per core, kThreads here).
  std::vector<std::pair<SeqBackend, unsigned>> runs{
      {llvmBackend(), 1u}, {llvmBackend(), unsigned(kThreads)}};
  for (const SeqBackend &backend : seqBackends())
    if (backend.target != llvmBackend().target)
      runs.push_back({backend, unsigned(kThreads)});
  for (const auto &run : runs) {
    const SeqBackend backend = run.first;
    const unsigned threads = run.second;
    std::string impl =
        threads == unsigned(kThreads)
            ? backend.name
            : backend.name + " " + std::to_string(threads) + " thread";
    registerImplementation(
        name, impl,
        [=] {
          ScanData &data = scanData(name, T, D);
          auto model = std::make_shared<std::unique_ptr<Model>>();
          auto result = std::make_shared<RunResult>();
          // The inputs by name, built once: a TensorMap holds copies.
          auto inputs = std::make_shared<TensorMap>();
          return Implementation{
              [=, &data](Counters &counters) {
                *inputs = {{"a", data.a}, {"b", data.b}};
                std::string error =
                    compileModel("examples/linear-scan.seq", {{"D", D}},
                                 threads, *model, backend);
                if (error.empty())
                  error = runSequence(**model, *inputs, *result);
                if (!error.empty())
                  return error;
                // Check the result against the loop (an independent
                // reference) before timing it.
                Tensor expected = *Tensor::zeros(DType::F32, {T * D});
                naiveScan(data.a.data<float>(), data.b.data<float>(),
                          expected.data<float>(), T, D);
                counters["max |seq - naive|"] =
                    maxAbsDiff(result->outputs.at("h").data<float>(),
                               expected.data<float>(), T * D);
                return std::string();
              },
              [=] { return runSequence(**model, *inputs, *result); },
              /*prepareWarmsUp=*/true};
        },
        options, bytes);
  }
}

} // namespace

int main(int argc, char **argv) {
  BenchOptions options = parseOptions(argc, argv);
  registerScan(options.quick ? 16384 : 65536, 1024, options);
  return runRegistered(argc, argv);
}
