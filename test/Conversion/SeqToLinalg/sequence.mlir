// RUN: seq-opt --convert-seq-to-linalg --split-input-file --verify-diagnostics %s | FileCheck %s
// RUN: seq-opt --convert-seq-to-linalg --split-input-file --verify-diagnostics %s | FileCheck %s --check-prefix=NOSEQ

// seq.recur and seq.scan become one scf.for over t = 0 .. T-1. Its
// iteration arguments are the carried values, then one [T, ...] tensor per
// per-step output, created before the loop (so the sizes of its dynamic
// dimensions are computed from values defined outside the body). Each step
// reads its slices with tensor.extract_slice at t and writes its outputs with
// tensor.insert_slice at t.

// NOSEQ-NOT: seq.

//===----------------------------------------------------------------------===//
// seq.recur
//===----------------------------------------------------------------------===//

// h_t = 0.5 h_{t-1} + x_t, with two per-step outputs: h_t and h_{t-1} * x_t.
// iter_args: (h, hs, ys); the loop yields (h_t, hs with h_t inserted at t,
// ys with y_t inserted at t); the results map one-to-one.
// CHECK-LABEL: func.func @recur_two_outputs
// CHECK-SAME: (%[[X:.*]]: tensor<?x2xf32>, %[[H0:.*]]: tensor<2xf32>)
// CHECK: %[[A:.*]] = arith.constant dense<5.000000e-01> : tensor<f32>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[T:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x2xf32>
// CHECK: %[[HS0:.*]] = tensor.empty(%[[T]]) : tensor<?x2xf32>
// CHECK: %[[YS0:.*]] = tensor.empty(%[[T]]) : tensor<?x2xf32>
// CHECK: %[[LB:.*]] = arith.constant 0 : index
// CHECK: %[[STEP:.*]] = arith.constant 1 : index
// CHECK: %[[LOOP:[a-z0-9_]+]]:3 = scf.for %[[IV:[a-z0-9_]+]] = %[[LB]] to %[[T]] step %[[STEP]]
// CHECK-SAME: iter_args(%[[H:[a-z0-9_]+]] = %[[H0]], %[[HS:[a-z0-9_]+]] = %[[HS0]], %[[YS:[a-z0-9_]+]] = %[[YS0]]) -> (tensor<2xf32>, tensor<?x2xf32>, tensor<?x2xf32>)
// CHECK-NEXT: %[[XT:.*]] = tensor.extract_slice %[[X]][%[[IV]], 0] [1, 2] [1, 1] : tensor<?x2xf32> to tensor<2xf32>
// CHECK: %[[AH:.*]] = linalg.generic
// CHECK-SAME: ins(%[[A]], %[[H]] : tensor<f32>, tensor<2xf32>)
// CHECK: %[[HN:.*]] = linalg.generic
// CHECK-SAME: ins(%[[AH]], %[[XT]] : tensor<2xf32>, tensor<2xf32>)
// CHECK: arith.addf
// The second output reads the state before the update.
// CHECK: %[[Y:.*]] = linalg.generic
// CHECK-SAME: ins(%[[H]], %[[XT]] : tensor<2xf32>, tensor<2xf32>)
// CHECK: arith.mulf
// CHECK: %[[HS1:.*]] = tensor.insert_slice %[[HN]] into %[[HS]][%[[IV]], 0] [1, 2] [1, 1] : tensor<2xf32> into tensor<?x2xf32>
// CHECK-NEXT: %[[YS1:.*]] = tensor.insert_slice %[[Y]] into %[[YS]][%[[IV]], 0] [1, 2] [1, 1] : tensor<2xf32> into tensor<?x2xf32>
// CHECK-NEXT: scf.yield %[[HN]], %[[HS1]], %[[YS1]] : tensor<2xf32>, tensor<?x2xf32>, tensor<?x2xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[LOOP]]#0, %[[LOOP]]#1, %[[LOOP]]#2
func.func @recur_two_outputs(%x: tensor<?x2xf32>, %h0: tensor<2xf32>) -> (tensor<2xf32>, tensor<?x2xf32>, tensor<?x2xf32>) {
  %a = arith.constant dense<0.5> : tensor<f32>
  %hT, %hs, %ys = seq.recur (%xt = %x : tensor<?x2xf32>)
      carry (%h = %h0 : tensor<2xf32>)
      -> (tensor<2xf32>, tensor<?x2xf32>, tensor<?x2xf32>) {
    %ah = seq.mul %a, %h : (tensor<f32>, tensor<2xf32>) -> tensor<2xf32>
    %hn = seq.add %ah, %xt : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    %y = seq.mul %h, %xt : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    seq.yield %hn, %hn, %y : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
  }
  return %hT, %hs, %ys : tensor<2xf32>, tensor<?x2xf32>, tensor<?x2xf32>
}

