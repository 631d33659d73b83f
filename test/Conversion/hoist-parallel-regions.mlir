// RUN: seq-opt %s --seq-hoist-parallel-regions --split-input-file | FileCheck %s

// A cell's step as seq-double-buffer-loop-states and
// seq-partition-worksharing-loops leave it: the tiles read the state chosen
// by the trip's parity and write the other one, then the step's new state
// is copied to the output. The loop runs in one parallel region, one
// barrier per step; thread 0 copies. The next step's tiles read what the
// copy reads and write the other buffer, and the copy's destination (a
// model's argument) is no buffer the tiles touch: no second barrier.
// CHECK-LABEL: func @cell_step
// CHECK-SAME: (%[[W:.*]]: memref<8x8xf32>, %[[OUT:.*]]: memref<?x8xf32>, %[[T:.*]]: index)
// CHECK: %[[EVEN:.*]] = memref.alloc() : memref<8xf32>
// CHECK: %[[ODD:.*]] = memref.alloc() : memref<8xf32>
// CHECK-NEXT: omp.parallel {
// CHECK-NEXT: %[[THREAD:.*]] = func.call @omp_get_thread_num() : () -> i32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-NEXT: %[[FIRST:.*]] = arith.cmpi eq, %[[THREAD]], %[[ZERO]] : i32
// CHECK-NEXT: scf.for %[[I:.*]] = %{{.*}} to %[[T]] step %{{.*}} {
// CHECK-NEXT: %[[PARITY:.*]] = arith.remui %[[I]], %{{.*}} : index
// CHECK-NEXT: %[[IS_ODD:.*]] = arith.cmpi ne, %[[PARITY]], %{{.*}} : index
// CHECK-NEXT: %[[READ:.*]] = arith.select %[[IS_ODD]], %[[EVEN]], %[[ODD]] : memref<8xf32>
// CHECK-NEXT: %[[NEW:.*]] = arith.select %[[IS_ODD]], %[[ODD]], %[[EVEN]] : memref<8xf32>
// CHECK-NEXT: func.call @tile_product(%[[READ]], %[[W]], %[[NEW]])
// CHECK-NEXT: omp.barrier
// CHECK-NEXT: %[[ROW:.*]] = memref.subview %[[OUT]][%[[I]], 0] [1, 8] [1, 1]
// CHECK-NEXT: scf.if %[[FIRST]] {
// CHECK-NEXT: memref.copy %[[NEW]], %[[ROW]]
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: omp.terminator
// CHECK-NEXT: }
// CHECK-NEXT: return
func.func private @tile_product(memref<8xf32> {seq.readonly}, memref<8x8xf32> {seq.readonly}, memref<8xf32>)
func.func @cell_step(%w: memref<8x8xf32>, %out: memref<?x8xf32>, %t: index)
    attributes {seq.model = "Cell"} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %even = memref.alloc() : memref<8xf32>
  %odd = memref.alloc() : memref<8xf32>
  scf.for %i = %c0 to %t step %c1 {
    %parity = arith.remui %i, %c2 : index
    %isOdd = arith.cmpi ne, %parity, %c0 : index
    %read = arith.select %isOdd, %even, %odd : memref<8xf32>
    %new = arith.select %isOdd, %odd, %even : memref<8xf32>
    omp.parallel {
      func.call @tile_product(%read, %w, %new) : (memref<8xf32>, memref<8x8xf32>, memref<8xf32>) -> ()
      omp.terminator
    }
    %row = memref.subview %out[%i, 0] [1, 8] [1, 1] : memref<?x8xf32> to memref<8xf32, strided<[1], offset: ?>>
    memref.copy %new, %row : memref<8xf32> to memref<8xf32, strided<[1], offset: ?>>
  }
  return
}

// -----

// The parity of trips of a loop from %lb by %s, as
// seq-double-buffer-loop-states writes it: still one barrier per step.
// CHECK-LABEL: func @offset_trips
// CHECK: omp.parallel {
// CHECK: scf.for
// CHECK: omp.barrier
// CHECK-NEXT: scf.if
// CHECK-NEXT: memref.copy
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: omp.terminator
func.func @offset_trips(%x: memref<8xf32>, %out: memref<8xf32>, %lb: index,
                        %ub: index, %s: index) attributes {seq.model = "Cell"} {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %even = memref.alloc() : memref<8xf32>
  %odd = memref.alloc() : memref<8xf32>
  scf.for %i = %lb to %ub step %s {
    %offset = arith.subi %i, %lb : index
    %trip = arith.divui %offset, %s : index
    %parity = arith.remui %trip, %c2 : index
    %isOdd = arith.cmpi ne, %parity, %c0 : index
    %read = arith.select %isOdd, %even, %odd : memref<8xf32>
    %new = arith.select %isOdd, %odd, %even : memref<8xf32>
    omp.parallel {
      %v = memref.load %read[%c0] : memref<8xf32>
      memref.store %v, %new[%c0] : memref<8xf32>
      omp.terminator
    }
    memref.copy %new, %out : memref<8xf32> to memref<8xf32>
  }
  return
}

// -----

