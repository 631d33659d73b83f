// RUN: seq-opt %s --seq-partition-worksharing-loops | FileCheck %s

// A worksharing loop that ends its parallel region: each thread runs its
// share, a balanced static split (trips / threads each, the first
// trips % threads threads one more; no trips when ub <= lb), with no
// barrier of its own (the region's threads join after it).
// CHECK-LABEL: func @ends_the_region
// CHECK-SAME: (%[[A:.*]]: memref<?xf32>, %[[LB:.*]]: index, %[[UB:.*]]: index)
// CHECK-DAG: %[[STEP:.*]] = arith.constant 3 : index
// CHECK: omp.parallel {
// CHECK-NEXT: %[[T32:.*]] = func.call @omp_get_thread_num() : () -> i32
// CHECK-NEXT: %[[T:.*]] = arith.index_cast %[[T32]] : i32 to index
// CHECK-NEXT: %[[N32:.*]] = func.call @omp_get_num_threads() : () -> i32
// CHECK-NEXT: %[[N:.*]] = arith.index_cast %[[N32]] : i32 to index
// CHECK-NEXT: %[[ZERO_SPAN:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[EMPTY:.*]] = arith.cmpi sle, %[[UB]], %[[LB]] : index
// CHECK-NEXT: %[[DIFF:.*]] = arith.subi %[[UB]], %[[LB]] : index
// CHECK-NEXT: %[[SPAN:.*]] = arith.select %[[EMPTY]], %[[ZERO_SPAN]], %[[DIFF]] : index
// CHECK-NEXT: %[[TRIPS:.*]] = arith.ceildivui %[[SPAN]], %[[STEP]] : index
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[EACH:.*]] = arith.divui %[[TRIPS]], %[[N]] : index
// CHECK-NEXT: %[[EXTRA:.*]] = arith.remui %[[TRIPS]], %[[N]] : index
// CHECK-NEXT: %[[BEFORE:.*]] = arith.muli %[[T]], %[[EACH]] : index
// CHECK-NEXT: %[[SKIP:.*]] = arith.minui %[[T]], %[[EXTRA]] : index
// CHECK-NEXT: %[[FIRST:.*]] = arith.addi %[[BEFORE]], %[[SKIP]] : index
// CHECK-NEXT: %[[MORE:.*]] = arith.cmpi ult, %[[T]], %[[EXTRA]] : index
// CHECK-NEXT: %[[ONE_MORE:.*]] = arith.select %[[MORE]], %[[ONE]], %[[ZERO]] : index
// CHECK-NEXT: %[[COUNT:.*]] = arith.addi %[[EACH]], %[[ONE_MORE]] : index
// CHECK-NEXT: %[[LAST:.*]] = arith.addi %[[FIRST]], %[[COUNT]] : index
// CHECK-NEXT: scf.for %[[K:.*]] = %[[FIRST]] to %[[LAST]] step %[[ONE]] {
// CHECK-NEXT: %[[SCALED:.*]] = arith.muli %[[K]], %[[STEP]] : index
// CHECK-NEXT: %[[I:.*]] = arith.addi %[[LB]], %[[SCALED]] : index
// CHECK-NEXT: memref.store %{{.*}}, %[[A]][%[[I]]] : memref<?xf32>
// CHECK-NEXT: }
// CHECK-NEXT: omp.terminator
func.func @ends_the_region(%a: memref<?xf32>, %lb: index, %ub: index) {
  %f = arith.constant 1.0 : f32
  %step = arith.constant 3 : index
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%lb) to (%ub) step (%step) {
        memref.store %f, %a[%i] : memref<?xf32>
        omp.yield
      }
      omp.terminator
    }
    omp.terminator
  }
  return
}

// More of the region follows the loop: a barrier keeps the loop's writes
// before it; none after a nowait loop.
// CHECK-LABEL: func @region_goes_on
// CHECK: scf.for
// CHECK: }
// CHECK-NEXT: omp.barrier
// CHECK-NEXT: memref.store
// CHECK: scf.for
// CHECK: }
// CHECK-NEXT: memref.store
// CHECK-NEXT: omp.terminator
func.func @region_goes_on(%a: memref<?xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %f = arith.constant 1.0 : f32
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
        memref.store %f, %a[%i] : memref<?xf32>
        omp.yield
      }
      omp.terminator
    }
    memref.store %f, %a[%c0] : memref<?xf32>
    omp.wsloop nowait {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
        memref.store %f, %a[%i] : memref<?xf32>
        omp.yield
      }
      omp.terminator
    }
    memref.store %f, %a[%c0] : memref<?xf32>
    omp.terminator
  }
  return
}