// Two states (a gated h and a rank-0 counter n) and one per-step output over
// a static T = 5: the loop bound is a constant; iter_args are (h, n, hs).
// CHECK-LABEL: func.func @recur_two_states
// CHECK-SAME: (%[[X:.*]]: tensor<5x4xf64>, %[[H0:.*]]: tensor<2xf64>, %[[N0:.*]]: tensor<f64>)
// CHECK: %[[T:.*]] = arith.constant 5 : index
// CHECK: %[[HS0:.*]] = tensor.empty() : tensor<5x2xf64>
// CHECK: %[[LOOP:[a-z0-9_]+]]:3 = scf.for %[[IV:[a-z0-9_]+]] = %{{[a-z0-9_]+}} to %[[T]] step %{{[a-z0-9_]+}}
// CHECK-SAME: iter_args(%[[H:[a-z0-9_]+]] = %[[H0]], %[[N:[a-z0-9_]+]] = %[[N0]], %[[HS:[a-z0-9_]+]] = %[[HS0]]) -> (tensor<2xf64>, tensor<f64>, tensor<5x2xf64>)
// CHECK-NEXT: %[[XT:.*]] = tensor.extract_slice %[[X]][%[[IV]], 0] [1, 4] [1, 1] : tensor<5x4xf64> to tensor<4xf64>
// CHECK: %[[Z:.*]] = tensor.extract_slice %[[XT]][0] [2] [1]
// CHECK: %[[C:.*]] = tensor.extract_slice %[[XT]][2] [2] [1]
// CHECK: arith.subf
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[H]] : tensor<2xf64>, tensor<2xf64>)
// CHECK: linalg.generic {{.*}} ins(%[[Z]], %[[C]] : tensor<2xf64>, tensor<2xf64>)
// CHECK: %[[HN:.*]] = linalg.generic
// CHECK: %[[NN:.*]] = linalg.generic {{.*}} ins(%[[N]], %{{.*}} : tensor<f64>, tensor<f64>)
// CHECK: %[[HS1:.*]] = tensor.insert_slice %[[HN]] into %[[HS]][%[[IV]], 0] [1, 2] [1, 1] : tensor<2xf64> into tensor<5x2xf64>
// CHECK-NEXT: scf.yield %[[HN]], %[[NN]], %[[HS1]] : tensor<2xf64>, tensor<f64>, tensor<5x2xf64>
// CHECK: return %[[LOOP]]#0, %[[LOOP]]#1, %[[LOOP]]#2
func.func @recur_two_states(%x: tensor<5x4xf64>, %h0: tensor<2xf64>, %n0: tensor<f64>) -> (tensor<2xf64>, tensor<f64>, tensor<5x2xf64>) {
  %hT, %nT, %hs = seq.recur (%xt = %x : tensor<5x4xf64>)
      carry (%h = %h0 : tensor<2xf64>, %n = %n0 : tensor<f64>)
      -> (tensor<2xf64>, tensor<f64>, tensor<5x2xf64>) {
    %one = arith.constant dense<1.0> : tensor<f64>
    %z, %c = seq.split %xt axis 0 : tensor<4xf64> -> tensor<2xf64>, tensor<2xf64>
    %keep = seq.sub %one, %z : (tensor<f64>, tensor<2xf64>) -> tensor<2xf64>
    %old = seq.mul %keep, %h : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
    %new = seq.mul %z, %c : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
    %hn = seq.add %old, %new : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
    %nn = seq.add %n, %one : (tensor<f64>, tensor<f64>) -> tensor<f64>
    seq.yield %hn, %nn, %hn : tensor<2xf64>, tensor<f64>, tensor<2xf64>
  }
  return %hT, %nT, %hs : tensor<2xf64>, tensor<f64>, tensor<5x2xf64>
}

