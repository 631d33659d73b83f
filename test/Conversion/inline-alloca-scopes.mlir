// RUN: seq-opt %s --seq-inline-alloca-scopes | FileCheck %s

// A worksharing loop's body (as convert-scf-to-openmp wraps it) that calls
// a function and loops: inlined, so its loops can become blocks.
// CHECK-LABEL: func @call_and_loop
// CHECK-NOT: memref.alloca_scope
// CHECK: call @kernel(%{{.*}}) : (memref<?xf32>) -> ()
// CHECK-NEXT: scf.for
// CHECK: return
func.func private @kernel(memref<?xf32>)
func.func @call_and_loop(%a: memref<?xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %f = arith.constant 1.0 : f32
  memref.alloca_scope {
    func.call @kernel(%a) : (memref<?xf32>) -> ()
    scf.for %i = %c0 to %n step %c1 {
      memref.store %f, %a[%i] : memref<?xf32>
    }
  }
  return
}

// A scope that allocates on the stack stays; one whose only alloca is in a
// nested allocation scope does not.
// CHECK-LABEL: func @allocas
// CHECK-NEXT: memref.alloca_scope {
// CHECK-NEXT: memref.alloca
// CHECK-NEXT: }
// CHECK-NEXT: memref.alloca_scope {
// CHECK-NEXT: memref.alloca
// CHECK-NEXT: arith.constant
// CHECK-NEXT: memref.store
// CHECK-NEXT: }
// CHECK-NEXT: return
func.func @allocas(%v: f32) {
  memref.alloca_scope {
    %s = memref.alloca() : memref<4xf32>
    memref.alloca_scope.return
  }
  memref.alloca_scope {
    memref.alloca_scope {
      %s = memref.alloca() : memref<4xf32>
      %c0 = arith.constant 0 : index
      memref.store %v, %s[%c0] : memref<4xf32>
    }
  }
  return
}
