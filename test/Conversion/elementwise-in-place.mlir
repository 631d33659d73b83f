// RUN: seq-opt --seq-elementwise-in-place %s | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>

// (Q K^T) * mask: the product dies in the scaling, which takes its tensor
// as output (one buffer for both after bufferization).
// CHECK-LABEL: func.func @over_product
// CHECK: %[[P:.*]] = linalg.matmul
// CHECK: linalg.generic {{.*}} ins(%[[P]], %{{.*}} : tensor<4x4xf32>, tensor<4x4xf32>) outs(%[[P]] : tensor<4x4xf32>)
func.func @over_product(%q: tensor<4x8xf32>, %k: tensor<8x4xf32>, %mask: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x4xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
  %p = linalg.matmul ins(%q, %k : tensor<4x8xf32>, tensor<8x4xf32>) outs(%z : tensor<4x4xf32>) -> tensor<4x4xf32>
  %e2 = tensor.empty() : tensor<4x4xf32>
  %w = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%p, %mask : tensor<4x4xf32>, tensor<4x4xf32>) outs(%e2 : tensor<4x4xf32>) {
  ^bb0(%x: f32, %m: f32, %o: f32):
    %r = arith.mulf %x, %m : f32
    linalg.yield %r : f32
  } -> tensor<4x4xf32>
  return %w : tensor<4x4xf32>
}

// A loop-carried state scaled after a product read it: the scaling writes
// over the iteration argument (the state stays in one buffer).
// CHECK-LABEL: func.func @over_state
// CHECK: scf.for {{.*}} iter_args(%[[S:[a-z0-9_]+]] = %{{.*}})
// CHECK: linalg.matmul ins(%{{.*}}, %[[S]] : tensor<4x4xf32>, tensor<4x4xf32>)
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[S]] : tensor<4x4xf32>, tensor<4x4xf32>) outs(%[[S]] : tensor<4x4xf32>)
func.func @over_state(%s0: tensor<4x4xf32>, %d: tensor<4x4xf32>, %q: tensor<4x4xf32>, %n: index) -> (tensor<4x4xf32>, tensor<4x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %r:2 = scf.for %i = %c0 to %n step %c1 iter_args(%s = %s0, %acc = %s0) -> (tensor<4x4xf32>, tensor<4x4xf32>) {
    %e = tensor.empty() : tensor<4x4xf32>
    %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
    %o = linalg.matmul ins(%q, %s : tensor<4x4xf32>, tensor<4x4xf32>) outs(%z : tensor<4x4xf32>) -> tensor<4x4xf32>
    %e2 = tensor.empty() : tensor<4x4xf32>
    %kept = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%d, %s : tensor<4x4xf32>, tensor<4x4xf32>) outs(%e2 : tensor<4x4xf32>) {
    ^bb0(%x: f32, %y: f32, %out: f32):
      %m = arith.mulf %x, %y : f32
      linalg.yield %m : f32
    } -> tensor<4x4xf32>
    scf.yield %kept, %o : tensor<4x4xf32>, tensor<4x4xf32>
  }
  return %r#0, %r#1 : tensor<4x4xf32>, tensor<4x4xf32>
}

// Left alone: an input read after the op, an input yielded by the loop, a
// function argument (the caller's buffer), a broadcast input, and an
// output the payload reads.
// CHECK-LABEL: func.func @left_alone
// CHECK: linalg.matmul
// CHECK: %[[E1:.*]] = tensor.empty()
// CHECK-NEXT: linalg.generic {{.*}} outs(%[[E1]] : tensor<4x4xf32>)
// CHECK: %[[E2:.*]] = tensor.empty()
// CHECK-NEXT: linalg.generic {{.*}} outs(%[[E2]] : tensor<4x4xf32>)
// CHECK: %[[E3:.*]] = tensor.empty()
// CHECK-NEXT: linalg.generic {{.*}} outs(%[[E3]] : tensor<4x4xf32>)
// CHECK: %[[E4:.*]] = tensor.empty()
// CHECK-NEXT: linalg.generic {{.*}} outs(%[[E4]] : tensor<4x4xf32>)
// CHECK: scf.for
// CHECK: %[[E5:.*]] = tensor.empty()
// CHECK-NEXT: linalg.generic {{.*}} outs(%[[E5]] : tensor<4x4xf32>)
func.func @left_alone(%a: tensor<4x4xf32>, %b: tensor<4x4xf32>, %row: tensor<4xf32>, %n: index)
    -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x4xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
  %p = linalg.matmul ins(%a, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%z : tensor<4x4xf32>) -> tensor<4x4xf32>
  %e1 = tensor.empty() : tensor<4x4xf32>
  %readLater = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%p : tensor<4x4xf32>) outs(%e1 : tensor<4x4xf32>) {
  ^bb0(%x: f32, %o: f32):
    %r = arith.negf %x : f32
    linalg.yield %r : f32
  } -> tensor<4x4xf32>
  %e2 = tensor.empty() : tensor<4x4xf32>
  %argument = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<4x4xf32>) outs(%e2 : tensor<4x4xf32>) {
  ^bb0(%x: f32, %o: f32):
    %r = arith.negf %x : f32
    linalg.yield %r : f32
  } -> tensor<4x4xf32>
  %p2 = linalg.matmul ins(%a, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%z : tensor<4x4xf32>) -> tensor<4x4xf32>
  %e3 = tensor.empty() : tensor<4x4xf32>
  %broadcast = linalg.generic {indexing_maps = [#row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%row : tensor<4xf32>) outs(%e3 : tensor<4x4xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  } -> tensor<4x4xf32>
  %p3 = linalg.matmul ins(%a, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%z : tensor<4x4xf32>) -> tensor<4x4xf32>
  %e4 = tensor.empty() : tensor<4x4xf32>
  %readsOut = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%p3 : tensor<4x4xf32>) outs(%e4 : tensor<4x4xf32>) {
  ^bb0(%x: f32, %o: f32):
    %r = arith.addf %x, %o : f32
    linalg.yield %r : f32
  } -> tensor<4x4xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %loop:2 = scf.for %i = %c0 to %n step %c1 iter_args(%s = %a, %t = %a) -> (tensor<4x4xf32>, tensor<4x4xf32>) {
    %e5 = tensor.empty() : tensor<4x4xf32>
    %yielded = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%s : tensor<4x4xf32>) outs(%e5 : tensor<4x4xf32>) {
    ^bb0(%x: f32, %o: f32):
      %r = arith.negf %x : f32
      linalg.yield %r : f32
    } -> tensor<4x4xf32>
    scf.yield %yielded, %s : tensor<4x4xf32>, tensor<4x4xf32>
  }
  return %readLater, %p, %argument, %broadcast, %readsOut, %loop#0 : tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>
}
