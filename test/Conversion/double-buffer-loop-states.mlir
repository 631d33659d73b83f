// RUN: seq-opt %s --seq-double-buffer-loop-states --split-input-file | FileCheck %s
// RUN: seq-opt %s --seq-double-buffer-loop-states --canonicalize --split-input-file | FileCheck %s --check-prefix=CANON

// Two states of a cell's step (h and c): each gets two buffers allocated
// before the loop, the initial state copied into the second. Iteration k
// reads buffer (k + 1) % 2 and writes buffer k % 2; after n iterations the
// state is in buffer (n + 1) % 2. The loop yields its iter_args unchanged,
// and the canonicalizer drops them: no buffer is allocated or carried per
// step.
// CHECK-LABEL: func @cell_states
// CHECK-SAME: (%[[H0:.*]]: memref<?x8xf32>, %[[C0:.*]]: memref<?x8xf32>, %[[B:.*]]: index, %[[LB:.*]]: index, %[[UB:.*]]: index, %[[STEP:.*]]: index, %[[SCALE:.*]]: f32)
// CHECK: %[[H_INIT:.*]] = memref.alloc(%[[B]]) : memref<?x8xf32>
// CHECK: %[[C_INIT:.*]] = memref.alloc(%[[B]]) : memref<?x8xf32>
// CHECK: %[[TRIPS:.*]] = arith.ceildivui %{{.*}}, %[[STEP]] : index
// CHECK-NEXT: %[[TWO:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[TRIP_PARITY:.*]] = arith.remui %[[TRIPS]], %[[TWO]] : index
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[ODD_TRIPS:.*]] = arith.cmpi ne, %[[TRIP_PARITY]], %[[ZERO]] : index
// CHECK-NEXT: %[[H_EVEN:.*]] = memref.alloc(%[[B]]) {alignment = 64 : i64} : memref<?x8xf32>
// CHECK-NEXT: %[[H_ODD:.*]] = memref.alloc(%[[B]]) {alignment = 64 : i64} : memref<?x8xf32>
// CHECK-NEXT: memref.copy %[[H_INIT]], %[[H_ODD]]
// CHECK-NEXT: %[[C_EVEN:.*]] = memref.alloc(%[[B]]) {alignment = 64 : i64} : memref<?x8xf32>
// CHECK-NEXT: %[[C_ODD:.*]] = memref.alloc(%[[B]]) {alignment = 64 : i64} : memref<?x8xf32>
// CHECK-NEXT: memref.copy %[[C_INIT]], %[[C_ODD]]
// CHECK-NEXT: %{{.*}}:2 = scf.for %[[I:.*]] = %[[LB]] to %[[UB]] step %[[STEP]] iter_args(%[[H:.*]] = %[[H_INIT]], %[[C:.*]] = %[[C_INIT]])
// CHECK-NEXT: %[[OFFSET:.*]] = arith.subi %[[I]], %[[LB]] : index
// CHECK-NEXT: %[[K:.*]] = arith.divui %[[OFFSET]], %[[STEP]] : index
// CHECK-NEXT: %[[TWO_IN:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[PARITY:.*]] = arith.remui %[[K]], %[[TWO_IN]] : index
// CHECK-NEXT: %[[ZERO_IN:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[ODD:.*]] = arith.cmpi ne, %[[PARITY]], %[[ZERO_IN]] : index
// CHECK-NEXT: %[[C_READ:.*]] = arith.select %[[ODD]], %[[C_EVEN]], %[[C_ODD]] : memref<?x8xf32>
// CHECK-NEXT: %[[H_READ:.*]] = arith.select %[[ODD]], %[[H_EVEN]], %[[H_ODD]] : memref<?x8xf32>
// CHECK-NEXT: %[[C_NEW:.*]] = arith.select %[[ODD]], %[[C_ODD]], %[[C_EVEN]] : memref<?x8xf32>
// CHECK-NEXT: %[[H_NEW:.*]] = arith.select %[[ODD]], %[[H_ODD]], %[[H_EVEN]] : memref<?x8xf32>
// CHECK-NEXT: linalg.generic
// CHECK-SAME: ins(%[[H_READ]], %[[C_READ]] : memref<?x8xf32>, memref<?x8xf32>) outs(%[[H_NEW]], %[[C_NEW]] : memref<?x8xf32>, memref<?x8xf32>)
// CHECK: scf.yield %[[H]], %[[C]] : memref<?x8xf32>, memref<?x8xf32>
// CHECK-NEXT: }
// CHECK-NEXT: %[[C_LAST:.*]] = arith.select %[[ODD_TRIPS]], %[[C_EVEN]], %[[C_ODD]] : memref<?x8xf32>
// CHECK-NEXT: %[[H_LAST:.*]] = arith.select %[[ODD_TRIPS]], %[[H_EVEN]], %[[H_ODD]] : memref<?x8xf32>
// CHECK-NEXT: return %[[H_LAST]], %[[C_LAST]]

