// RUN: seqc run %s --backend=interp --print-values | FileCheck %s
// RUN: seqc run %s --print-values --backend=llvm | FileCheck %s

// Fewer queries than keys, as when decoding with a key/value cache: the T
// queries are the last T of the S positions. S = 3 keys k = [0, 100, 0]
// (q = 1 makes position 1 dominate where it is allowed), values [3, 5, 7].
//   one query (position 2), causal: reads every key, so v[1] = 5
//   one query, causal, window 1: reads only position 2: 7
//   two queries (positions 1 and 2), causal, window 1: [5, 7]
// CHECK: result0 = [5]
// CHECK: result1 = [7]
// CHECK: result2 = [5, 7]
func.func @attention_cache() -> (tensor<1x1x1x1xf64>, tensor<1x1x1x1xf64>,
    tensor<2x1x1x1xf64>) {
  %q1 = arith.constant dense<1.0> : tensor<1x1x1x1xf64>
  %q2 = arith.constant dense<1.0> : tensor<2x1x1x1xf64>
  %k = arith.constant dense<[[[[0.0]]], [[[100.0]]], [[[0.0]]]]> : tensor<3x1x1x1xf64>
  %v = arith.constant dense<[[[[3.0]]], [[[5.0]]], [[[7.0]]]]> : tensor<3x1x1x1xf64>
  %0 = seq.attention %q1, %k, %v {causal, scale = 1.0 : f64} : (tensor<1x1x1x1xf64>, tensor<3x1x1x1xf64>, tensor<3x1x1x1xf64>) -> tensor<1x1x1x1xf64>
  %1 = seq.attention %q1, %k, %v {causal, scale = 1.0 : f64, window = 1 : i64} : (tensor<1x1x1x1xf64>, tensor<3x1x1x1xf64>, tensor<3x1x1x1xf64>) -> tensor<1x1x1x1xf64>
  %2 = seq.attention %q2, %k, %v {causal, scale = 1.0 : f64, window = 1 : i64} : (tensor<2x1x1x1xf64>, tensor<3x1x1x1xf64>, tensor<3x1x1x1xf64>) -> tensor<2x1x1x1xf64>
  return %0, %1, %2 : tensor<1x1x1x1xf64>, tensor<1x1x1x1xf64>, tensor<2x1x1x1xf64>
}
