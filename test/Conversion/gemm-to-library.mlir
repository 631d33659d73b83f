// RUN: seq-opt %s --seq-gemm-to-library | FileCheck %s
// RUN: seq-opt %s --seq-gemm-to-library=min-flops=1 | FileCheck %s --check-prefix=ALL
// RUN: seq-opt %s --seq-gemm-to-library=max-packed-rows=512 | FileCheck %s --check-prefix=MAXROWS

// Large f32 matmuls on memrefs become calls of seq_sgemm_f32 with any
// strided matrix; small ones stay linalg ops that become loops.

// The loop order of small products (d1: the reduction, d2: the columns).
// CHECK-DAG: #[[$A_MAP:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[$B_MAP:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[$C_MAP:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$TA_MAP:.*]] = affine_map<(d0, d1, d2) -> (d1, d0)>
// CHECK-DAG: #[[$BA_MAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[$BB_MAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-DAG: #[[$BC_MAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>

// CHECK-LABEL: func @recurrent_product
// CHECK-SAME: (%[[H:.*]]: memref<8x256xf32>, %[[W:.*]]: memref<1024x256xf32>, %[[G:.*]]: memref<8x1024xf32, strided<[2048, 1], offset: ?>>)
func.func @recurrent_product(%h: memref<8x256xf32>, %w: memref<1024x256xf32>,
                             %g: memref<8x1024xf32, strided<[2048, 1], offset: ?>>) {
  // CHECK-DAG: %[[A:.*]] = memref.cast %[[H]] : memref<8x256xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
  // CHECK-DAG: %[[B:.*]] = memref.cast %[[W]] : memref<1024x256xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
  // CHECK-DAG: %[[C:.*]] = memref.cast %[[G]]
  // C accumulates (no overwrite bit: nothing zeroes it first); B is
  // transposed (bit 0).
  // CHECK: %[[T:.*]] = arith.constant 1 : i64
  // CHECK-NEXT: call @seq_sgemm_f32(%[[A]], %[[B]], %[[C]], %[[T]])
  // CHECK-NOT: linalg.matmul
  linalg.matmul_transpose_b ins(%h, %w : memref<8x256xf32>, memref<1024x256xf32>)
                            outs(%g : memref<8x1024xf32, strided<[2048, 1], offset: ?>>)
  return
}

// CHECK-LABEL: func @dynamic_product
func.func @dynamic_product(%a: memref<?x16xf32>, %b: memref<16x4xf32>, %c: memref<?x4xf32>) {
  // A size known only at run time counts as large; B is not transposed.
  // CHECK: %[[F:.*]] = arith.constant 0 : i64
  // CHECK-NEXT: call @seq_sgemm_f32(%{{.*}}, %{{.*}}, %{{.*}}, %[[F]])
  linalg.matmul ins(%a, %b : memref<?x16xf32>, memref<16x4xf32>) outs(%c : memref<?x4xf32>)
  return
}

// A product into a buffer just filled with zeros overwrites it (the last
// argument's bit 2, SEQ_SGEMM_OVERWRITE) and the fill goes; a fill of another
// value, or one that a store separates from the product, stays.
// CHECK-LABEL: func @zero_filled_output
// CHECK-SAME: (%[[A:.*]]: memref<?x16xf32>, %[[B:.*]]: memref<16x64xf32>, %[[C:.*]]: memref<?x64xf32>, %[[D:.*]]: memref<?x64xf32>, %[[E:.*]]: memref<?x64xf32>)
func.func @zero_filled_output(%a: memref<?x16xf32>, %b: memref<16x64xf32>,
                              %c: memref<?x64xf32>, %d: memref<?x64xf32>,
                              %e: memref<?x64xf32>) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %c0 = arith.constant 0 : index
  // CHECK-NOT: linalg.fill ins(%{{.*}} : f32) outs(%[[C]]
  // CHECK: %[[OUT:.*]] = memref.cast %[[C]]
  // CHECK: %[[OVERWRITE:.*]] = arith.constant 4 : i64
  // CHECK-NEXT: call @seq_sgemm_f32(%{{.*}}, %{{.*}}, %[[OUT]], %[[OVERWRITE]])
  linalg.fill ins(%zero : f32) outs(%c : memref<?x64xf32>)
  // Ops that touch no memory may sit between the fill and the product.
  %rows = memref.dim %c, %c0 : memref<?x64xf32>
  linalg.matmul ins(%a, %b : memref<?x16xf32>, memref<16x64xf32>) outs(%c : memref<?x64xf32>)
  // CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[D]] : memref<?x64xf32>)
  // CHECK: %[[ACC:.*]] = arith.constant 0 : i64
  // CHECK-NEXT: call @seq_sgemm_f32(%{{.*}}, %{{.*}}, %{{.*}}, %[[ACC]])
  linalg.fill ins(%one : f32) outs(%d : memref<?x64xf32>)
  linalg.matmul ins(%a, %b : memref<?x16xf32>, memref<16x64xf32>) outs(%d : memref<?x64xf32>)
  // CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : memref<?x64xf32>)
  // CHECK: memref.store
  // CHECK: %[[ACC2:.*]] = arith.constant 0 : i64
  // CHECK-NEXT: call @seq_sgemm_f32(%{{.*}}, %{{.*}}, %{{.*}}, %[[ACC2]])
  linalg.fill ins(%zero : f32) outs(%e : memref<?x64xf32>)
  memref.store %one, %e[%c0, %c0] : memref<?x64xf32>
  linalg.matmul ins(%a, %b : memref<?x16xf32>, memref<16x64xf32>) outs(%e : memref<?x64xf32>)
  return
}

