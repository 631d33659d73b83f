// RUN: seq-opt --seq-fuse-elementwise %s | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>

// A chain of elementwise generics becomes one: no [4, 8] temporary.
// CHECK-LABEL: func.func @chain
// CHECK: linalg.generic
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @chain(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %m = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : tensor<4x8xf32>, tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    linalg.yield %p : f32
  } -> tensor<4x8xf32>
  %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%m, %a : tensor<4x8xf32>, tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.addf %x, %y : f32
    linalg.yield %p : f32
  } -> tensor<4x8xf32>
  return %s : tensor<4x8xf32>
}

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// An elementwise producer of a batch_matmul that reads it through a
// collapse_shape stays apart, and the product stays a named op (upstream
// linalg-fuse-elementwise-ops expands it into a 5-d generic and fuses the
// scaling into it, out of reach of seq-gemm-to-library).
// CHECK-LABEL: func.func @product
// CHECK: %[[SCALED:.*]] = linalg.generic
// CHECK: arith.mulf
// CHECK: %[[A:.*]] = tensor.collapse_shape %[[SCALED]]
// CHECK: linalg.batch_matmul ins(%[[A]], %{{.*}} : tensor<8x32x64xf32>, tensor<8x64x32xf32>)
func.func @product(%q: tensor<2x4x32x64xf32>, %s: tensor<2x4x32x64xf32>, %k: tensor<8x64x32xf32>) -> tensor<8x32x32xf32> {
  %e = tensor.empty() : tensor<2x4x32x64xf32>
  %scaled = linalg.generic {indexing_maps = [#id4, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%q, %s : tensor<2x4x32x64xf32>, tensor<2x4x32x64xf32>) outs(%e : tensor<2x4x32x64xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = arith.mulf %x, %y : f32
    linalg.yield %p : f32
  } -> tensor<2x4x32x64xf32>
  %a = tensor.collapse_shape %scaled [[0, 1], [2], [3]] : tensor<2x4x32x64xf32> into tensor<8x32x64xf32>
  %zero = arith.constant 0.0 : f32
  %c0 = tensor.empty() : tensor<8x32x32xf32>
  %c = linalg.fill ins(%zero : f32) outs(%c0 : tensor<8x32x32xf32>) -> tensor<8x32x32xf32>
  %r = linalg.batch_matmul ins(%a, %k : tensor<8x32x64xf32>, tensor<8x64x32xf32>) outs(%c : tensor<8x32x32xf32>) -> tensor<8x32x32xf32>
  return %r : tensor<8x32x32xf32>
}
