//===- OneDNNRNN.h - oneDNN LSTM and LBR-GRU primitives ---------*- C++ -*-===//
//
// The vendor peer of issue 4 for the nonlinear cells: oneDNN 2.6's
// `lstm_forward` and `lbr_gru_forward` (the "linear before reset" GRU, whose
// maths are torch.nn.GRU's: r applied to W_hn h + b_hn) in forward_inference
// mode, one layer, left to right, with the weights in whatever layout the
// primitive prefers (reordered once, untimed). Only the primitive's
// execution is timed, as a user who keeps the primitive would run it.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BENCH_ONEDNNRNN_H
#define SEQ_BENCH_ONEDNNRNN_H

#include "NaiveRNN.h"

#include <cstdint>
#include <memory>
#include <string>

namespace seq::bench {

class OneDNNRNN {
public:
  /// A primitive for x: [T, B, I] -> h: [T, B, H] with seeded random weights
  /// and input (zero initial states), or null with `error` set to oneDNN's
  /// message.
  static std::unique_ptr<OneDNNRNN> create(Cell cell, int64_t T, int64_t B,
                                           int64_t inputSize,
                                           int64_t hiddenSize,
                                           std::string &error);
  ~OneDNNRNN();

  /// One execution over the whole sequence (waits for it to finish).
  void run();

  struct Impl;

private:
  explicit OneDNNRNN(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

} // namespace seq::bench

#endif // SEQ_BENCH_ONEDNNRNN_H
