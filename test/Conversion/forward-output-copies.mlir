// RUN: seq-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(seq-forward-output-copies))' | FileCheck %s

// A result written into a fresh buffer and copied into the output: the
// kernel writes the output itself.
// CHECK-LABEL: func @forwarded
// CHECK-SAME: (%[[X:.*]]: memref<?x8xf32> {seq.role = "input"}, %[[OUT:.*]]: memref<?x8xf32> {seq.role = "output"})
// CHECK-NOT: memref.alloc
// CHECK: %[[VIEW:.*]] = memref.subview %[[OUT]][0, 0] [%{{.*}}, 4] [1, 1]
// CHECK: call @kernel(%[[X]], %[[VIEW]])
// CHECK-NOT: memref.copy
// CHECK-NOT: memref.dealloc
// CHECK: return
func.func private @kernel(memref<?x8xf32>, memref<?x4xf32, strided<[8, 1]>>)
func.func @forwarded(%x: memref<?x8xf32> {seq.role = "input"},
                     %out: memref<?x8xf32> {seq.role = "output"}) {
  %c0 = arith.constant 0 : index
  %t = memref.dim %x, %c0 : memref<?x8xf32>
  %alloc = memref.alloc(%t) : memref<?x8xf32>
  %view = memref.subview %alloc[0, 0] [%t, 4] [1, 1] : memref<?x8xf32> to memref<?x4xf32, strided<[8, 1]>>
  call @kernel(%x, %view) : (memref<?x8xf32>, memref<?x4xf32, strided<[8, 1]>>) -> ()
  memref.copy %alloc, %out : memref<?x8xf32> to memref<?x8xf32>
  memref.dealloc %alloc : memref<?x8xf32>
  return
}

// -----

// The output is read before the copy: writing it earlier would change what
// that read sees.
// CHECK-LABEL: func @output_read_first
// CHECK: memref.alloc
// CHECK: memref.copy
func.func private @reads(memref<4xf32>, memref<4xf32>)
func.func @output_read_first(%out: memref<4xf32> {seq.role = "output"}) {
  %alloc = memref.alloc() : memref<4xf32>
  call @reads(%out, %alloc) : (memref<4xf32>, memref<4xf32>) -> ()
  memref.copy %alloc, %out : memref<4xf32> to memref<4xf32>
  memref.dealloc %alloc : memref<4xf32>
  return
}

// -----

// Copies into inputs or states are left alone.
// CHECK-LABEL: func @not_an_output
// CHECK: memref.alloc
// CHECK: memref.copy
func.func private @writes(memref<4xf32>)
func.func @not_an_output(%state: memref<4xf32> {seq.role = "state"}) {
  %alloc = memref.alloc() : memref<4xf32>
  call @writes(%alloc) : (memref<4xf32>) -> ()
  memref.copy %alloc, %state : memref<4xf32> to memref<4xf32>
  memref.dealloc %alloc : memref<4xf32>
  return
}

// -----

// The buffer is still read after the copy.
// CHECK-LABEL: func @buffer_used_after
// CHECK: memref.alloc
// CHECK: memref.copy
func.func private @writes(memref<4xf32>)
func.func private @reads1(memref<4xf32>)
func.func @buffer_used_after(%out: memref<4xf32> {seq.role = "output"}) {
  %alloc = memref.alloc() : memref<4xf32>
  call @writes(%alloc) : (memref<4xf32>) -> ()
  memref.copy %alloc, %out : memref<4xf32> to memref<4xf32>
  call @reads1(%alloc) : (memref<4xf32>) -> ()
  memref.dealloc %alloc : memref<4xf32>
  return
}

// -----

// A copy in a loop writes the output at every iteration.
// CHECK-LABEL: func @in_a_loop
// CHECK: scf.for
// CHECK:   memref.alloc
// CHECK:   memref.copy
func.func private @writes(memref<4xf32>)
func.func @in_a_loop(%out: memref<4xf32> {seq.role = "output"}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    %alloc = memref.alloc() : memref<4xf32>
    func.call @writes(%alloc) : (memref<4xf32>) -> ()
    memref.copy %alloc, %out : memref<4xf32> to memref<4xf32>
    memref.dealloc %alloc : memref<4xf32>
  }
  return
}

// -----

// A buffer of another type (here another layout) is not the output.
// CHECK-LABEL: func @other_type
// CHECK: memref.alloc
// CHECK: memref.copy
func.func private @writes2(memref<2x2xf32, strided<[1, 2]>>)
func.func @other_type(%out: memref<2x2xf32> {seq.role = "output"}) {
  %alloc = memref.alloc() : memref<2x2xf32, strided<[1, 2]>>
  call @writes2(%alloc) : (memref<2x2xf32, strided<[1, 2]>>) -> ()
  memref.copy %alloc, %out : memref<2x2xf32, strided<[1, 2]>> to memref<2x2xf32>
  memref.dealloc %alloc : memref<2x2xf32, strided<[1, 2]>>
  return
}
