// RUN: seq-opt %s --seq-gemm-to-library | FileCheck %s
// RUN: seq-opt %s --seq-gemm-to-library=min-flops=1 | FileCheck %s --check-prefix=ALL

// Large f32 matmuls on memrefs become calls of seq_sgemm_f32 with any
// strided matrix; small ones stay linalg ops that become loops.

// CHECK-LABEL: func @recurrent_product
// CHECK-SAME: (%[[H:.*]]: memref<8x256xf32>, %[[W:.*]]: memref<1024x256xf32>, %[[G:.*]]: memref<8x1024xf32, strided<[2048, 1], offset: ?>>)
func.func @recurrent_product(%h: memref<8x256xf32>, %w: memref<1024x256xf32>,
                             %g: memref<8x1024xf32, strided<[2048, 1], offset: ?>>) {
  // CHECK-DAG: %[[A:.*]] = memref.cast %[[H]] : memref<8x256xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
  // CHECK-DAG: %[[B:.*]] = memref.cast %[[W]] : memref<1024x256xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
  // CHECK-DAG: %[[C:.*]] = memref.cast %[[G]]
  // CHECK-DAG: %[[T:.*]] = arith.constant 1 : i64
  // CHECK: call @seq_sgemm_f32(%[[A]], %[[B]], %[[C]], %[[T]])
  // CHECK-NOT: linalg.matmul
  linalg.matmul_transpose_b ins(%h, %w : memref<8x256xf32>, memref<1024x256xf32>)
                            outs(%g : memref<8x1024xf32, strided<[2048, 1], offset: ?>>)
  return
}

// CHECK-LABEL: func @dynamic_product
func.func @dynamic_product(%a: memref<?x16xf32>, %b: memref<16x4xf32>, %c: memref<?x4xf32>) {
  // A size known only at run time counts as large; B is not transposed.
  // CHECK: %[[F:.*]] = arith.constant 0 : i64
  // CHECK: call @seq_sgemm_f32(%{{.*}}, %{{.*}}, %{{.*}}, %[[F]])
  linalg.matmul ins(%a, %b : memref<?x16xf32>, memref<16x4xf32>) outs(%c : memref<?x4xf32>)
  return
}

// CHECK-LABEL: func @small_and_f64
// ALL-LABEL: func @small_and_f64
func.func @small_and_f64(%a: memref<4x4xf32>, %c: memref<4x4xf32>,
                         %d: memref<64x64xf64>, %e: memref<64x64xf64>) {
  // CHECK: linalg.matmul ins({{.*}} : memref<4x4xf32>, memref<4x4xf32>)
  // ALL: call @seq_sgemm_f32
  linalg.matmul ins(%a, %a : memref<4x4xf32>, memref<4x4xf32>) outs(%c : memref<4x4xf32>)
  // f64 products are never library calls.
  // CHECK: linalg.matmul ins({{.*}} : memref<64x64xf64>, memref<64x64xf64>)
  // ALL: linalg.matmul ins({{.*}} : memref<64x64xf64>, memref<64x64xf64>)
  linalg.matmul ins(%d, %d : memref<64x64xf64>, memref<64x64xf64>) outs(%e : memref<64x64xf64>)
  return
}

// A batch of large products (the chunkwise form of retention): one call per
// product, on a 2-d view of each.
// CHECK-LABEL: func @batch
// CHECK-SAME: (%[[A:.*]]: memref<?x32x64xf32>, %[[B:.*]]: memref<?x64x64xf32>, %[[C:.*]]: memref<?x32x64xf32>)
func.func @batch(%a: memref<?x32x64xf32>, %b: memref<?x64x64xf32>, %c: memref<?x32x64xf32>) {
  // CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : index
  // CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : index
  // CHECK: %[[N:.*]] = memref.dim %[[A]], %[[ZERO]]
  // CHECK: scf.for %[[I:.*]] = %[[ZERO]] to %[[N]] step %[[ONE]]
  // CHECK-DAG: %[[AI:.*]] = memref.subview %[[A]][%[[I]], 0, 0] [1, 32, 64] [1, 1, 1] : memref<?x32x64xf32> to memref<32x64xf32, strided<[64, 1], offset: ?>>
  // CHECK-DAG: %[[BI:.*]] = memref.subview %[[B]][%[[I]], 0, 0] [1, 64, 64] [1, 1, 1]
  // CHECK-DAG: %[[CI:.*]] = memref.subview %[[C]][%[[I]], 0, 0] [1, 32, 64] [1, 1, 1]
  // CHECK: call @seq_sgemm_f32
  // CHECK-NOT: linalg.batch_matmul
  linalg.batch_matmul ins(%a, %b : memref<?x32x64xf32>, memref<?x64x64xf32>) outs(%c : memref<?x32x64xf32>)
  // Products of 4 x 4 x 4 stay loops.
  // CHECK: linalg.batch_matmul ins({{.*}} : memref<8x4x4xf32>, memref<8x4x4xf32>)
  %s = memref.alloc() : memref<8x4x4xf32>
  linalg.batch_matmul ins(%s, %s : memref<8x4x4xf32>, memref<8x4x4xf32>) outs(%s : memref<8x4x4xf32>)
  memref.dealloc %s : memref<8x4x4xf32>
  return
}

// CHECK: func.func private @seq_sgemm_f32(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, i64)
