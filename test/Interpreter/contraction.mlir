// RUN: seqc run %s --backend=interp --print-values | FileCheck %s
// RUN: seqc run %s --print-values --backend=llvm | FileCheck %s

// x = [[1, 2], [3, 4]], W = [[1, 0], [0, 1], [1, 1]], b = [0, 0, 10]:
// y = x W^T + b = [[1, 2, 13], [3, 4, 17]]
// CHECK: result0 = [1, 2, 13, 3, 4, 17]
// [[1, 2], [3, 4]] @ [[5, 6], [7, 8]] = [[19, 22], [43, 50]]; batch 2 with
// the identity as the second right-hand side.
// CHECK: result1 = [19, 22, 43, 50, 1, 2, 3, 4]
// einsum "ij,jk->ik" is the same product.
// CHECK: result2 = [19, 22, 43, 50]
// "ij->ji" transposes, "ii->i" takes the diagonal, "ij,ij->" is the
// Frobenius product 5 + 12 + 21 + 32 = 70, "i,j->ij" the outer product.
// CHECK: result3 = [1, 3, 2, 4]
// CHECK: result4 = [1, 4]
// CHECK: result5: []
// CHECK: result5 = [70]
// CHECK: result6 = [5, 6, 10, 12]
// A batched contraction as linear attention reads a state S[b, k, v]:
// o[b, v] = sum_k q[b, k] S[b, k, v] with q = [[1, 2]], S = [[[1, 0], [0, 1]]]
// gives [1, 2]; reversed S [[0, 1], [1, 0]] in batch 1 with q = [3, 4] gives [4, 3].
// CHECK: result7 = [1, 2, 4, 3]
func.func @contractions() -> (tensor<2x3xf64>, tensor<2x2x2xf64>,
    tensor<2x2xf64>, tensor<2x2xf64>, tensor<2xf64>, tensor<f64>,
    tensor<2x2xf64>, tensor<2x2xf64>) {
  %x = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf64>
  %W = arith.constant dense<[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]> : tensor<3x2xf64>
  %b = arith.constant dense<[0.0, 0.0, 10.0]> : tensor<3xf64>
  %0 = seq.linear %x, %W, %b : (tensor<2x2xf64>, tensor<3x2xf64>, tensor<3xf64>) -> tensor<2x3xf64>
  %y = arith.constant dense<[[5.0, 6.0], [7.0, 8.0]]> : tensor<2x2xf64>
  %A = arith.constant dense<[[[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0], [3.0, 4.0]]]> : tensor<2x2x2xf64>
  %B = arith.constant dense<[[[5.0, 6.0], [7.0, 8.0]], [[1.0, 0.0], [0.0, 1.0]]]> : tensor<2x2x2xf64>
  %1 = seq.matmul %A, %B : (tensor<2x2x2xf64>, tensor<2x2x2xf64>) -> tensor<2x2x2xf64>
  %2 = seq.einsum "ij,jk->ik" %x, %y : (tensor<2x2xf64>, tensor<2x2xf64>) -> tensor<2x2xf64>
  %3 = seq.einsum "ij->ji" %x : (tensor<2x2xf64>) -> tensor<2x2xf64>
  %4 = seq.einsum "ii->i" %x : (tensor<2x2xf64>) -> tensor<2xf64>
  %5 = seq.einsum "ij,ij->" %x, %y : (tensor<2x2xf64>, tensor<2x2xf64>) -> tensor<f64>
  %u = arith.constant dense<[1.0, 2.0]> : tensor<2xf64>
  %v = arith.constant dense<[5.0, 6.0]> : tensor<2xf64>
  %6 = seq.einsum "i,j->ij" %u, %v : (tensor<2xf64>, tensor<2xf64>) -> tensor<2x2xf64>
  %q = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf64>
  %S = arith.constant dense<[[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]]]> : tensor<2x2x2xf64>
  %7 = seq.einsum "bk,bkv->bv" %q, %S : (tensor<2x2xf64>, tensor<2x2x2xf64>) -> tensor<2x2xf64>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<2x3xf64>, tensor<2x2x2xf64>,
      tensor<2x2xf64>, tensor<2x2xf64>, tensor<2xf64>, tensor<f64>,
      tensor<2x2xf64>, tensor<2x2xf64>
}
