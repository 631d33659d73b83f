// RUN: seq-opt --seq-merge-projections %s | FileCheck %s

// Two bias-free projections of one sequence: one product by the stacked
// weights, split back along the output axis in the original order.
// CHECK-LABEL: func.func @two
// CHECK-SAME: (%[[WZ:[a-z0-9]+]]: tensor<16x8xf32>, %[[WH:[a-z0-9]+]]: tensor<24x8xf32>, %[[X:[a-z0-9]+]]: tensor<?x?x8xf32>)
// CHECK-NEXT: %[[W:.*]] = seq.concat %[[WZ]], %[[WH]] axis 0 : (tensor<16x8xf32>, tensor<24x8xf32>) -> tensor<40x8xf32>
// CHECK-NEXT: %[[P:.*]] = seq.linear %[[X]], %[[W]] : (tensor<?x?x8xf32>, tensor<40x8xf32>) -> tensor<?x?x40xf32>
// CHECK-NEXT: %[[S:.*]]:2 = seq.split %[[P]] axis 2 : tensor<?x?x40xf32> -> tensor<?x?x16xf32>, tensor<?x?x24xf32>
// CHECK-NEXT: return %[[S]]#0, %[[S]]#1
func.func @two(%w_z: tensor<16x8xf32>, %w_h: tensor<24x8xf32>, %x: tensor<?x?x8xf32>) -> (tensor<?x?x16xf32>, tensor<?x?x24xf32>) {
  %z = seq.linear %x, %w_z : (tensor<?x?x8xf32>, tensor<16x8xf32>) -> tensor<?x?x16xf32>
  %h = seq.linear %x, %w_h : (tensor<?x?x8xf32>, tensor<24x8xf32>) -> tensor<?x?x24xf32>
  return %z, %h : tensor<?x?x16xf32>, tensor<?x?x24xf32>
}

// What stays apart: a projection with a bias, projections of a step's
// [B, K] input (the weight copy would cost more than it saves), of a
// sequence shorter than the stacked weight, and of different inputs.
// CHECK-LABEL: func.func @apart
// CHECK-NOT: seq.concat
// CHECK-NOT: seq.split
// CHECK: return
func.func @apart(%w1: tensor<16x8xf32>, %w2: tensor<16x8xf32>, %b: tensor<16xf32>,
                 %x: tensor<?x?x8xf32>, %y: tensor<?x?x8xf32>, %s: tensor<?x8xf32>, %short: tensor<4x2x8xf32>)
    -> (tensor<?x?x16xf32>, tensor<?x?x16xf32>, tensor<?x16xf32>, tensor<?x16xf32>, tensor<4x2x16xf32>, tensor<4x2x16xf32>, tensor<?x?x16xf32>) {
  %a = seq.linear %x, %w1, %b : (tensor<?x?x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<?x?x16xf32>
  %c = seq.linear %x, %w2 : (tensor<?x?x8xf32>, tensor<16x8xf32>) -> tensor<?x?x16xf32>
  %d = seq.linear %s, %w1 : (tensor<?x8xf32>, tensor<16x8xf32>) -> tensor<?x16xf32>
  %e = seq.linear %s, %w2 : (tensor<?x8xf32>, tensor<16x8xf32>) -> tensor<?x16xf32>
  %f = seq.linear %short, %w1 : (tensor<4x2x8xf32>, tensor<16x8xf32>) -> tensor<4x2x16xf32>
  %g = seq.linear %short, %w2 : (tensor<4x2x8xf32>, tensor<16x8xf32>) -> tensor<4x2x16xf32>
  %h = seq.linear %y, %w2 : (tensor<?x?x8xf32>, tensor<16x8xf32>) -> tensor<?x?x16xf32>
  return %a, %c, %d, %e, %f, %g, %h : tensor<?x?x16xf32>, tensor<?x?x16xf32>, tensor<?x16xf32>, tensor<?x16xf32>, tensor<4x2x16xf32>, tensor<4x2x16xf32>, tensor<?x?x16xf32>
}
