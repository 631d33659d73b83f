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
