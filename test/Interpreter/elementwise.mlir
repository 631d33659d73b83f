// RUN: seqc run %s --backend=interp --print-values | FileCheck %s
// RUN: seqc run %s --print-values --backend=llvm | FileCheck %s

// Binary ops broadcast like numpy; unary ops use their stable forms.

func.func @elementwise() -> (tensor<2x3xf64>, tensor<2x3xf64>, tensor<2xf64>,
    tensor<2xf64>, tensor<2xf64>, tensor<2x2xf64>, tensor<3xf64>) {
  %m = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf64>
  %v = arith.constant dense<[10.0, 20.0, 30.0]> : tensor<3xf64>
  %s = arith.constant dense<2.0> : tensor<f64>
  %col = arith.constant dense<[[1.0], [2.0]]> : tensor<2x1xf64>
  %a = arith.constant dense<[1.0, -2.0]> : tensor<2xf64>
  %b = arith.constant dense<[0.0, 0.0]> : tensor<2xf64>
  %e = arith.constant dense<[2.0, 3.0]> : tensor<2xf64>

  // [[1,2,3],[4,5,6]] + [10,20,30]
  // CHECK: result0 = [11, 22, 33, 14, 25, 36]
  %0 = seq.add %m, %v : (tensor<2x3xf64>, tensor<3xf64>) -> tensor<2x3xf64>
  // 2 - m, then / [[1],[2]] (a column broadcast along rows)
  // CHECK: result1 = [1, 0, -1, -1, -1.5, -2]
  %d = seq.sub %s, %m : (tensor<f64>, tensor<2x3xf64>) -> tensor<2x3xf64>
  %1 = seq.div %d, %col : (tensor<2x3xf64>, tensor<2x1xf64>) -> tensor<2x3xf64>
  // CHECK: result2 = [1, 0]
  %2 = seq.max %a, %b : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
  // CHECK: result3 = [0, -2]
  %3 = seq.min %a, %b : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
  // [2, 3] ** 2 and 2 * [2, 3] summed: [4 + 4, 9 + 6]
  // CHECK: result4 = [8, 15]
  %p = seq.pow %e, %s : (tensor<2xf64>, tensor<f64>) -> tensor<2xf64>
  %q = seq.mul %s, %e : (tensor<f64>, tensor<2xf64>) -> tensor<2xf64>
  %4 = seq.add %p, %q : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
  // Outer sum by broadcasting [2,1] with [2]: [[1+1, 1-2], [2+1, 2-2]]
  // CHECK: result5 = [2, -1, 3, 0]
  %5 = seq.add %col, %a : (tensor<2x1xf64>, tensor<2xf64>) -> tensor<2x2xf64>
  // Rank-0 with rank-1, negated: -(2 * [10, 20, 30])
  // CHECK: result6 = [-20, -40, -60]
  %w = seq.mul %v, %s : (tensor<3xf64>, tensor<f64>) -> tensor<3xf64>
  %6 = seq.neg %w : tensor<3xf64>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<2x3xf64>, tensor<2x3xf64>,
      tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2x2xf64>, tensor<3xf64>
}
