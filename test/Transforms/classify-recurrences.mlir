// RUN: seq-opt --seq-classify-recurrences -verify-diagnostics %s | FileCheck %s

// minGRU: h' = (1 - z) * h + z * c, gates from the sequences only.
// CHECK-LABEL: func.func @min_gru
// CHECK: seq.recur {{.*}} attributes {seq.classes = ["diagonal_linear"], seq.state_names = ["h"]}
func.func @min_gru(%z: tensor<?x2x16xf32>, %c: tensor<?x2x16xf32>, %h0: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %one = arith.constant dense<1.0> : tensor<f32>
  %hT = seq.recur (%zt = %z : tensor<?x2x16xf32>, %ct = %c : tensor<?x2x16xf32>) carry (%h = %h0 : tensor<2x16xf32>) -> (tensor<2x16xf32>) attributes {seq.state_names = ["h"]} {
    %a = seq.sub %one, %zt : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    %ah = seq.mul %a, %h : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    %zc = seq.mul %zt, %ct : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    %hn = seq.add %ah, %zc : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    seq.yield %hn : tensor<2x16xf32>
  }
  return %hT : tensor<2x16xf32>
}

// Subtraction, negation, division by a state-free value and a broadcast
// keep a state affine: h' = -(h - x) / 2.
// CHECK-LABEL: func.func @affine_ops
// CHECK: seq.classes = ["diagonal_linear"]
func.func @affine_ops(%x: tensor<?x4xf32>, %h0: tensor<4xf32>) -> tensor<4xf32> {
  %two = arith.constant dense<2.0> : tensor<f32>
  %hT = seq.recur (%xt = %x : tensor<?x4xf32>) carry (%h = %h0 : tensor<4xf32>) -> (tensor<4xf32>) {
    %hb = seq.broadcast %h : tensor<4xf32> -> tensor<4xf32>
    %d = seq.sub %hb, %xt : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %n = seq.neg %d : tensor<4xf32>
    %hn = seq.div %n, %two : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
    seq.yield %hn : tensor<4xf32>
  }
  return %hT : tensor<4xf32>
}

// LRU: a complex coefficient defined above times a complex state.
// CHECK-LABEL: func.func @lru
// CHECK: seq.classes = ["diagonal_linear"]
func.func @lru(%lambda: tensor<16xcomplex<f32>>, %u: tensor<?x2x16xcomplex<f32>>, %x0: tensor<2x16xcomplex<f32>>) -> tensor<2x16xcomplex<f32>> {
  %xT = seq.recur (%ut = %u : tensor<?x2x16xcomplex<f32>>) carry (%x = %x0 : tensor<2x16xcomplex<f32>>) -> (tensor<2x16xcomplex<f32>>) {
    %lx = seq.mul %lambda, %x : (tensor<16xcomplex<f32>>, tensor<2x16xcomplex<f32>>) -> tensor<2x16xcomplex<f32>>
    %xn = seq.add %lx, %ut : (tensor<2x16xcomplex<f32>>, tensor<2x16xcomplex<f32>>) -> tensor<2x16xcomplex<f32>>
    seq.yield %xn : tensor<2x16xcomplex<f32>>
  }
  return %xT : tensor<2x16xcomplex<f32>>
}

// Mamba (S6): a [B, D, N] state read by a matmul, but its coefficient
// exp(dt A) varies along every axis: diagonal-linear, not a matrix state.
// The state is named after the function argument that initializes it.
// CHECK-LABEL: func.func @mamba
// CHECK: seq.classes = ["diagonal_linear"]
func.func @mamba(%da: tensor<?x2x16x4xf32>, %dbx: tensor<?x2x16x4xf32>, %c: tensor<?x2x4xf32>,
                 %h0: tensor<2x16x4xf32> {seq.name = "h"}) -> tensor<?x2x16xf32> {
  %hT, %ys = seq.recur (%at = %da : tensor<?x2x16x4xf32>, %bt = %dbx : tensor<?x2x16x4xf32>, %ct = %c : tensor<?x2x4xf32>) carry (%h = %h0 : tensor<2x16x4xf32>) -> (tensor<2x16x4xf32>, tensor<?x2x16xf32>) {
    %ah = seq.mul %at, %h : (tensor<2x16x4xf32>, tensor<2x16x4xf32>) -> tensor<2x16x4xf32>
    %hn = seq.add %ah, %bt : (tensor<2x16x4xf32>, tensor<2x16x4xf32>) -> tensor<2x16x4xf32>
    %cc = seq.reshape %ct : tensor<2x4xf32> -> tensor<2x4x1xf32>
    %y = seq.matmul %hn, %cc : (tensor<2x16x4xf32>, tensor<2x4x1xf32>) -> tensor<2x16x1xf32>
    %y2 = seq.reshape %y : tensor<2x16x1xf32> -> tensor<2x16xf32>
    seq.yield %hn, %y2 : tensor<2x16x4xf32>, tensor<2x16xf32>
  }
  return %ys : tensor<?x2x16xf32>
}