// The per-step output is a seq.linear of the step slice x_t : [B, 8]; its
// dynamic B is x's dimension 1 (x_t's dimension 0), read before the loop.
// Slices of dynamic sizes take them from tensor.dim inside the loop.
// CHECK-LABEL: func.func @recur_linear_output
// CHECK-SAME: (%[[X:.*]]: tensor<?x?x8xf32>, %[[W:.*]]: tensor<16x8xf32>, %[[H0:.*]]: tensor<?x16xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[T:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x?x8xf32>
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[B:.*]] = tensor.dim %[[X]], %[[C1]] : tensor<?x?x8xf32>
// CHECK: %[[PS0:.*]] = tensor.empty(%[[T]], %[[B]]) : tensor<?x?x16xf32>
// CHECK: %[[LOOP:[a-z0-9_]+]]:2 = scf.for %[[IV:[a-z0-9_]+]] = %{{[a-z0-9_]+}} to %[[T]] step %{{[a-z0-9_]+}} iter_args(%[[H:[a-z0-9_]+]] = %[[H0]], %[[PS:[a-z0-9_]+]] = %[[PS0]]) -> (tensor<?x16xf32>, tensor<?x?x16xf32>)
// CHECK-NEXT: %[[C1_IN:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[B_IN:.*]] = tensor.dim %[[X]], %[[C1_IN]] : tensor<?x?x8xf32>
// CHECK-NEXT: %[[XT:.*]] = tensor.extract_slice %[[X]][%[[IV]], 0, 0] [1, %[[B_IN]], 8] [1, 1, 1] : tensor<?x?x8xf32> to tensor<?x8xf32>
// CHECK: %[[P:.*]] = linalg.matmul_transpose_b ins(%[[XT]], %[[W]] : tensor<?x8xf32>, tensor<16x8xf32>)
// CHECK: %[[HN:.*]] = linalg.generic {{.*}} ins(%[[P]], %[[H]] : tensor<?x16xf32>, tensor<?x16xf32>)
// CHECK: %[[C1_OUT:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[B_OUT:.*]] = tensor.dim %[[PS]], %[[C1_OUT]] : tensor<?x?x16xf32>
// CHECK-NEXT: %[[PS1:.*]] = tensor.insert_slice %[[P]] into %[[PS]][%[[IV]], 0, 0] [1, %[[B_OUT]], 16] [1, 1, 1] : tensor<?x16xf32> into tensor<?x?x16xf32>
// CHECK-NEXT: scf.yield %[[HN]], %[[PS1]] : tensor<?x16xf32>, tensor<?x?x16xf32>
// CHECK: return %[[LOOP]]#0, %[[LOOP]]#1
func.func @recur_linear_output(%x: tensor<?x?x8xf32>, %w: tensor<16x8xf32>, %h0: tensor<?x16xf32>) -> (tensor<?x16xf32>, tensor<?x?x16xf32>) {
  %hT, %ps = seq.recur (%xt = %x : tensor<?x?x8xf32>)
      carry (%h = %h0 : tensor<?x16xf32>) -> (tensor<?x16xf32>, tensor<?x?x16xf32>) {
    %p = seq.linear %xt, %w : (tensor<?x8xf32>, tensor<16x8xf32>) -> tensor<?x16xf32>
    %hn = seq.add %p, %h : (tensor<?x16xf32>, tensor<?x16xf32>) -> tensor<?x16xf32>
    seq.yield %hn, %p : tensor<?x16xf32>, tensor<?x16xf32>
  }
  return %hT, %ps : tensor<?x16xf32>, tensor<?x?x16xf32>
}

