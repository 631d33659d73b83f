// RUN: seq-opt --seq-halide-pipeline %s | FileCheck %s
// RUN: seq-opt --seq-halide-pipeline='parallelize-scans=false' %s | FileCheck %s --check-prefix=SEQUENTIAL

// The Halide backend's pipeline stays at the seq level (the engine builds
// its kernel plan from what it leaves) and turns diagonal-linear
// recurrences into seq.linear_scan, which the engine runs as a chunked
// parallel scan. minGRU: h' = (1 - z) * h + z * c.

// CHECK-LABEL: func.func @min_gru
// CHECK: seq.linear_scan
// CHECK-NOT: seq.recur
// CHECK: return

// Without the optimization (seqc --optimize=false, CompileOptions::optimize
// = false) the recurrence stays as written.
// SEQUENTIAL-LABEL: func.func @min_gru
// SEQUENTIAL: seq.recur
// SEQUENTIAL-NOT: seq.linear_scan
// SEQUENTIAL: return
func.func @min_gru(%z: tensor<?x2x16xf32>, %c: tensor<?x2x16xf32>, %h0: tensor<2x16xf32>) -> (tensor<2x16xf32>, tensor<?x2x16xf32>) {
  %one = arith.constant dense<1.0> : tensor<f32>
  %hT, %hs = seq.recur (%zt = %z : tensor<?x2x16xf32>, %ct = %c : tensor<?x2x16xf32>) carry (%h = %h0 : tensor<2x16xf32>) -> (tensor<2x16xf32>, tensor<?x2x16xf32>) {
    %a = seq.sub %one, %zt : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    %ah = seq.mul %a, %h : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    %zc = seq.mul %zt, %ct : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    %hn = seq.add %ah, %zc : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    seq.yield %hn, %hn : tensor<2x16xf32>, tensor<2x16xf32>
  }
  return %hT, %hs : tensor<2x16xf32>, tensor<?x2x16xf32>
}
