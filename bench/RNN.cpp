//===- RNN.cpp - LSTM and GRU inference: seq against oneDNN and the loop --===//
//
// Issue 4, target 3: LSTM and GRU inference (one layer, I = H, zero initial
// states) at H in {256, 1024}, B in {1, 8, 64}, T = 1024 should be at least
// as fast as oneDNN 2.6's `lstm_forward` / `lbr_gru_forward` primitives at
// every shape. Measured: seq compiling examples/lstm.seq and
// examples/gru.seq through its C++ API (and checked against the loop), the
// sequential C++ loop (NaiveRNN), and oneDNN. `--quick` runs H = 256 at
// B = 1 and 8.
//
// At B = 1 and 8 a step's products are too small to be bound by the
// multiply-adds: every step reads all recurrent weights (G*H x H floats)
// from wherever they stay between steps. "weights stream bound" times just
// that read, T times on 2 threads, each its half: no implementation that
// reads the weights at every step beats it by more than what the cores' L2
// caches can keep of them.
//
//===----------------------------------------------------------------------===//

#include "BenchMain.h"
#include "NaiveRNN.h"
#include "OneDNNRNN.h"
#include "PyTorchPeer.h"
#include "SeqExamples.h"
#include "Sgemm.h"
#include "Triad.h"

#include <string>

using namespace seq::bench;
using seq::runtime::DType;
using seq::runtime::Model;
using seq::runtime::RunResult;
using seq::runtime::Tensor;
using seq::runtime::TensorMap;

namespace {

struct RNNData : CaseData {
  Cell cell = Cell::LSTM;
  int64_t T = 0, B = 0, H = 0;
  RNNWeights weights;
  Tensor x; ///< [T, B, H]
};

RNNData &rnnData(const std::string &name, Cell cell, int64_t T, int64_t B,
                 int64_t H) {
  return static_cast<RNNData &>(currentCase(name, [&] {
    auto data = std::make_unique<RNNData>();
    data->cell = cell;
    data->T = T;
    data->B = B;
    data->H = H;
    data->weights = RNNWeights::random(cell, H, H, 7);
    data->x = seq::runtime::randomUniform(DType::F32, {T, B, H}, 1, -1.0, 1.0);
    return data;
  }));
}

/// The naive loop with its output buffer.
struct Naive {
  NaiveRNN rnn;
  Tensor hs;
  Naive(const RNNData &data)
      : rnn(data.cell, data.weights, data.B),
        hs(*Tensor::zeros(DType::F32, {data.T, data.B, data.H})) {}
  std::string run(const RNNData &data) {
    return rnn.run(data.x.data<float>(), data.T, hs.data<float>())
               ? ""
               : "dnnl_sgemm failed";
  }
};

/// What the weight stream read, kept so that its reads are.
volatile float weightStreamSum;

/// The time to read `floats` recurrent weights at each of T steps.
void registerWeightStream(const std::string &name, int64_t floats, int64_t T,
                          const BenchOptions &options) {
  constexpr int kThreads = 2;
  registerImplementation(
      name, "weights stream bound",
      [=] {
        auto weights = std::make_shared<Tensor>();
        return Implementation{
            [=](Counters &) {
              *weights = *Tensor::zeros(DType::F32, {floats});
              parallelFill(weights->data<float>(), floats, 1.0f, kThreads);
              return std::string();
            },
            [=] {
              weightStreamSum =
                  readPasses(weights->data<float>(), floats, T, kThreads);
              return std::string();
            }};
      },
      options, double(T) * double(floats) * sizeof(float));
}

void registerRNN(Cell cell, int64_t H, int64_t B, int64_t T,
                 const BenchOptions &options) {
  const bool lstm = cell == Cell::LSTM;
  const std::string name =
      std::string(lstm ? "lstm" : "gru") + " H=" + std::to_string(H) +
      " B=" + std::to_string(B) + " T=" + std::to_string(T);
  // Input and recurrent products; the gates are not counted.
  const double flops = 2 * gemmFlops(T * B, gateCount(cell) * H, H);

  registerImplementation(
      name, lstm ? "oneDNN lstm_forward" : "oneDNN lbr_gru_forward",
      [=] {
        rnnData(name, cell, T, B, H);
        auto primitive = std::make_shared<std::unique_ptr<OneDNNRNN>>();
        return Implementation{[=](Counters &) {
                                std::string error;
                                *primitive =
                                    OneDNNRNN::create(cell, T, B, H, H, error);
                                return error;
                              },
                              [=] {
                                (*primitive)->run();
                                return std::string();
                              }};
      },
      options, 0, flops);

  if (B <= 8)
    registerWeightStream(name, gateCount(cell) * H * H, T, options);

  registerImplementation(
      name, "naive loop",
      [=] {
        RNNData &data = rnnData(name, cell, T, B, H);
        auto naive = std::make_shared<std::unique_ptr<Naive>>();
        return Implementation{[=, &data](Counters &) {
                                *naive = std::make_unique<Naive>(data);
                                return std::string();
                              },
                              [=, &data] { return (*naive)->run(data); }};
      },
      options, 0, flops);

  registerPyTorch(name, lstm ? "pytorch nn.LSTM" : "pytorch nn.GRU", options,
                  flops);

  for (const SeqBackend &backend : seqBackends())
    registerImplementation(
        name, backend.name,
        [=] {
          RNNData &data = rnnData(name, cell, T, B, H);
          auto model = std::make_shared<std::unique_ptr<Model>>();
          auto result = std::make_shared<RunResult>();
          // Built once: a TensorMap owns its tensors, so building it per call
          // would time a copy of the inputs.
          auto inputs = std::make_shared<TensorMap>();
          return Implementation{
              [=, &data](Counters &counters) {
                std::string error =
                    compileExample(lstm ? "lstm.seq" : "gru.seq",
                                   {{"I", H}, {"H", H}}, *model, backend);
                const RNNWeights &w = data.weights;
                if (error.empty())
                  error = bindWeights(**model, {{"weight_ih_l0", &w.weight_ih},
                                                {"weight_hh_l0", &w.weight_hh},
                                                {"bias_ih_l0", &w.bias_ih},
                                                {"bias_hh_l0", &w.bias_hh}});
                *inputs = {{"x", data.x}};
                if (error.empty())
                  error = runSequence(**model, *inputs, *result);
                if (!error.empty())
                  return error;
                Naive reference(data);
                error = reference.run(data);
                if (!error.empty())
                  return error;
                counters["max |seq - naive|"] =
                    maxAbsDiff(result->outputs.at("h").data<float>(),
                               reference.hs.data<float>(), T * B * H);
                return std::string();
              },
              [=] { return runSequence(**model, *inputs, *result); },
              /*prepareWarmsUp=*/true};
        },
        options, 0, flops);
}

} // namespace

int main(int argc, char **argv) {
  BenchOptions options = parseOptions(argc, argv);
  const int64_t T = 1024;
  for (Cell cell : {Cell::LSTM, Cell::GRU}) {
    for (int64_t H : {256, 1024}) {
      for (int64_t B : {1, 8, 64}) {
        // Quick: the small shapes, where every implementation takes a few
        // seconds at most.
        if (options.quick && (H != 256 || B == 64))
          continue;
        registerRNN(cell, H, B, T, options);
      }
    }
  }
  return runRegistered(argc, argv);
}
