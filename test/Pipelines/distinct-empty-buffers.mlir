// RUN: seq-opt %s --seq-cpu-pipeline --mlir-print-ir-after=seq-gemm-to-library 2>&1 >/dev/null | FileCheck %s

// Two batched products of one shape start from zero-filled outputs. Their
// tensor.empty ops become allocations of their own before CSE, so the two
// products get two buffers; merged, the second product's output was a copy
// of the first's zero-filled buffer (as in the chunkwise form of retention,
// where such copies are as large as q, k and v). Neither buffer is filled
// at all: each call overwrites its output (flag 4, SEQ_SGEMM_OVERWRITE).
// CHECK-LABEL: func.func @products
// CHECK-NOT: linalg.fill
// CHECK-NOT: memref.copy
// CHECK: %[[OVERWRITE:.*]] = arith.constant 4 : i64
// CHECK: call @seq_sgemm_f32({{.*}}, %[[OVERWRITE]])
// CHECK-NOT: linalg.fill
// CHECK-NOT: memref.copy
// CHECK: %[[OVERWRITE2:.*]] = arith.constant 4 : i64
// CHECK: call @seq_sgemm_f32({{.*}}, %[[OVERWRITE2]])
func.func @products(%a: tensor<?x32x64xf32>, %b: tensor<?x64x64xf32>, %d: tensor<?x64x64xf32>) -> tensor<?x32x64xf32> {
  %0 = seq.matmul %a, %b : (tensor<?x32x64xf32>, tensor<?x64x64xf32>) -> tensor<?x32x64xf32>
  %1 = seq.matmul %a, %d : (tensor<?x32x64xf32>, tensor<?x64x64xf32>) -> tensor<?x32x64xf32>
  %2 = seq.mul %0, %1 : (tensor<?x32x64xf32>, tensor<?x32x64xf32>) -> tensor<?x32x64xf32>
  return %2 : tensor<?x32x64xf32>
}
