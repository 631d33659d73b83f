// RUN: seq-opt --split-input-file --seq-defer-biases %s | FileCheck %s

// An LSTM-like step: the input projection computed before the loop loses its
// bias (the product alone, over the whole sequence), and the body adds it to
// the step it reads; the recurrent product's time-invariant bias becomes a
// seq.add after the product. Only elementwise adds remain for the biases.
// CHECK-LABEL: func.func @cell
// CHECK-SAME: (%[[WI:[a-z0-9]+]]: tensor<16x8xf32>, %[[BI:[a-z0-9]+]]: tensor<16xf32>, %[[WH:[a-z0-9]+]]: tensor<16x4xf32>, %[[BH:[a-z0-9]+]]: tensor<16xf32>, %[[X:[a-z0-9]+]]: tensor<?x?x8xf32>, %[[H0:[a-z0-9]+]]: tensor<?x4xf32>)
// CHECK: %[[P:.*]] = seq.linear %[[X]], %[[WI]] : (tensor<?x?x8xf32>, tensor<16x8xf32>) -> tensor<?x?x16xf32>
// CHECK-NEXT: seq.recur (%[[G:.*]] = %[[P]] : tensor<?x?x16xf32>) carry (%[[H:.*]] = %[[H0]] : tensor<?x4xf32>)
// CHECK-NEXT: %[[GB:.*]] = seq.add %[[G]], %[[BI]] : (tensor<?x16xf32>, tensor<16xf32>) -> tensor<?x16xf32>
// CHECK-NEXT: %[[R:.*]] = seq.linear %[[H]], %[[WH]] : (tensor<?x4xf32>, tensor<16x4xf32>) -> tensor<?x16xf32>
// CHECK-NEXT: %[[RB:.*]] = seq.add %[[R]], %[[BH]] : (tensor<?x16xf32>, tensor<16xf32>) -> tensor<?x16xf32>
// CHECK-NEXT: seq.add %[[GB]], %[[RB]]
// CHECK-NOT: seq.linear
func.func @cell(%w_ih: tensor<16x8xf32>, %b_ih: tensor<16xf32>, %w_hh: tensor<16x4xf32>, %b_hh: tensor<16xf32>,
                %x: tensor<?x?x8xf32>, %h0: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %xg = seq.linear %x, %w_ih, %b_ih : (tensor<?x?x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<?x?x16xf32>
  %hT = seq.recur (%g = %xg : tensor<?x?x16xf32>) carry (%h = %h0 : tensor<?x4xf32>) -> (tensor<?x4xf32>) {
    %r = seq.linear %h, %w_hh, %b_hh : (tensor<?x4xf32>, tensor<16x4xf32>, tensor<16xf32>) -> tensor<?x16xf32>
    %s = seq.add %g, %r : (tensor<?x16xf32>, tensor<?x16xf32>) -> tensor<?x16xf32>
    %gates:4 = seq.split %s axis 1 : tensor<?x16xf32> -> tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>
    %hn = seq.tanh %gates#0 : tensor<?x4xf32>
    seq.yield %hn : tensor<?x4xf32>
  }
  return %hT : tensor<?x4xf32>
}

// -----

// A projection that something else reads too keeps its bias (the other
// reader needs it); a bias computed in the body is not time-invariant and
// stays with its product.
// CHECK-LABEL: func.func @kept
// CHECK: %[[P:.*]] = seq.linear %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?x?x8xf32>, tensor<4x8xf32>, tensor<4xf32>)
// CHECK: seq.recur (%[[G:.*]] = %[[P]] : tensor<?x?x4xf32>)
// CHECK-NEXT: %[[B2:.*]] = seq.neg
// CHECK-NEXT: %[[R:.*]] = seq.linear %{{.*}}, %{{.*}}, %[[B2]] :
// CHECK-NEXT: seq.add %[[G]], %[[R]]
// CHECK-NEXT: seq.yield
func.func @kept(%w_ih: tensor<4x8xf32>, %b_ih: tensor<4xf32>, %w_hh: tensor<4x4xf32>, %b_hh: tensor<4xf32>,
                %x: tensor<?x?x8xf32>, %h0: tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x?x4xf32>) {
  %xg = seq.linear %x, %w_ih, %b_ih : (tensor<?x?x8xf32>, tensor<4x8xf32>, tensor<4xf32>) -> tensor<?x?x4xf32>
  %hT = seq.recur (%g = %xg : tensor<?x?x4xf32>) carry (%h = %h0 : tensor<?x4xf32>) -> (tensor<?x4xf32>) {
    %b2 = seq.neg %b_hh : tensor<4xf32>
    %r = seq.linear %h, %w_hh, %b2 : (tensor<?x4xf32>, tensor<4x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
    %s = seq.add %g, %r : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
    seq.yield %s : tensor<?x4xf32>
  }
  return %hT, %xg : tensor<?x4xf32>, tensor<?x?x4xf32>
}