// Retention: S' = gamma[:, None, None] * S + k v^T, read by q @ S.
// CHECK-LABEL: func.func @retention
// CHECK: seq.classes = ["matrix_state_linear"]
func.func @retention(%gamma: tensor<4xf32>, %k: tensor<?x2x4x8xf32>, %v: tensor<?x2x4x8xf32>, %q: tensor<?x2x4x8xf32>, %s0: tensor<2x4x8x8xf32>) -> tensor<?x2x4x8xf32> {
  %sT, %os = seq.recur (%kt = %k : tensor<?x2x4x8xf32>, %vt = %v : tensor<?x2x4x8xf32>, %qt = %q : tensor<?x2x4x8xf32>) carry (%s = %s0 : tensor<2x4x8x8xf32>) -> (tensor<2x4x8x8xf32>, tensor<?x2x4x8xf32>) {
    %g = seq.reshape %gamma : tensor<4xf32> -> tensor<4x1x1xf32>
    %gs = seq.mul %g, %s : (tensor<4x1x1xf32>, tensor<2x4x8x8xf32>) -> tensor<2x4x8x8xf32>
    %kc = seq.reshape %kt : tensor<2x4x8xf32> -> tensor<2x4x8x1xf32>
    %vr = seq.reshape %vt : tensor<2x4x8xf32> -> tensor<2x4x1x8xf32>
    %kv = seq.mul %kc, %vr : (tensor<2x4x8x1xf32>, tensor<2x4x1x8xf32>) -> tensor<2x4x8x8xf32>
    %sn = seq.add %gs, %kv : (tensor<2x4x8x8xf32>, tensor<2x4x8x8xf32>) -> tensor<2x4x8x8xf32>
    %qr = seq.reshape %qt : tensor<2x4x8xf32> -> tensor<2x4x1x8xf32>
    %o = seq.matmul %qr, %sn : (tensor<2x4x1x8xf32>, tensor<2x4x8x8xf32>) -> tensor<2x4x1x8xf32>
    %o2 = seq.reshape %o : tensor<2x4x1x8xf32> -> tensor<2x4x8xf32>
    seq.yield %sn, %o2 : tensor<2x4x8x8xf32>, tensor<2x4x8xf32>
  }
  return %os : tensor<?x2x4x8xf32>
}