// The per-step output is a seq.broadcast to [B, 4] whose B the body reads off
// the state (tensor.dim %h, 0): before the loop it is the initial state's.
// CHECK-LABEL: func.func @recur_broadcast_output
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>, %[[H0:.*]]: tensor<?x4xf32>)
// CHECK: %[[T:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x4xf32>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[B:.*]] = tensor.dim %[[H0]], %[[C0]] : tensor<?x4xf32>
// CHECK: %[[YS0:.*]] = tensor.empty(%[[T]], %[[B]]) : tensor<?x?x4xf32>
// CHECK: scf.for %{{.*}} = %{{[a-z0-9_]+}} to %[[T]] step %{{[a-z0-9_]+}} iter_args(%[[H:[a-z0-9_]+]] = %[[H0]], %{{.*}} = %[[YS0]])
// Inside the loop the broadcast's size is the carried state's.
// CHECK: %[[B_IN:.*]] = tensor.dim %[[H]], %{{.*}} : tensor<?x4xf32>
// CHECK-NEXT: tensor.empty(%[[B_IN]]) : tensor<?x4xf32>
func.func @recur_broadcast_output(%x: tensor<?x4xf32>, %h0: tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x?x4xf32>) {
  %hT, %ys = seq.recur (%xt = %x : tensor<?x4xf32>)
      carry (%h = %h0 : tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x?x4xf32>) {
    %c0 = arith.constant 0 : index
    %b = tensor.dim %h, %c0 : tensor<?x4xf32>
    %y = seq.broadcast %xt (%b) : tensor<4xf32> -> tensor<?x4xf32>
    %hn = seq.add %h, %y : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
    seq.yield %hn, %y : tensor<?x4xf32>, tensor<?x4xf32>
  }
  return %hT, %ys : tensor<?x4xf32>, tensor<?x?x4xf32>
}

// A broadcast whose size operand is defined above the recurrence uses it as
// is.
// CHECK-LABEL: func.func @recur_broadcast_size_above
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>, %[[N0:.*]]: tensor<f32>, %[[B:.*]]: index)
// CHECK: %[[T:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x4xf32>
// CHECK-NEXT: %[[YS0:.*]] = tensor.empty(%[[T]], %[[B]]) : tensor<?x?x4xf32>
func.func @recur_broadcast_size_above(%x: tensor<?x4xf32>, %n0: tensor<f32>, %b: index) -> (tensor<f32>, tensor<?x?x4xf32>) {
  %nT, %ys = seq.recur (%xt = %x : tensor<?x4xf32>)
      carry (%n = %n0 : tensor<f32>) -> (tensor<f32>, tensor<?x?x4xf32>) {
    %y = seq.broadcast %xt (%b) : tensor<4xf32> -> tensor<?x4xf32>
    %one = arith.constant dense<1.0> : tensor<f32>
    %nn = seq.add %n, %one : (tensor<f32>, tensor<f32>) -> tensor<f32>
    seq.yield %nn, %y : tensor<f32>, tensor<?x4xf32>
  }
  return %nT, %ys : tensor<f32>, tensor<?x?x4xf32>
}

//===----------------------------------------------------------------------===//
// seq.scan
//===----------------------------------------------------------------------===//

