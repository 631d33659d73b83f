// RUN: seq-opt %s --seq-cpu-pipeline --mlir-print-ir-after=seq-gemm-to-library 2>&1 >/dev/null | FileCheck %s

// Retention at the issue's head size (8 heads of 64), T and B dynamic, as
// the CPU pipeline leaves it before the loops: one parallel loop over the
// (batch, head) lanes, each a loop over its chunks of 64 steps (the cost
// model's size for lane loops) that reads its rows of q, k and v in place
// (strided views of the inputs: no chunk-major copy, no padded copy) and
// hands them to sgemm as they are: Q K^T reads K transposed (flags 1 and
// 4: B transposed, C overwritten) into a buffer allocated once per lane,
// where the causal decay mask is applied in place; the chunk's output rows
// are Q S written in place into the lane's rows of the output (flag 4),
// then W V added to them by sgemm (flag 0); the state is updated in its one
// buffer: decay * S in place, then K^T V added by sgemm (flag 2: A
// transposed). Nothing is allocated per chunk, nothing copied, and no
// product forks threads of its own inside the lanes; the lane's buffers are
// freed at the end of its iteration (they leaked before
// seq-scope-parallel-bodies).
// CHECK-LABEL: func.func @retention
// CHECK-SAME: (%[[GAMMA:.*]]: memref<8xf32>{{.*}}, %[[Q:.*]]: memref<?x?x8x64xf32>{{.*}}, %[[K:.*]]: memref<?x?x8x64xf32>{{.*}}, %[[V:.*]]: memref<?x?x8x64xf32>
// CHECK-NOT: permutation = [0, 2, 3, 1, 4]
// CHECK: %[[OUT:.*]] = memref.alloc(%{{.*}}, %{{.*}}) {{.*}} : memref<?x?x8x64xf32>
// CHECK: scf.forall (%[[B:.*]], %[[H:.*]]) in (%{{.*}}, 8) {
// CHECK: %[[LANE:.*]] = memref.subview %[[OUT]][0, %[[B]], %[[H]], 0] [%{{.*}}, 1, 1, 64] [1, 1, 1, 1] : memref<?x?x8x64xf32> to memref<?x64xf32, strided<[?, 1], offset: ?>>
// CHECK: %[[STATE:.*]] = memref.alloc() {{.*}} : memref<64x64xf32>
// CHECK: scf.for %[[N:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NOT: scf.forall
// CHECK-NOT: scf.parallel
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.copy
// CHECK: %[[T0:.*]] = arith.muli %[[N]], %{{.*}} : index
// CHECK: memref.subview %[[K]][%[[T0]], %[[B]], %[[H]], 0] [64, 1, 1, 64] [1, 1, 1, 1] : memref<?x?x8x64xf32> to memref<64x64xf32, strided<[?, 1], offset: ?>>
// CHECK: %[[QK:.*]] = arith.constant 5 : i64
// CHECK: call @seq_sgemm_f32({{.*}}, %[[QK]])
// CHECK: linalg.generic {{.*}} ins(%[[WEIGHTS:[a-z0-9_]+]], %{{.*}} : memref<64x64xf32>, {{.*}}) outs(%[[WEIGHTS]] : memref<64x64xf32>)
// CHECK: %[[ROWS:.*]] = memref.subview %[[LANE]][%[[T0]], 0] [64, 64] [1, 1]
// CHECK: %[[OVERWRITE:.*]] = arith.constant 4 : i64
// CHECK: call @seq_sgemm_f32({{.*}}, %[[OVERWRITE]])
// CHECK: %[[ADD:.*]] = arith.constant 0 : i64
// CHECK: call @seq_sgemm_f32({{.*}}, %[[ADD]])
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[STATE]] : {{.*}}, memref<64x64xf32>) outs(%[[STATE]] : memref<64x64xf32>)
// CHECK: %[[KV:.*]] = arith.constant 2 : i64
// CHECK: call @seq_sgemm_f32({{.*}}, %[[KV]])
// CHECK-NOT: memref.alloc
// CHECK: } {seq.chunk_size = 64 : i64}
// CHECK-DAG: memref.dealloc %[[STATE]]
// CHECK-DAG: memref.dealloc %[[WEIGHTS]]
// CHECK: } {seq.chunk_size = 64 : i64}
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
