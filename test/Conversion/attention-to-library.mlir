// RUN: seq-opt %s --seq-attention-to-library | FileCheck %s

// f32 attention becomes one call of the runtime's fused kernel per (batch,
// head) pair, in a parallel loop; other element types are left to
// convert-seq-to-linalg.

// Grouped-query attention: 8 query heads read 2 key/value heads.
// CHECK: memref.global "private" constant @seq_runtime_error_message_0
// CHECK-NOT: memref.global
// CHECK-LABEL: func @grouped
// CHECK-NOT: seq_runtime_error
// CHECK-SAME: (%[[Q:.*]]: tensor<?x2x8x64xf32>, %[[K:.*]]: tensor<?x2x2x64xf32>, %[[V:.*]]: tensor<?x2x2x32xf32>)
func.func @grouped(%q: tensor<?x2x8x64xf32>, %k: tensor<?x2x2x64xf32>,
                   %v: tensor<?x2x2x32xf32>) -> tensor<?x2x8x32xf32> {
  // CHECK-DAG: %[[QM:.*]] = bufferization.to_memref %[[Q]] read_only : memref<?x2x8x64xf32, strided<[?, ?, ?, ?], offset: ?>>
  // CHECK-DAG: %[[KM:.*]] = bufferization.to_memref %[[K]] read_only : memref<?x2x2x64xf32, strided<[?, ?, ?, ?], offset: ?>>
  // CHECK-DAG: %[[VM:.*]] = bufferization.to_memref %[[V]] read_only : memref<?x2x2x32xf32, strided<[?, ?, ?, ?], offset: ?>>
  // CHECK-DAG: %[[T:.*]] = memref.dim %[[QM]], %c0
  // CHECK-DAG: %[[B:.*]] = memref.dim %[[QM]], %c1
  // CHECK-DAG: %[[H:.*]] = memref.dim %[[QM]], %c2
  // CHECK: %[[OUT:.*]] = memref.alloc(%[[T]]) {alignment = 64 : i64} : memref<?x2x8x32xf32>
  // CHECK: %[[G:.*]] = memref.dim %[[KM]], %c2
  // CHECK: %[[GROUP:.*]] = arith.divui %[[H]], %[[G]] : index
  // CHECK: %[[PAIRS:.*]] = arith.muli %[[B]], %[[H]] : index
  // CHECK-DAG: %[[CAUSAL:.*]] = arith.constant 1 : i64
  // CHECK-DAG: %[[WINDOW:.*]] = arith.constant 3 : i64
  // CHECK-DAG: %[[SCALE:.*]] = arith.constant 1.250000e-01 : f32
  // CHECK: scf.parallel (%[[PAIR:.*]]) = (%{{.*}}) to (%[[PAIRS]]) step (%{{.*}}) {
  // CHECK:   %[[BATCH:.*]] = arith.divui %[[PAIR]], %[[H]] : index
  // CHECK:   %[[HEAD:.*]] = arith.remui %[[PAIR]], %[[H]] : index
  // CHECK:   %[[KVHEAD:.*]] = arith.divui %[[HEAD]], %[[GROUP]] : index
  // CHECK:   %[[QV:.*]] = memref.subview %[[QM]][0, %[[BATCH]], %[[HEAD]], 0] [%{{.*}}, 1, 1, 64] [1, 1, 1, 1]
  // CHECK:   %[[QC:.*]] = memref.cast %[[QV]]
  // CHECK:   %[[KV:.*]] = memref.subview %[[KM]][0, %[[BATCH]], %[[KVHEAD]], 0] [%{{.*}}, 1, 1, 64] [1, 1, 1, 1]
  // CHECK:   %[[KC:.*]] = memref.cast %[[KV]]
  // CHECK:   %[[VV:.*]] = memref.subview %[[VM]][0, %[[BATCH]], %[[KVHEAD]], 0] [%{{.*}}, 1, 1, 32] [1, 1, 1, 1]
  // CHECK:   %[[VC:.*]] = memref.cast %[[VV]]
  // CHECK:   %[[OV:.*]] = memref.subview %[[OUT]][0, %[[BATCH]], %[[HEAD]], 0] [%[[T]], 1, 1, 32] [1, 1, 1, 1]
  // CHECK:   %[[OC:.*]] = memref.cast %[[OV]]
  // CHECK:   func.call @seq_attention_head_f32(%[[QC]], %[[KC]], %[[VC]], %[[OC]], %[[CAUSAL]], %[[WINDOW]], %[[SCALE]])
  // CHECK:   scf.reduce
  // CHECK: }
  // CHECK: %[[R:.*]] = bufferization.to_tensor %[[OUT]] restrict writable : memref<?x2x8x32xf32>
  // CHECK: return %[[R]]
  %o = seq.attention %q, %k, %v {causal, scale = 0.125 : f64, window = 3 : i64} : (tensor<?x2x8x64xf32>, tensor<?x2x2x64xf32>, tensor<?x2x2x32xf32>) -> tensor<?x2x8x32xf32>
  return %o : tensor<?x2x8x32xf32>
}

