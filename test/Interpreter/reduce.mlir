// RUN: seqc run %s --backend=interp --print-values | FileCheck %s
// RUN: seqc run %s --print-values --backend=llvm | FileCheck %s

// m = [[1, 2, 3], [4, 5, 6]]
// Row sums, column means (kept as [1, 3]), the overall max, row minima.
// CHECK: result0 = [6, 15]
// CHECK: result1: [1, 3]
// CHECK: result1 = [2.5, 3.5, 4.5]
// CHECK: result2: []
// CHECK: result2 = [6]
// CHECK: result3 = [1, 4]
// softmax of [0, ln 2] is [1/3, 2/3]; shifted by 1000 it must not overflow.
// CHECK: result4 = [0.333333, 0.666667, 0.333333, 0.666667]
// softmax along axis 0 of [[0, 0], [ln 3, 0]]: [[1/4, 1/2], [3/4, 1/2]]
// CHECK: result5 = [0.25, 0.5, 0.75, 0.5]
// rms_norm of [3, 4]: rms = sqrt(12.5) = 3.535534; times weight [1, 2].
// CHECK: result6 = [0.848528, 2.26274]
// layer_norm of [1, 3]: mean 2, biased variance 1; plus bias [0, 10].
// CHECK: result7 = [-1, 11]
func.func @reductions() -> (tensor<2xf64>, tensor<1x3xf64>, tensor<f64>,
    tensor<2xf64>, tensor<2x2xf64>, tensor<2x2xf64>, tensor<1x2xf64>,
    tensor<1x2xf64>) {
  %m = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf64>
  %0 = seq.reduce sum %m axes [1] : tensor<2x3xf64> -> tensor<2xf64>
  %1 = seq.reduce mean %m axes [0] keep_dims : tensor<2x3xf64> -> tensor<1x3xf64>
  %2 = seq.reduce max %m axes [0, 1] : tensor<2x3xf64> -> tensor<f64>
  %3 = seq.reduce min %m axes [-1] : tensor<2x3xf64> -> tensor<2xf64>
  %logits = arith.constant dense<[[0.0, 0.6931471805599453], [1000.0, 1000.6931471805599]]> : tensor<2x2xf64>
  %4 = seq.softmax %logits axis -1 : tensor<2x2xf64>
  %cols = arith.constant dense<[[0.0, 0.0], [1.0986122886681098, 0.0]]> : tensor<2x2xf64>
  %5 = seq.softmax %cols axis 0 : tensor<2x2xf64>
  %x = arith.constant dense<[[3.0, 4.0]]> : tensor<1x2xf64>
  %w = arith.constant dense<[1.0, 2.0]> : tensor<2xf64>
  %6 = seq.rms_norm %x, %w {epsilon = 0.0 : f64} : (tensor<1x2xf64>, tensor<2xf64>) -> tensor<1x2xf64>
  %y = arith.constant dense<[[1.0, 3.0]]> : tensor<1x2xf64>
  %ones = arith.constant dense<1.0> : tensor<2xf64>
  %b = arith.constant dense<[0.0, 10.0]> : tensor<2xf64>
  %7 = seq.layer_norm %y, %ones, %b {epsilon = 0.0 : f64} : (tensor<1x2xf64>, tensor<2xf64>, tensor<2xf64>) -> tensor<1x2xf64>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<2xf64>, tensor<1x3xf64>,
      tensor<f64>, tensor<2xf64>, tensor<2x2xf64>, tensor<2x2xf64>,
      tensor<1x2xf64>, tensor<1x2xf64>
}
