//===- MinGRU.cpp - minGRU: seq against the loop and its roofline ---------===//
//
// Issue 4, target 2: minGRU (examples/min-gru.seq) at B = 8, T = 4096,
// D_in = D = 512 should run within 1.1x of its roofline: the two input
// projections at the measured oneDNN sgemm speed plus the scan at the
// measured triad bandwidth. Both parts are measured in each repetition: one
// dnnl_sgemm of x [T*B, D_in] by the stacked [W_z; W_h] [2D, D_in], and a
// 2-thread triad over arrays far larger than the caches, whose bandwidth
// charges the scan 12 bytes per element of h (it reads z and h~ and writes
// h). The peers measured beside it are the sequential
// C++ loop (per step: two sgemm calls, then the gate and the update) and
// seq through its C++ API. `--quick` uses T = 1024.
//
//===----------------------------------------------------------------------===//

#include "BenchMain.h"
#include "PyTorchPeer.h"
#include "SeqExamples.h"
#include "Sgemm.h"
#include "Triad.h"

#include <algorithm>
#include <cmath>
#include <string>

using namespace seq::bench;
using seq::runtime::DType;
using seq::runtime::Model;
using seq::runtime::RunResult;
using seq::runtime::Tensor;
using seq::runtime::TensorMap;

namespace {

constexpr int kThreads = 2;

struct MinGRUData : CaseData {
  int64_t T = 0, B = 0, D = 0;
  Tensor x;                  ///< [T, B, D]
  Tensor W_z, b_z, W_h, b_h; ///< [D, D] and [D]
};

MinGRUData &minGRUData(const std::string &name, int64_t T, int64_t B,
                       int64_t D) {
  return static_cast<MinGRUData &>(currentCase(name, [&] {
    auto data = std::make_unique<MinGRUData>();
    data->T = T;
    data->B = B;
    data->D = D;
    const double bound = 1.0 / std::sqrt(double(D));
    using seq::runtime::randomUniform;
    data->x = randomUniform(DType::F32, {T, B, D}, 1, -1.0, 1.0);
    data->W_z = randomUniform(DType::F32, {D, D}, 2, -bound, bound);
    data->b_z = randomUniform(DType::F32, {D}, 3, -bound, bound);
    data->W_h = randomUniform(DType::F32, {D, D}, 4, -bound, bound);
    data->b_h = randomUniform(DType::F32, {D}, 5, -bound, bound);
    return data;
  }));
}

/// The sequential loop; `z` and `hc` are [B, D] scratch, hs [T, B, D].
bool naiveMinGRU(const MinGRUData &data, float *z, float *hc, float *hs) {
  const int64_t T = data.T, B = data.B, D = data.D;
  for (int64_t t = 0; t < T; ++t) {
    const float *x = data.x.data<float>() + t * B * D;
    if (!linearWithBias(x, data.W_z.data<float>(), data.b_z.data<float>(), z, B,
                        D, D) ||
        !linearWithBias(x, data.W_h.data<float>(), data.b_h.data<float>(), hc,
                        B, D, D))
      return false;
    float *h = hs + t * B * D;
    const float *hPrev = t == 0 ? nullptr : h - B * D;
    for (int64_t i = 0; i < B * D; ++i) {
      float gate = 1.0f / (1.0f + std::exp(-z[i]));
      h[i] = (1 - gate) * (hPrev ? hPrev[i] : 0.0f) + gate * hc[i];
    }
  }
  return true;
}

/// The naive loop with its buffers.
struct NaiveMinGRU {
  Tensor z, hc, hs;
  NaiveMinGRU(int64_t T, int64_t B, int64_t D)
      : z(*Tensor::zeros(DType::F32, {B, D})),
        hc(*Tensor::zeros(DType::F32, {B, D})),
        hs(*Tensor::zeros(DType::F32, {T, B, D})) {}
  std::string run(const MinGRUData &data) {
    return naiveMinGRU(data, z.data<float>(), hc.data<float>(),
                       hs.data<float>())
               ? ""
               : "dnnl_sgemm failed";
  }
};

/// The roofline's buffers: the stacked weights, the projections' output,
/// and three triad arrays far larger than the caches (at least 128 MiB
/// each), so the scan is charged at DRAM bandwidth whatever T is.
struct Roofline {
  Tensor weights, projections, a, b, c;
  int64_t M, N, K, scanElements, triadElements;
  Roofline(const MinGRUData &data)
      : M(data.T * data.B), N(2 * data.D), K(data.D),
        scanElements(data.T * data.B * data.D),
        triadElements(std::max<int64_t>(scanElements, int64_t(32) << 20)) {
    weights = *Tensor::zeros(DType::F32, {N, K});
    std::copy(data.W_z.data<float>(), data.W_z.data<float>() + K * data.D,
              weights.data<float>());
    std::copy(data.W_h.data<float>(), data.W_h.data<float>() + K * data.D,
              weights.data<float>() + K * data.D);
    projections = *Tensor::zeros(DType::F32, {M, N});
    for (Tensor *t : {&a, &b, &c}) {
      *t = *Tensor::zeros(DType::F32, {triadElements});
      parallelFill(t->data<float>(), triadElements, 1.0f, kThreads);
    }
  }
  /// Seconds of one projection GEMM, and the triad's bandwidth in bytes/s.
  std::pair<double, double> measure(const MinGRUData &data) {
    double start = nowSeconds();
    linear(data.x.data<float>(), weights.data<float>(),
           projections.data<float>(), M, N, K);
    double gemm = nowSeconds() - start;
    start = nowSeconds();
    triad(a.data<float>(), b.data<float>(), c.data<float>(), 0.5f,
          triadElements, kThreads);
    double bandwidth =
        kTriadBytesPerElement * double(triadElements) / (nowSeconds() - start);
    return {gemm, bandwidth};
  }
};

void registerMinGRU(int64_t T, int64_t B, int64_t D,
                    const BenchOptions &options) {
  const std::string name = "min-gru B=" + std::to_string(B) +
                           " T=" + std::to_string(T) +
                           " D=" + std::to_string(D);

  auto roofline = std::make_shared<std::unique_ptr<Roofline>>();
  registerComputed(
      name, "roofline",
      [=](Counters &counters) {
        MinGRUData &data = minGRUData(name, T, B, D);
        if (!*roofline) {
          *roofline = std::make_unique<Roofline>(data);
          (*roofline)->measure(data); // Warm up.
        }
        auto [gemm, bandwidth] = (*roofline)->measure(data);
        Roofline &r = **roofline;
        double scan =
            kTriadBytesPerElement * double(r.scanElements) / bandwidth;
        counters["projections ms"] = gemm * 1e3;
        counters["projections GFLOP/s"] = gemmFlops(r.M, r.N, r.K) / gemm / 1e9;
        counters["scan ms"] = scan * 1e3;
        counters["triad GB/s"] = bandwidth / 1e9;
        return gemm + scan;
      },
      options, [roofline] { roofline->reset(); });

  registerImplementation(
      name, "naive loop",
      [=] {
        MinGRUData &data = minGRUData(name, T, B, D);
        auto naive = std::make_shared<std::unique_ptr<NaiveMinGRU>>();
        return Implementation{[=](Counters &) {
                                *naive = std::make_unique<NaiveMinGRU>(T, B, D);
                                return std::string();
                              },
                              [=, &data] { return (*naive)->run(data); }};
      },
      options);

  registerPyTorch(name, "pytorch loop", options);
  registerPyTorch(name, "pytorch log-space scan", options);
  if (!options.quick)
    registerPyTorch(name, "pytorch chunked scan (64)", options);

  for (const SeqBackend &backend : seqBackends())
    registerImplementation(
        name, backend.name,
        [=] {
          MinGRUData &data = minGRUData(name, T, B, D);
          auto model = std::make_shared<std::unique_ptr<Model>>();
          auto result = std::make_shared<RunResult>();
          // Built once: a TensorMap owns its tensors, so building it per call
          // would time a copy of the inputs.
          auto inputs = std::make_shared<TensorMap>();
          return Implementation{
              [=, &data](Counters &counters) {
                std::string error = compileExample(
                    "min-gru.seq", {{"D_in", D}, {"D", D}}, *model, backend);
                if (error.empty())
                  error = bindWeights(**model, {{"W_z", &data.W_z},
                                                {"b_z", &data.b_z},
                                                {"W_h", &data.W_h},
                                                {"b_h", &data.b_h}});
                *inputs = {{"x", data.x}};
                if (error.empty())
                  error = runSequence(**model, *inputs, *result);
                if (!error.empty())
                  return error;
                NaiveMinGRU reference(T, B, D);
                error = reference.run(data);
                if (!error.empty())
                  return error;
                counters["max |seq - naive|"] =
                    maxAbsDiff(result->outputs.at("h").data<float>(),
                               reference.hs.data<float>(), T * B * D);
                return std::string();
              },
              [=] { return runSequence(**model, *inputs, *result); },
              /*prepareWarmsUp=*/true};
        },
        options);
}

} // namespace

int main(int argc, char **argv) {
  BenchOptions options = parseOptions(argc, argv);
  registerMinGRU(options.quick ? 1024 : 4096, 8, 512, options);
  return runRegistered(argc, argv);
}
