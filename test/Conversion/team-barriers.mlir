// RUN: seq-opt %s --seq-team-barriers --split-input-file | FileCheck %s

// A cell's call as seq-hoist-parallel-regions leaves it: every thread steps
// through time and waits at one barrier per step, and a second one after
// thread 0's copy. Both become calls of seq's barrier on one state, zeroed
// at the function's entry, with the team's size read once per region.
// CHECK-LABEL: func @cell_steps
// CHECK-SAME: (%[[OUT:.*]]: memref<?x8xf32>, %[[T:.*]]: index)
// CHECK-NEXT: %[[STATE:.*]] = memref.alloca() {alignment = 64 : i64} : memref<32xi64>
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-NEXT: %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT: memref.store %[[ZERO]], %[[STATE]][%[[C0]]] : memref<32xi64>
// CHECK-NEXT: %[[C16:.*]] = arith.constant 16 : index
// CHECK-NEXT: memref.store %[[ZERO]], %[[STATE]][%[[C16]]] : memref<32xi64>
// CHECK: omp.parallel {
// CHECK-NEXT: %[[THREADS:.*]] = func.call @omp_get_num_threads() : () -> i32
// CHECK: scf.for
// CHECK: func.call @tile(
// CHECK-NEXT: func.call @seq_team_barrier(%[[STATE]], %[[THREADS]]) : (memref<32xi64>, i32) -> ()
// CHECK-NEXT: scf.if
// CHECK: memref.copy
// CHECK-NEXT: }
// CHECK-NEXT: func.call @seq_team_barrier(%[[STATE]], %[[THREADS]]) : (memref<32xi64>, i32) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: omp.terminator
// CHECK-NOT: omp.barrier
// CHECK: func.func private @omp_get_num_threads() -> i32
// CHECK: func.func private @seq_team_barrier(memref<32xi64>, i32)
func.func private @tile(memref<8xf32>, index)
func.func @cell_steps(%out: memref<?x8xf32>, %t: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %h = memref.alloc() : memref<8xf32>
  omp.parallel {
    %thread = func.call @omp_get_thread_num() : () -> i32
    %zero = arith.constant 0 : i32
    %first = arith.cmpi eq, %thread, %zero : i32
    scf.for %i = %c0 to %t step %c1 {
      func.call @tile(%h, %i) : (memref<8xf32>, index) -> ()
      omp.barrier
      scf.if %first {
        %row = memref.subview %out[%i, 0] [1, 8] [1, 1]
            : memref<?x8xf32> to memref<8xf32, strided<[1], offset: ?>>
        memref.copy %h, %row
            : memref<8xf32> to memref<8xf32, strided<[1], offset: ?>>
      }
      omp.barrier
    }
    omp.terminator
  }
  memref.dealloc %h : memref<8xf32>
  return
}
func.func private @omp_get_thread_num() -> i32

// -----

// Two regions of one function each get their own state.
// CHECK-LABEL: func @two_regions
// CHECK: %[[FIRST:.*]] = memref.alloca() {alignment = 64 : i64} : memref<32xi64>
// CHECK: %[[SECOND:.*]] = memref.alloca() {alignment = 64 : i64} : memref<32xi64>
// CHECK: omp.parallel {
// CHECK: func.call @seq_team_barrier(%[[FIRST]],
// CHECK: omp.parallel {
// CHECK: func.call @seq_team_barrier(%[[SECOND]],
func.func private @work(index)
func.func @two_regions(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  omp.parallel {
    scf.for %i = %c0 to %n step %c1 {
      func.call @work(%i) : (index) -> ()
      omp.barrier
    }
    omp.terminator
  }
  omp.parallel {
    func.call @work(%c0) : (index) -> ()
    omp.barrier
    func.call @work(%c1) : (index) -> ()
    omp.terminator
  }
  return
}

// -----

// Left to libomp: a barrier of a region nested in another (its state would
// be shared by the outer threads' teams), and one outside any region. The
// outer region's own barrier is seq's.
// CHECK-LABEL: func @left_alone
// CHECK: omp.parallel {
// CHECK: omp.parallel {
// CHECK-NEXT: omp.barrier
// CHECK: omp.terminator
// CHECK: func.call @seq_team_barrier(
// CHECK: omp.terminator
// CHECK-NEXT: }
// CHECK-NEXT: omp.barrier
// CHECK-NEXT: return
func.func @left_alone() {
  omp.parallel {
    omp.parallel {
      omp.barrier
      omp.terminator
    }
    omp.barrier
    omp.terminator
  }
  omp.barrier
  return
}

// -----

// A symbol of the query's name that is no function leaves every barrier to
// libomp.
// CHECK-LABEL: func @query_taken
// CHECK: omp.barrier
// CHECK-NOT: seq_team_barrier
llvm.mlir.global internal @omp_get_num_threads(0 : i32) : i32
func.func @query_taken() {
  omp.parallel {
    omp.barrier
    omp.terminator
  }
  return
}
