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

// CHECK-DAG: func.func private @omp_get_thread_num() -> i32
// CHECK-DAG: func.func private @omp_get_num_threads() -> i32