// CHECK-LABEL: func @small_and_f64
// ALL-LABEL: func @small_and_f64
func.func @small_and_f64(%a: memref<4x4xf32>, %c: memref<4x4xf32>,
                         %d: memref<64x64xf64>, %e: memref<64x64xf64>) {
  // A small product stays loops, its reduction (d1) outside the columns of
  // B and C (d2): the innermost loop runs along their rows.
  // CHECK: linalg.generic {indexing_maps = [#[[$A_MAP]], #[[$B_MAP]], #[[$C_MAP]]], iterator_types = ["parallel", "reduction", "parallel"]} ins({{.*}} : memref<4x4xf32>, memref<4x4xf32>)
  // CHECK: arith.mulf
  // CHECK: arith.addf
  // ALL: call @seq_sgemm_f32
  linalg.matmul ins(%a, %a : memref<4x4xf32>, memref<4x4xf32>) outs(%c : memref<4x4xf32>)
  // B^T is read along its rows in the named order already: it stays.
  // CHECK: linalg.matmul_transpose_b ins({{.*}} : memref<4x4xf32>, memref<4x4xf32>)
  linalg.matmul_transpose_b ins(%a, %a : memref<4x4xf32>, memref<4x4xf32>) outs(%c : memref<4x4xf32>)
  // f64 products are never library calls.
  // CHECK: linalg.matmul ins({{.*}} : memref<64x64xf64>, memref<64x64xf64>)
  // ALL: linalg.matmul ins({{.*}} : memref<64x64xf64>, memref<64x64xf64>)
  linalg.matmul ins(%d, %d : memref<64x64xf64>, memref<64x64xf64>) outs(%e : memref<64x64xf64>)
  return
}

// A batch of products large enough for a call each (the chunkwise form of
// retention): one call per product, on a 2-d view of each. Each of these is
// small: the batch runs in parallel, one product per thread at a time.
// CHECK-LABEL: func @batch
// CHECK-SAME: (%[[A:.*]]: memref<?x32x64xf32>, %[[B:.*]]: memref<?x64x64xf32>, %[[C:.*]]: memref<?x32x64xf32>,
// CHECK-SAME: %[[D:.*]]: memref<?x256x256xf32>)
func.func @batch(%a: memref<?x32x64xf32>, %b: memref<?x64x64xf32>, %c: memref<?x32x64xf32>,
                 %d: memref<?x256x256xf32>) {
  // CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : index
  // CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : index
  // CHECK: %[[N:.*]] = memref.dim %[[A]], %[[ZERO]]
  // CHECK: scf.parallel (%[[I:.*]]) = (%[[ZERO]]) to (%[[N]]) step (%[[ONE]])
  // CHECK-DAG: %[[AI:.*]] = memref.subview %[[A]][%[[I]], 0, 0] [1, 32, 64] [1, 1, 1] : memref<?x32x64xf32> to memref<32x64xf32, strided<[64, 1], offset: ?>>
  // CHECK-DAG: %[[BI:.*]] = memref.subview %[[B]][%[[I]], 0, 0] [1, 64, 64] [1, 1, 1]
  // CHECK-DAG: %[[CI:.*]] = memref.subview %[[C]][%[[I]], 0, 0] [1, 32, 64] [1, 1, 1]
  // CHECK: call @seq_sgemm_f32
  // CHECK-NOT: linalg.batch_matmul
  linalg.batch_matmul ins(%a, %b : memref<?x32x64xf32>, memref<?x64x64xf32>) outs(%c : memref<?x32x64xf32>)
  // Products of 256^3 multiply-adds each: one after the other, each threaded
  // by the library.
  // CHECK: %[[M:.*]] = memref.dim %[[D]], %{{.*}}
  // CHECK: scf.for %[[J:.*]] = %{{.*}} to %[[M]] step %{{.*}} {
  // CHECK: memref.subview %[[D]][%[[J]], 0, 0] [1, 256, 256] [1, 1, 1]
  // CHECK: call @seq_sgemm_f32
  linalg.batch_matmul ins(%d, %d : memref<?x256x256xf32>, memref<?x256x256xf32>) outs(%d : memref<?x256x256xf32>)
  // Products of 4 x 4 x 4 stay loops, in the order (batch, m, k, n).
  // CHECK: linalg.generic {indexing_maps = [#[[$BA_MAP]], #[[$BB_MAP]], #[[$BC_MAP]]], iterator_types = ["parallel", "parallel", "reduction", "parallel"]} ins({{.*}} : memref<8x4x4xf32>, memref<8x4x4xf32>)
  %s = memref.alloc() : memref<8x4x4xf32>
  linalg.batch_matmul ins(%s, %s : memref<8x4x4xf32>, memref<8x4x4xf32>) outs(%s : memref<8x4x4xf32>)
  memref.dealloc %s : memref<8x4x4xf32>
  return
}