// Linear attention: S' = S + k v^T (coefficient 1) is a matrix state; the
// normalizer z' = z + k is elementwise: diagonal-linear. The output's
// division by a function of z does not feed back.
// CHECK-LABEL: func.func @linear_attention
// CHECK: seq.classes = ["matrix_state_linear", "diagonal_linear"]
func.func @linear_attention(%k: tensor<?x2x8xf32>, %v: tensor<?x2x8xf32>, %q: tensor<?x2x8xf32>, %s0: tensor<2x8x8xf32>, %z0: tensor<2x8xf32>) -> tensor<?x2x8xf32> {
  %sT, %zT, %os = seq.recur (%kt = %k : tensor<?x2x8xf32>, %vt = %v : tensor<?x2x8xf32>, %qt = %q : tensor<?x2x8xf32>) carry (%s = %s0 : tensor<2x8x8xf32>, %z = %z0 : tensor<2x8xf32>) -> (tensor<2x8x8xf32>, tensor<2x8xf32>, tensor<?x2x8xf32>) {
    %kc = seq.reshape %kt : tensor<2x8xf32> -> tensor<2x8x1xf32>
    %vr = seq.reshape %vt : tensor<2x8xf32> -> tensor<2x1x8xf32>
    %kv = seq.matmul %kc, %vr : (tensor<2x8x1xf32>, tensor<2x1x8xf32>) -> tensor<2x8x8xf32>
    %sn = seq.add %s, %kv : (tensor<2x8x8xf32>, tensor<2x8x8xf32>) -> tensor<2x8x8xf32>
    %zn = seq.add %z, %kt : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %qr = seq.reshape %qt : tensor<2x8xf32> -> tensor<2x1x8xf32>
    %o = seq.matmul %qr, %sn : (tensor<2x1x8xf32>, tensor<2x8x8xf32>) -> tensor<2x1x8xf32>
    %o2 = seq.reshape %o : tensor<2x1x8xf32> -> tensor<2x8xf32>
    %qz = seq.mul %qt, %zn : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %o3 = seq.div %o2, %qz : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    seq.yield %sn, %zn, %o3 : tensor<2x8x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>
  }
  return %os : tensor<?x2x8xf32>
}

// A matrix-shaped state whose offset is not an outer product is
// diagonal-linear.
// CHECK-LABEL: func.func @matrix_shaped_diagonal
// CHECK: seq.classes = ["diagonal_linear"]
func.func @matrix_shaped_diagonal(%b: tensor<?x2x8x8xf32>, %q: tensor<?x2x1x8xf32>, %s0: tensor<2x8x8xf32>) -> tensor<?x2x1x8xf32> {
  %sT, %os = seq.recur (%bt = %b : tensor<?x2x8x8xf32>, %qt = %q : tensor<?x2x1x8xf32>) carry (%s = %s0 : tensor<2x8x8xf32>) -> (tensor<2x8x8xf32>, tensor<?x2x1x8xf32>) {
    %sn = seq.add %s, %bt : (tensor<2x8x8xf32>, tensor<2x8x8xf32>) -> tensor<2x8x8xf32>
    %o = seq.matmul %qt, %sn : (tensor<2x1x8xf32>, tensor<2x8x8xf32>) -> tensor<2x1x8xf32>
    seq.yield %sn, %o : tensor<2x8x8xf32>, tensor<2x1x8xf32>
  }
  return %os : tensor<?x2x1x8xf32>
}

// A linear but dense recurrence h' = W h + x: W mixes the elements of h.
// CHECK-LABEL: func.func @dense
// CHECK: seq.classes = ["nonlinear"]
func.func @dense(%w: tensor<16x16xf32>, %x: tensor<?x2x16xf32>, %h0: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %hT = seq.recur (%xt = %x : tensor<?x2x16xf32>) carry (%h = %h0 : tensor<2x16xf32>) -> (tensor<2x16xf32>) attributes {seq.state_names = ["h"]} {
    // expected-remark @below {{state 'h' is nonlinear: 'seq.linear' of a value that depends on 'h'}}
    %r = seq.linear %h, %w : (tensor<2x16xf32>, tensor<16x16xf32>) -> tensor<2x16xf32>
    %hn = seq.add %r, %xt : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    seq.yield %hn : tensor<2x16xf32>
  }
  return %hT : tensor<2x16xf32>
}

// Elman: h' = tanh(h + x). The walk from the new value stops at the first
// op that is not affine. Without seq.state_names, the state is named after
// the function argument that initializes it.
// CHECK-LABEL: func.func @tanh
// CHECK: seq.classes = ["nonlinear"]
func.func @tanh(%x: tensor<?x4xf32>, %h0: tensor<4xf32> {seq.name = "h"}) -> tensor<4xf32> {
  %hT = seq.recur (%xt = %x : tensor<?x4xf32>) carry (%h = %h0 : tensor<4xf32>) -> (tensor<4xf32>) {
    %s = seq.add %h, %xt : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    // expected-remark @below {{state 'h' is nonlinear: 'seq.tanh' of a value that depends on 'h'}}
    %hn = seq.tanh %s : tensor<4xf32>
    seq.yield %hn : tensor<4xf32>
  }
  return %hT : tensor<4xf32>
}

