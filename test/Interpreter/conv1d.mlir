// RUN: seqc run %s --backend=interp --print-values | FileCheck %s
// RUN: seqc run %s --print-values --backend=llvm | FileCheck %s

// Causal depthwise convolution: y[t] = bias + sum_j w[j] x[t - K + 1 + j],
// zeros before the first step; w[K - 1] multiplies the current step.
// x = [1, 2, 3] (T = 3, B = 1, C = 1):
//   w = [1, 1]:           [1, 1 + 2, 2 + 3]           = [1, 3, 5]
//   w = [2, 1], bias 0.5: [0.5 + 1, 0.5 + 2 + 2, 0.5 + 4 + 3] = [1.5, 4.5, 7.5]
// CHECK: result0 = [1, 3, 5]
// CHECK: result1 = [1.5, 4.5, 7.5]
// Two channels with their own kernels, K = 3; channel 1 is x * 10 with
// w = [1, 0, 0] (a delay of two steps): [0, 0, 10].
// CHECK: result2 = [1, 0, 3, 0, 6, 10]
func.func @conv() -> (tensor<3x1x1xf64>, tensor<3x1x1xf64>, tensor<3x1x2xf64>) {
  %x = arith.constant dense<[[[1.0]], [[2.0]], [[3.0]]]> : tensor<3x1x1xf64>
  %w = arith.constant dense<[[1.0, 1.0]]> : tensor<1x2xf64>
  %0 = seq.conv1d %x, %w : (tensor<3x1x1xf64>, tensor<1x2xf64>) -> tensor<3x1x1xf64>
  %w2 = arith.constant dense<[[2.0, 1.0]]> : tensor<1x2xf64>
  %b = arith.constant dense<[0.5]> : tensor<1xf64>
  %1 = seq.conv1d %x, %w2, %b : (tensor<3x1x1xf64>, tensor<1x2xf64>, tensor<1xf64>) -> tensor<3x1x1xf64>
  // Channel 0: running sum over three steps (w = [1, 1, 1]): 1, 3, 6.
  %x2 = arith.constant dense<[[[1.0, 10.0]], [[2.0, 20.0]], [[3.0, 30.0]]]> : tensor<3x1x2xf64>
  %w3 = arith.constant dense<[[1.0, 1.0, 1.0], [1.0, 0.0, 0.0]]> : tensor<2x3xf64>
  %2 = seq.conv1d %x2, %w3 : (tensor<3x1x2xf64>, tensor<2x3xf64>) -> tensor<3x1x2xf64>
  return %0, %1, %2 : tensor<3x1x1xf64>, tensor<3x1x1xf64>, tensor<3x1x2xf64>
}
