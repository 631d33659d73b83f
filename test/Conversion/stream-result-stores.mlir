// RUN: seq-opt %s --seq-stream-result-stores | FileCheck %s

// A step of a scan: the state and the step's row of the output get the same
// value. The output's store streams; the state's (re-read next step) does not.
// CHECK-LABEL: func @scan_step
func.func @scan_step(%a: memref<?x?xf32> {seq.role = "input"},
                     %out: memref<?x?xf32> {seq.role = "output"},
                     %final: memref<?xf32> {seq.role = "final"}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %steps = memref.dim %a, %c0 : memref<?x?xf32>
  %n = memref.dim %a, %c1 : memref<?x?xf32>
  scf.for %t = %c0 to %steps step %c1 {
    %row = memref.subview %out[%t, 0] [1, %n] [1, 1] : memref<?x?xf32> to memref<?xf32, strided<[1], offset: ?>>
    scf.for %i = %c0 to %n step %c1 {
      %x = memref.load %a[%t, %i] : memref<?x?xf32>
      %h = memref.load %final[%i] : memref<?xf32>
      %y = arith.addf %x, %h : f32
      // CHECK: memref.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<?xf32>
      // CHECK-NEXT: memref.store %{{.*}}, %{{.*}}[%{{.*}}] {nontemporal = true} : memref<?xf32, strided<[1], offset: ?>>
      memref.store %y, %final[%i] : memref<?xf32>
      memref.store %y, %row[%i] : memref<?xf32, strided<[1], offset: ?>>
    }
  }
  return
}

// Not streamed: a value stored only to the output; a value stored twice into
// views of the same output; stores into a final state or a temporary.
// CHECK-LABEL: func @kept
func.func @kept(%x: f32, %i: index,
                %out: memref<?x?xf32> {seq.role = "output"},
                %final: memref<?xf32> {seq.role = "final"}) {
  %c0 = arith.constant 0 : index
  %tmp = memref.alloc(%i) : memref<?xf32>
  // CHECK-NOT: nontemporal
  memref.store %x, %out[%c0, %i] : memref<?x?xf32>
  %y = arith.negf %x : f32
  %row = memref.subview %out[1, 0] [1, 4] [1, 1] : memref<?x?xf32> to memref<4xf32, strided<[1], offset: ?>>
  memref.store %y, %out[%c0, %i] : memref<?x?xf32>
  memref.store %y, %row[%c0] : memref<4xf32, strided<[1], offset: ?>>
  %z = arith.addf %x, %y : f32
  memref.store %z, %final[%i] : memref<?xf32>
  memref.store %z, %tmp[%i] : memref<?xf32>
  memref.dealloc %tmp : memref<?xf32>
  return
}

// A scan on register tiles carries its state in a vector: in its steps
// loop (marked seq.register_tile), the write of the vector the loop yields
// into a view of an output becomes a non-temporal vector.store; a write of
// another value, or into a temporary, stays, and so does the same write in
// a loop without the mark.
// CHECK-LABEL: func @register_tile
func.func @register_tile(%a: memref<?x256xf32> {seq.role = "input"},
                         %out: memref<?x256xf32> {seq.role = "output"},
                         %v0: vector<128xf32>, %n: index, %j: index) -> vector<128xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %tmp = memref.alloc() : memref<128xf32>
  %r = scf.for %t = %c0 to %n step %c1 iter_args(%v = %v0) -> (vector<128xf32>) {
    %row = memref.subview %out[%t, %j] [1, 128] [1, 1] : memref<?x256xf32> to memref<128xf32, strided<[1], offset: ?>>
    %cst = arith.constant 0.0 : f32
    %x = vector.transfer_read %a[%t, %j], %cst {in_bounds = [true]} : memref<?x256xf32>, vector<128xf32>
    %h = arith.addf %x, %v : vector<128xf32>
    // CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] {nontemporal = true} : memref<128xf32, strided<[1], offset: ?>>, vector<128xf32>
    // CHECK-NEXT: vector.transfer_write %{{.*}}, %{{.*}}[%{{.*}}] {in_bounds = [true]} : vector<128xf32>, memref<128xf32, strided<[1], offset: ?>>
    // CHECK-NEXT: vector.transfer_write %{{.*}}, %{{.*}}[%{{.*}}] {in_bounds = [true]} : vector<128xf32>, memref<128xf32>
    vector.transfer_write %h, %row[%c0] {in_bounds = [true]} : vector<128xf32>, memref<128xf32, strided<[1], offset: ?>>
    vector.transfer_write %x, %row[%c0] {in_bounds = [true]} : vector<128xf32>, memref<128xf32, strided<[1], offset: ?>>
    vector.transfer_write %h, %tmp[%c0] {in_bounds = [true]} : vector<128xf32>, memref<128xf32>
    scf.yield %h : vector<128xf32>
  } {seq.register_tile}
  // CHECK: scf.for
  // CHECK-NOT: vector.store
  // CHECK: vector.transfer_write
  // CHECK-NOT: vector.store
  // CHECK: return
  %r2 = scf.for %t = %c0 to %n step %c1 iter_args(%v = %r) -> (vector<128xf32>) {
    %row = memref.subview %out[%t, %j] [1, 128] [1, 1] : memref<?x256xf32> to memref<128xf32, strided<[1], offset: ?>>
    %h = arith.addf %v, %v : vector<128xf32>
    vector.transfer_write %h, %row[%c0] {in_bounds = [true]} : vector<128xf32>, memref<128xf32, strided<[1], offset: ?>>
    scf.yield %h : vector<128xf32>
  }
  memref.dealloc %tmp : memref<128xf32>
  return %r2 : vector<128xf32>
}
