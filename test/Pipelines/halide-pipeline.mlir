// RUN: seq-opt --seq-halide-pipeline %s | FileCheck %s
// RUN: seq-opt --seq-halide-pipeline='matrix-chunk-size=4' %s | FileCheck %s --check-prefix=CHUNK4
// RUN: seq-opt --seq-halide-pipeline='parallelize-scans=false chunk-matrix-states=false' %s | FileCheck %s --check-prefix=SEQUENTIAL

// The Halide backend's pipeline stays at the seq level (the engine builds
// its kernel plan from what it leaves), computes matrix-state-linear
// recurrences chunkwise (seq-chunk-matrix-recurrences) and turns
// diagonal-linear recurrences into seq.linear_scan, which the engine runs as
// a chunked parallel scan. minGRU: h' = (1 - z) * h + z * c.

// CHECK-LABEL: func.func @min_gru
// CHECK: seq.linear_scan
// CHECK-NOT: seq.recur
// CHECK: return

// Without the optimizations (seqc --optimize=false, CompileOptions::optimize
// = false) the recurrences stay as written.
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

// Retention, S' = gamma * S + k v^T, o = q @ S': chunked with the cost
// model's 16 steps for a [4, 8] state (or the pipeline's matrix-chunk-size),
// batched matmuls, the state carried across chunks, the padded output cut
// back to T steps. The in-chunk decays (a diagonal-linear recurrence the
// chunk pass builds) become a linear scan.
// CHECK-LABEL: func.func @retention
// CHECK: %[[T:.*]] = tensor.dim %{{.*}}, %{{.*}} : tensor<?x3x2x4xf32>
// CHECK: seq.linear_scan
// CHECK: seq.matmul
// CHECK: %[[CH:.*]]:2 = seq.recur {{.*}} attributes {seq.chunk_size = 16 : i64}
// CHECK: tensor.extract_slice %{{.*}}[0, 0, 0, 0] [%[[T]], 3, 2, 8] [1, 1, 1, 1] : tensor<?x3x2x8xf32> to tensor<?x3x2x8xf32>
// CHECK: return %{{.*}}, %[[CH]]#0
// CHUNK4-LABEL: func.func @retention
// CHUNK4: seq.recur {{.*}} attributes {seq.chunk_size = 4 : i64}
// SEQUENTIAL-LABEL: func.func @retention
// SEQUENTIAL: seq.recur
// SEQUENTIAL-NOT: seq.chunk_size
// SEQUENTIAL-NOT: tensor.extract_slice
// SEQUENTIAL: return
func.func @retention(%gamma: tensor<2xf32>, %q: tensor<?x3x2x4xf32>, %k: tensor<?x3x2x4xf32>, %v: tensor<?x3x2x8xf32>, %s0: tensor<3x2x4x8xf32>) -> (tensor<?x3x2x8xf32>, tensor<3x2x4x8xf32>) {
  %sT, %o = seq.recur (%kt = %k : tensor<?x3x2x4xf32>, %vt = %v : tensor<?x3x2x8xf32>, %qt = %q : tensor<?x3x2x4xf32>) carry (%s = %s0 : tensor<3x2x4x8xf32>) -> (tensor<3x2x4x8xf32>, tensor<?x3x2x8xf32>) {
    %g = seq.reshape %gamma : tensor<2xf32> -> tensor<2x1x1xf32>
    %gs = seq.mul %g, %s : (tensor<2x1x1xf32>, tensor<3x2x4x8xf32>) -> tensor<3x2x4x8xf32>
    %kc = seq.reshape %kt : tensor<3x2x4xf32> -> tensor<3x2x4x1xf32>
    %vr = seq.reshape %vt : tensor<3x2x8xf32> -> tensor<3x2x1x8xf32>
    %kv = seq.mul %kc, %vr : (tensor<3x2x4x1xf32>, tensor<3x2x1x8xf32>) -> tensor<3x2x4x8xf32>
    %sn = seq.add %gs, %kv : (tensor<3x2x4x8xf32>, tensor<3x2x4x8xf32>) -> tensor<3x2x4x8xf32>
    %qr = seq.reshape %qt : tensor<3x2x4xf32> -> tensor<3x2x1x4xf32>
    %y = seq.matmul %qr, %sn : (tensor<3x2x1x4xf32>, tensor<3x2x4x8xf32>) -> tensor<3x2x1x8xf32>
    %o1 = seq.reshape %y : tensor<3x2x1x8xf32> -> tensor<3x2x8xf32>
    seq.yield %sn, %o1 : tensor<3x2x4x8xf32>, tensor<3x2x8xf32>
  }
  return %o, %sT : tensor<?x3x2x8xf32>, tensor<3x2x4x8xf32>
}