// Operands read transposed (the chunkwise forms' K^T): the last argument's
// bit 0 says B is transposed, bit 1 A; the work counts K from A's rows when
// A is transposed.
// CHECK-LABEL: func @transposed
// ALL-LABEL: func @transposed
func.func @transposed(%k: memref<?x32x64xf32>, %v: memref<?x32x64xf32>, %u: memref<?x64x64xf32>,
                      %w: memref<?x32x32xf32>, %a: memref<8x4xf32>, %c: memref<4x4xf32>) {
  // CHECK: scf.parallel
  // CHECK: %[[TB:.*]] = arith.constant 1 : i64
  // CHECK: call @seq_sgemm_f32(%{{.*}}, %{{.*}}, %{{.*}}, %[[TB]])
  linalg.batch_matmul_transpose_b ins(%k, %k : memref<?x32x64xf32>, memref<?x32x64xf32>) outs(%w : memref<?x32x32xf32>)
  // CHECK: scf.parallel
  // CHECK: %[[TA:.*]] = arith.constant 2 : i64
  // CHECK: call @seq_sgemm_f32(%{{.*}}, %{{.*}}, %{{.*}}, %[[TA]])
  linalg.batch_matmul_transpose_a ins(%k, %v : memref<?x32x64xf32>, memref<?x32x64xf32>) outs(%u : memref<?x64x64xf32>)
  // 4 x 4 x 8 multiply-adds: loops (A^T read along its rows: k outside n),
  // but a call with min-flops=1.
  // CHECK: linalg.generic {indexing_maps = [#[[$TA_MAP]], #[[$B_MAP]], #[[$C_MAP]]], iterator_types = ["parallel", "reduction", "parallel"]} ins({{.*}} : memref<8x4xf32>, memref<8x4xf32>)
  // ALL: %[[TA2:.*]] = arith.constant 2 : i64
  // ALL: call @seq_sgemm_f32(%{{.*}}, %{{.*}}, %{{.*}}, %[[TA2]])
  linalg.matmul_transpose_a ins(%a, %a : memref<8x4xf32>, memref<8x4xf32>) outs(%c : memref<4x4xf32>)
  return
}

// An output filled with zeros just before the product (or a copy of such a
// buffer, read by nothing else) is overwritten by the call (bit 2, value 4)
// and neither the fill nor the copy stays; a fill with another value, or a
// zero buffer read elsewhere, stays and the call adds to it.
// CHECK-LABEL: func @zero_init
// CHECK-SAME: (%[[A:.*]]: memref<?x32x64xf32>, %[[B:.*]]: memref<?x64x64xf32>, %[[C:.*]]: memref<?x32x64xf32>, %[[D:.*]]: memref<?x32x64xf32>, %[[E:.*]]: memref<?x32x64xf32>)
func.func @zero_init(%a: memref<?x32x64xf32>, %b: memref<?x64x64xf32>, %c: memref<?x32x64xf32>,
                     %d: memref<?x32x64xf32>, %e: memref<?x32x64xf32>) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %c0i = arith.constant 0 : index
  // CHECK-NOT: linalg.fill ins(%{{.*}} : f32) outs(%[[C]]
  // CHECK: %[[W1:.*]] = arith.constant 4 : i64
  // CHECK: call @seq_sgemm_f32({{.*}}, %[[W1]])
  linalg.fill ins(%zero : f32) outs(%c : memref<?x32x64xf32>)
  linalg.batch_matmul ins(%a, %b : memref<?x32x64xf32>, memref<?x64x64xf32>) outs(%c : memref<?x32x64xf32>)
  // CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[D]]
  // CHECK: %[[A1:.*]] = arith.constant 0 : i64
  // CHECK: call @seq_sgemm_f32({{.*}}, %[[A1]])
  linalg.fill ins(%one : f32) outs(%d : memref<?x32x64xf32>)
  linalg.batch_matmul ins(%a, %b : memref<?x32x64xf32>, memref<?x64x64xf32>) outs(%d : memref<?x32x64xf32>)
  // CHECK-NOT: memref.copy
  // CHECK: %[[W2:.*]] = arith.constant 4 : i64
  // CHECK: call @seq_sgemm_f32({{.*}}, %[[W2]])
  %n = memref.dim %a, %c0i : memref<?x32x64xf32>
  %z = memref.alloc(%n) : memref<?x32x64xf32>
  linalg.fill ins(%zero : f32) outs(%z : memref<?x32x64xf32>)
  memref.copy %z, %e : memref<?x32x64xf32> to memref<?x32x64xf32>
  linalg.batch_matmul ins(%a, %b : memref<?x32x64xf32>, memref<?x64x64xf32>) outs(%e : memref<?x32x64xf32>)
  memref.dealloc %z : memref<?x32x64xf32>
  // CHECK: memref.copy
  // CHECK: %[[A2:.*]] = arith.constant 0 : i64
  // CHECK: call @seq_sgemm_f32({{.*}}, %[[A2]])
  %y = memref.alloc(%n) : memref<?x32x64xf32>
  linalg.fill ins(%zero : f32) outs(%y : memref<?x32x64xf32>)
  memref.copy %y, %e : memref<?x32x64xf32> to memref<?x32x64xf32>
  linalg.batch_matmul ins(%a, %b : memref<?x32x64xf32>, memref<?x64x64xf32>) outs(%e : memref<?x32x64xf32>)
  memref.copy %y, %c : memref<?x32x64xf32> to memref<?x32x64xf32>
  memref.dealloc %y : memref<?x32x64xf32>
  return
}

