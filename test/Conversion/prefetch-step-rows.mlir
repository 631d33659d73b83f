// RUN: seq-opt %s --split-input-file --seq-prefetch-step-rows | FileCheck %s
// RUN: seq-opt %s --split-input-file --seq-prefetch-step-rows=max-lines=8 | FileCheck %s --check-prefix=LINES

// A cell's tiles read their columns of the step's row of the projection
// %xg, which nothing in the loop writes: each tile prefetches the same
// columns of the next step's row, line by line (32 f32 columns: two lines
// per row of the batch), when there is a next step and the slice spans at
// most max-lines lines; by default as many as the runtime answers for the
// CPU running the code, asked once at the function's entry.
// CHECK-LABEL: func @tile_reads_step_row
// CHECK-SAME: (%[[XG:.*]]: memref<?x?x1024xf32>, %[[OUT:.*]]: memref<?x32xf32>, %[[B:.*]]: index, %[[T:.*]]: index)
// CHECK-NEXT: %[[ASKED:.*]] = call @seq_step_row_prefetch_lines() : () -> i64
// CHECK-NEXT: %[[MAX:.*]] = arith.index_cast %[[ASKED]] : i64 to index
// LINES-LABEL: func @tile_reads_step_row
// LINES-NEXT: %[[MAX:.*]] = arith.constant 8 : index
// LINES-NOT: seq_step_row_prefetch_lines
func.func @tile_reads_step_row(%xg: memref<?x?x1024xf32>, %out: memref<?x32xf32>,
                               %b: index, %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  %c256 = arith.constant 256 : index
  // CHECK: scf.for %[[STEP:.*]] = %{{.*}} to %[[T]] step %[[ONE:[a-z0-9_]+]]
  scf.for %t = %c0 to %steps step %c1 {
    // CHECK: scf.parallel (%[[J:.*]]) =
    scf.parallel (%j) = (%c0) to (%c256) step (%c32) {
      // CHECK: %[[COL:.*]] = affine.apply
      %col = affine.apply affine_map<(d0) -> (d0 + 768)>(%j)
      // CHECK: %[[VIEW:.*]] = memref.subview %[[XG]][%[[STEP]], 0, %[[COL]]] [1, %[[B]], 32] [1, 1, 1]
      %x = memref.subview %xg[%t, 0, %col] [1, %b, 32] [1, 1, 1]
          : memref<?x?x1024xf32> to memref<?x32xf32, strided<[1024, 1], offset: ?>>
      // CHECK: %[[LINE:.*]] = arith.constant 16 : index
      // CHECK: %[[NEXT:.*]] = arith.addi %[[STEP]], %[[ONE]] : index
      // CHECK: %[[ROW_LINES:.*]] = arith.constant 2 : index
      // CHECK: %[[COUNT:.*]] = arith.muli %[[B]], %[[ROW_LINES]] : index
      // CHECK: %[[FEW:.*]] = arith.cmpi ule, %[[COUNT]], %[[MAX]] : index
      // LINES: arith.cmpi ule, %{{.*}}, %[[MAX]] : index
      // CHECK: %[[HAS_NEXT:.*]] = arith.cmpi slt, %[[NEXT]], %[[T]] : index
      // CHECK: %[[BOTH:.*]] = arith.andi %[[HAS_NEXT]], %[[FEW]] : i1
      // CHECK: scf.if %[[BOTH]] {
      // CHECK:   scf.for %[[R:.*]] = %{{.*}} to %[[B]] step %{{.*}} {
      // CHECK:     scf.for %[[C:.*]] = %{{.*}} to %{{.*}} step %[[LINE]] {
      // CHECK:       %[[COLUMN:.*]] = arith.addi %[[COL]], %[[C]] : index
      // CHECK:       memref.prefetch %[[XG]][%[[NEXT]], %[[R]], %[[COLUMN]]], read, locality<3>, data : memref<?x?x1024xf32>
      // CHECK:     }
      // CHECK:   }
      // CHECK: }
      // CHECK: memref.copy %[[VIEW]], %[[OUT]]
      memref.copy %x, %out : memref<?x32xf32, strided<[1024, 1], offset: ?>> to memref<?x32xf32>
      scf.reduce
    }
  }
  return
}

// -----

