// RUN: seq-opt %s --seq-attention-to-library | FileCheck %s

// f32 attention becomes one call of the runtime's fused kernel per (batch,
// head) pair, in a parallel loop; other element types are left to
// convert-seq-to-linalg.

// One message per op and condition (its text names the op's place: the
// e2e tests check it), a constant global each.
// CHECK-COUNT-7: memref.global "private" constant @seq_runtime_error_message_{{[0-6]}} : memref<{{[0-9]+}}xi8>
// CHECK-NOT: memref.global

// Grouped-query attention: 8 query heads read 2 key/value heads. The
// sizes known only at run time are checked before any call, as the
// verifier checks static ones: keys and values of one length, and as many
// keys as queries at least (causal); where a check fails, it reports the
// error and no pair runs.
// CHECK-LABEL: func @grouped
// CHECK-SAME: (%[[Q:.*]]: tensor<?x2x8x64xf32>, %[[K:.*]]: tensor<?x2x2x64xf32>, %[[V:.*]]: tensor<?x2x2x32xf32>)
func.func @grouped(%q: tensor<?x2x8x64xf32>, %k: tensor<?x2x2x64xf32>,
                   %v: tensor<?x2x2x32xf32>) -> tensor<?x2x8x32xf32> {
  // CHECK-DAG: %[[QM:.*]] = bufferization.to_memref %[[Q]] read_only : memref<?x2x8x64xf32, strided<[?, ?, ?, ?], offset: ?>>
  // CHECK-DAG: %[[KM:.*]] = bufferization.to_memref %[[K]] read_only : memref<?x2x2x64xf32, strided<[?, ?, ?, ?], offset: ?>>
  // CHECK-DAG: %[[VM:.*]] = bufferization.to_memref %[[V]] read_only : memref<?x2x2x32xf32, strided<[?, ?, ?, ?], offset: ?>>
  // CHECK-DAG: %[[T:.*]] = memref.dim %[[QM]], %c0
  // CHECK-DAG: %[[B:.*]] = memref.dim %[[QM]], %c1
  // CHECK-DAG: %[[H:.*]] = memref.dim %[[QM]], %c2
  // CHECK-DAG: %[[S:.*]] = memref.dim %[[KM]], %c0
  // CHECK-DAG: %[[G:.*]] = memref.dim %[[KM]], %c2
  // CHECK-DAG: %[[SV:.*]] = memref.dim %[[VM]], %c0
  // CHECK: %[[MISFIT:.*]] = arith.cmpi ne, %[[S]], %[[SV]] : index
  // CHECK: scf.if %[[MISFIT]] {
  // CHECK:   %[[TEXT:.*]] = memref.get_global @[[MESSAGE:seq_runtime_error_message_[0-9]]] : memref<{{[0-9]+}}xi8>
  // CHECK:   %[[ANY:.*]] = memref.cast %[[TEXT]] : memref<{{[0-9]+}}xi8> to memref<?xi8>
  // CHECK:   func.call @seq_runtime_error(%[[ANY]]) : (memref<?xi8>) -> ()
  // CHECK: }
  // CHECK: %[[FEW:.*]] = arith.cmpi ult, %[[S]], %[[T]] : index
  // CHECK: scf.if %[[FEW]] {
  // CHECK-NOT: @[[MESSAGE]]
  // CHECK:   func.call @seq_runtime_error
  // CHECK: }
  // CHECK: %[[FAILS:.*]] = arith.ori %[[MISFIT]], %[[FEW]] : i1
  // CHECK: %[[ALL:.*]] = arith.muli %[[B]], %[[H]] : index
  // CHECK: %[[PAIRS:.*]] = arith.select %[[FAILS]], %{{.*}}, %[[ALL]] : index
  // CHECK: %[[GROUP:.*]] = arith.divui %[[H]], %[[G]] : index
  // CHECK: %[[OUT:.*]] = memref.alloc(%[[T]]) {alignment = 64 : i64} : memref<?x2x8x32xf32>
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
// positive and divide the query heads, the error is reported (its text:
// test/e2e/llvm/attention-heads-error.mlir) and no pair runs; the group
// size divides by max(G, 1), which never traps. The checks run in the
// interpreter's order: shapes, heads, causality.
// CHECK-LABEL: func @dynamic_heads
// CHECK-DAG: %[[QM:.*]] = bufferization.to_memref %{{.*}} read_only : memref<?x2x?x64xf32
// CHECK-DAG: %[[KM:.*]] = bufferization.to_memref %{{.*}} read_only : memref<?x2x?x64xf32
// CHECK-DAG: %[[VM:.*]] = bufferization.to_memref %{{.*}} read_only : memref<?x2x?x32xf32
// CHECK-DAG: %[[T:.*]] = memref.dim %[[QM]], %c0
// CHECK-DAG: %[[B:.*]] = memref.dim %[[QM]], %c1
// CHECK-DAG: %[[H:.*]] = memref.dim %[[QM]], %c2
// CHECK-DAG: %[[S:.*]] = memref.dim %[[KM]], %c0
// CHECK-DAG: %[[G:.*]] = memref.dim %[[KM]], %c2
// CHECK-DAG: %[[SV:.*]] = memref.dim %[[VM]], %c0
// CHECK-DAG: %[[GV:.*]] = memref.dim %[[VM]], %c2
// CHECK: %[[LENGTHS:.*]] = arith.cmpi ne, %[[S]], %[[SV]] : index
// CHECK: %[[HEADS:.*]] = arith.cmpi ne, %[[G]], %[[GV]] : index
// CHECK: %[[MISFIT:.*]] = arith.ori %[[LENGTHS]], %[[HEADS]] : i1
// CHECK: scf.if %[[MISFIT]] {
// CHECK:   func.call @seq_runtime_error
// CHECK: }
// CHECK: %[[DIVISOR:.*]] = arith.maxui %[[G]], %{{.*}} : index
// CHECK: %[[NONE:.*]] = arith.cmpi eq, %[[G]], %[[ZERO:.*]] : index
// CHECK: %[[REM:.*]] = arith.remui %[[H]], %[[DIVISOR]] : index
// CHECK: %[[INEXACT:.*]] = arith.cmpi ne, %[[REM]], %[[ZERO]] : index
// CHECK: %[[UNDIVIDED:.*]] = arith.ori %[[NONE]], %[[INEXACT]] : i1
// CHECK: scf.if %[[UNDIVIDED]] {
// CHECK:   %[[TEXT:.*]] = memref.get_global @seq_runtime_error_message_{{[0-9]}} : memref<{{[0-9]+}}xi8>
// CHECK:   %[[ANY:.*]] = memref.cast %[[TEXT]] : memref<{{[0-9]+}}xi8> to memref<?xi8>
// CHECK:   func.call @seq_runtime_error(%[[ANY]]) : (memref<?xi8>) -> ()
// CHECK: }
// CHECK: %[[SOFAR:.*]] = arith.ori %[[MISFIT]], %[[UNDIVIDED]] : i1
// CHECK: %[[FEW:.*]] = arith.cmpi ult, %[[S]], %[[T]] : index
// CHECK: scf.if %[[FEW]] {
// CHECK:   func.call @seq_runtime_error
// CHECK: }
// CHECK: %[[FAILS:.*]] = arith.ori %[[SOFAR]], %[[FEW]] : i1
// CHECK: %[[ALL:.*]] = arith.muli %[[B]], %[[H]] : index
// CHECK: %[[PAIRS:.*]] = arith.select %[[FAILS]], %[[ZERO]], %[[ALL]] : index
// CHECK: %[[GROUP:.*]] = arith.divui %[[H]], %[[DIVISOR]] : index
// CHECK: scf.parallel (%{{.*}}) = (%{{.*}}) to (%[[PAIRS]])
// CHECK:   arith.divui %{{.*}}, %[[GROUP]] : index
// CHECK:   func.call @seq_attention_head_f32
func.func @dynamic_heads(%q: tensor<?x2x?x64xf32>, %k: tensor<?x2x?x64xf32>,
                         %v: tensor<?x2x?x32xf32>) -> tensor<?x2x?x32xf32> {
  %o = seq.attention %q, %k, %v {causal, scale = 0.125 : f64} : (tensor<?x2x?x64xf32>, tensor<?x2x?x64xf32>, tensor<?x2x?x32xf32>) -> tensor<?x2x?x32xf32>
  return %o : tensor<?x2x?x32xf32>
}

// A result type that fixes a size the operands leave open (T = 4): the
// output is allocated at the type's size, and the queries' run-time length
// must be it, or no pair runs (the views of the output would reach past it).
// This check comes last, after the keys' and values' lengths (one value
// here, but two memrefs this pass does not know to be equal).
// CHECK-LABEL: func @static_result
// CHECK: %[[QM:.*]] = bufferization.to_memref
// CHECK: %[[T:.*]] = memref.dim %[[QM]], %c0
// CHECK: %[[MISFIT:.*]] = arith.cmpi ne
// CHECK: scf.if %[[MISFIT]] {
// CHECK: %[[FOUR:.*]] = arith.constant 4 : index
// CHECK: %[[UNLIKE:.*]] = arith.cmpi ne, %[[T]], %[[FOUR]] : index
// CHECK: scf.if %[[UNLIKE]] {
// CHECK:   func.call @seq_runtime_error
// CHECK: }
// CHECK: %[[FAILS:.*]] = arith.ori %[[MISFIT]], %[[UNLIKE]] : i1
// CHECK: %[[ALL:.*]] = arith.muli
// CHECK: %[[PAIRS:.*]] = arith.select %[[FAILS]], %{{.*}}, %[[ALL]] : index
// CHECK: %[[OUT:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4x1x1x8xf32>
// CHECK: scf.parallel (%{{.*}}) = (%{{.*}}) to (%[[PAIRS]])
func.func @static_result(%q: tensor<?x1x1x8xf32>) -> tensor<4x1x1x8xf32> {
  %o = seq.attention %q, %q, %q {scale = 0.5 : f64} : (tensor<?x1x1x8xf32>, tensor<?x1x1x8xf32>, tensor<?x1x1x8xf32>) -> tensor<4x1x1x8xf32>
  return %o : tensor<4x1x1x8xf32>
}

// The callee's declaration: the query, keys and values only read.
// CHECK-DAG: func.func private @seq_attention_head_f32(memref<?x?xf32, strided<[?, ?], offset: ?>> {seq.readonly}, memref<?x?xf32, strided<[?, ?], offset: ?>> {seq.readonly}, memref<?x?xf32, strided<[?, ?], offset: ?>> {seq.readonly}, memref<?x?xf32, strided<[?, ?], offset: ?>>, i64, i64, f32)
// CHECK-DAG: func.func private @seq_runtime_error(memref<?xi8> {seq.readonly})
