// RUN: seq-opt %s --seq-cpu-pipeline --mlir-print-ir-after=seq-gemm-to-library 2>&1 >/dev/null | FileCheck %s

// Two batched products of one shape start from zero-filled outputs. Their
// tensor.empty ops become allocations of their own before CSE, so the two
// products get two buffers, each written once (seq-gemm-to-library drops
// the zero fills: the calls overwrite); merged, the second product's
// output was a copy of the first's zero-filled buffer (as in the chunkwise
// form of retention, where such copies are as large as q, k and v).
// CHECK-LABEL: func.func @products
// CHECK-NOT: memref.copy
// CHECK-NOT: linalg.fill
// CHECK: %[[FIRST:.*]] = memref.alloc
// CHECK: memref.subview %[[FIRST]]
// CHECK: arith.constant 0 : i64
// CHECK-NEXT: %[[OVERWRITE:.*]] = arith.constant 0 : i64
// CHECK-NEXT: call @seq_sgemm_f32({{.*}}, %[[OVERWRITE]])
// CHECK-NOT: memref.copy
// CHECK-NOT: linalg.fill
// CHECK: %[[SECOND:.*]] = memref.alloc
// CHECK: memref.subview %[[SECOND]]
// CHECK: arith.constant 0 : i64
// CHECK-NEXT: %[[OVERWRITE2:.*]] = arith.constant 0 : i64
// CHECK-NEXT: call @seq_sgemm_f32({{.*}}, %[[OVERWRITE2]])
func.func @products(%a: tensor<?x32x64xf32>, %b: tensor<?x64x64xf32>, %d: tensor<?x64x64xf32>) -> tensor<?x32x64xf32> {
  %0 = seq.matmul %a, %b : (tensor<?x32x64xf32>, tensor<?x64x64xf32>) -> tensor<?x32x64xf32>
  %1 = seq.matmul %a, %d : (tensor<?x32x64xf32>, tensor<?x64x64xf32>) -> tensor<?x32x64xf32>
  %2 = seq.add %0, %1 : (tensor<?x32x64xf32>, tensor<?x32x64xf32>) -> tensor<?x32x64xf32>
  return %2 : tensor<?x32x64xf32>
}
