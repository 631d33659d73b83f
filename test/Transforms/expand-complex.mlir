// RUN: seq-opt --split-input-file --verify-diagnostics --seq-expand-complex %s | FileCheck %s

// A complex product: the arguments, real tensors with a trailing dimension
// of 2, are split into their parts; (a+bi)(c+di) = (ac-bd) + (ad+bc)i; the
// result is joined back into a [..., 2] tensor, its declared shape gaining
// the "2".
// CHECK-LABEL: func.func @mul
// CHECK-SAME: (%[[Z:.*]]: tensor<4x2xf32> {seq.complex, seq.name = "z", seq.role = "input", seq.shape = ["4", "2"]}, %[[W:.*]]: tensor<4x2xf32>) -> (tensor<4x2xf32> {seq.complex, seq.name = "p", seq.role = "output", seq.shape = ["4", "2"]})
// CHECK: %[[ZS:.*]]:2 = seq.split %[[Z]] axis 1 : tensor<4x2xf32> -> tensor<4x1xf32>, tensor<4x1xf32>
// CHECK: %[[ZR:.*]] = seq.reshape %[[ZS]]#0 : tensor<4x1xf32> -> tensor<4xf32>
// CHECK: %[[ZI:.*]] = seq.reshape %[[ZS]]#1 : tensor<4x1xf32> -> tensor<4xf32>
// CHECK: %[[WS:.*]]:2 = seq.split %[[W]] axis 1
// CHECK: %[[WR:.*]] = seq.reshape %[[WS]]#0
// CHECK: %[[WI:.*]] = seq.reshape %[[WS]]#1
// CHECK: %[[AC:.*]] = seq.mul %[[ZR]], %[[WR]] : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK: %[[BD:.*]] = seq.mul %[[ZI]], %[[WI]]
// CHECK: %[[RE:.*]] = seq.sub %[[AC]], %[[BD]]
// CHECK: %[[AD:.*]] = seq.mul %[[ZR]], %[[WI]]
// CHECK: %[[BC:.*]] = seq.mul %[[ZI]], %[[WR]]
// CHECK: %[[IM:.*]] = seq.add %[[AD]], %[[BC]]
// CHECK: %[[R2:.*]] = seq.reshape %[[RE]] : tensor<4xf32> -> tensor<4x1xf32>
// CHECK: %[[I2:.*]] = seq.reshape %[[IM]] : tensor<4xf32> -> tensor<4x1xf32>
// CHECK: %[[J:.*]] = seq.concat %[[R2]], %[[I2]] axis 1 : (tensor<4x1xf32>, tensor<4x1xf32>) -> tensor<4x2xf32>
// CHECK: return %[[J]] : tensor<4x2xf32>
func.func @mul(%z: tensor<4xcomplex<f32>> {seq.name = "z", seq.role = "input", seq.shape = ["4"]},
               %w: tensor<4xcomplex<f32>>)
    -> (tensor<4xcomplex<f32>> {seq.name = "p", seq.role = "output", seq.shape = ["4"]}) {
  %p = seq.mul %z, %w : (tensor<4xcomplex<f32>>, tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>>
  return %p : tensor<4xcomplex<f32>>
}

// -----

// Real operands (a zero imaginary part), numpy broadcasting, a dynamic
// dimension taken from the argument; exp, abs, conj and imag.
// CHECK-LABEL: func.func @mixed
// CHECK-SAME: (%[[Z:.*]]: tensor<?x4x2xf32>, %[[X:.*]]: tensor<4xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>)
// CHECK: %[[ZS:.*]]:2 = seq.split %[[Z]] axis 2
// CHECK: %[[T:.*]] = tensor.dim %[[Z]], %{{.*}} : tensor<?x4x2xf32>
// CHECK: %[[ZR:.*]] = seq.reshape %[[ZS]]#0(%[[T]]) : tensor<?x4x1xf32> -> tensor<?x4xf32>
// CHECK: %[[ZI:.*]] = seq.reshape %[[ZS]]#1(%[[T]])
// x + z = (x + zr) + zi i; then / x on each part.
// CHECK: %[[SR:.*]] = seq.add %[[X]], %[[ZR]] : (tensor<4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
// CHECK: %[[QR:.*]] = seq.div %[[SR]], %[[X]]
// CHECK: %[[QI:.*]] = seq.div %[[ZI]], %[[X]]
// exp(a + bi) = e^a cos b + i e^a sin b.
// CHECK: %[[EA:.*]] = seq.exp %[[QR]] : tensor<?x4xf32>
// CHECK: %[[COS:.*]] = seq.cos %[[QI]]
// CHECK: %[[ER:.*]] = seq.mul %[[EA]], %[[COS]]
// CHECK: %[[SIN:.*]] = seq.sin %[[QI]]
// CHECK: %[[EI:.*]] = seq.mul %[[EA]], %[[SIN]]
// |e| = sqrt(er^2 + ei^2).
// CHECK: %[[RR:.*]] = seq.mul %[[ER]], %[[ER]]
// CHECK: %[[II:.*]] = seq.mul %[[EI]], %[[EI]]
// CHECK: %[[SUM:.*]] = seq.add %[[RR]], %[[II]]
// CHECK: %[[ABS:.*]] = seq.sqrt %[[SUM]]
// imag(conj(e)) = -ei.
// CHECK: %[[NEG:.*]] = seq.neg %[[EI]]
// CHECK: return %[[ABS]], %[[NEG]]
func.func @mixed(%z: tensor<?x4xcomplex<f32>>, %x: tensor<4xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>) {
  %s = seq.add %x, %z : (tensor<4xf32>, tensor<?x4xcomplex<f32>>) -> tensor<?x4xcomplex<f32>>
  %q = seq.div %s, %x : (tensor<?x4xcomplex<f32>>, tensor<4xf32>) -> tensor<?x4xcomplex<f32>>
  %e = seq.exp %q : tensor<?x4xcomplex<f32>>
  %a = seq.abs %e : tensor<?x4xcomplex<f32>> -> tensor<?x4xf32>
  %c = seq.conj %e : tensor<?x4xcomplex<f32>>
  %i = seq.imag %c : tensor<?x4xcomplex<f32>> -> tensor<?x4xf32>
  return %a, %i : tensor<?x4xf32>, tensor<?x4xf32>
}

// -----

// A complex / complex quotient: x * conj(y) / |y|^2; complex() broadcasts
// its parts to the result shape.
// CHECK-LABEL: func.func @quotient
// CHECK-SAME: (%[[RE:.*]]: tensor<f32>, %[[IM:.*]]: tensor<?xf32>, %[[Y:.*]]: tensor<?x2xf32>)
// CHECK: %[[N:.*]] = tensor.dim %[[IM]], %{{.*}} : tensor<?xf32>
// CHECK: %[[BR:.*]] = seq.broadcast %[[RE]](%[[N]]) : tensor<f32> -> tensor<?xf32>
// CHECK: %[[YY:.*]] = seq.mul %[[YR:.*]], %[[YR]]
// CHECK: %[[ZZ:.*]] = seq.mul %[[YI:.*]], %[[YI]]
// CHECK: %[[NORM:.*]] = seq.add %[[YY]], %[[ZZ]]
// CHECK: %[[NYI:.*]] = seq.neg %[[YI]]
// CHECK: %[[AC:.*]] = seq.mul %[[BR]], %[[YR]]
// CHECK: %[[BD:.*]] = seq.mul %[[IM]], %[[NYI]]
// CHECK: %[[NR:.*]] = seq.sub %[[AC]], %[[BD]]
// CHECK: %[[AD:.*]] = seq.mul %[[BR]], %[[NYI]]
// CHECK: %[[BC:.*]] = seq.mul %[[IM]], %[[YR]]
// CHECK: %[[NI:.*]] = seq.add %[[AD]], %[[BC]]
// CHECK: seq.div %[[NR]], %[[NORM]]
// CHECK: seq.div %[[NI]], %[[NORM]]
func.func @quotient(%re: tensor<f32>, %im: tensor<?xf32>, %y: tensor<?xcomplex<f32>>) -> tensor<?xcomplex<f32>> {
  %x = seq.complex %re, %im : (tensor<f32>, tensor<?xf32>) -> tensor<?xcomplex<f32>>
  %q = seq.div %x, %y : (tensor<?xcomplex<f32>>, tensor<?xcomplex<f32>>) -> tensor<?xcomplex<f32>>
  return %q : tensor<?xcomplex<f32>>
}

// -----

// A complex state becomes two real states (h.re, h.im) of an elementwise
// recurrence; a complex constant, two real ones.
// CHECK-LABEL: func.func @recur
// CHECK-SAME: (%[[X:.*]]: tensor<?x?x4xf32>, %[[H0:.*]]: tensor<?x4x2xf32>) -> (tensor<?x4x2xf32>, tensor<?x?x4xf32>)
// CHECK: %[[HR0:.*]] = seq.reshape
// CHECK: %[[HI0:.*]] = seq.reshape
// CHECK-DAG: %[[LR:.*]] = arith.constant dense<5.000000e-01> : tensor<f32>
// CHECK-DAG: %[[LI:.*]] = arith.constant dense<2.500000e-01> : tensor<f32>
// CHECK: %[[R:.*]]:3 = seq.recur (%[[XT:.*]] = %[[X]] : tensor<?x?x4xf32>) carry (%[[HR:.*]] = %[[HR0]] : tensor<?x4xf32>, %[[HI:.*]] = %[[HI0]] : tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x?x4xf32>) attributes {seq.state_names = ["h.re", "h.im"]}
// CHECK: %[[A:.*]] = seq.mul %[[LR]], %[[HR]]
// CHECK: %[[B:.*]] = seq.mul %[[LI]], %[[HI]]
// CHECK: %[[NR:.*]] = seq.sub %[[A]], %[[B]]
// CHECK: %[[C:.*]] = seq.mul %[[LR]], %[[HI]]
// CHECK: %[[D:.*]] = seq.mul %[[LI]], %[[HR]]
// CHECK: %[[NI:.*]] = seq.add %[[C]], %[[D]]
// CHECK: %[[SR:.*]] = seq.add %[[NR]], %[[XT]]
// CHECK: seq.yield %[[SR]], %[[NI]], %[[SR]]
// CHECK: seq.concat {{.*}} axis 2 : (tensor<?x4x1xf32>, tensor<?x4x1xf32>) -> tensor<?x4x2xf32>
// CHECK: return %{{.*}}, %[[R]]#2
func.func @recur(%x: tensor<?x?x4xf32>, %h0: tensor<?x4xcomplex<f32>>) -> (tensor<?x4xcomplex<f32>>, tensor<?x?x4xf32>) {
  %lam = arith.constant dense<(5.000000e-01,2.500000e-01)> : tensor<complex<f32>>
  %f, %y = seq.recur (%xt = %x : tensor<?x?x4xf32>) carry (%h = %h0 : tensor<?x4xcomplex<f32>>) -> (tensor<?x4xcomplex<f32>>, tensor<?x?x4xf32>) attributes {seq.state_names = ["h"]} {
    %m = seq.mul %lam, %h : (tensor<complex<f32>>, tensor<?x4xcomplex<f32>>) -> tensor<?x4xcomplex<f32>>
    %n = seq.add %m, %xt : (tensor<?x4xcomplex<f32>>, tensor<?x4xf32>) -> tensor<?x4xcomplex<f32>>
    %r = seq.real %n : tensor<?x4xcomplex<f32>> -> tensor<?x4xf32>
    seq.yield %n, %r : tensor<?x4xcomplex<f32>>, tensor<?x4xf32>
  }
  return %f, %y : tensor<?x4xcomplex<f32>>, tensor<?x?x4xf32>
}

// -----

// Ops that only move elements run on each part.
// CHECK-LABEL: func.func @moves
// CHECK: %[[PR:.*]] = seq.permute %[[ZR:.*]] [1, 0] : tensor<3x4xf32> -> tensor<4x3xf32>
// CHECK: %[[PI:.*]] = seq.permute %[[ZI:.*]] [1, 0] : tensor<3x4xf32> -> tensor<4x3xf32>
// CHECK: seq.reduce sum %[[PR]]
// CHECK: seq.reduce sum %[[PI]]
func.func @moves(%z: tensor<3x4xcomplex<f32>>) -> tensor<4xcomplex<f32>> {
  %p = seq.permute %z [1, 0] : tensor<3x4xcomplex<f32>> -> tensor<4x3xcomplex<f32>>
  %s = seq.reduce sum %p axes [1] : tensor<4x3xcomplex<f32>> -> tensor<4xcomplex<f32>>
  return %s : tensor<4xcomplex<f32>>
}

// -----

// Products: a real weight multiplies each part; a complex bias adds to
// each; complex x complex takes four products.
// CHECK-LABEL: func.func @products
// CHECK: %[[LR:.*]] = seq.linear %[[ZR:.*]], %[[W:.*]] : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
// CHECK: %[[LI:.*]] = seq.linear %[[ZI:.*]], %[[W]]
// CHECK: seq.add %[[LR]], %[[BR:.*]] : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
// CHECK: seq.add %[[LI]], %[[BI:.*]] : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
// CHECK: %[[AC:.*]] = seq.matmul %[[ZR]], %[[MR:.*]] : (tensor<?x4xf32>, tensor<4x4xf32>) -> tensor<?x4xf32>
// CHECK: %[[BD:.*]] = seq.matmul %[[ZI]], %[[MI:.*]] :
// CHECK: seq.sub %[[AC]], %[[BD]]
// CHECK: %[[AD:.*]] = seq.matmul %[[ZR]], %[[MI]] :
// CHECK: %[[BC:.*]] = seq.matmul %[[ZI]], %[[MR]] :
// CHECK: seq.add %[[AD]], %[[BC]]
func.func @products(%z: tensor<?x4xcomplex<f32>>, %w: tensor<3x4xf32>, %bias: tensor<3xcomplex<f32>>, %m: tensor<4x4xcomplex<f32>>) -> (tensor<?x3xcomplex<f32>>, tensor<?x4xcomplex<f32>>) {
  %l = seq.linear %z, %w, %bias : (tensor<?x4xcomplex<f32>>, tensor<3x4xf32>, tensor<3xcomplex<f32>>) -> tensor<?x3xcomplex<f32>>
  %p = seq.matmul %z, %m : (tensor<?x4xcomplex<f32>>, tensor<4x4xcomplex<f32>>) -> tensor<?x4xcomplex<f32>>
  return %l, %p : tensor<?x3xcomplex<f32>>, tensor<?x4xcomplex<f32>>
}

// -----

// What has no real expansion yet is an error at the op: a complex
// seq.linear_scan (the pass runs before the linear-scan rewrite).
func.func @scan(%a: tensor<?x4xcomplex<f32>>, %h0: tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>> {
  // expected-error @+1 {{'seq.linear_scan' on complex numbers cannot be expanded into real arithmetic yet (seq-expand-complex)}}
  %hT, %hs = seq.linear_scan (%a_t = %a : tensor<?x4xcomplex<f32>>) init %h0 : tensor<4xcomplex<f32>> -> (tensor<4xcomplex<f32>>, tensor<?x4xcomplex<f32>>) {
    seq.yield %a_t, %a_t : tensor<4xcomplex<f32>>, tensor<4xcomplex<f32>>
  }
  return %hT : tensor<4xcomplex<f32>>
}

// -----

// A complex constant whose elements are not in a dense attribute (a resource
// blob) is not expanded.
func.func @resource() -> tensor<2xcomplex<f32>> {
  // expected-error @+1 {{a complex constant that is not a dense tensor cannot be expanded (seq-expand-complex)}}
  %c = arith.constant dense_resource<pairs> : tensor<2xcomplex<f32>>
  return %c : tensor<2xcomplex<f32>>
}
{-#
  dialect_resources: {
    builtin: {
      pairs: "0x040000000000803F0000000000000040000000000000803F00000000"
    }
  }
#-}

// -----

// The pass rebuilds a function's one block; a complex function of several
// blocks is an error at the function.
// expected-error @+1 {{seq-expand-complex needs a function of one block}}
func.func @blocks(%x: tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>> {
  cf.br ^next
^next:
  return %x : tensor<4xcomplex<f32>>
}
