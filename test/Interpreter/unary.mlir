// RUN: seqc run %s --backend=interp --print-values | FileCheck %s
// RUN: seqc run %s --print-values --backend=llvm | FileCheck %s

// Every unary op on values whose results are known in closed form.

func.func @unary() -> (tensor<3xf64>, tensor<3xf64>, tensor<3xf64>,
    tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>,
    tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>,
    tensor<2xf64>, tensor<2xf64>) {
  %big = arith.constant dense<[-1000.0, 0.0, 1000.0]> : tensor<3xf64>
  %pm1 = arith.constant dense<[-1.0, 1.0]> : tensor<2xf64>
  %pos = arith.constant dense<[1.0, 100.0]> : tensor<2xf64>
  %sq = arith.constant dense<[4.0, 0.25]> : tensor<2xf64>
  %ang = arith.constant dense<[0.0, 1.5707963267948966]> : tensor<2xf64>

  // sigmoid saturates to exactly 0 and 1 without overflow; sigmoid(0) = 1/2.
  // CHECK: result0 = [0, 0.5, 1]
  %0 = seq.sigmoid %big : tensor<3xf64>
  // softplus(-1000) = 0, softplus(0) = ln 2, softplus(1000) = 1000 (no inf).
  // CHECK: result1 = [0, 0.693147, 1000]
  %1 = seq.softplus %big : tensor<3xf64>
  // tanh(-1000) = -1, tanh(0) = 0, tanh(1000) = 1
  // CHECK: result2 = [-1, 0, 1]
  %2 = seq.tanh %big : tensor<3xf64>
  // gelu(x) = x * (1 + erf(x / sqrt 2)) / 2; erf(1/sqrt 2) = 0.682689
  // CHECK: result3 = [-0.158655, 0.841345]
  %3 = seq.gelu %pm1 : tensor<2xf64>
  // silu(x) = x * sigmoid(x); sigmoid(1) = 0.731059, sigmoid(-1) = 0.268941
  // CHECK: result4 = [-0.268941, 0.731059]
  %4 = seq.silu %pm1 : tensor<2xf64>
  // elu(-1) = exp(-1) - 1
  // CHECK: result5 = [-0.632121, 1]
  %5 = seq.elu %pm1 : tensor<2xf64>
  // CHECK: result6 = [0, 1]
  %6 = seq.relu %pm1 : tensor<2xf64>
  // CHECK: result7 = [0, 4.60517]
  %7 = seq.log %pos : tensor<2xf64>
  // CHECK: result8 = [2.71828, 0.367879]
  %n = seq.neg %pm1 : tensor<2xf64>
  %8 = seq.exp %n : tensor<2xf64>
  // CHECK: result9 = [2, 0.5]
  %9 = seq.sqrt %sq : tensor<2xf64>
  // CHECK: result10 = [0.5, 2]
  %10 = seq.rsqrt %sq : tensor<2xf64>
  // CHECK: result11 = [0, 1]
  %11 = seq.sin %ang : tensor<2xf64>
  // cos(pi/2) is 6.1e-17 in doubles: add 1 to compare exactly.
  // CHECK: result12 = [2, 1]
  %c = seq.cos %ang : tensor<2xf64>
  %one = arith.constant dense<1.0> : tensor<f64>
  %12 = seq.add %c, %one : (tensor<2xf64>, tensor<f64>) -> tensor<2xf64>
  // abs of a real tensor is the absolute value.
  // CHECK: result13 = [1, 1]
  %13 = seq.abs %pm1 : tensor<2xf64> -> tensor<2xf64>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13 :
      tensor<3xf64>, tensor<3xf64>, tensor<3xf64>, tensor<2xf64>,
      tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>,
      tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>,
      tensor<2xf64>, tensor<2xf64>
}