// A recurrent cell's product with its weights (a param, defined outside the
// loop over time): the weights are packed once before the loop (into panels
// of 32 columns: ceil(1000 / 32) * 32 * 256 floats), each step multiplies
// them in a parallel loop over the panels, and the packed copy is freed
// after the loop. Both products of the weights in the loop share one copy.
// CHECK-LABEL: func @recurrent_cell
// CHECK-SAME: (%[[W:.*]]: memref<1000x256xf32> {seq.role = "param"}, %[[H:.*]]: memref<?x256xf32>, %[[G:.*]]: memref<?x1000xf32>, %[[STEPS:.*]]: index)
func.func @recurrent_cell(%w: memref<1000x256xf32> {seq.role = "param"},
                          %h: memref<?x256xf32>, %g: memref<?x1000xf32>,
                          %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // K is dimension 1 of the transposed B, N dimension 0.
  // CHECK: %[[ONE:.*]] = arith.constant 1 : index
  // CHECK: %[[K:.*]] = memref.dim %[[W]], %[[ONE]]
  // CHECK: %[[ZERO:.*]] = arith.constant 0 : index
  // CHECK: %[[N:.*]] = memref.dim %[[W]], %[[ZERO]]
  // CHECK: %[[WIDTH:.*]] = arith.constant 32 : index
  // CHECK: %[[PANELS:.*]] = arith.ceildivui %[[N]], %[[WIDTH]]
  // CHECK: %[[COLS:.*]] = arith.muli %[[PANELS]], %[[WIDTH]]
  // CHECK: %[[SIZE:.*]] = arith.muli %[[COLS]], %[[K]]
  // CHECK: %[[PACKED:.*]] = memref.alloc(%[[SIZE]]) {alignment = 64 : i64} : memref<?xf32>
  // CHECK: %[[WCAST:.*]] = memref.cast %[[W]]
  // CHECK: %[[TRANSPOSED:.*]] = arith.constant 1 : i64
  // CHECK: call @seq_sgemm_pack_b_f32(%[[WCAST]], %[[PACKED]], %[[TRANSPOSED]])
  // CHECK: scf.for
  scf.for %t = %c0 to %steps step %c1 {
    // CHECK: %[[A:.*]] = memref.cast %[[H]]
    // CHECK: %[[C:.*]] = memref.cast %[[G]]
    // CHECK: %[[ADD:.*]] = arith.constant 0 : i64
    // CHECK: scf.parallel (%[[P:.*]]) = (%{{.*}}) to (%[[PANELS]]) step (%{{.*}}) {
    // CHECK-NEXT: %[[I:.*]] = arith.index_cast %[[P]] : index to i64
    // CHECK-NEXT: func.call @seq_sgemm_packed_panel_f32(%[[A]], %[[PACKED]], %[[C]], %[[I]], %[[ADD]])
    linalg.matmul_transpose_b ins(%h, %w : memref<?x256xf32>, memref<1000x256xf32>)
                              outs(%g : memref<?x1000xf32>)
    // CHECK: scf.parallel
    // CHECK: func.call @seq_sgemm_packed_panel_f32(%{{.*}}, %[[PACKED]],
    linalg.matmul_transpose_b ins(%h, %w : memref<?x256xf32>, memref<1000x256xf32>)
                              outs(%g : memref<?x1000xf32>)
  }
  // CHECK: scf.reduce
  // CHECK-NEXT: }
  // CHECK-NEXT: }
  // CHECK-NEXT: memref.dealloc %[[PACKED]] : memref<?xf32>
  // CHECK-NOT: seq_sgemm_pack_b_f32
  // CHECK: return
  return
}

// Left to the general sgemm: a B that is not a param (it may change from
// step to step), a product outside any loop, and more rows than
// max-packed-rows.
// CHECK-LABEL: func @not_packed
// MAXROWS-LABEL: func @not_packed
func.func @not_packed(%w: memref<64x256xf32> {seq.role = "param"},
                      %v: memref<64x256xf32>, %h: memref<512x256xf32>,
                      %g: memref<512x64xf32>, %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // CHECK-NOT: seq_sgemm_pack_b_f32
  // CHECK: call @seq_sgemm_f32
  linalg.matmul_transpose_b ins(%h, %w : memref<512x256xf32>, memref<64x256xf32>)
                            outs(%g : memref<512x64xf32>)
  scf.for %t = %c0 to %steps step %c1 {
    // CHECK: call @seq_sgemm_f32
    linalg.matmul_transpose_b ins(%h, %v : memref<512x256xf32>, memref<64x256xf32>)
                              outs(%g : memref<512x64xf32>)
    // 512 rows > 256. With max-packed-rows=512 these weights are packed.
    // CHECK: call @seq_sgemm_f32
    // MAXROWS: call @seq_sgemm_pack_b_f32
    // MAXROWS: scf.for
    // MAXROWS: call @seq_sgemm_f32
    // MAXROWS: func.call @seq_sgemm_packed_panel_f32
    linalg.matmul_transpose_b ins(%h, %w : memref<512x256xf32>, memref<64x256xf32>)
                              outs(%g : memref<512x64xf32>)
  }
  return
}

