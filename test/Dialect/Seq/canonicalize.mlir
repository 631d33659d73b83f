// RUN: seq-opt %s -split-input-file -canonicalize | FileCheck %s

// Per-step outputs nobody reads are dropped from seq.recur; the states and
// the outputs still read stay, in order.

// CHECK-LABEL: func @drop_unused_step_outputs
func.func @drop_unused_step_outputs(%x: tensor<5x2xf32>, %h0: tensor<2xf32>) -> (tensor<2xf32>, tensor<5x2xf32>) {
  // CHECK: %[[R:.*]]:2 = seq.recur (%[[X:.*]] = %{{.*}} : tensor<5x2xf32>) carry (%[[H:.*]] = %{{.*}} : tensor<2xf32>) -> (tensor<2xf32>, tensor<5x2xf32>)
  // CHECK: %[[N:.*]] = seq.add %[[H]], %[[X]]
  // CHECK: %[[M:.*]] = seq.mul %[[N]], %[[X]]
  // CHECK: seq.yield %[[N]], %[[M]] : tensor<2xf32>, tensor<2xf32>
  // CHECK: return %[[R]]#0, %[[R]]#1
  %r:3 = seq.recur (%x_t = %x : tensor<5x2xf32>) carry (%h = %h0 : tensor<2xf32>) -> (tensor<2xf32>, tensor<5x2xf32>, tensor<5x2xf32>) {
    %n = seq.add %h, %x_t : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    %m = seq.mul %n, %x_t : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    seq.yield %n, %n, %m : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
  }
  return %r#0, %r#2 : tensor<2xf32>, tensor<5x2xf32>
}

// -----

// CHECK-LABEL: func @keep_used
func.func @keep_used(%x: tensor<5x2xf32>, %h0: tensor<2xf32>) -> (tensor<2xf32>, tensor<5x2xf32>) {
  // CHECK: seq.recur {{.*}} -> (tensor<2xf32>, tensor<5x2xf32>)
  // CHECK: seq.yield %{{.*}}, %{{.*}} : tensor<2xf32>, tensor<2xf32>
  %r:2 = seq.recur (%x_t = %x : tensor<5x2xf32>) carry (%h = %h0 : tensor<2xf32>) -> (tensor<2xf32>, tensor<5x2xf32>) {
    %n = seq.add %h, %x_t : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    seq.yield %n, %n : tensor<2xf32>, tensor<2xf32>
  }
  return %r#0, %r#1 : tensor<2xf32>, tensor<5x2xf32>
}

// -----

// A recurrence without states whose per-step outputs are steps of its
// sequences, reshaped (what stays of retention once chunked), is those
// sequences reshaped: no loop copying every step. The dynamic sizes come
// from the sequence: T, and the step's own size, one dimension further in.
// CHECK-LABEL: func.func @reshaped_steps
// CHECK-SAME: (%[[Y:.*]]: tensor<?x?x2x1x8xf32>, %[[X:.*]]: tensor<?x?x2x8xf32>)
// CHECK-NOT: seq.recur
// CHECK-DAG: %[[T:.*]] = tensor.dim %[[Y]], %[[C0:.*]] : tensor<?x?x2x1x8xf32>
// CHECK-DAG: %[[B:.*]] = tensor.dim %[[Y]], %[[C1:.*]] : tensor<?x?x2x1x8xf32>
// CHECK-DAG: %[[C0]] = arith.constant 0 : index
// CHECK-DAG: %[[C1]] = arith.constant 1 : index
// CHECK: %[[R:.*]] = seq.reshape %[[Y]](%[[T]], %[[B]]) : tensor<?x?x2x1x8xf32> -> tensor<?x?x2x8xf32>
// CHECK: return %[[R]], %[[X]]
func.func @reshaped_steps(%y: tensor<?x?x2x1x8xf32>, %x: tensor<?x?x2x8xf32>) -> (tensor<?x?x2x8xf32>, tensor<?x?x2x8xf32>) {
  %c0 = arith.constant 0 : index
  %o:2 = seq.recur (%yt = %y : tensor<?x?x2x1x8xf32>, %xt = %x : tensor<?x?x2x8xf32>) carry () -> (tensor<?x?x2x8xf32>, tensor<?x?x2x8xf32>) {
    %b = tensor.dim %yt, %c0 : tensor<?x2x1x8xf32>
    %r = seq.reshape %yt(%b) : tensor<?x2x1x8xf32> -> tensor<?x2x8xf32>
    seq.yield %r, %xt : tensor<?x2x8xf32>, tensor<?x2x8xf32>
  }
  return %o#0, %o#1 : tensor<?x?x2x8xf32>, tensor<?x?x2x8xf32>
}

// -----

// Steps that are computed on, or a recurrence with a state, stay loops.
// CHECK-LABEL: func.func @computed_steps
// CHECK: seq.recur
// CHECK: seq.exp
func.func @computed_steps(%x: tensor<5x2xf32>) -> tensor<5x2xf32> {
  %o = seq.recur (%xt = %x : tensor<5x2xf32>) carry () -> (tensor<5x2xf32>) {
    %e = seq.exp %xt : tensor<2xf32>
    seq.yield %e : tensor<2xf32>
  }
  return %o : tensor<5x2xf32>
}