// A coefficient that depends on the state itself: sigmoid(h) * h. The
// sigmoid is reported, not the product.
// CHECK-LABEL: func.func @gated_by_itself
// CHECK: seq.classes = ["nonlinear"]
func.func @gated_by_itself(%x: tensor<?x4xf32>, %h0: tensor<4xf32>) -> tensor<4xf32> {
  %hT = seq.recur (%xt = %x : tensor<?x4xf32>) carry (%h = %h0 : tensor<4xf32>) -> (tensor<4xf32>) attributes {seq.state_names = ["h"]} {
    // expected-remark @below {{state 'h' is nonlinear: 'seq.sigmoid' of a value that depends on 'h'}}
    %g = seq.sigmoid %h : tensor<4xf32>
    %gh = seq.mul %g, %h : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %hn = seq.add %gh, %xt : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    seq.yield %hn : tensor<4xf32>
  }
  return %hT : tensor<4xf32>
}

// The product of two affine functions of the state, and a division by the
// state. Without names, states are numbered.
// CHECK-LABEL: func.func @product_and_division
// CHECK: seq.classes = ["nonlinear", "nonlinear"]
func.func @product_and_division(%x: tensor<?x4xf32>, %h0: tensor<4xf32>, %g0: tensor<4xf32>) -> tensor<4xf32> {
  %hT, %gT = seq.recur (%xt = %x : tensor<?x4xf32>) carry (%h = %h0 : tensor<4xf32>, %g = %g0 : tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
    %s = seq.add %h, %xt : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    // expected-remark @below {{state '#0' is nonlinear: 'seq.mul' of two values that depend on '#0'}}
    %hn = seq.mul %s, %h : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    // expected-remark @below {{state '#1' is nonlinear: 'seq.div' by a value that depends on '#1'}}
    %gn = seq.div %xt, %g : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    seq.yield %hn, %gn : tensor<4xf32>, tensor<4xf32>
  }
  return %hT : tensor<4xf32>
}

// Coupled states: the coefficient or the offset of one state depends on
// another, or the new value is the other state.
// CHECK-LABEL: func.func @coupled
// CHECK: seq.classes = ["nonlinear", "nonlinear", "nonlinear"]
func.func @coupled(%x: tensor<?x4xf32>, %c0: tensor<4xf32>, %h0: tensor<4xf32>, %d0: tensor<4xf32>) -> tensor<4xf32> {
  %cT, %hT, %dT = seq.recur (%xt = %x : tensor<?x4xf32>) carry (%c = %c0 : tensor<4xf32>, %h = %h0 : tensor<4xf32>, %d = %d0 : tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) attributes {seq.state_names = ["c", "h", "d"]} {
    %f = seq.exp %h : tensor<4xf32>
    // expected-remark @below {{state 'c' is nonlinear: 'seq.mul' scales it by a value that depends on state 'h'}}
    %fc = seq.mul %f, %c : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %cn = seq.add %fc, %xt : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    // expected-remark @below {{state 'h' is nonlinear: 'seq.add' adds a value that depends on state 'd'}}
    %hn = seq.add %h, %d : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    // expected-remark @below {{state 'd' is nonlinear: its new value depends on state 'h'}}
    %dn = seq.neg %h : tensor<4xf32>
    seq.yield %cn, %hn, %dn : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
  }
  return %hT : tensor<4xf32>
}

// A scan's combiner is associative by contract.
// CHECK-LABEL: func.func @cumsum
// CHECK: seq.scan{{.*}}attributes {seq.classes = ["user_associative"]}
func.func @cumsum(%x: tensor<5x2xf32>, %zero: tensor<2xf32>) -> tensor<5x2xf32> {
  %s = seq.scan (%x) init (%zero) : (tensor<5x2xf32>), (tensor<2xf32>) -> (tensor<5x2xf32>) {
  ^bb0(%a: tensor<2xf32>, %b: tensor<2xf32>):
    %c = seq.add %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    seq.yield %c : tensor<2xf32>
  }
  return %s : tensor<5x2xf32>
}
