// RUN: seq-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(seq-parallelize-step-elementwise))' | FileCheck %s

// The gates of a cell at every step of the loop over time: with the batch
// known only at run time, an scf.if picks the parallel loop over tiles of 64
// columns when the op has at least 8192 iterations, the op as it was below.

#map = affine_map<(d0, d1) -> (d0, d1)>
#bias = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func @gates
// CHECK-SAME: (%[[G:.*]]: memref<?x256xf32>, %[[B:.*]]: memref<256xf32>, %[[H:.*]]: memref<?x256xf32>, %[[STEPS:.*]]: index)
func.func @gates(%g: memref<?x256xf32>, %b: memref<256xf32>, %h: memref<?x256xf32>, %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // CHECK: scf.for
  scf.for %t = %c0 to %steps step %c1 {
    // CHECK: %[[ROWS:.*]] = memref.dim %[[G]], %{{.*}}
    // CHECK: %[[N:.*]] = arith.muli %{{.*}}, %[[ROWS]]
    // CHECK: %[[COUNT:.*]] = arith.muli %[[N]], %{{.*}}
    // CHECK: %[[LARGE:.*]] = arith.cmpi sge, %[[COUNT]], %{{.*}}
    // CHECK: scf.if %[[LARGE]] {
    // CHECK: scf.parallel (%[[J:.*]]) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
    // CHECK: %[[GT:.*]] = memref.subview %[[G]][0, %[[J]]] [%{{.*}}, 64] [1, 1]
    // CHECK: %[[BT:.*]] = memref.subview %[[B]][%[[J]]] [64] [1]
    // CHECK: %[[HT:.*]] = memref.subview %[[H]][0, %[[J]]] [%{{.*}}, 64] [1, 1]
    // CHECK: linalg.generic {{.*}} ins(%[[GT]], %[[BT]] : {{.*}}) outs(%[[HT]] : {{.*}})
    // CHECK: math.tanh
    // CHECK: scf.reduce
    // CHECK: } else {
    // CHECK: linalg.generic {{.*}} ins(%[[G]], %[[B]] : memref<?x256xf32>, memref<256xf32>) outs(%[[H]] : memref<?x256xf32>)
    linalg.generic {indexing_maps = [#map, #bias, #map], iterator_types = ["parallel", "parallel"]}
        ins(%g, %b : memref<?x256xf32>, memref<256xf32>) outs(%h : memref<?x256xf32>) {
    ^bb0(%x: f32, %y: f32, %out: f32):
      %s = arith.addf %x, %y : f32
      %r = math.tanh %s : f32
      linalg.yield %r : f32
    }
  }
  return
}

// -----

#map = affine_map<(d0, d1) -> (d0, d1)>
#transposed = affine_map<(d0, d1) -> (d1, d0)>
// Left alone: ops outside a sequential loop, ops inside a parallel loop,
// reductions, static ops with fewer than 8192 iterations or a single tile,
// and an op reading its output's buffer through another map.
// CHECK-LABEL: func @left_alone
// CHECK-NOT: scf.if
// CHECK-NOT: memref.subview
func.func @left_alone(%a: memref<64x128xf32>, %small: memref<8x128xf32>,
                      %narrow: memref<64x64xf32>, %sq: memref<128x128xf32>,
                      %sum: memref<64xf32>, %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  linalg.generic {indexing_maps = [#map], iterator_types = ["parallel", "parallel"]} outs(%a : memref<64x128xf32>) {
  ^bb0(%out: f32):
    %r = math.exp %out : f32
    linalg.yield %r : f32
  }
  scf.parallel (%i) = (%c0) to (%c2) step (%c1) {
    scf.for %t = %c0 to %steps step %c1 {
      linalg.generic {indexing_maps = [#map], iterator_types = ["parallel", "parallel"]} outs(%a : memref<64x128xf32>) {
      ^bb0(%out: f32):
        %r = math.exp %out : f32
        linalg.yield %r : f32
      }
    }
    scf.reduce
  }
  scf.for %t = %c0 to %steps step %c1 {
    linalg.generic {indexing_maps = [#map, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
        ins(%a : memref<64x128xf32>) outs(%sum : memref<64xf32>) {
    ^bb0(%x: f32, %out: f32):
      %r = arith.addf %x, %out : f32
      linalg.yield %r : f32
    }
    linalg.generic {indexing_maps = [#map], iterator_types = ["parallel", "parallel"]} outs(%small : memref<8x128xf32>) {
    ^bb0(%out: f32):
      %r = math.exp %out : f32
      linalg.yield %r : f32
    }
    linalg.generic {indexing_maps = [#map], iterator_types = ["parallel", "parallel"]} outs(%narrow : memref<64x64xf32>) {
    ^bb0(%out: f32):
      %r = math.exp %out : f32
      linalg.yield %r : f32
    }
    linalg.generic {indexing_maps = [#transposed, #map], iterator_types = ["parallel", "parallel"]}
        ins(%sq : memref<128x128xf32>) outs(%sq : memref<128x128xf32>) {
    ^bb0(%x: f32, %out: f32):
      linalg.yield %x : f32
    }
  }
  return
}

// -----

#map = affine_map<(d0, d1) -> (d0, d1)>
// Static and large enough: the parallel loop, with no scf.if.
// CHECK-LABEL: func @static_gates
// CHECK-NOT: scf.if
// CHECK: scf.for
// CHECK: scf.parallel
// CHECK: memref.subview %{{.*}}[0, %{{.*}}] [64, 64] [1, 1]
// CHECK: linalg.generic
func.func @static_gates(%a: memref<64x256xf32>, %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %t = %c0 to %steps step %c1 {
    linalg.generic {indexing_maps = [#map], iterator_types = ["parallel", "parallel"]} outs(%a : memref<64x256xf32>) {
    ^bb0(%out: f32):
      %r = math.exp %out : f32
      linalg.yield %r : f32
    }
  }
  return
}
