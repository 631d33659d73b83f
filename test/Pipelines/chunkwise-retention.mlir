// RUN: seq-opt %s --seq-cpu-pipeline --mlir-print-ir-after=seq-gemm-to-library 2>&1 >/dev/null | FileCheck %s

// Retention at the issue's head size (8 heads of 64), T and B dynamic, as
// the CPU pipeline leaves it before the loops: the chunks read q, k and v in
// place (an expand_shape of a slice, then one transpose each to the
// per-chunk layout; no padded copy), the products read K^T in place
// (transpose flags 1 and 2 of seq_sgemm_f32, no transpose of K), each
// overwrites its output (flag 4: no zero fill), their batches run as
// parallel loops, and no loop copies the output step by step.
// CHECK-LABEL: func.func @retention
// CHECK-SAME: (%[[GAMMA:.*]]: memref<8xf32>{{.*}}, %[[Q:.*]]: memref<?x?x8x64xf32>{{.*}}, %[[K:.*]]: memref<?x?x8x64xf32>{{.*}}, %[[V:.*]]: memref<?x?x8x64xf32>
// CHECK-NOT: memref.copy %[[K]]
// CHECK: %[[KS:.*]] = memref.subview %[[K]][0, 0, 0, 0]
// CHECK: %[[KX:.*]] = memref.expand_shape %[[KS]] {{\[}}[0, 1], [2], [3], [4]]
// CHECK: linalg.transpose ins(%[[KX]] : {{.*}}) outs(%{{.*}} : memref<?x?x8x32x64xf32>) permutation = [0, 2, 3, 1, 4]
// CHECK-NOT: permutation = [0, 1, 2, 4, 3]
// CHECK-NOT: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<?x32x32xf32>)
// CHECK: scf.parallel
// CHECK: %[[QK:.*]] = arith.constant 5 : i64
// CHECK: call @seq_sgemm_f32({{.*}}, %[[QK]])
// CHECK: scf.parallel
// CHECK: %[[KV:.*]] = arith.constant 6 : i64
// CHECK: call @seq_sgemm_f32({{.*}}, %[[KV]])
// CHECK: scf.parallel
// CHECK: arith.constant 4 : i64
// CHECK: call @seq_sgemm_f32
// CHECK: scf.parallel
// CHECK: arith.constant 4 : i64
// CHECK: call @seq_sgemm_f32
// CHECK-NOT: linalg.transpose ins(%{{.*}}) outs(%{{.*}}) permutation = [0, 1, 2, 4, 3]
// CHECK: return
func.func @retention(%gamma: tensor<8xf32> {seq.role = "param"}, %q: tensor<?x?x8x64xf32>, %k: tensor<?x?x8x64xf32>, %v: tensor<?x?x8x64xf32>, %s0: tensor<?x8x64x64xf32>) -> (tensor<?x?x8x64xf32>, tensor<?x8x64x64xf32>) {
  %c0 = arith.constant 0 : index
  %sT, %o = seq.recur (%kt = %k : tensor<?x?x8x64xf32>, %vt = %v : tensor<?x?x8x64xf32>, %qt = %q : tensor<?x?x8x64xf32>) carry (%s = %s0 : tensor<?x8x64x64xf32>) -> (tensor<?x8x64x64xf32>, tensor<?x?x8x64xf32>) {
    %g = seq.reshape %gamma : tensor<8xf32> -> tensor<8x1x1xf32>
    %gs = seq.mul %g, %s : (tensor<8x1x1xf32>, tensor<?x8x64x64xf32>) -> tensor<?x8x64x64xf32>
    %b = tensor.dim %kt, %c0 : tensor<?x8x64xf32>
    %kc = seq.reshape %kt(%b) : tensor<?x8x64xf32> -> tensor<?x8x64x1xf32>
    %vr = seq.reshape %vt(%b) : tensor<?x8x64xf32> -> tensor<?x8x1x64xf32>
    %kv = seq.mul %kc, %vr : (tensor<?x8x64x1xf32>, tensor<?x8x1x64xf32>) -> tensor<?x8x64x64xf32>
    %sn = seq.add %gs, %kv : (tensor<?x8x64x64xf32>, tensor<?x8x64x64xf32>) -> tensor<?x8x64x64xf32>
    %qr = seq.reshape %qt(%b) : tensor<?x8x64xf32> -> tensor<?x8x1x64xf32>
    %y = seq.matmul %qr, %sn : (tensor<?x8x1x64xf32>, tensor<?x8x64x64xf32>) -> tensor<?x8x1x64xf32>
    %o1 = seq.reshape %y(%b) : tensor<?x8x1x64xf32> -> tensor<?x8x64xf32>
    seq.yield %sn, %o1 : tensor<?x8x64x64xf32>, tensor<?x8x64xf32>
  }
  return %o, %sT : tensor<?x?x8x64xf32>, tensor<?x8x64x64xf32>
}