// A tile of a step (seq-fuse-step-products) multiplies by rows %j + 64 of
// the weights (columns %j + 64 of the product): the whole param is packed
// once, before the outermost loop it is invariant in, and each tile
// multiplies its range of the packed columns, from its first column on. The
// tile's zero fill of C is dropped: the call overwrites C (flag 4).
// CHECK-LABEL: func @tile_of_a_step
// CHECK-SAME: (%[[W:.*]]: memref<128x64xf32> {seq.role = "param"}, %[[H:.*]]: memref<?x64xf32>, %[[G:.*]]: memref<?x64xf32>, %[[STEPS:.*]]: index)
// ALL-LABEL: func @tile_of_a_step
func.func @tile_of_a_step(%w: memref<128x64xf32> {seq.role = "param"},
                          %h: memref<?x64xf32>, %g: memref<?x64xf32>,
                          %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %rows = memref.dim %h, %c0 : memref<?x64xf32>
  // CHECK: %[[PACKED:.*]] = memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?xf32>
  // CHECK: call @seq_sgemm_pack_b_f32(%{{.*}}, %[[PACKED]], %{{.*}})
  // CHECK: scf.for
  scf.for %t = %c0 to %steps step %c1 {
    // CHECK: scf.forall (%[[J:.*]]) =
    scf.forall (%j) = (0) to (64) step (32) {
      // CHECK: %[[ROW:.*]] = affine.apply
      %row = affine.apply affine_map<()[s0] -> (s0 + 64)>()[%j]
      %wj = memref.subview %w[%row, 0] [32, 64] [1, 1]
          : memref<128x64xf32> to memref<32x64xf32, strided<[64, 1], offset: ?>>
      %gj = memref.subview %g[0, %j] [%rows, 32] [1, 1]
          : memref<?x64xf32> to memref<?x32xf32, strided<[64, 1], offset: ?>>
      // CHECK-NOT: linalg.fill
      // CHECK: %[[FIRST:.*]] = arith.index_cast %[[ROW]] : index to i64
      // CHECK: %[[OVERWRITE:.*]] = arith.constant 4 : i64
      // CHECK: call @seq_sgemm_packed_columns_f32(%{{.*}}, %[[PACKED]], %{{.*}}, %[[FIRST]], %[[OVERWRITE]])
      // CHECK-NOT: linalg.matmul_transpose_b
      %zero = arith.constant 0.0 : f32
      linalg.fill ins(%zero : f32)
          outs(%gj : memref<?x32xf32, strided<[64, 1], offset: ?>>)
      linalg.matmul_transpose_b
          ins(%h, %wj : memref<?x64xf32>, memref<32x64xf32, strided<[64, 1], offset: ?>>)
          outs(%gj : memref<?x32xf32, strided<[64, 1], offset: ?>>)
    }
  }
  // CHECK: memref.dealloc %[[PACKED]] : memref<?xf32>
  return
}

// With the state's rows known (B = 1 compiled in), a tile's product is 1 x
// 32 x 256 multiply-adds, below min-flops, but the step's whole product
// with the param (1 x 1024 x 256) is not: the tiles still multiply packed
// columns (as loops, each tile read its 32 rows of the unpacked weights
// with horizontal sums: LSTM H=256 B=1 took 8.8-9.5 ms a call against
// 6.9-7.3 with B left free, 2026-12-06).
// CHECK-LABEL: func @tile_of_a_step_with_known_rows
// ALL-LABEL: func @tile_of_a_step_with_known_rows
func.func @tile_of_a_step_with_known_rows(
    %w: memref<1024x256xf32> {seq.role = "param"}, %h: memref<1x256xf32>,
    %g: memref<1x1024xf32>, %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // CHECK: %[[PACKED:.*]] = memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?xf32>
  // CHECK: call @seq_sgemm_pack_b_f32(%{{.*}}, %[[PACKED]], %{{.*}})
  scf.for %t = %c0 to %steps step %c1 {
    scf.forall (%j) = (0) to (1024) step (32) {
      %wj = memref.subview %w[%j, 0] [32, 256] [1, 1]
          : memref<1024x256xf32> to memref<32x256xf32, strided<[256, 1], offset: ?>>
      %gj = memref.subview %g[0, %j] [1, 32] [1, 1]
          : memref<1x1024xf32> to memref<1x32xf32, strided<[1024, 1], offset: ?>>
      // CHECK: call @seq_sgemm_packed_columns_f32(%{{.*}}, %[[PACKED]],
      // CHECK-NOT: linalg.matmul_transpose_b
      linalg.matmul_transpose_b
          ins(%h, %wj : memref<1x256xf32>, memref<32x256xf32, strided<[256, 1], offset: ?>>)
          outs(%gj : memref<1x32xf32, strided<[1024, 1], offset: ?>>)
    }
  }
  return
}