// CANON-LABEL: func @cell_states
// CANON: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} {
// CANON-NOT: memref.alloc
// CANON: return
func.func @cell_states(%h0: memref<?x8xf32>, %c0: memref<?x8xf32>, %b: index,
                       %lb: index, %ub: index, %step: index, %scale: f32)
    -> (memref<?x8xf32>, memref<?x8xf32>) {
  %hInit = memref.alloc(%b) : memref<?x8xf32>
  memref.copy %h0, %hInit : memref<?x8xf32> to memref<?x8xf32>
  %cInit = memref.alloc(%b) : memref<?x8xf32>
  memref.copy %c0, %cInit : memref<?x8xf32> to memref<?x8xf32>
  %r:2 = scf.for %i = %lb to %ub step %step
      iter_args(%h = %hInit, %c = %cInit) -> (memref<?x8xf32>, memref<?x8xf32>) {
    %cNew = memref.alloc(%b) {alignment = 64 : i64} : memref<?x8xf32>
    %hNew = memref.alloc(%b) {alignment = 64 : i64} : memref<?x8xf32>
    linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>,
                                     affine_map<(d0, d1) -> (d0, d1)>,
                                     affine_map<(d0, d1) -> (d0, d1)>,
                                     affine_map<(d0, d1) -> (d0, d1)>],
                    iterator_types = ["parallel", "parallel"]}
        ins(%h, %c : memref<?x8xf32>, memref<?x8xf32>)
        outs(%hNew, %cNew : memref<?x8xf32>, memref<?x8xf32>) {
    ^bb0(%hv: f32, %cv: f32, %ho: f32, %co: f32):
      %cn = arith.mulf %cv, %scale : f32
      %hn = arith.addf %hv, %cn : f32
      linalg.yield %hn, %cn : f32, f32
    }
    scf.yield %hNew, %cNew : memref<?x8xf32>, memref<?x8xf32>
  }
  return %r#0, %r#1 : memref<?x8xf32>, memref<?x8xf32>
}

// -----

// A loop that also carries a scalar: the scalar stays, the state does not.
// CANON-LABEL: func @state_and_scalar
// CANON: %{{.*}} = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %{{.*}}) -> (f32)
// CANON-NOT: memref.alloc
// CANON: scf.yield %{{.*}} : f32
func.func @state_and_scalar(%n: index, %x: f32) -> (memref<4xf32>, f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %init = memref.alloc() : memref<4xf32>
  %r:2 = scf.for %i = %c0 to %n step %c1 iter_args(%s = %init, %acc = %x)
      -> (memref<4xf32>, f32) {
    %new = memref.alloc() : memref<4xf32>
    memref.copy %s, %new : memref<4xf32> to memref<4xf32>
    %next = arith.addf %acc, %x : f32
    scf.yield %new, %next : memref<4xf32>, f32
  }
  return %r#0, %r#1 : memref<4xf32>, f32
}

// -----

