// RUN: seqc run %s --backend=interp --entry=linear --print-values | FileCheck %s --check-prefix=LINEAR
// RUN: seqc run %s --backend=llvm --entry=linear --print-values | FileCheck %s --check-prefix=LINEAR
// RUN: seqc run %s --backend=interp --entry=gated --print-values | FileCheck %s --check-prefix=GATED
// RUN: seqc run %s --backend=llvm --entry=gated --print-values | FileCheck %s --check-prefix=GATED
// RUN: seqc run %s --backend=interp --entry=empty --print-values | FileCheck %s --check-prefix=EMPTY
// RUN: seqc run %s --backend=llvm --entry=empty --print-values | FileCheck %s --check-prefix=EMPTY

// seq.recur runs its body once per step on the step's slices and the states
// at t-1; its results are the final states, then the stacked per-step
// outputs.

// h_t = 0.5 * h_{t-1} + x_t with h_0 = [0, 4], x = [[1, 10], [2, 20], [3, 30]]:
//   h_1 = [1, 12], h_2 = [2.5, 26], h_3 = [4.25, 43].
// The second per-step output, h_{t-1} * x_t, reads the old state:
//   [0, 40], [2, 240], [7.5, 780].
// LINEAR: result0 = [4.25, 43]
// LINEAR: result1 = [1, 12, 2.5, 26, 4.25, 43]
// LINEAR: result2 = [0, 40, 2, 240, 7.5, 780]
func.func @linear() -> (tensor<2xf64>, tensor<3x2xf64>, tensor<3x2xf64>) {
  %x = arith.constant dense<[[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]]> : tensor<3x2xf64>
  %h0 = arith.constant dense<[0.0, 4.0]> : tensor<2xf64>
  // Defined above the recurrence: time-invariant, used directly in the body.
  %a = arith.constant dense<0.5> : tensor<f64>
  %hT, %hs, %ys = seq.recur (%xt = %x : tensor<3x2xf64>)
      carry (%h = %h0 : tensor<2xf64>)
      -> (tensor<2xf64>, tensor<3x2xf64>, tensor<3x2xf64>) {
    %ah = seq.mul %a, %h : (tensor<f64>, tensor<2xf64>) -> tensor<2xf64>
    %hn = seq.add %ah, %xt : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
    %y = seq.mul %h, %xt : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
    seq.yield %hn, %hn, %y : tensor<2xf64>, tensor<2xf64>, tensor<2xf64>
  }
  return %hT, %hs, %ys : tensor<2xf64>, tensor<3x2xf64>, tensor<3x2xf64>
}

// A minGRU-style update with two states: the step slice [z0, z1, c0, c1] is
// split into the gate z and the candidate c, h_t = (1 - z) * h_{t-1} + z * c,
// and a rank-0 counter n_t = n_{t-1} + 1 runs beside it.
//   t = 0: z = [0.5, 1], c = [4, 6], h = [2, 6]
//   t = 1: z = [0.5, 0], c = [8, 2], h = [0.5 * 2 + 0.5 * 8, 6] = [5, 6]
// GATED: result0 = [5, 6]
// GATED: result1 = [2]
// GATED: result2 = [2, 6, 5, 6]
func.func @gated() -> (tensor<2xf64>, tensor<f64>, tensor<2x2xf64>) {
  %x = arith.constant dense<[[0.5, 1.0, 4.0, 6.0], [0.5, 0.0, 8.0, 2.0]]> : tensor<2x4xf64>
  %h0 = arith.constant dense<0.0> : tensor<2xf64>
  %n0 = arith.constant dense<0.0> : tensor<f64>
  %hT, %nT, %hs = seq.recur (%xt = %x : tensor<2x4xf64>)
      carry (%h = %h0 : tensor<2xf64>, %n = %n0 : tensor<f64>)
      -> (tensor<2xf64>, tensor<f64>, tensor<2x2xf64>) {
    %one = arith.constant dense<1.0> : tensor<f64>
    %z, %c = seq.split %xt axis 0 : tensor<4xf64> -> tensor<2xf64>, tensor<2xf64>
    %keep = seq.sub %one, %z : (tensor<f64>, tensor<2xf64>) -> tensor<2xf64>
    %old = seq.mul %keep, %h : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
    %new = seq.mul %z, %c : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
    %hn = seq.add %old, %new : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
    %nn = seq.add %n, %one : (tensor<f64>, tensor<f64>) -> tensor<f64>
    seq.yield %hn, %nn, %hn : tensor<2xf64>, tensor<f64>, tensor<2xf64>
  }
  return %hT, %nT, %hs : tensor<2xf64>, tensor<f64>, tensor<2x2xf64>
}

// Zero steps: the final state is the initial one and the per-step output is
// an empty [0, 2] sequence.
// EMPTY: result0: [2]
// EMPTY: result0 = [7, 8]
// EMPTY: result1: [0, 2]
// EMPTY: result1 = []
func.func @empty() -> (tensor<2xf64>, tensor<0x2xf64>) {
  %x = arith.constant dense<> : tensor<0x2xf64>
  %h0 = arith.constant dense<[7.0, 8.0]> : tensor<2xf64>
  %hT, %hs = seq.recur (%xt = %x : tensor<0x2xf64>)
      carry (%h = %h0 : tensor<2xf64>) -> (tensor<2xf64>, tensor<0x2xf64>) {
    %hn = seq.add %h, %xt : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
    seq.yield %hn, %hn : tensor<2xf64>, tensor<2xf64>
  }
  return %hT, %hs : tensor<2xf64>, tensor<0x2xf64>
}