// A step's whole product below min-flops (1 x 64 x 16) stays loops in its
// tiles: nothing is packed.
// CHECK-LABEL: func @tiles_of_a_small_step
// CHECK-NOT: call @seq_sgemm
// CHECK: linalg.matmul_transpose_b
// ALL-LABEL: func @tiles_of_a_small_step
// ALL: call @seq_sgemm_pack_b_f32(
// ALL: call @seq_sgemm_packed_columns_f32(
func.func @tiles_of_a_small_step(
    %w: memref<64x16xf32> {seq.role = "param"}, %h: memref<1x16xf32>,
    %g: memref<1x64xf32>, %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %t = %c0 to %steps step %c1 {
    scf.forall (%j) = (0) to (64) step (16) {
      %wj = memref.subview %w[%j, 0] [16, 16] [1, 1]
          : memref<64x16xf32> to memref<16x16xf32, strided<[16, 1], offset: ?>>
      %gj = memref.subview %g[0, %j] [1, 16] [1, 1]
          : memref<1x64xf32> to memref<1x16xf32, strided<[64, 1], offset: ?>>
      linalg.matmul_transpose_b
          ins(%h, %wj : memref<1x16xf32>, memref<16x16xf32, strided<[16, 1], offset: ?>>)
          outs(%gj : memref<1x16xf32, strided<[64, 1], offset: ?>>)
    }
  }
  return
}

// A tile of a cell's step computes its columns of three gates (rows %j,
// %j + 64 and %j + 128 of the weights) from the same state %h: the three
// packed-columns calls become one call of column sets (3 sets; the unused
// fourth operands repeat the last set's). A fourth gate whose product
// follows a store stays a call of its own: the store may write what the
// joined calls read.
// CHECK-LABEL: func @gates_of_a_tile
func.func @gates_of_a_tile(%w: memref<256x64xf32> {seq.role = "param"},
                           %h: memref<?x64xf32>, %g0: memref<?x64xf32>,
                           %g1: memref<?x64xf32>, %g2: memref<?x64xf32>,
                           %g3: memref<?x64xf32>, %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %rows = memref.dim %h, %c0 : memref<?x64xf32>
  // CHECK: %[[PACKED:.*]] = memref.alloc
  scf.for %t = %c0 to %steps step %c1 {
    scf.forall (%j) = (0) to (64) step (32) {
      // CHECK: %[[F0:.*]] = arith.index_cast %{{.*}} : index to i64
      // CHECK: %[[C0:.*]] = memref.cast %{{.*}} : memref<?x32xf32, strided<[64, 1], offset: ?>> to memref<?x?xf32, strided<[?, ?], offset: ?>>
      // CHECK: %[[F1:.*]] = arith.index_cast %{{.*}} : index to i64
      // CHECK: %[[C1:.*]] = memref.cast %{{.*}} : memref<?x32xf32
      // CHECK: %[[F2:.*]] = arith.index_cast %{{.*}} : index to i64
      // CHECK: %[[C2:.*]] = memref.cast %{{.*}} : memref<?x32xf32
      // CHECK-NOT: call @seq_sgemm_packed_columns_f32
      // CHECK: %[[SETS:.*]] = arith.constant 3 : i64
      // CHECK-NEXT: call @seq_sgemm_packed_column_sets_f32(%{{.*}}, %[[PACKED]], %[[C0]], %[[C1]], %[[C2]], %[[C2]], %[[F0]], %[[F1]], %[[F2]], %[[F2]], %[[SETS]], %{{.*}})
      // CHECK: memref.store
      // CHECK: call @seq_sgemm_packed_columns_f32(
      %r1 = affine.apply affine_map<()[s0] -> (s0 + 64)>()[%j]
      %r2 = affine.apply affine_map<()[s0] -> (s0 + 128)>()[%j]
      %r3 = affine.apply affine_map<()[s0] -> (s0 + 192)>()[%j]
      %w0 = memref.subview %w[%j, 0] [32, 64] [1, 1]
          : memref<256x64xf32> to memref<32x64xf32, strided<[64, 1], offset: ?>>
      %w1 = memref.subview %w[%r1, 0] [32, 64] [1, 1]
          : memref<256x64xf32> to memref<32x64xf32, strided<[64, 1], offset: ?>>
      %w2 = memref.subview %w[%r2, 0] [32, 64] [1, 1]
          : memref<256x64xf32> to memref<32x64xf32, strided<[64, 1], offset: ?>>
      %w3 = memref.subview %w[%r3, 0] [32, 64] [1, 1]
          : memref<256x64xf32> to memref<32x64xf32, strided<[64, 1], offset: ?>>
      %t0 = memref.subview %g0[0, %j] [%rows, 32] [1, 1]
          : memref<?x64xf32> to memref<?x32xf32, strided<[64, 1], offset: ?>>
      %t1 = memref.subview %g1[0, %j] [%rows, 32] [1, 1]
          : memref<?x64xf32> to memref<?x32xf32, strided<[64, 1], offset: ?>>
      %t2 = memref.subview %g2[0, %j] [%rows, 32] [1, 1]
          : memref<?x64xf32> to memref<?x32xf32, strided<[64, 1], offset: ?>>
      %t3 = memref.subview %g3[0, %j] [%rows, 32] [1, 1]
          : memref<?x64xf32> to memref<?x32xf32, strided<[64, 1], offset: ?>>
      linalg.matmul_transpose_b
          ins(%h, %w0 : memref<?x64xf32>, memref<32x64xf32, strided<[64, 1], offset: ?>>)
          outs(%t0 : memref<?x32xf32, strided<[64, 1], offset: ?>>)
      linalg.matmul_transpose_b
          ins(%h, %w1 : memref<?x64xf32>, memref<32x64xf32, strided<[64, 1], offset: ?>>)
          outs(%t1 : memref<?x32xf32, strided<[64, 1], offset: ?>>)
      linalg.matmul_transpose_b
          ins(%h, %w2 : memref<?x64xf32>, memref<32x64xf32, strided<[64, 1], offset: ?>>)
          outs(%t2 : memref<?x32xf32, strided<[64, 1], offset: ?>>)
      memref.store %zero, %h[%c0, %c0] : memref<?x64xf32>
      linalg.matmul_transpose_b
          ins(%h, %w3 : memref<?x64xf32>, memref<32x64xf32, strided<[64, 1], offset: ?>>)
          outs(%t3 : memref<?x32xf32, strided<[64, 1], offset: ?>>)
    }
  }
  return
}