// Temporaries sized by the old or the new state: their sizes become the
// allocation's operand, which is loop-invariant.
// CHECK-LABEL: func @sized_by_state
// CHECK-SAME: (%[[B:.*]]: index, %[[N:.*]]: index)
// CHECK: scf.for
// CHECK-NOT: memref.dim
// CHECK: memref.alloc(%[[B]]) : memref<?x8xf32>
// CHECK-NOT: memref.dim
// CHECK: memref.alloc(%[[B]]) : memref<?x8xf32>
// CHECK-NOT: memref.dim
// CHECK: scf.yield
func.func @sized_by_state(%b: index, %n: index) -> memref<?x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %init = memref.alloc(%b) : memref<?x8xf32>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%s = %init) -> (memref<?x8xf32>) {
    %rows = memref.dim %s, %c0 : memref<?x8xf32>
    %gates = memref.alloc(%rows) : memref<?x8xf32>
    memref.copy %s, %gates : memref<?x8xf32> to memref<?x8xf32>
    %new = memref.alloc(%b) : memref<?x8xf32>
    %newRows = memref.dim %new, %c0 : memref<?x8xf32>
    %more = memref.alloc(%newRows) : memref<?x8xf32>
    memref.copy %gates, %more : memref<?x8xf32> to memref<?x8xf32>
    memref.copy %more, %new : memref<?x8xf32> to memref<?x8xf32>
    memref.dealloc %gates : memref<?x8xf32>
    memref.dealloc %more : memref<?x8xf32>
    scf.yield %new : memref<?x8xf32>
  }
  return %r : memref<?x8xf32>
}

// -----

// Loops left as they are: a state yielded from a view (an older state could
// reach the next iteration), from an allocation whose size changes per
// iteration, from one allocation twice, from an allocation in a nested
// region, or whose initial value is a function's argument (which may alias
// others), or is used in the loop besides.
// CHECK-LABEL: func @left_alone
// CHECK-NOT: arith.select
// CHECK: return
func.func @left_alone(%arg: memref<4xf32>, %n: index, %flag: i1) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %init = memref.alloc() : memref<4xf32>
  %view = scf.for %i = %c0 to %n step %c1 iter_args(%s = %init) -> (memref<4xf32>) {
    %new = memref.alloc() : memref<8xf32>
    %half = memref.subview %new[0] [4] [1] : memref<8xf32> to memref<4xf32>
    scf.yield %half : memref<4xf32>
  }
  %sized = memref.alloc(%n) : memref<?xf32>
  %growing = scf.for %i = %c0 to %n step %c1 iter_args(%s = %sized) -> (memref<?xf32>) {
    %new = memref.alloc(%i) : memref<?xf32>
    scf.yield %new : memref<?xf32>
  }
  %twice:2 = scf.for %i = %c0 to %n step %c1 iter_args(%s = %init, %t = %init)
      -> (memref<4xf32>, memref<4xf32>) {
    %new = memref.alloc() : memref<4xf32>
    scf.yield %new, %new : memref<4xf32>, memref<4xf32>
  }
  %nested = scf.for %i = %c0 to %n step %c1 iter_args(%s = %init) -> (memref<4xf32>) {
    %new = scf.if %flag -> memref<4xf32> {
      %a = memref.alloc() : memref<4xf32>
      scf.yield %a : memref<4xf32>
    } else {
      scf.yield %s : memref<4xf32>
    }
    scf.yield %new : memref<4xf32>
  }
  %fromArg = scf.for %i = %c0 to %n step %c1 iter_args(%s = %arg) -> (memref<4xf32>) {
    %new = memref.alloc() : memref<4xf32>
    memref.copy %arg, %new : memref<4xf32> to memref<4xf32>
    scf.yield %new : memref<4xf32>
  }
  %used = scf.for %i = %c0 to %n step %c1 iter_args(%s = %init) -> (memref<4xf32>) {
    %new = memref.alloc() : memref<4xf32>
    memref.copy %init, %new : memref<4xf32> to memref<4xf32>
    scf.yield %new : memref<4xf32>
  }
  return
}
