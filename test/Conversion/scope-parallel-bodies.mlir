// RUN: seq-opt --seq-scope-parallel-bodies %s | FileCheck %s

// A bufferized forall's body moves into an scf.if on true, whose scf.yield
// ownership-based deallocation frees the body's buffers at (the forall's
// terminator is no region exit for it); nested foralls get one each.
// CHECK-LABEL: func.func @lanes
// CHECK: scf.forall (%[[I:.*]]) in (8) {
// CHECK-NEXT: %[[TRUE:.*]] = arith.constant true
// CHECK-NEXT: scf.if %[[TRUE]] {
// CHECK-NEXT: %[[T:.*]] = memref.alloc() : memref<64xf32>
// CHECK-NEXT: memref.store %{{.*}}, %[[T]][%[[I]]]
// CHECK: scf.forall
// CHECK-NEXT: arith.constant true
// CHECK-NEXT: scf.if
// CHECK-NEXT: memref.alloc() : memref<4xf32>
// CHECK: memref.load %[[T]][%[[I]]]
// CHECK-NEXT: memref.store
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return
func.func @lanes(%out: memref<8xf32>, %x: f32) {
  scf.forall (%i) in (8) {
    %t = memref.alloc() : memref<64xf32>
    memref.store %x, %t[%i] : memref<64xf32>
    scf.forall (%j) in (2) {
      %u = memref.alloc() : memref<4xf32>
      memref.store %x, %u[%j] : memref<4xf32>
    }
    %v = memref.load %t[%i] : memref<64xf32>
    memref.store %v, %out[%i] : memref<8xf32>
  }
  return
}

// Left alone: a forall on tensors (not bufferized: its terminator inserts
// slices) and one with an empty body.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: scf.if
// CHECK: return
func.func @left_alone(%t: tensor<8xf32>, %x: f32) -> tensor<8xf32> {
  %r = scf.forall (%i) in (8) shared_outs(%o = %t) -> (tensor<8xf32>) {
    %s = tensor.from_elements %x : tensor<1xf32>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %s into %o[%i] [1] [1] : tensor<1xf32> into tensor<8xf32>
    }
  }
  scf.forall (%i) in (8) {
  }
  return %r : tensor<8xf32>
}