// A product whose C is the state it reads (A) joins no set: joined, the
// first product's write would come after the second's read.
// CHECK-LABEL: func @gate_writes_its_input
// CHECK-COUNT-2: call @seq_sgemm_packed_columns_f32(
// CHECK-NOT: call @seq_sgemm_packed_column_sets_f32
func.func @gate_writes_its_input(%w: memref<128x64xf32> {seq.role = "param"},
                                 %h: memref<?x64xf32>, %g: memref<?x64xf32>,
                                 %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %rows = memref.dim %h, %c0 : memref<?x64xf32>
  scf.for %t = %c0 to %steps step %c1 {
    scf.forall (%j) = (0) to (64) step (32) {
      %r1 = affine.apply affine_map<()[s0] -> (s0 + 64)>()[%j]
      %w0 = memref.subview %w[%j, 0] [32, 64] [1, 1]
          : memref<128x64xf32> to memref<32x64xf32, strided<[64, 1], offset: ?>>
      %w1 = memref.subview %w[%r1, 0] [32, 64] [1, 1]
          : memref<128x64xf32> to memref<32x64xf32, strided<[64, 1], offset: ?>>
      %hj = memref.subview %h[0, %j] [%rows, 32] [1, 1]
          : memref<?x64xf32> to memref<?x32xf32, strided<[64, 1], offset: ?>>
      %gj = memref.subview %g[0, %j] [%rows, 32] [1, 1]
          : memref<?x64xf32> to memref<?x32xf32, strided<[64, 1], offset: ?>>
      linalg.matmul_transpose_b
          ins(%h, %w0 : memref<?x64xf32>, memref<32x64xf32, strided<[64, 1], offset: ?>>)
          outs(%hj : memref<?x32xf32, strided<[64, 1], offset: ?>>)
      linalg.matmul_transpose_b
          ins(%h, %w1 : memref<?x64xf32>, memref<32x64xf32, strided<[64, 1], offset: ?>>)
          outs(%gj : memref<?x32xf32, strided<[64, 1], offset: ?>>)
    }
  }
  return
}

