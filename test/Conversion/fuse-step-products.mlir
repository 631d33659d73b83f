// RUN: seq-opt %s --seq-fuse-step-products | FileCheck %s

// An LSTM-like cell: the product with the weights (two gates of 64 columns)
// feeds two elementwise ops; the first (the new c) is also a state the loop
// yields. Split along the gates' slices, tiled by 32 hidden units and fused,
// each tile multiplies by the rows of the weights of its columns of each
// gate (offsets %j and %j + 64) and applies both ops; the new c comes out
// of the scf.forall.

#id = affine_map<(d0, d1) -> (d0, d1)>

// CHECK-DAG: #[[$PLUS64:.*]] = affine_map<()[s0] -> (s0 + 64)>
// CHECK-LABEL: func @cell
// CHECK-SAME: (%[[W:.*]]: tensor<128x64xf32>, %{{.*}}: tensor<?x64xf32>, %{{.*}}: tensor<?x64xf32>, %{{.*}}: index)
// CHECK: scf.for {{.*}} iter_args(%[[H:.*]] = %{{.*}}, %[[C:.*]] = %{{.*}})
// CHECK: %[[TILES:.*]]:4 = scf.forall (%[[J:.*]]) = (0) to (64) step (32) shared_outs(%[[HOUT:[^ ]*]] = {{.*}})
// CHECK-DAG: %[[J64:.*]] = affine.apply #[[$PLUS64]]()[%[[J]]]
// CHECK-DAG: %[[WZ:.*]] = tensor.extract_slice %[[W]][%[[J64]], 0] [32, 64] [1, 1] : tensor<128x64xf32> to tensor<32x64xf32>
// CHECK-DAG: %[[WA:.*]] = tensor.extract_slice %[[W]][%[[J]], 0] [32, 64] [1, 1] : tensor<128x64xf32> to tensor<32x64xf32>
// CHECK-DAG: %[[PZ:.*]] = linalg.matmul_transpose_b ins(%{{.*}}, %[[WZ]] : tensor<?x64xf32>, tensor<32x64xf32>) {{.*}} -> tensor<?x32xf32>
// CHECK-DAG: %[[PA:.*]] = linalg.matmul_transpose_b ins(%{{.*}}, %[[WA]] : tensor<?x64xf32>, tensor<32x64xf32>) {{.*}} -> tensor<?x32xf32>
// CHECK-DAG: %[[CJ:.*]] = tensor.extract_slice %[[C]][0, %[[J]]] [%{{.*}}, 32] [1, 1]
// CHECK: %[[NEWC:.*]] = linalg.generic {{.*}} ins(%[[PA]], %[[CJ]] : tensor<?x32xf32>, tensor<?x32xf32>)
// CHECK: arith.addf
// CHECK: %[[NEWH:.*]] = linalg.generic {{.*}} ins(%[[PZ]], %[[NEWC]] : tensor<?x32xf32>, tensor<?x32xf32>)
// CHECK: math.tanh
// CHECK: scf.forall.in_parallel
// CHECK-NEXT: tensor.parallel_insert_slice %[[NEWH]] into %[[HOUT]][0, %[[J]]] [%{{.*}}, 32] [1, 1]
// CHECK-DAG: tensor.parallel_insert_slice %[[NEWC]] into
// CHECK: scf.yield %[[TILES]]#0, %[[TILES]]#2
// CHECK-NOT: linalg.matmul_transpose_b ins({{.*}} : tensor<?x64xf32>, tensor<128x64xf32>)

func.func @cell(%w: tensor<128x64xf32>, %h0: tensor<?x64xf32>,
                %c0_: tensor<?x64xf32>, %steps: index)
    -> (tensor<?x64xf32>, tensor<?x64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %r:2 = scf.for %t = %c0 to %steps step %c1 iter_args(%h = %h0, %c = %c0_)
      -> (tensor<?x64xf32>, tensor<?x64xf32>) {
    %b = tensor.dim %h, %c0 : tensor<?x64xf32>
    %e = tensor.empty(%b) : tensor<?x128xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<?x128xf32>) -> tensor<?x128xf32>
    %p = linalg.matmul_transpose_b ins(%h, %w : tensor<?x64xf32>, tensor<128x64xf32>)
                                   outs(%f : tensor<?x128xf32>) -> tensor<?x128xf32>
    %a = tensor.extract_slice %p[0, 0] [%b, 64] [1, 1] : tensor<?x128xf32> to tensor<?x64xf32>
    %z = tensor.extract_slice %p[0, 64] [%b, 64] [1, 1] : tensor<?x128xf32> to tensor<?x64xf32>
    %o1 = tensor.empty(%b) : tensor<?x64xf32>
    %cn = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%a, %c : tensor<?x64xf32>, tensor<?x64xf32>) outs(%o1 : tensor<?x64xf32>) {
    ^bb0(%x: f32, %y: f32, %out: f32):
      %s = arith.addf %x, %y : f32
      linalg.yield %s : f32
    } -> tensor<?x64xf32>
    %o2 = tensor.empty(%b) : tensor<?x64xf32>
    %hn = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%z, %cn : tensor<?x64xf32>, tensor<?x64xf32>) outs(%o2 : tensor<?x64xf32>) {
    ^bb0(%x: f32, %y: f32, %out: f32):
      %s = math.tanh %y : f32
      %m = arith.mulf %x, %s : f32
      linalg.yield %m : f32
    } -> tensor<?x64xf32>
    scf.yield %hn, %cn : tensor<?x64xf32>, tensor<?x64xf32>
  }
  return %r#0, %r#1 : tensor<?x64xf32>, tensor<?x64xf32>
}