// A call that only reads the buffer (its argument marked seq.readonly) does
// not stop the prefetch.
// CHECK-LABEL: func @read_by_a_call
func.func private @reads(memref<?x16xf32, strided<[16, 1], offset: ?>> {seq.readonly})
func.func @read_by_a_call(%rows: memref<?x16xf32>, %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %t = %c0 to %steps step %c1 {
    scf.parallel (%j) = (%c0) to (%c4) step (%c1) {
      // CHECK: memref.subview
      // CHECK: scf.if
      // CHECK: memref.prefetch
      %x = memref.subview %rows[%t, 0] [1, 16] [1, 1]
          : memref<?x16xf32> to memref<1x16xf32, strided<[16, 1], offset: ?>>
      %y = memref.cast %x : memref<1x16xf32, strided<[16, 1], offset: ?>> to memref<?x16xf32, strided<[16, 1], offset: ?>>
      func.call @reads(%y) : (memref<?x16xf32, strided<[16, 1], offset: ?>>) -> ()
      scf.reduce
    }
  }
  return
}

// -----

// No prefetch: the loop writes the buffer (a store, a call that may write
// it), the view is of another step's row or of a buffer made in the loop,
// it has a stride, or no parallel loop holds it.
// CHECK-LABEL: func @not_prefetched
// CHECK-NOT: memref.prefetch
// CHECK-NOT: seq_step_row_prefetch_lines
func.func private @writes(memref<?x16xf32, strided<[16, 1], offset: ?>>)
func.func @not_prefetched(%rows: memref<?x16xf32>, %other: memref<?x16xf32>,
                          %called: memref<?x16xf32>, %wide: memref<?x32xf32>,
                          %out: memref<1x16xf32>, %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.0 : f32
  scf.for %t = %c0 to %steps step %c1 {
    scf.parallel (%j) = (%c0) to (%c4) step (%c1) {
      // Written in the loop.
      %x = memref.subview %rows[%t, 0] [1, 16] [1, 1]
          : memref<?x16xf32> to memref<1x16xf32, strided<[16, 1], offset: ?>>
      memref.copy %x, %out : memref<1x16xf32, strided<[16, 1], offset: ?>> to memref<1x16xf32>
      memref.store %zero, %rows[%t, %j] : memref<?x16xf32>
      // Another step's row.
      %next = arith.addi %t, %c1 : index
      %y = memref.subview %other[%next, 0] [1, 16] [1, 1]
          : memref<?x16xf32> to memref<1x16xf32, strided<[16, 1], offset: ?>>
      memref.copy %y, %out : memref<1x16xf32, strided<[16, 1], offset: ?>> to memref<1x16xf32>
      // Passed to a call that may write it.
      %z = memref.subview %called[%t, 0] [1, 16] [1, 1]
          : memref<?x16xf32> to memref<1x16xf32, strided<[16, 1], offset: ?>>
      %zc = memref.cast %z : memref<1x16xf32, strided<[16, 1], offset: ?>> to memref<?x16xf32, strided<[16, 1], offset: ?>>
      func.call @writes(%zc) : (memref<?x16xf32, strided<[16, 1], offset: ?>>) -> ()
      // Every other column.
      %w = memref.subview %wide[%t, 0] [1, 16] [1, 2]
          : memref<?x32xf32> to memref<1x16xf32, strided<[32, 2], offset: ?>>
      memref.copy %w, %out : memref<1x16xf32, strided<[32, 2], offset: ?>> to memref<1x16xf32>
      scf.reduce
    }
    // Made in the loop.
    %made = memref.alloc(%steps) : memref<?x16xf32>
    scf.parallel (%j) = (%c0) to (%c4) step (%c1) {
      %m = memref.subview %made[%t, 0] [1, 16] [1, 1]
          : memref<?x16xf32> to memref<1x16xf32, strided<[16, 1], offset: ?>>
      memref.copy %m, %out : memref<1x16xf32, strided<[16, 1], offset: ?>> to memref<1x16xf32>
      scf.reduce
    }
    memref.dealloc %made : memref<?x16xf32>
    // Outside any parallel loop.
    %v = memref.subview %wide[%t, 0] [1, 16] [1, 1]
        : memref<?x32xf32> to memref<1x16xf32, strided<[32, 1], offset: ?>>
    memref.copy %v, %out : memref<1x16xf32, strided<[32, 1], offset: ?>> to memref<1x16xf32>
  }
  return
}