// Not causal, no window: flags and window 0.
// CHECK-LABEL: func @full
// CHECK-DAG: %[[FLAGS:.*]] = arith.constant 0 : i64
// CHECK-DAG: %[[WINDOW:.*]] = arith.constant 0 : i64
// CHECK-DAG: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: func.call @seq_attention_head_f32(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[FLAGS]], %[[WINDOW]], %[[HALF]])
func.func @full(%q: tensor<16x1x1x8xf32>) -> tensor<16x1x1x8xf32> {
  %o = seq.attention %q, %q, %q {scale = 0.5 : f64} : (tensor<16x1x1x8xf32>, tensor<16x1x1x8xf32>, tensor<16x1x1x8xf32>) -> tensor<16x1x1x8xf32>
  return %o : tensor<16x1x1x8xf32>
}

// CHECK-LABEL: func @double
// CHECK-NOT: seq_attention_head_f32
// CHECK: seq.attention
func.func @double(%q: tensor<4x1x1x8xf64>) -> tensor<4x1x1x8xf64> {
  %o = seq.attention %q, %q, %q {scale = 0.5 : f64} : (tensor<4x1x1x8xf64>, tensor<4x1x1x8xf64>, tensor<4x1x1x8xf64>) -> tensor<4x1x1x8xf64>
  return %o : tensor<4x1x1x8xf64>
}

// Head counts known only at run time: unless the key/value heads are
// positive and divide the query heads, the program stops with the error the
// message global holds (its text: test/e2e/llvm/attention-heads-error.mlir)
// before any call; the group size divides by max(G, 1), which never traps.
// CHECK-LABEL: func @dynamic_heads
// CHECK-DAG: %[[QM:.*]] = bufferization.to_memref %{{.*}} read_only : memref<?x2x?x64xf32
// CHECK-DAG: %[[KM:.*]] = bufferization.to_memref %{{.*}} read_only : memref<?x2x?x64xf32
// CHECK-DAG: %[[H:.*]] = memref.dim %[[QM]], %c2
// CHECK-DAG: %[[G:.*]] = memref.dim %[[KM]], %c2
// CHECK: %[[DIVISOR:.*]] = arith.maxui %[[G]], %{{.*}} : index
// CHECK: %[[NONE:.*]] = arith.cmpi eq, %[[G]], %[[ZERO:.*]] : index
// CHECK: %[[REM:.*]] = arith.remui %[[H]], %[[DIVISOR]] : index
// CHECK: %[[INEXACT:.*]] = arith.cmpi ne, %[[REM]], %[[ZERO]] : index
// CHECK: %[[FAILS:.*]] = arith.ori %[[NONE]], %[[INEXACT]] : i1
// CHECK: scf.if %[[FAILS]] {
// CHECK:   %[[TEXT:.*]] = memref.get_global @seq_runtime_error_message_0 : memref<{{[0-9]+}}xi8>
// CHECK:   %[[ANY:.*]] = memref.cast %[[TEXT]] : memref<{{[0-9]+}}xi8> to memref<?xi8>
// CHECK:   func.call @seq_runtime_error(%[[ANY]]) : (memref<?xi8>) -> ()
// CHECK: }
// CHECK: %[[GROUP:.*]] = arith.divui %[[H]], %[[DIVISOR]] : index
// CHECK: scf.parallel
// CHECK:   arith.divui %{{.*}}, %[[GROUP]] : index
// CHECK:   func.call @seq_attention_head_f32
func.func @dynamic_heads(%q: tensor<?x2x?x64xf32>, %k: tensor<?x2x?x64xf32>,
                         %v: tensor<?x2x?x32xf32>) -> tensor<?x2x?x32xf32> {
  %o = seq.attention %q, %k, %v {causal, scale = 0.125 : f64} : (tensor<?x2x?x64xf32>, tensor<?x2x?x64xf32>, tensor<?x2x?x32xf32>) -> tensor<?x2x?x32xf32>
  return %o : tensor<?x2x?x32xf32>
}

// The callee's declaration: the query, keys and values only read.
// CHECK: func.func private @seq_attention_head_f32(memref<?x?xf32, strided<[?, ?], offset: ?>> {seq.readonly}, memref<?x?xf32, strided<[?, ?], offset: ?>> {seq.readonly}, memref<?x?xf32, strided<[?, ?], offset: ?>> {seq.readonly}, memref<?x?xf32, strided<[?, ?], offset: ?>>, i64, i64, f32)
// CHECK: func.func private @seq_runtime_error(memref<?xi8> {seq.readonly})
