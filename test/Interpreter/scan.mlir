// RUN: seqc run %s --backend=interp --entry=sum --print-values | FileCheck %s --check-prefix=SUM
// RUN: seqc run %s --backend=llvm --entry=sum --print-values | FileCheck %s --check-prefix=SUM
// RUN: seqc run %s --backend=interp --entry=linear --print-values | FileCheck %s --check-prefix=LINEAR
// RUN: seqc run %s --backend=llvm --entry=linear --print-values | FileCheck %s --check-prefix=LINEAR
// RUN: seqc run %s --backend=interp --entry=noncommutative --print-values | FileCheck %s --check-prefix=ORDER
// RUN: seqc run %s --backend=llvm --entry=noncommutative --print-values | FileCheck %s --check-prefix=ORDER

// seq.scan is the inclusive prefix scan acc[t] = combine(acc[t-1], elem[t])
// with acc[-1] = init.

// Running sums per batch column, from init [10, 0]:
//   column 0: 10 + 1 = 11, 13, 16; column 1: 0 + 10 = 10, 30, 60.
// SUM: result0 = [11, 10, 13, 30, 16, 60]
func.func @sum() -> tensor<3x2xf64> {
  %x = arith.constant dense<[[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]]> : tensor<3x2xf64>
  %init = arith.constant dense<[10.0, 0.0]> : tensor<2xf64>
  %s = seq.scan (%x) init (%init) : (tensor<3x2xf64>), (tensor<2xf64>) -> (tensor<3x2xf64>) {
  ^bb0(%l: tensor<2xf64>, %r: tensor<2xf64>):
    %c = seq.add %l, %r : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
    seq.yield %c : tensor<2xf64>
  }
  return %s : tensor<3x2xf64>
}

// The linear recurrence h_t = a_t h_{t-1} + b_t as a scan of pairs (a, b)
// with (a1, b1) . (a2, b2) = (a1 a2, a2 b1 + b2) and init (1, 0) (the
// identity). a = 0.5 at every step, b = [1, 2, 3]:
//   h = 1, 0.5 + 2 = 2.5, 1.25 + 3 = 4.25; products of a: 0.5, 0.25, 0.125.
// LINEAR: result0 = [0.5, 0.25, 0.125]
// LINEAR: result1 = [1, 2.5, 4.25]
func.func @linear() -> (tensor<3xf64>, tensor<3xf64>) {
  %a = arith.constant dense<0.5> : tensor<3xf64>
  %b = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf64>
  %one = arith.constant dense<1.0> : tensor<f64>
  %zero = arith.constant dense<0.0> : tensor<f64>
  %A, %H = seq.scan (%a, %b) init (%one, %zero)
      : (tensor<3xf64>, tensor<3xf64>), (tensor<f64>, tensor<f64>) -> (tensor<3xf64>, tensor<3xf64>) {
  ^bb0(%a1: tensor<f64>, %b1: tensor<f64>, %a2: tensor<f64>, %b2: tensor<f64>):
    %aa = seq.mul %a1, %a2 : (tensor<f64>, tensor<f64>) -> tensor<f64>
    %ab = seq.mul %a2, %b1 : (tensor<f64>, tensor<f64>) -> tensor<f64>
    %bb = seq.add %ab, %b2 : (tensor<f64>, tensor<f64>) -> tensor<f64>
    seq.yield %aa, %bb : tensor<f64>, tensor<f64>
  }
  return %A, %H : tensor<3xf64>, tensor<3xf64>
}

// The left operand is the accumulator: with combine(l, r) = 2 l + r (not
// commutative) from init 1 over [1, 2, 3]: 3, 8, 19. Swapped operands would
// give 2 + 1 = 3, 4 + 3 = 7, 6 + 7 = 13.
// ORDER: result0 = [3, 8, 19]
func.func @noncommutative() -> tensor<3xf64> {
  %x = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf64>
  %init = arith.constant dense<1.0> : tensor<f64>
  %s = seq.scan (%x) init (%init) : (tensor<3xf64>), (tensor<f64>) -> (tensor<3xf64>) {
  ^bb0(%l: tensor<f64>, %r: tensor<f64>):
    %two = arith.constant dense<2.0> : tensor<f64>
    %l2 = seq.mul %two, %l : (tensor<f64>, tensor<f64>) -> tensor<f64>
    %c = seq.add %l2, %r : (tensor<f64>, tensor<f64>) -> tensor<f64>
    seq.yield %c : tensor<f64>
  }
  return %s : tensor<3xf64>
}