// Loops libomp must split stay worksharing loops: a schedule clause, a
// collapsed nest of two loops, a step known only at run time (it may be
// negative), and an i32 induction variable.
// CHECK-LABEL: func @left_to_libomp
// CHECK: omp.wsloop schedule(dynamic)
// CHECK: omp.wsloop {
// CHECK-NEXT: omp.loop_nest (%{{.*}}, %{{.*}}) : index
// CHECK: omp.wsloop {
// CHECK-NEXT: omp.loop_nest (%{{.*}}) : index = (%{{.*}}) to (%{{.*}}) step (%arg2)
// CHECK: omp.wsloop {
// CHECK-NEXT: omp.loop_nest (%{{.*}}) : i32
// CHECK-NOT: scf.for
func.func @left_to_libomp(%a: memref<?x?xf32>, %n: index, %s: index,
                          %n32: i32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z32 = arith.constant 0 : i32
  %o32 = arith.constant 1 : i32
  %f = arith.constant 1.0 : f32
  omp.parallel {
    omp.wsloop schedule(dynamic) {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
        memref.store %f, %a[%i, %c0] : memref<?x?xf32>
        omp.yield
      }
      omp.terminator
    }
    omp.wsloop {
      omp.loop_nest (%i, %j) : index = (%c0, %c0) to (%n, %n) step (%c1, %c1) {
        memref.store %f, %a[%i, %j] : memref<?x?xf32>
        omp.yield
      }
      omp.terminator
    }
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%s) {
        memref.store %f, %a[%i, %c0] : memref<?x?xf32>
        omp.yield
      }
      omp.terminator
    }
    omp.wsloop {
      omp.loop_nest (%i) : i32 = (%z32) to (%n32) step (%o32) {
        memref.store %f, %a[%c0, %c0] : memref<?x?xf32>
        omp.yield
      }
      omp.terminator
    }
    omp.terminator
  }
  return
}

// A loop over steps whose worksharing loop multiplies by weights packed
// before it (a recurrent cell's tiles): in odd steps each thread walks its
// share backwards, so that the panels it read last (still in its L2) are
// the first it reads again. Which iterations a thread takes stays the same.
// CHECK-LABEL: func @packed_weights_alternate
// CHECK-SAME: (%[[H:.*]]: memref<?x?xf32, strided<[?, ?], offset: ?>>, %[[PACKED:.*]]: memref<?xf32>, %[[C:.*]]: memref<?x?xf32, strided<[?, ?], offset: ?>>, %[[N:.*]]: index, %[[TLB:.*]]: index, %[[TUB:.*]]: index)
// CHECK: scf.for %[[T:.*]] = %[[TLB]] to %[[TUB]] step %[[TSTEP:.*]] {
// CHECK: %[[FIRST:.*]] = arith.addi %{{.*}}, %{{.*}} : index
// CHECK-NEXT: arith.cmpi ult
// CHECK-NEXT: arith.select
// CHECK-NEXT: %[[COUNT:.*]] = arith.addi
// CHECK-NEXT: %[[LAST:.*]] = arith.addi %[[FIRST]], %[[COUNT]] : index
// The steps done so far, ceil((t - lb) / step), and their parity.
// CHECK-NEXT: %{{.*}} = arith.constant 0 : index
// CHECK-NEXT: %[[EMPTY:.*]] = arith.cmpi sle, %[[T]], %[[TLB]] : index
// CHECK-NEXT: %[[DIFF:.*]] = arith.subi %[[T]], %[[TLB]] : index
// CHECK-NEXT: %[[SPAN:.*]] = arith.select %[[EMPTY]], %{{.*}}, %[[DIFF]] : index
// CHECK-NEXT: %[[DONE:.*]] = arith.ceildivui %[[SPAN]], %[[TSTEP]] : index
// CHECK-NEXT: %[[TWO:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[PARITY:.*]] = arith.remui %[[DONE]], %[[TWO]] : index
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[ODD:.*]] = arith.cmpi ne, %[[PARITY]], %[[ZERO]] : index
// CHECK-NEXT: scf.for %[[K:.*]] = %[[FIRST]] to %[[LAST]] step %[[ONE:.*]] {
// last - 1 - k + first
// CHECK-NEXT: %[[BEFORE_LAST:.*]] = arith.subi %[[LAST]], %[[ONE]] : index
// CHECK-NEXT: %[[FROM_END:.*]] = arith.subi %[[BEFORE_LAST]], %[[K]] : index
// CHECK-NEXT: %[[BACKWARDS:.*]] = arith.addi %[[FROM_END]], %[[FIRST]] : index
// CHECK-NEXT: %[[TRIP:.*]] = arith.select %[[ODD]], %[[BACKWARDS]], %[[K]] : index
// CHECK-NEXT: %[[SCALED:.*]] = arith.muli %[[TRIP]], %{{.*}} : index
// CHECK-NEXT: %[[I:.*]] = arith.addi %{{.*}}, %[[SCALED]] : index
// CHECK-NEXT: func.call @seq_sgemm_packed_panel_f32(%[[H]], %[[PACKED]], %[[C]], %[[I]], %{{.*}})
func.func private @seq_sgemm_packed_panel_f32(
    memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?xf32>,
    memref<?x?xf32, strided<[?, ?], offset: ?>>, index, i64)
