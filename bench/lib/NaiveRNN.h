//===- NaiveRNN.h - LSTM and GRU as the sequential C++ loop -----*- C++ -*-===//
//
// The "naive sequential loop" peer of issue 4 for the nonlinear cells: what
// a C++ programmer writes first. Every time step makes two sgemm calls
// (x_t W_ihᵀ and h_{t-1} W_hhᵀ, through oneDNN's dnnl_sgemm) and then one
// plain loop over the gates. The maths and the weight layout are
// torch.nn.LSTM's and torch.nn.GRU's (LSTM gates i, f, g, o; GRU r, z, n
// with r applied to W_hn h + b_hn), the same as examples/lstm.seq and
// examples/gru.seq, so the same weights give the same outputs.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BENCH_NAIVERNN_H
#define SEQ_BENCH_NAIVERNN_H

#include "seq/Runtime/Tensor.h"

#include <cstdint>

namespace seq::bench {

enum class Cell { LSTM, GRU };

/// The number of gates stacked along the weights' rows (4 for LSTM, 3 for
/// GRU).
int gateCount(Cell cell);

/// One layer's params in PyTorch's state-dict names and layouts.
struct RNNWeights {
  runtime::Tensor weight_ih; ///< [G*H, I]
  runtime::Tensor weight_hh; ///< [G*H, H]
  runtime::Tensor bias_ih;   ///< [G*H]
  runtime::Tensor bias_hh;   ///< [G*H]

  /// Seeded uniform values in ±1/sqrt(H), PyTorch's initialization range.
  static RNNWeights random(Cell cell, int64_t inputSize, int64_t hiddenSize,
                           uint64_t seed);
};

/// Runs a cell over a sequence with buffers allocated once.
class NaiveRNN {
public:
  NaiveRNN(Cell cell, const RNNWeights &weights, int64_t batch);

  /// x: [T, B, I]; writes every h_t to hs: [T, B, H]. The initial states
  /// are zero. Returns false when an sgemm fails.
  bool run(const float *x, int64_t T, float *hs);

private:
  Cell cell;
  const RNNWeights &weights;
  int64_t batch, inputSize, hiddenSize;
  runtime::Tensor inputGates;     ///< [B, G*H]: x_t W_ihᵀ + b_ih
  runtime::Tensor recurrentGates; ///< [B, G*H]: h_{t-1} W_hhᵀ + b_hh
  runtime::Tensor zeroState;      ///< [B, H]: h_{-1}
  runtime::Tensor cellState;      ///< [B, H]: LSTM's c
};

} // namespace seq::bench

#endif // SEQ_BENCH_NAIVERNN_H
