// RUN: seq-opt --seq-hoist-projections %s | FileCheck %s

// linear(x[t], W_ih, b_ih) inside the recurrence becomes one linear over the
// whole sequence, read at step t through a new sequence operand; the
// recurrent projection linear(h[t-1], W_hh) stays in the body.
// CHECK-LABEL: func.func @elman
// CHECK-SAME: (%[[WIH:[a-z0-9]+]]: tensor<16x8xf32>, %[[BIH:[a-z0-9]+]]: tensor<16xf32>, %[[WHH:[a-z0-9]+]]: tensor<16x16xf32>, %[[X:[a-z0-9]+]]: tensor<?x?x8xf32>, %[[H0:[a-z0-9]+]]: tensor<?x16xf32>)
// CHECK: %[[P:.*]] = seq.linear %[[X]], %[[WIH]], %[[BIH]] : (tensor<?x?x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<?x?x16xf32>
// CHECK: seq.recur (%[[XT:.*]] = %[[X]] : tensor<?x?x8xf32>, %[[PT:.*]] = %[[P]] : tensor<?x?x16xf32>) carry (%[[H:.*]] = %[[H0]] : tensor<?x16xf32>)
// CHECK-NEXT: %[[R:.*]] = seq.linear %[[H]], %[[WHH]]
// CHECK-NEXT: %[[S:.*]] = seq.add %[[PT]], %[[R]]
// CHECK-NOT: seq.linear %[[XT]]
func.func @elman(%w_ih: tensor<16x8xf32>, %b_ih: tensor<16xf32>, %w_hh: tensor<16x16xf32>,
                 %x: tensor<?x?x8xf32>, %h0: tensor<?x16xf32>) -> tensor<?x16xf32> {
  %hT = seq.recur (%xt = %x : tensor<?x?x8xf32>) carry (%h = %h0 : tensor<?x16xf32>) -> (tensor<?x16xf32>) {
    %p = seq.linear %xt, %w_ih, %b_ih : (tensor<?x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<?x16xf32>
    %r = seq.linear %h, %w_hh : (tensor<?x16xf32>, tensor<16x16xf32>) -> tensor<?x16xf32>
    %s = seq.add %p, %r : (tensor<?x16xf32>, tensor<?x16xf32>) -> tensor<?x16xf32>
    %hn = seq.tanh %s : tensor<?x16xf32>
    seq.yield %hn : tensor<?x16xf32>
  }
  return %hT : tensor<?x16xf32>
}

// A weight computed inside the body is not time-invariant: nothing moves.
// CHECK-LABEL: func.func @weight_inside
// CHECK: seq.recur
// CHECK-NEXT: %[[W2:.*]] = seq.neg
// CHECK-NEXT: seq.linear %{{.*}}, %[[W2]] :
func.func @weight_inside(%w: tensor<16x8xf32>, %x: tensor<?x?x8xf32>, %h0: tensor<?x16xf32>) -> tensor<?x16xf32> {
  %hT = seq.recur (%xt = %x : tensor<?x?x8xf32>) carry (%h = %h0 : tensor<?x16xf32>) -> (tensor<?x16xf32>) {
    %w2 = seq.neg %w : tensor<16x8xf32>
    %p = seq.linear %xt, %w2 : (tensor<?x8xf32>, tensor<16x8xf32>) -> tensor<?x16xf32>
    %hn = seq.add %p, %h : (tensor<?x16xf32>, tensor<?x16xf32>) -> tensor<?x16xf32>
    seq.yield %hn : tensor<?x16xf32>
  }
  return %hT : tensor<?x16xf32>
}