func.func @packed_weights_alternate(
    %h: memref<?x?xf32, strided<[?, ?], offset: ?>>, %packed: memref<?xf32>,
    %c: memref<?x?xf32, strided<[?, ?], offset: ?>>, %n: index, %tlb: index,
    %tub: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %tstep = arith.constant 2 : index
  %flags = arith.constant 4 : i64
  scf.for %t = %tlb to %tub step %tstep {
    omp.parallel {
      omp.wsloop {
        omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
          func.call @seq_sgemm_packed_panel_f32(%h, %packed, %c, %i, %flags)
              : (memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?xf32>,
                 memref<?x?xf32, strided<[?, ?], offset: ?>>, index, i64)
              -> ()
          omp.yield
        }
        omp.terminator
      }
      omp.terminator
    }
  }
  return
}

// Weights packed inside the loop over steps are not reused from step to
// step, and a loop over steps around a region without such a product
// (a scan's chunks) keeps its order: each thread walks its share forwards.
// CHECK-LABEL: func @packed_each_step
// CHECK: omp.parallel
// CHECK: scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT: %[[SCALED:.*]] = arith.muli %[[K]], %{{.*}} : index
// CHECK-NEXT: %[[I:.*]] = arith.addi %{{.*}}, %[[SCALED]] : index
// CHECK-NEXT: func.call @seq_sgemm_packed_panel_f32
// CHECK-LABEL: func @no_product
// CHECK: omp.parallel
// CHECK: scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT: %[[SCALED:.*]] = arith.muli %[[K]], %{{.*}} : index
// CHECK-NEXT: %[[I:.*]] = arith.addi %{{.*}}, %[[SCALED]] : index
// CHECK-NEXT: memref.store
func.func @packed_each_step(
    %h: memref<?x?xf32, strided<[?, ?], offset: ?>>, %size: index,
    %c: memref<?x?xf32, strided<[?, ?], offset: ?>>, %n: index, %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %flags = arith.constant 4 : i64
  scf.for %t = %c0 to %steps step %c1 {
    %packed = memref.alloc(%size) : memref<?xf32>
    omp.parallel {
      omp.wsloop {
        omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
          func.call @seq_sgemm_packed_panel_f32(%h, %packed, %c, %i, %flags)
              : (memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?xf32>,
                 memref<?x?xf32, strided<[?, ?], offset: ?>>, index, i64)
              -> ()
          omp.yield
        }
        omp.terminator
      }
      omp.terminator
    }
    memref.dealloc %packed : memref<?xf32>
  }
  return
}
func.func @no_product(%a: memref<?xf32>, %n: index, %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %f = arith.constant 1.0 : f32
  scf.for %t = %c0 to %steps step %c1 {
    omp.parallel {
      omp.wsloop {
        omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
          memref.store %f, %a[%i] : memref<?xf32>
          omp.yield
        }
        omp.terminator
      }
      omp.terminator
    }
  }
  return
}

// CHECK-DAG: func.func private @omp_get_thread_num() -> i32
// CHECK-DAG: func.func private @omp_get_num_threads() -> i32
