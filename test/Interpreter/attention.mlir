// RUN: seqc run %s --backend=interp --print-values | FileCheck %s
// RUN: seqc run %s --print-values --backend=llvm | FileCheck %s

// T = S = 2, B = 1, one head of dimension 1, values v = [3, 7].
// Keys k = [100, 0] with q = 1 make position 0 dominate where it is allowed:
//   full:   both queries read v[0] = 3
//   causal: t = 0 reads v[0] = 3; t = 1 still reads v[0] = 3
//   causal, window 1: each step reads only itself: [3, 7]
// CHECK: result0 = [3, 3]
// CHECK: result1 = [3, 3]
// CHECK: result2 = [3, 7]
// Keys k = [0, ln 3] with scale 1: weights 1/4, 3/4, o = 3/4 + 21/4 = 6; the
// same with keys 2k and scale 0.5. Causal: t = 0 reads only v[0] = 3.
// CHECK: result3 = [6, 6]
// CHECK: result4 = [3, 6]
// Grouped heads: H = 2 query heads share G = 1 key/value head; query head 0
// (q = 1) prefers k = 100 (v = 7), head 1 (q = -1) prefers k = 0 (v = 3).
// CHECK: result5 = [7, 3, 7, 3]
func.func @attention() -> (tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>,
    tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>,
    tensor<2x1x2x1xf64>) {
  %q = arith.constant dense<1.0> : tensor<2x1x1x1xf64>
  %k = arith.constant dense<[[[[100.0]]], [[[0.0]]]]> : tensor<2x1x1x1xf64>
  %v = arith.constant dense<[[[[3.0]]], [[[7.0]]]]> : tensor<2x1x1x1xf64>
  %0 = seq.attention %q, %k, %v {scale = 1.0 : f64} : (tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>) -> tensor<2x1x1x1xf64>
  %1 = seq.attention %q, %k, %v {causal, scale = 1.0 : f64} : (tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>) -> tensor<2x1x1x1xf64>
  %2 = seq.attention %q, %k, %v {causal, scale = 1.0 : f64, window = 1 : i64} : (tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>) -> tensor<2x1x1x1xf64>
  %k3 = arith.constant dense<[[[[0.0]]], [[[1.0986122886681098]]]]> : tensor<2x1x1x1xf64>
  %3 = seq.attention %q, %k3, %v {scale = 1.0 : f64} : (tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>) -> tensor<2x1x1x1xf64>
  %k9 = arith.constant dense<[[[[0.0]]], [[[2.1972245773362196]]]]> : tensor<2x1x1x1xf64>
  %4 = seq.attention %q, %k9, %v {causal, scale = 0.5 : f64} : (tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>) -> tensor<2x1x1x1xf64>
  %qg = arith.constant dense<[[[[1.0], [-1.0]]], [[[1.0], [-1.0]]]]> : tensor<2x1x2x1xf64>
  %kg = arith.constant dense<[[[[0.0]]], [[[100.0]]]]> : tensor<2x1x1x1xf64>
  %5 = seq.attention %qg, %kg, %v {scale = 1.0 : f64} : (tensor<2x1x2x1xf64>, tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>) -> tensor<2x1x2x1xf64>
  return %0, %1, %2, %3, %4, %5 : tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>,
      tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>, tensor<2x1x1x1xf64>,
      tensor<2x1x2x1xf64>
}