// The linear recurrence as a scan of pairs: (a1, b1) . (a2, b2) =
// (a1 a2, a2 b1 + b2). The accumulators (a1, b1) are the first two
// iter_args, the right operands (a2, b2) the step slices of the elements;
// each component's [T, B] output is sized T (of the first element) by the
// accumulator's B, and only the outputs are the scan's results.
// CHECK-LABEL: func.func @scan_pairs
// CHECK-SAME: (%[[A:.*]]: tensor<?x?xf32>, %[[B:.*]]: tensor<?x?xf32>, %[[ONE:.*]]: tensor<?xf32>, %[[ZERO:.*]]: tensor<?xf32>)
// CHECK: %[[T:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x?xf32>
// CHECK: %[[N1:.*]] = tensor.dim %[[ONE]], %{{.*}} : tensor<?xf32>
// CHECK: %[[AS0:.*]] = tensor.empty(%[[T]], %[[N1]]) : tensor<?x?xf32>
// CHECK: %[[N2:.*]] = tensor.dim %[[ZERO]], %{{.*}} : tensor<?xf32>
// CHECK: %[[BS0:.*]] = tensor.empty(%[[T]], %[[N2]]) : tensor<?x?xf32>
// CHECK: %[[LOOP:[a-z0-9_]+]]:4 = scf.for %[[IV:[a-z0-9_]+]] = %{{[a-z0-9_]+}} to %[[T]] step %{{[a-z0-9_]+}}
// CHECK-SAME: iter_args(%[[A1:[a-z0-9_]+]] = %[[ONE]], %[[B1:[a-z0-9_]+]] = %[[ZERO]], %[[AS:[a-z0-9_]+]] = %[[AS0]], %[[BS:[a-z0-9_]+]] = %[[BS0]])
// CHECK: %[[A2:.*]] = tensor.extract_slice %[[A]][%[[IV]], 0] [1, %{{.*}}] [1, 1] : tensor<?x?xf32> to tensor<?xf32>
// CHECK: %[[B2:.*]] = tensor.extract_slice %[[B]][%[[IV]], 0] [1, %{{.*}}] [1, 1] : tensor<?x?xf32> to tensor<?xf32>
// CHECK: %[[AA:.*]] = linalg.generic {{.*}} ins(%[[A1]], %[[A2]] : tensor<?xf32>, tensor<?xf32>)
// CHECK: arith.mulf
// CHECK: %[[AB:.*]] = linalg.generic {{.*}} ins(%[[A2]], %[[B1]] : tensor<?xf32>, tensor<?xf32>)
// CHECK: arith.mulf
// CHECK: %[[BB:.*]] = linalg.generic {{.*}} ins(%[[AB]], %[[B2]] : tensor<?xf32>, tensor<?xf32>)
// CHECK: arith.addf
// CHECK: %[[AS1:.*]] = tensor.insert_slice %[[AA]] into %[[AS]][%[[IV]], 0]
// CHECK: %[[BS1:.*]] = tensor.insert_slice %[[BB]] into %[[BS]][%[[IV]], 0]
// CHECK-NEXT: scf.yield %[[AA]], %[[BB]], %[[AS1]], %[[BS1]] : tensor<?xf32>, tensor<?xf32>, tensor<?x?xf32>, tensor<?x?xf32>
// CHECK: return %[[LOOP]]#2, %[[LOOP]]#3 : tensor<?x?xf32>, tensor<?x?xf32>
func.func @scan_pairs(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>, %one: tensor<?xf32>, %zero: tensor<?xf32>) -> (tensor<?x?xf32>, tensor<?x?xf32>) {
  %A, %H = seq.scan (%a, %b) init (%one, %zero)
      : (tensor<?x?xf32>, tensor<?x?xf32>), (tensor<?xf32>, tensor<?xf32>) -> (tensor<?x?xf32>, tensor<?x?xf32>) {
  ^bb0(%a1: tensor<?xf32>, %b1: tensor<?xf32>, %a2: tensor<?xf32>, %b2: tensor<?xf32>):
    %aa = seq.mul %a1, %a2 : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
    %ab = seq.mul %a2, %b1 : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
    %bb = seq.add %ab, %b2 : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
    seq.yield %aa, %bb : tensor<?xf32>, tensor<?xf32>
  }
  return %A, %H : tensor<?x?xf32>, tensor<?x?xf32>
}

