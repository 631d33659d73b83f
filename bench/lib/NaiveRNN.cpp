//===- NaiveRNN.cpp - LSTM and GRU as the sequential C++ loop -------------===//

#include "NaiveRNN.h"

#include "Sgemm.h"

#include <cmath>
#include <cstring>

namespace seq::bench {

using runtime::DType;
using runtime::Tensor;

int gateCount(Cell cell) { return cell == Cell::LSTM ? 4 : 3; }

RNNWeights RNNWeights::random(Cell cell, int64_t inputSize, int64_t hiddenSize,
                              uint64_t seed) {
  const int64_t rows = gateCount(cell) * hiddenSize;
  const double bound = 1.0 / std::sqrt(double(hiddenSize));
  auto uniform = [&](runtime::Shape shape, uint64_t offset) {
    return runtime::randomUniform(DType::F32, std::move(shape), seed + offset,
                                  -bound, bound);
  };
  return {uniform({rows, inputSize}, 0), uniform({rows, hiddenSize}, 1),
          uniform({rows}, 2), uniform({rows}, 3)};
}

NaiveRNN::NaiveRNN(Cell cell, const RNNWeights &weights, int64_t batch)
    : cell(cell), weights(weights), batch(batch),
      inputSize(weights.weight_ih.dim(1)),
      hiddenSize(weights.weight_hh.dim(1)) {
  const int64_t rows = gateCount(cell) * hiddenSize;
  inputGates = *Tensor::zeros(DType::F32, {batch, rows});
  recurrentGates = *Tensor::zeros(DType::F32, {batch, rows});
  zeroState = *Tensor::zeros(DType::F32, {batch, hiddenSize});
  cellState = *Tensor::zeros(DType::F32, {batch, hiddenSize});
}

static float sigmoid(float v) { return 1.0f / (1.0f + std::exp(-v)); }

bool NaiveRNN::run(const float *x, int64_t T, float *hs) {
  const int64_t B = batch, I = inputSize, H = hiddenSize;
  const int64_t rows = gateCount(cell) * H;
  float *xg = inputGates.data<float>();
  float *hg = recurrentGates.data<float>();
  float *c = cellState.data<float>();
  std::memset(c, 0, sizeof(float) * B * H);
  for (int64_t t = 0; t < T; ++t) {
    const float *hPrev =
        t == 0 ? zeroState.data<float>() : hs + (t - 1) * B * H;
    float *h = hs + t * B * H;
    if (!linearWithBias(x + t * B * I, weights.weight_ih.data<float>(),
                        weights.bias_ih.data<float>(), xg, B, rows, I) ||
        !linearWithBias(hPrev, weights.weight_hh.data<float>(),
                        weights.bias_hh.data<float>(), hg, B, rows, H))
      return false;
    for (int64_t b = 0; b < B; ++b) {
      const float *xr = xg + b * rows, *hr = hg + b * rows;
      for (int64_t j = 0; j < H; ++j) {
        const int64_t k = b * H + j;
        if (cell == Cell::LSTM) {
          float i = sigmoid(xr[j] + hr[j]);
          float f = sigmoid(xr[H + j] + hr[H + j]);
          float g = std::tanh(xr[2 * H + j] + hr[2 * H + j]);
          float o = sigmoid(xr[3 * H + j] + hr[3 * H + j]);
          c[k] = f * c[k] + i * g;
          h[k] = o * std::tanh(c[k]);
        } else {
          float r = sigmoid(xr[j] + hr[j]);
          float z = sigmoid(xr[H + j] + hr[H + j]);
          float n = std::tanh(xr[2 * H + j] + r * hr[2 * H + j]);
          h[k] = (1 - z) * n + z * hPrev[k];
        }
      }
    }
  }
  return true;
}

} // namespace seq::bench
