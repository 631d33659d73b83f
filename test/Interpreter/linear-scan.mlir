// RUN: seqc run %s --backend=interp --entry=real --print-values | FileCheck %s --check-prefix=REAL
// RUN: seqc run %s --backend=interp --entry=rotate --print-values | FileCheck %s --check-prefix=ROTATE
// RUN: seqc run %s --backend=interp --entry=empty --print-values | FileCheck %s --check-prefix=EMPTY

// seq.linear_scan runs its body once per step for the coefficient a[t] and
// the offset b[t], and sets h[t] = a[t] * h[t-1] + b[t]; its results are the
// final state and the [T, ...] sequence of states.

// h_t = a_t * h_{t-1} + x_t with a = [[0.5, 0.5], [0.5, 0.5], [2, 0]],
// h_0 = [0, 4], x = [[1, 10], [2, 20], [3, 30]]:
//   h_1 = [1, 12], h_2 = [2.5, 26], h_3 = [8, 30].
// REAL: result0 = [8, 30]
// REAL: result1 = [1, 12, 2.5, 26, 8, 30]
func.func @real() -> (tensor<2xf64>, tensor<3x2xf64>) {
  %x = arith.constant dense<[[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]]> : tensor<3x2xf64>
  %a = arith.constant dense<[[0.5, 0.5], [0.5, 0.5], [2.0, 0.0]]> : tensor<3x2xf64>
  %h0 = arith.constant dense<[0.0, 4.0]> : tensor<2xf64>
  %hT, %hs = seq.linear_scan (%at = %a : tensor<3x2xf64>, %xt = %x : tensor<3x2xf64>)
      init %h0 : tensor<2xf64> -> (tensor<2xf64>, tensor<3x2xf64>) {
    seq.yield %at, %xt : tensor<2xf64>, tensor<2xf64>
  }
  return %hT, %hs : tensor<2xf64>, tensor<3x2xf64>
}

// A complex coefficient a = i, computed in the body from a value defined
// above, rotates h_0 = 1 by a quarter turn per step (b = 0):
//   h_1 = i, h_2 = -1, h_3 = -i.
// ROTATE: result0 = [0, -1]
// ROTATE: result1 = [0, 1, -1, 0, 0, -1]
func.func @rotate() -> (tensor<1xcomplex<f64>>, tensor<3x1xcomplex<f64>>) {
  %steps = arith.constant dense<0.0> : tensor<3xf64>
  %zero = arith.constant dense<0.0> : tensor<1xf64>
  %one = arith.constant dense<1.0> : tensor<1xf64>
  %h0 = seq.complex %one, %zero : (tensor<1xf64>, tensor<1xf64>) -> tensor<1xcomplex<f64>>
  %hT, %hs = seq.linear_scan (%s = %steps : tensor<3xf64>)
      init %h0 : tensor<1xcomplex<f64>> -> (tensor<1xcomplex<f64>>, tensor<3x1xcomplex<f64>>) {
    %a = seq.complex %zero, %one : (tensor<1xf64>, tensor<1xf64>) -> tensor<1xcomplex<f64>>
    %b = seq.complex %zero, %zero : (tensor<1xf64>, tensor<1xf64>) -> tensor<1xcomplex<f64>>
    seq.yield %a, %b : tensor<1xcomplex<f64>>, tensor<1xcomplex<f64>>
  }
  return %hT, %hs : tensor<1xcomplex<f64>>, tensor<3x1xcomplex<f64>>
}

// No step: the final state is the initial one and the sequence is empty.
// EMPTY: result0 = [7]
// EMPTY: result1 = []
func.func @empty() -> (tensor<1xf64>, tensor<0x1xf64>) {
  %x = arith.constant dense<0.0> : tensor<0x1xf64>
  %h0 = arith.constant dense<7.0> : tensor<1xf64>
  %hT, %hs = seq.linear_scan (%xt = %x : tensor<0x1xf64>)
      init %h0 : tensor<1xf64> -> (tensor<1xf64>, tensor<0x1xf64>) {
    seq.yield %xt, %xt : tensor<1xf64>, tensor<1xf64>
  }
  return %hT, %hs : tensor<1xf64>, tensor<0x1xf64>
}
