// RUN: seq-opt --seq-fuse-into-scans %s | FileCheck %s

// minGRU after the linear-scan rewrite: both gates' bias adds and the
// sigmoid move into the scan; outside stay the two products, without bias,
// whose results the scan reads as its sequences.
// CHECK-LABEL: func.func @min_gru
// CHECK-SAME: (%[[WZ:[a-z0-9]+]]: tensor<16x8xf32>, %[[BZ:[a-z0-9]+]]: tensor<16xf32>, %[[WH:[a-z0-9]+]]: tensor<16x8xf32>, %[[BH:[a-z0-9]+]]: tensor<16xf32>, %[[X:[a-z0-9]+]]: tensor<?x2x8xf32>, %[[H0:[a-z0-9]+]]: tensor<2x16xf32>)
// CHECK: %[[ONE:.*]] = arith.constant
// CHECK-DAG: %[[PZ:.*]] = seq.linear %[[X]], %[[WZ]] : (tensor<?x2x8xf32>, tensor<16x8xf32>) -> tensor<?x2x16xf32>
// CHECK-DAG: %[[PH:.*]] = seq.linear %[[X]], %[[WH]] : (tensor<?x2x8xf32>, tensor<16x8xf32>) -> tensor<?x2x16xf32>
// CHECK-NOT: seq.sigmoid
// CHECK: seq.linear_scan (%[[A:.*]] = %[[PH]] : tensor<?x2x16xf32>, %[[B:.*]] = %[[PZ]] : tensor<?x2x16xf32>) init %[[H0]]
// CHECK-DAG: %[[ZB:.*]] = seq.add %[[B]], %[[BZ]] : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
// CHECK-DAG: %[[HB:.*]] = seq.add %[[A]], %[[BH]] : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
// CHECK: %[[Z:.*]] = seq.sigmoid %[[ZB]] : tensor<2x16xf32>
// CHECK: %[[NA:.*]] = seq.sub %[[ONE]], %[[Z]]
// CHECK: %[[NB:.*]] = seq.mul %[[Z]], %[[HB]]
// CHECK: seq.yield %[[NA]], %[[NB]]
func.func @min_gru(%w_z: tensor<16x8xf32>, %b_z: tensor<16xf32>, %w_h: tensor<16x8xf32>, %b_h: tensor<16xf32>,
                   %x: tensor<?x2x8xf32>, %h0: tensor<2x16xf32>) -> tensor<?x2x16xf32> {
  %one = arith.constant dense<1.0> : tensor<f32>
  %p = seq.linear %x, %w_z, %b_z : (tensor<?x2x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<?x2x16xf32>
  %z = seq.sigmoid %p : tensor<?x2x16xf32>
  %c = seq.linear %x, %w_h, %b_h : (tensor<?x2x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<?x2x16xf32>
  %hT, %hs = seq.linear_scan (%z_t = %z : tensor<?x2x16xf32>, %c_t = %c : tensor<?x2x16xf32>) init %h0 : tensor<2x16xf32> -> (tensor<2x16xf32>, tensor<?x2x16xf32>) {
    %a = seq.sub %one, %z_t : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    %b = seq.mul %z_t, %c_t : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    seq.yield %a, %b : tensor<2x16xf32>, tensor<2x16xf32>
  }
  return %hs : tensor<?x2x16xf32>
}

// A producer's [T, ...] operand that is a sequence of the scan already is
// read through the argument the scan has for it: no second copy.
// CHECK-LABEL: func.func @shared_operand
// CHECK-SAME: (%[[U:[a-z0-9]+]]: tensor<?x4xf32>, %[[H0:[a-z0-9]+]]: tensor<4xf32>)
// CHECK: seq.linear_scan (%[[UT:.*]] = %[[U]] : tensor<?x4xf32>) init %[[H0]]
// CHECK-NEXT: %[[E:.*]] = seq.exp %[[UT]] : tensor<4xf32>
// CHECK-NEXT: seq.yield %[[E]], %[[UT]]
func.func @shared_operand(%u: tensor<?x4xf32>, %h0: tensor<4xf32>) -> tensor<4xf32> {
  %e = seq.exp %u : tensor<?x4xf32>
  %hT, %hs = seq.linear_scan (%e_t = %e : tensor<?x4xf32>, %u_t = %u : tensor<?x4xf32>) init %h0 : tensor<4xf32> -> (tensor<4xf32>, tensor<?x4xf32>) {
    seq.yield %e_t, %u_t : tensor<4xf32>, tensor<4xf32>
  }
  return %hT : tensor<4xf32>
}

// What stays: a producer whose result is also used elsewhere (its work
// would be done twice), one whose operand broadcasts along time (size 1),
// and a linear without bias (a product, not elementwise).
// CHECK-LABEL: func.func @stays
// CHECK: %[[E:.*]] = seq.exp %{{.*}} : tensor<?x4xf32>
// CHECK: %[[S:.*]] = seq.add %{{.*}}, %{{.*}} : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<?x4xf32>
// CHECK: %[[L:.*]] = seq.linear %{{.*}}, %{{.*}} : (tensor<?x4xf32>, tensor<4x4xf32>) -> tensor<?x4xf32>
// CHECK: seq.linear_scan (%{{.*}} = %[[E]] : tensor<?x4xf32>, %{{.*}} = %[[S]] : tensor<?x4xf32>, %{{.*}} = %[[L]] : tensor<?x4xf32>)
// CHECK-NEXT: seq.mul
// CHECK-NEXT: seq.yield
// CHECK: return %{{.*}}, %[[E]]
func.func @stays(%u: tensor<?x4xf32>, %v: tensor<1x4xf32>, %w: tensor<4x4xf32>, %h0: tensor<4xf32>) -> (tensor<4xf32>, tensor<?x4xf32>) {
  %e = seq.exp %u : tensor<?x4xf32>
  %s = seq.add %u, %v : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<?x4xf32>
  %l = seq.linear %u, %w : (tensor<?x4xf32>, tensor<4x4xf32>) -> tensor<?x4xf32>
  %hT, %hs = seq.linear_scan (%e_t = %e : tensor<?x4xf32>, %s_t = %s : tensor<?x4xf32>, %l_t = %l : tensor<?x4xf32>) init %h0 : tensor<4xf32> -> (tensor<4xf32>, tensor<?x4xf32>) {
    %m = seq.mul %s_t, %l_t : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    seq.yield %e_t, %m : tensor<4xf32>, tensor<4xf32>
  }
  return %hT, %e : tensor<4xf32>, tensor<?x4xf32>
}