// The weights change per step (a product with the state itself): not a
// cell's product with its weights, left alone.
// CHECK-LABEL: func @varying_weights
// CHECK-NOT: scf.forall
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<8x8xf32>, tensor<8x64xf32>)
// CHECK-NOT: scf.forall
func.func @varying_weights(%h0: tensor<8x64xf32>, %steps: index) -> tensor<8x64xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %r = scf.for %t = %c0 to %steps step %c1 iter_args(%h = %h0) -> (tensor<8x64xf32>) {
    %hh = tensor.extract_slice %h[0, 0] [8, 8] [1, 1] : tensor<8x64xf32> to tensor<8x8xf32>
    %e = tensor.empty() : tensor<8x64xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<8x64xf32>) -> tensor<8x64xf32>
    %p = linalg.matmul ins(%hh, %h : tensor<8x8xf32>, tensor<8x64xf32>) outs(%f : tensor<8x64xf32>) -> tensor<8x64xf32>
    %o = tensor.empty() : tensor<8x64xf32>
    %n = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%p : tensor<8x64xf32>) outs(%o : tensor<8x64xf32>) {
    ^bb0(%x: f32, %out: f32):
      %s = math.tanh %x : f32
      linalg.yield %s : f32
    } -> tensor<8x64xf32>
    scf.yield %n : tensor<8x64xf32>
  }
  return %r : tensor<8x64xf32>
}

// The last elementwise op adds a bias broadcast along the rows (its
// indexing map drops the batch dimension), as seq-defer-biases leaves a
// cell: still the step's root, tiled with the rest; each tile reads its 32
// entries of the bias.
// CHECK-LABEL: func @bias_in_gates
// CHECK-SAME: (%[[W:.*]]: tensor<64x64xf32>, %[[BIAS:.*]]: tensor<64xf32>
// CHECK: scf.for
// CHECK: scf.forall (%[[J:.*]]) = (0) to (64) step (32)
// CHECK-DAG: linalg.matmul_transpose_b ins(%{{.*}}, %{{.*}} : tensor<?x64xf32>, tensor<32x64xf32>)
// CHECK-DAG: %[[BJ:.*]] = tensor.extract_slice %[[BIAS]][%[[J]]] [32] [1] : tensor<64xf32> to tensor<32xf32>
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[BJ]] : tensor<?x32xf32>, tensor<32xf32>)
// CHECK: scf.forall.in_parallel
#row = affine_map<(d0, d1) -> (d1)>
func.func @bias_in_gates(%w: tensor<64x64xf32>, %bias: tensor<64xf32>,
                         %h0: tensor<?x64xf32>, %steps: index) -> tensor<?x64xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %r = scf.for %t = %c0 to %steps step %c1 iter_args(%h = %h0) -> (tensor<?x64xf32>) {
    %b = tensor.dim %h, %c0 : tensor<?x64xf32>
    %e = tensor.empty(%b) : tensor<?x64xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<?x64xf32>) -> tensor<?x64xf32>
    %p = linalg.matmul_transpose_b ins(%h, %w : tensor<?x64xf32>, tensor<64x64xf32>)
                                   outs(%f : tensor<?x64xf32>) -> tensor<?x64xf32>
    %o = tensor.empty(%b) : tensor<?x64xf32>
    %n = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
        ins(%p, %bias : tensor<?x64xf32>, tensor<64xf32>) outs(%o : tensor<?x64xf32>) {
    ^bb0(%x: f32, %y: f32, %out: f32):
      %s = arith.addf %x, %y : f32
      %th = math.tanh %s : f32
      linalg.yield %th : f32
    } -> tensor<?x64xf32>
    scf.yield %n : tensor<?x64xf32>
  }
  return %r : tensor<?x64xf32>
}