// Epilogues the next step's region may race with get a second barrier: one
// that writes a buffer the region reads; one that reads the buffer the
// region writes each step (no parity); one whose destination is an argument
// of a function that is no model's entry point (arguments may overlap); one
// that reads what a call may write (no seq.readonly).
// CHECK-LABEL: func @racing_epilogues
// CHECK: omp.barrier
// CHECK-NEXT: scf.if
// CHECK-NEXT: memref.copy
// CHECK-NEXT: }
// CHECK-NEXT: omp.barrier
// CHECK-NEXT: }
// CHECK: omp.barrier
// CHECK-NEXT: scf.if
// CHECK-NEXT: memref.copy
// CHECK-NEXT: }
// CHECK-NEXT: omp.barrier
// CHECK-NEXT: }
// CHECK: omp.barrier
// CHECK-NEXT: scf.if
// CHECK-NEXT: memref.copy
// CHECK-NEXT: }
// CHECK-NEXT: omp.barrier
// CHECK-NEXT: }
// CHECK: omp.barrier
// CHECK-NEXT: scf.if
// CHECK-NEXT: memref.copy
// CHECK-NEXT: }
// CHECK-NEXT: omp.barrier
// CHECK-NEXT: }
func.func private @writes_all(memref<8xf32>, memref<8xf32>)
func.func @racing_epilogues(%x: memref<8xf32>, %out: memref<8xf32>,
                            %t: index, %f: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %a = memref.alloc() : memref<8xf32>
  %b = memref.alloc() : memref<8xf32>
  %c = memref.alloc() : memref<8xf32>
  scf.for %i = %c0 to %t step %c1 {
    omp.parallel {
      %v = memref.load %a[%c0] : memref<8xf32>
      memref.store %v, %b[%c0] : memref<8xf32>
      omp.terminator
    }
    memref.copy %x, %a : memref<8xf32> to memref<8xf32>
  }
  scf.for %i = %c0 to %t step %c1 {
    omp.parallel {
      memref.store %f, %b[%c0] : memref<8xf32>
      omp.terminator
    }
    memref.copy %b, %out : memref<8xf32> to memref<8xf32>
  }
  scf.for %i = %c0 to %t step %c1 {
    omp.parallel {
      %v = memref.load %x[%c0] : memref<8xf32>
      memref.store %v, %a[%c0] : memref<8xf32>
      omp.terminator
    }
    memref.copy %c, %out : memref<8xf32> to memref<8xf32>
  }
  scf.for %i = %c0 to %t step %c1 {
    %parity = arith.remui %i, %c2 : index
    %isOdd = arith.cmpi ne, %parity, %c0 : index
    %read = arith.select %isOdd, %a, %b : memref<8xf32>
    %new = arith.select %isOdd, %b, %a : memref<8xf32>
    omp.parallel {
      func.call @writes_all(%read, %new) : (memref<8xf32>, memref<8xf32>) -> ()
      omp.terminator
    }
    memref.copy %new, %out : memref<8xf32> to memref<8xf32>
  }
  return
}

// -----

// A loop whose epilogue holds a parallel region stays (one thread would run
// that region alone); the inner loop runs in one region.
// CHECK-LABEL: func @parallel_epilogue
// CHECK-NEXT: %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT: scf.for
// CHECK-NEXT: omp.parallel {
// CHECK-NEXT: memref.store
// CHECK-NEXT: omp.terminator
// CHECK-NEXT: }
// CHECK-NEXT: omp.parallel {
// CHECK-NEXT: scf.for
// CHECK-NEXT: memref.store
// CHECK-NEXT: omp.barrier
// CHECK-NEXT: }
// CHECK-NEXT: omp.terminator
// CHECK-NEXT: }
// CHECK-NEXT: }
func.func @parallel_epilogue(%x: memref<8xf32>, %t: index, %f: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %t step %c1 {
    omp.parallel {
      memref.store %f, %x[%c0] : memref<8xf32>
      omp.terminator
    }
    scf.for %j = %c0 to %t step %c1 {
      omp.parallel {
        memref.store %f, %x[%c1] : memref<8xf32>
        omp.terminator
      }
    }
  }
  return
}

// -----

// Loops left as they are: an op with effects before the region, a loop
// with results, two regions, a region with a clause, a loop in a parallel
// region, and an epilogue whose result an op free of effects uses.
// CHECK-LABEL: func @left_alone
// CHECK-NOT: omp.barrier
// CHECK-NOT: scf.if
// CHECK: return
func.func @left_alone(%x: memref<8xf32>, %t: index, %f: f32, %n: i32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %t step %c1 {
    memref.store %f, %x[%c0] : memref<8xf32>
    omp.parallel {
      omp.terminator
    }
  }
  %sum = scf.for %i = %c0 to %t step %c1 iter_args(%acc = %f) -> (f32) {
    omp.parallel {
      omp.terminator
    }
    %next = arith.addf %acc, %f : f32
    scf.yield %next : f32
  }
  scf.for %i = %c0 to %t step %c1 {
    omp.parallel {
      omp.terminator
    }
    omp.parallel {
      omp.terminator
    }
  }
  scf.for %i = %c0 to %t step %c1 {
    omp.parallel num_threads(%n : i32) {
      omp.terminator
    }
  }
  omp.parallel {
    scf.for %i = %c0 to %t step %c1 {
      omp.parallel {
        omp.terminator
      }
    }
    omp.terminator
  }
  scf.for %i = %c0 to %t step %c1 {
    omp.parallel {
      omp.terminator
    }
    %v = memref.load %x[%c0] : memref<8xf32>
    %w = arith.addf %v, %f : f32
  }
  return
}
