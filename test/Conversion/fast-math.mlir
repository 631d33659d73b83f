// RUN: seq-opt --seq-fast-math %s | FileCheck %s

// Float add, sub and mul get fastmath<reassoc,contract> (so LLVM can
// vectorize reductions and form FMAs); everything else is left strict.

// CHECK-LABEL: func.func @scalar
// CHECK-SAME: (%[[A:.*]]: f32, %[[B:.*]]: f32)
// CHECK-NEXT: arith.addf %[[A]], %[[B]] fastmath<reassoc,contract> : f32
// CHECK-NEXT: arith.subf %[[A]], %[[B]] fastmath<reassoc,contract> : f32
// CHECK-NEXT: arith.mulf %[[A]], %[[B]] fastmath<reassoc,contract> : f32
// CHECK-NEXT: arith.divf %[[A]], %[[B]] : f32
// CHECK-NEXT: arith.maximumf %[[A]], %[[B]] : f32
// CHECK-NEXT: arith.negf %[[A]] : f32
// CHECK-NEXT: arith.cmpf olt, %[[A]], %[[B]] : f32
// CHECK-NEXT: math.exp %[[A]] : f32
func.func @scalar(%a: f32, %b: f32) -> (f32, f32, f32, f32, f32, f32, i1, f32) {
  %0 = arith.addf %a, %b : f32
  %1 = arith.subf %a, %b : f32
  %2 = arith.mulf %a, %b : f32
  %3 = arith.divf %a, %b : f32
  %4 = arith.maximumf %a, %b : f32
  %5 = arith.negf %a : f32
  %6 = arith.cmpf olt, %a, %b : f32
  %7 = math.exp %a : f32
  return %0, %1, %2, %3, %4, %5, %6, %7 : f32, f32, f32, f32, f32, f32, i1, f32
}

// f64 and vectors too, and ops nested in regions (a linalg.generic body).
// CHECK-LABEL: func.func @nested
// CHECK: arith.mulf %{{.*}}, %{{.*}} fastmath<reassoc,contract> : vector<4xf64>
// CHECK: linalg.generic
// CHECK: arith.mulf %{{.*}}, %{{.*}} fastmath<reassoc,contract> : f64
// CHECK-NEXT: arith.addf %{{.*}}, %{{.*}} fastmath<reassoc,contract> : f64
// CHECK-NEXT: linalg.yield
func.func @nested(%v: vector<4xf64>, %x: tensor<4xf64>, %acc: tensor<f64>) -> (vector<4xf64>, tensor<f64>) {
  %0 = arith.mulf %v, %v : vector<4xf64>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]} ins(%x : tensor<4xf64>) outs(%acc : tensor<f64>) {
  ^bb0(%in: f64, %out: f64):
    %sq = arith.mulf %in, %in : f64
    %sum = arith.addf %out, %sq : f64
    linalg.yield %sum : f64
  } -> tensor<f64>
  return %0, %1 : vector<4xf64>, tensor<f64>
}
