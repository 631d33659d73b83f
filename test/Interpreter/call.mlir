// RUN: seqc run %s --backend=interp --entry=main --print-values | FileCheck %s

// func.call runs the callee on the caller's values; index arithmetic gives
// dynamic sizes.

func.func private @affine(%x: tensor<?xf64>, %a: tensor<f64>) -> tensor<?xf64> {
  %ax = seq.mul %a, %x : (tensor<f64>, tensor<?xf64>) -> tensor<?xf64>
  %one = arith.constant dense<1.0> : tensor<f64>
  %y = seq.add %ax, %one : (tensor<?xf64>, tensor<f64>) -> tensor<?xf64>
  return %y : tensor<?xf64>
}

// 3 * [1, 2, 4] + 1 = [4, 7, 13], then 2 * that + 1 = [9, 15, 27].
// (12 / 4 - 1) * 2 + 3 % 2 = 5 elements of 0.5 from the size arithmetic.
// CHECK: result0 = [9, 15, 27]
// CHECK: result1: [5]
// CHECK: result1 = [0.5, 0.5, 0.5, 0.5, 0.5]
func.func @main() -> (tensor<3xf64>, tensor<?xf64>) {
  %x = arith.constant dense<[1.0, 2.0, 4.0]> : tensor<3xf64>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<3xf64>
  %xd = seq.reshape %x (%n) : tensor<3xf64> -> tensor<?xf64>
  %three = arith.constant dense<3.0> : tensor<f64>
  %two = arith.constant dense<2.0> : tensor<f64>
  %y = func.call @affine(%xd, %three) : (tensor<?xf64>, tensor<f64>) -> tensor<?xf64>
  %z = func.call @affine(%y, %two) : (tensor<?xf64>, tensor<f64>) -> tensor<?xf64>
  %r = seq.reshape %z : tensor<?xf64> -> tensor<3xf64>

  %c12 = arith.constant 12 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %q = arith.divsi %c12, %c4 : index
  %q1 = arith.subi %q, %c1 : index
  %q2 = arith.muli %q1, %c2 : index
  %m = arith.remsi %c3, %c2 : index
  %size = arith.addi %q2, %m : index
  %half = arith.constant dense<0.5> : tensor<f64>
  %b = seq.broadcast %half (%size) : tensor<f64> -> tensor<?xf64>
  return %r, %b : tensor<3xf64>, tensor<?xf64>
}
