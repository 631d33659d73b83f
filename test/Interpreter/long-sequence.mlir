// RUN: seqc run %s --backend=interp --print-values | FileCheck %s
// RUN: seqc run %s --print-values --backend=llvm | FileCheck %s

// T = 4096 steps must run in well under a second: the interpreter is linear
// in T for recur and scan (and quadratic only where attention is).

// h_t = 0.5 h_{t-1} + 1 from h_0 = 0 converges to 2 (2 - 2^-t).
// CHECK: result0 = [2]
// The running sum of ones ends at T = 4096.
// CHECK: result1 = [4096]
// Causal attention with equal scores (q = 0) averages v[s] = s + 1 over
// s <= t: the last step gives (1 + ... + 4096) / 4096 = 2048.5.
// CHECK: result2 = [2048.5]
func.func @long() -> (tensor<f64>, tensor<1xf64>, tensor<1xf64>) {
  %c4096 = arith.constant 4096 : index
  %one = arith.constant dense<1.0> : tensor<f64>
  %x = seq.broadcast %one (%c4096) : tensor<f64> -> tensor<?x2x16xf64>
  %h0 = arith.constant dense<0.0> : tensor<2x16xf64>
  %half = arith.constant dense<0.5> : tensor<f64>
  %hT = seq.recur (%xt = %x : tensor<?x2x16xf64>)
      carry (%h = %h0 : tensor<2x16xf64>) -> (tensor<2x16xf64>) {
    %ah = seq.mul %half, %h : (tensor<f64>, tensor<2x16xf64>) -> tensor<2x16xf64>
    %hn = seq.add %ah, %xt : (tensor<2x16xf64>, tensor<2x16xf64>) -> tensor<2x16xf64>
    seq.yield %hn : tensor<2x16xf64>
  }
  %0 = seq.reduce mean %hT axes [0, 1] : tensor<2x16xf64> -> tensor<f64>

  %ones = seq.broadcast %one (%c4096) : tensor<f64> -> tensor<?xf64>
  %zero = arith.constant dense<0.0> : tensor<f64>
  %cum = seq.scan (%ones) init (%zero) : (tensor<?xf64>), (tensor<f64>) -> (tensor<?xf64>) {
  ^bb0(%l: tensor<f64>, %r: tensor<f64>):
    %c = seq.add %l, %r : (tensor<f64>, tensor<f64>) -> tensor<f64>
    seq.yield %c : tensor<f64>
  }
  %1 = seq.slice %cum [4095] [1] : tensor<?xf64> -> tensor<1xf64>

  %q = seq.broadcast %zero (%c4096) : tensor<f64> -> tensor<?x1x1x4xf64>
  %v = seq.reshape %cum (%c4096) : tensor<?xf64> -> tensor<?x1x1x1xf64>
  %o = seq.attention %q, %q, %v {causal, scale = 1.0 : f64} : (tensor<?x1x1x4xf64>, tensor<?x1x1x4xf64>, tensor<?x1x1x1xf64>) -> tensor<?x1x1x1xf64>
  %flat = seq.reshape %o (%c4096) : tensor<?x1x1x1xf64> -> tensor<?xf64>
  %2 = seq.slice %flat [4095] [1] : tensor<?xf64> -> tensor<1xf64>
  return %0, %1, %2 : tensor<f64>, tensor<1xf64>, tensor<1xf64>
}