// A static scan: constant bound, static output.
// CHECK-LABEL: func.func @scan_static
// CHECK-SAME: (%[[X:.*]]: tensor<3x2xf64>, %[[INIT:.*]]: tensor<2xf64>)
// CHECK: %[[T:.*]] = arith.constant 3 : index
// CHECK: %[[S0:.*]] = tensor.empty() : tensor<3x2xf64>
// CHECK: %[[LOOP:[a-z0-9_]+]]:2 = scf.for %[[IV:[a-z0-9_]+]] = %{{[a-z0-9_]+}} to %[[T]] step %{{[a-z0-9_]+}} iter_args(%[[ACC:[a-z0-9_]+]] = %[[INIT]], %[[S:[a-z0-9_]+]] = %[[S0]]) -> (tensor<2xf64>, tensor<3x2xf64>)
// CHECK-NEXT: %[[XT:.*]] = tensor.extract_slice %[[X]][%[[IV]], 0] [1, 2] [1, 1]
// CHECK: %[[C:.*]] = linalg.generic {{.*}} ins(%[[ACC]], %[[XT]] : tensor<2xf64>, tensor<2xf64>)
// CHECK: %[[S1:.*]] = tensor.insert_slice %[[C]] into %[[S]][%[[IV]], 0] [1, 2] [1, 1]
// CHECK-NEXT: scf.yield %[[C]], %[[S1]]
// CHECK: return %[[LOOP]]#1 : tensor<3x2xf64>
func.func @scan_static(%x: tensor<3x2xf64>, %init: tensor<2xf64>) -> tensor<3x2xf64> {
  %s = seq.scan (%x) init (%init) : (tensor<3x2xf64>), (tensor<2xf64>) -> (tensor<3x2xf64>) {
  ^bb0(%l: tensor<2xf64>, %r: tensor<2xf64>):
    %c = seq.add %l, %r : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
    seq.yield %c : tensor<2xf64>
  }
  return %s : tensor<3x2xf64>
}

// -----

// A per-step output whose size depends on the data cannot be allocated
// before the loop: the recurrence is left unconverted and the pass fails.
func.func @data_dependent_size(%x: tensor<?xf32>, %n0: tensor<f32>) -> (tensor<f32>, tensor<?x?xf32>) {
  // expected-error @below {{failed to legalize operation 'seq.recur' that was explicitly marked illegal}}
  %nT, %ys = seq.recur (%xt = %x : tensor<?xf32>)
      carry (%n = %n0 : tensor<f32>) -> (tensor<f32>, tensor<?x?xf32>) {
    %f = tensor.extract %xt[] : tensor<f32>
    %i = arith.fptosi %f : f32 to i64
    %k = arith.index_cast %i : i64 to index
    %y = seq.broadcast %xt (%k) : tensor<f32> -> tensor<?xf32>
    seq.yield %n, %y : tensor<f32>, tensor<?xf32>
  }
  return %nT, %ys : tensor<f32>, tensor<?x?xf32>
}

// -----

// A per-step output concatenated along a dynamic axis: its size before the
// loop is the sum of the slice's size (dimension 1 of the sequence) and the
// state's.
// CHECK-LABEL: func.func @concat_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xf32>, %[[H0:.*]]: tensor<?xf32>)
// CHECK: %[[T:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x?xf32>
// CHECK: %[[D:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x?xf32>
// CHECK: %[[N:.*]] = tensor.dim %[[H0]], %{{.*}} : tensor<?xf32>
// CHECK: %[[SUM:.*]] = arith.addi %[[D]], %[[N]] : index
// CHECK: tensor.empty(%[[T]], %[[SUM]]) : tensor<?x?xf32>
// CHECK: scf.for
func.func @concat_dynamic(%x: tensor<?x?xf32>, %h0: tensor<?xf32>) -> (tensor<?xf32>, tensor<?x?xf32>) {
  %hT, %ys = seq.recur (%xt = %x : tensor<?x?xf32>)
      carry (%h = %h0 : tensor<?xf32>) -> (tensor<?xf32>, tensor<?x?xf32>) {
    %y = seq.concat %xt, %h axis 0 : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
    seq.yield %h, %y : tensor<?xf32>, tensor<?xf32>
  }
  return %hT, %ys : tensor<?xf32>, tensor<?x?xf32>
}