// Five gates' products of the same rows: one call of the four sets a call
// takes, then one of its own. Products of other rows of the state (another
// view of the same buffer) join no set with them.
// CHECK-LABEL: func @five_gates_and_other_rows
// CHECK: %[[FOUR:.*]] = arith.constant 4 : i64
// CHECK-NEXT: call @seq_sgemm_packed_column_sets_f32({{.*}}, %[[FOUR]], %{{.*}})
// CHECK: call @seq_sgemm_packed_columns_f32(
// CHECK: call @seq_sgemm_packed_columns_f32(
// CHECK: call @seq_sgemm_packed_columns_f32(
// CHECK-NOT: call @seq_sgemm_packed_column
func.func @five_gates_and_other_rows(
    %w: memref<320x64xf32> {seq.role = "param"}, %h: memref<?x64xf32>,
    %g: memref<7x?x64xf32>, %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %rows = memref.dim %h, %c0 : memref<?x64xf32>
  scf.for %t = %c0 to %steps step %c1 {
    scf.forall (%j) = (0) to (64) step (32) {
      // Gates 0-4 of every row, then gate 0 of all rows but the last and of
      // all but the first.
      %fewer = arith.subi %rows, %c1 : index
      %top = memref.subview %h[0, 0] [%fewer, 64] [1, 1]
          : memref<?x64xf32> to memref<?x64xf32, strided<[64, 1]>>
      %next = memref.subview %h[1, 0] [%fewer, 64] [1, 1]
          : memref<?x64xf32> to memref<?x64xf32, strided<[64, 1], offset: 64>>
      %i0 = arith.constant 0 : index
      %i1 = arith.constant 1 : index
      %i2 = arith.constant 2 : index
      %i3 = arith.constant 3 : index
      %i4 = arith.constant 4 : index
      %i5 = arith.constant 5 : index
      %i6 = arith.constant 6 : index
      %r1 = affine.apply affine_map<()[s0] -> (s0 + 64)>()[%j]
      %r2 = affine.apply affine_map<()[s0] -> (s0 + 128)>()[%j]
      %r3 = affine.apply affine_map<()[s0] -> (s0 + 192)>()[%j]
      %r4 = affine.apply affine_map<()[s0] -> (s0 + 256)>()[%j]
      %w0 = memref.subview %w[%j, 0] [32, 64] [1, 1]
          : memref<320x64xf32> to memref<32x64xf32, strided<[64, 1], offset: ?>>
      %w1 = memref.subview %w[%r1, 0] [32, 64] [1, 1]
          : memref<320x64xf32> to memref<32x64xf32, strided<[64, 1], offset: ?>>
      %w2 = memref.subview %w[%r2, 0] [32, 64] [1, 1]
          : memref<320x64xf32> to memref<32x64xf32, strided<[64, 1], offset: ?>>
      %w3 = memref.subview %w[%r3, 0] [32, 64] [1, 1]
          : memref<320x64xf32> to memref<32x64xf32, strided<[64, 1], offset: ?>>
      %w4 = memref.subview %w[%r4, 0] [32, 64] [1, 1]
          : memref<320x64xf32> to memref<32x64xf32, strided<[64, 1], offset: ?>>
      %t0 = memref.subview %g[%i0, 0, %j] [1, %rows, 32] [1, 1, 1]
          : memref<7x?x64xf32> to memref<?x32xf32, strided<[64, 1], offset: ?>>
      %t1 = memref.subview %g[%i1, 0, %j] [1, %rows, 32] [1, 1, 1]
          : memref<7x?x64xf32> to memref<?x32xf32, strided<[64, 1], offset: ?>>
      %t2 = memref.subview %g[%i2, 0, %j] [1, %rows, 32] [1, 1, 1]
          : memref<7x?x64xf32> to memref<?x32xf32, strided<[64, 1], offset: ?>>
      %t3 = memref.subview %g[%i3, 0, %j] [1, %rows, 32] [1, 1, 1]
          : memref<7x?x64xf32> to memref<?x32xf32, strided<[64, 1], offset: ?>>
      %t4 = memref.subview %g[%i4, 0, %j] [1, %rows, 32] [1, 1, 1]
          : memref<7x?x64xf32> to memref<?x32xf32, strided<[64, 1], offset: ?>>
      %t5 = memref.subview %g[%i5, 0, %j] [1, %fewer, 32] [1, 1, 1]
          : memref<7x?x64xf32> to memref<?x32xf32, strided<[64, 1], offset: ?>>
      %t6 = memref.subview %g[%i6, 0, %j] [1, %fewer, 32] [1, 1, 1]
          : memref<7x?x64xf32> to memref<?x32xf32, strided<[64, 1], offset: ?>>
      linalg.matmul_transpose_b
          ins(%h, %w0 : memref<?x64xf32>, memref<32x64xf32, strided<[64, 1], offset: ?>>)
          outs(%t0 : memref<?x32xf32, strided<[64, 1], offset: ?>>)
      linalg.matmul_transpose_b
          ins(%h, %w1 : memref<?x64xf32>, memref<32x64xf32, strided<[64, 1], offset: ?>>)
          outs(%t1 : memref<?x32xf32, strided<[64, 1], offset: ?>>)
      linalg.matmul_transpose_b
          ins(%h, %w2 : memref<?x64xf32>, memref<32x64xf32, strided<[64, 1], offset: ?>>)
          outs(%t2 : memref<?x32xf32, strided<[64, 1], offset: ?>>)
      linalg.matmul_transpose_b
          ins(%h, %w3 : memref<?x64xf32>, memref<32x64xf32, strided<[64, 1], offset: ?>>)
          outs(%t3 : memref<?x32xf32, strided<[64, 1], offset: ?>>)
      linalg.matmul_transpose_b
          ins(%h, %w4 : memref<?x64xf32>, memref<32x64xf32, strided<[64, 1], offset: ?>>)
          outs(%t4 : memref<?x32xf32, strided<[64, 1], offset: ?>>)
      linalg.matmul_transpose_b
          ins(%top, %w0 : memref<?x64xf32, strided<[64, 1]>>, memref<32x64xf32, strided<[64, 1], offset: ?>>)
          outs(%t5 : memref<?x32xf32, strided<[64, 1], offset: ?>>)
      linalg.matmul_transpose_b
          ins(%next, %w0 : memref<?x64xf32, strided<[64, 1], offset: 64>>, memref<32x64xf32, strided<[64, 1], offset: ?>>)
          outs(%t6 : memref<?x32xf32, strided<[64, 1], offset: ?>>)
    }
  }
  return
}

// CHECK: func.func private @seq_sgemm_f32(memref<?x?xf32, strided<[?, ?], offset: ?>> {seq.readonly}, memref<?x?xf32, strided<[?, ?], offset: ?>> {seq.readonly}, memref<?x?xf32, strided<[?, ?], offset: ?>>, i64)
// CHECK-DAG: func.func private @seq_sgemm_pack_b_f32(memref<?x?xf32, strided<[?, ?], offset: ?>> {seq.readonly}, memref<?xf32>, i64)
// CHECK-DAG: func.func private @seq_sgemm_packed_panel_f32(memref<?x?xf32, strided<[?, ?], offset: ?>> {seq.readonly}, memref<?xf32> {seq.readonly}, memref<?x?xf32, strided<[?, ?], offset: ?>>, i64, i64)
// CHECK-DAG: func.func private @seq_sgemm_packed_columns_f32(memref<?x?xf32, strided<[?, ?], offset: ?>> {seq.readonly}, memref<?xf32> {seq.readonly}, memref<?x?xf32, strided<[?, ?], offset: ?>>, i64, i64)
// CHECK-DAG: func.func private @seq_sgemm_packed_column_sets_f32(memref<?x?xf32, strided<[?, ?], offset: ?>> {seq.readonly}, memref<?xf32> {seq.readonly}, memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, i64, i64, i64, i64, i64, i64)
