// RUN: seq-opt --seq-parallelize-linear-recurrences %s | FileCheck %s

// minGRU: h' = (1 - z) * h + z * c. The recurrence becomes one linear_scan
// whose body computes a = 1 - z and b = z * c; the per-step output (the new
// state) is the scan's state sequence, the final state its final value.
// CHECK-LABEL: func.func @min_gru
// CHECK-SAME: (%[[Z:.*]]: tensor<?x2x16xf32>, %[[C:.*]]: tensor<?x2x16xf32>, %[[H0:.*]]: tensor<2x16xf32>)
// CHECK: %[[ONE:.*]] = arith.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[FINAL:.*]], %[[STATES:.*]] = seq.linear_scan (%[[ZT:.*]] = %[[Z]] : tensor<?x2x16xf32>, %[[CT:.*]] = %[[C]] : tensor<?x2x16xf32>) init %[[H0]] : tensor<2x16xf32> -> (tensor<2x16xf32>, tensor<?x2x16xf32>) {
// CHECK-NEXT: %[[A:.*]] = seq.sub %[[ONE]], %[[ZT]] : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
// CHECK-NEXT: %[[B:.*]] = seq.mul %[[ZT]], %[[CT]] : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
// CHECK-NEXT: seq.yield %[[A]], %[[B]] : tensor<2x16xf32>, tensor<2x16xf32>
// CHECK-NEXT: }
// CHECK-NOT: seq.recur
// CHECK: return %[[FINAL]], %[[STATES]]
func.func @min_gru(%z: tensor<?x2x16xf32>, %c: tensor<?x2x16xf32>, %h0: tensor<2x16xf32>) -> (tensor<2x16xf32>, tensor<?x2x16xf32>) {
  %one = arith.constant dense<1.0> : tensor<f32>
  %hT, %hs = seq.recur (%zt = %z : tensor<?x2x16xf32>, %ct = %c : tensor<?x2x16xf32>) carry (%h = %h0 : tensor<2x16xf32>) -> (tensor<2x16xf32>, tensor<?x2x16xf32>) {
    %a = seq.sub %one, %zt : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    %ah = seq.mul %a, %h : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    %zc = seq.mul %zt, %ct : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    %hn = seq.add %ah, %zc : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    seq.yield %hn, %hn : tensor<2x16xf32>, tensor<2x16xf32>
  }
  return %hT, %hs : tensor<2x16xf32>, tensor<?x2x16xf32>
}

// LRU: x' = lambda * x + gamma * u with a complex lambda [16] defined above:
// the coefficient is broadcast to the state's shape in the body.
// CHECK-LABEL: func.func @lru
// CHECK-SAME: (%[[LAMBDA:.*]]: tensor<16xcomplex<f32>>, %[[GAMMA:.*]]: tensor<16xf32>, %[[U:.*]]: tensor<?x2x16xcomplex<f32>>, %[[X0:.*]]: tensor<2x16xcomplex<f32>>)
// CHECK-NEXT: %[[FINAL:.*]], %[[STATES:.*]] = seq.linear_scan (%[[UT:.*]] = %[[U]] : tensor<?x2x16xcomplex<f32>>) init %[[X0]] : tensor<2x16xcomplex<f32>> -> (tensor<2x16xcomplex<f32>>, tensor<?x2x16xcomplex<f32>>) {
// CHECK-NEXT: %[[A:.*]] = seq.broadcast %[[LAMBDA]] : tensor<16xcomplex<f32>> -> tensor<2x16xcomplex<f32>>
// CHECK-NEXT: %[[B:.*]] = seq.mul %[[UT]], %[[GAMMA]] : (tensor<2x16xcomplex<f32>>, tensor<16xf32>) -> tensor<2x16xcomplex<f32>>
// CHECK-NEXT: seq.yield %[[A]], %[[B]] : tensor<2x16xcomplex<f32>>, tensor<2x16xcomplex<f32>>
// CHECK-NOT: seq.recur
// CHECK: return %[[FINAL]], %[[STATES]]
func.func @lru(%lambda: tensor<16xcomplex<f32>>, %gamma: tensor<16xf32>, %u: tensor<?x2x16xcomplex<f32>>, %x0: tensor<2x16xcomplex<f32>>) -> (tensor<2x16xcomplex<f32>>, tensor<?x2x16xcomplex<f32>>) {
  %xT, %xs = seq.recur (%ut = %u : tensor<?x2x16xcomplex<f32>>) carry (%x = %x0 : tensor<2x16xcomplex<f32>>) -> (tensor<2x16xcomplex<f32>>, tensor<?x2x16xcomplex<f32>>) {
    %lx = seq.mul %lambda, %x : (tensor<16xcomplex<f32>>, tensor<2x16xcomplex<f32>>) -> tensor<2x16xcomplex<f32>>
    %gu = seq.mul %ut, %gamma : (tensor<2x16xcomplex<f32>>, tensor<16xf32>) -> tensor<2x16xcomplex<f32>>
    %xn = seq.add %lx, %gu : (tensor<2x16xcomplex<f32>>, tensor<2x16xcomplex<f32>>) -> tensor<2x16xcomplex<f32>>
    seq.yield %xn, %xn : tensor<2x16xcomplex<f32>>, tensor<2x16xcomplex<f32>>
  }
  return %xT, %xs : tensor<2x16xcomplex<f32>>, tensor<?x2x16xcomplex<f32>>
}

// A pure decay h' = h * 0.5 of a complex state with a dynamic batch: the
// real coefficient becomes complex, the offset is 0, and both are broadcast
// to the state's size, read outside the scan.
// CHECK-LABEL: func.func @decay
// CHECK-SAME: (%[[X:.*]]: tensor<?x?x4xcomplex<f32>>, %[[H0:.*]]: tensor<?x4xcomplex<f32>>)
// CHECK: %[[HALF:.*]] = arith.constant dense<5.000000e-01> : tensor<f32>
// CHECK: %[[B:.*]] = tensor.dim %[[H0]], %{{.*}} : tensor<?x4xcomplex<f32>>
// CHECK-NEXT: %[[FINAL:.*]], %{{.*}} = seq.linear_scan (%{{.*}} = %[[X]] : tensor<?x?x4xcomplex<f32>>) init %[[H0]] : tensor<?x4xcomplex<f32>> -> (tensor<?x4xcomplex<f32>>, tensor<?x?x4xcomplex<f32>>) {
// CHECK: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[AC:.*]] = seq.complex %[[HALF]], %[[ZERO]] : (tensor<f32>, tensor<f32>) -> tensor<complex<f32>>
// CHECK-NEXT: %[[A:.*]] = seq.broadcast %[[AC]](%[[B]]) : tensor<complex<f32>> -> tensor<?x4xcomplex<f32>>
// CHECK: %[[OFFSET:.*]] = seq.broadcast %{{.*}}(%[[B]]) : tensor<complex<f32>> -> tensor<?x4xcomplex<f32>>
// CHECK-NEXT: seq.yield %[[A]], %[[OFFSET]]
// CHECK: return %[[FINAL]]
func.func @decay(%x: tensor<?x?x4xcomplex<f32>>, %h0: tensor<?x4xcomplex<f32>>) -> tensor<?x4xcomplex<f32>> {
  %half = arith.constant dense<0.5> : tensor<f32>
  %hT = seq.recur (%xt = %x : tensor<?x?x4xcomplex<f32>>) carry (%h = %h0 : tensor<?x4xcomplex<f32>>) -> (tensor<?x4xcomplex<f32>>) {
    %hn = seq.mul %h, %half : (tensor<?x4xcomplex<f32>>, tensor<f32>) -> tensor<?x4xcomplex<f32>>
    seq.yield %hn : tensor<?x4xcomplex<f32>>
  }
  return %hT : tensor<?x4xcomplex<f32>>
}

// Mamba (S6): h' = dA * h + dBx, y = h' C + D x. The scan reads only the
// two sequences it needs; the output is computed by a recurrence without
// carried states that reads the scanned states as one more sequence.
// CHECK-LABEL: func.func @mamba
// CHECK-SAME: (%[[DA:.*]]: tensor<?x2x16x4xf32>, %[[DBX:.*]]: tensor<?x2x16x4xf32>, %[[C:.*]]: tensor<?x2x4xf32>, %[[X:.*]]: tensor<?x2x16xf32>, %[[D:.*]]: tensor<16xf32>, %[[H0:.*]]: tensor<2x16x4xf32>)
// CHECK-NEXT: %[[FINAL:.*]], %[[STATES:.*]] = seq.linear_scan (%[[AT:.*]] = %[[DA]] : tensor<?x2x16x4xf32>, %[[BT:.*]] = %[[DBX]] : tensor<?x2x16x4xf32>) init %[[H0]] : tensor<2x16x4xf32> -> (tensor<2x16x4xf32>, tensor<?x2x16x4xf32>) {
// CHECK-NEXT: seq.yield %[[AT]], %[[BT]] : tensor<2x16x4xf32>, tensor<2x16x4xf32>
// CHECK-NEXT: }
// CHECK-NEXT: %[[Y:.*]] = seq.recur (%[[CT:.*]] = %[[C]] : tensor<?x2x4xf32>, %[[XT:.*]] = %[[X]] : tensor<?x2x16xf32>, %[[HT:.*]] = %[[STATES]] : tensor<?x2x16x4xf32>) carry () -> (tensor<?x2x16xf32>) {
// CHECK-NEXT: %[[CC:.*]] = seq.reshape %[[CT]] : tensor<2x4xf32> -> tensor<2x4x1xf32>
// CHECK-NEXT: %[[HC:.*]] = seq.matmul %[[HT]], %[[CC]]
// CHECK-NEXT: %[[HC2:.*]] = seq.reshape %[[HC]]
// CHECK-NEXT: %[[DX:.*]] = seq.mul %[[D]], %[[XT]]
// CHECK-NEXT: %[[YT:.*]] = seq.add %[[HC2]], %[[DX]]
// CHECK-NEXT: seq.yield %[[YT]] : tensor<2x16xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[Y]], %[[FINAL]]
func.func @mamba(%da: tensor<?x2x16x4xf32>, %dbx: tensor<?x2x16x4xf32>, %c: tensor<?x2x4xf32>, %x: tensor<?x2x16xf32>, %d: tensor<16xf32>,
                 %h0: tensor<2x16x4xf32>) -> (tensor<?x2x16xf32>, tensor<2x16x4xf32>) {
  %hT, %ys = seq.recur (%at = %da : tensor<?x2x16x4xf32>, %bt = %dbx : tensor<?x2x16x4xf32>, %ct = %c : tensor<?x2x4xf32>, %xt = %x : tensor<?x2x16xf32>) carry (%h = %h0 : tensor<2x16x4xf32>) -> (tensor<2x16x4xf32>, tensor<?x2x16xf32>) {
    %ah = seq.mul %at, %h : (tensor<2x16x4xf32>, tensor<2x16x4xf32>) -> tensor<2x16x4xf32>
    %hn = seq.add %ah, %bt : (tensor<2x16x4xf32>, tensor<2x16x4xf32>) -> tensor<2x16x4xf32>
    %cc = seq.reshape %ct : tensor<2x4xf32> -> tensor<2x4x1xf32>
    %y = seq.matmul %hn, %cc : (tensor<2x16x4xf32>, tensor<2x4x1xf32>) -> tensor<2x16x1xf32>
    %y2 = seq.reshape %y : tensor<2x16x1xf32> -> tensor<2x16xf32>
    %dx = seq.mul %d, %xt : (tensor<16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    %y3 = seq.add %y2, %dx : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    seq.yield %hn, %y3 : tensor<2x16x4xf32>, tensor<2x16xf32>
  }
  return %ys, %hT : tensor<?x2x16xf32>, tensor<2x16x4xf32>
}

// Two independent diagonal-linear states: one scan each.
// CHECK-LABEL: func.func @two_states
// CHECK: seq.linear_scan
// CHECK: seq.linear_scan
// CHECK-NOT: seq.recur
func.func @two_states(%x: tensor<?x4xf32>, %h0: tensor<4xf32>, %g0: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %hT, %gT = seq.recur (%xt = %x : tensor<?x4xf32>) carry (%h = %h0 : tensor<4xf32>, %g = %g0 : tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
    %hn = seq.add %h, %xt : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %gn = seq.sub %xt, %g : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    seq.yield %hn, %gn : tensor<4xf32>, tensor<4xf32>
  }
  return %hT, %gT : tensor<4xf32>, tensor<4xf32>
}

// Unchanged: a nonlinear state (tanh), a matrix state (retention-like), a
// recurrence with a nonlinear state beside a linear one, and a per-step
// output that reads the old state h[t-1].
// CHECK-LABEL: func.func @unchanged
// CHECK-NOT: seq.linear_scan
// CHECK-COUNT-4: seq.recur
// CHECK-NOT: seq.linear_scan
// CHECK: return
func.func @unchanged(%x: tensor<?x4xf32>, %h0: tensor<4xf32>,
                     %k: tensor<?x2x8xf32>, %v: tensor<?x2x8xf32>, %q: tensor<?x2x8xf32>, %s0: tensor<2x8x8xf32>) -> (tensor<4xf32>, tensor<?x2x8xf32>, tensor<4xf32>, tensor<?x4xf32>) {
  %t = seq.recur (%xt = %x : tensor<?x4xf32>) carry (%h = %h0 : tensor<4xf32>) -> (tensor<4xf32>) {
    %s = seq.add %h, %xt : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %hn = seq.tanh %s : tensor<4xf32>
    seq.yield %hn : tensor<4xf32>
  }
  %sT, %os = seq.recur (%kt = %k : tensor<?x2x8xf32>, %vt = %v : tensor<?x2x8xf32>, %qt = %q : tensor<?x2x8xf32>) carry (%s = %s0 : tensor<2x8x8xf32>) -> (tensor<2x8x8xf32>, tensor<?x2x8xf32>) {
    %kc = seq.reshape %kt : tensor<2x8xf32> -> tensor<2x8x1xf32>
    %vr = seq.reshape %vt : tensor<2x8xf32> -> tensor<2x1x8xf32>
    %kv = seq.matmul %kc, %vr : (tensor<2x8x1xf32>, tensor<2x1x8xf32>) -> tensor<2x8x8xf32>
    %sn = seq.add %s, %kv : (tensor<2x8x8xf32>, tensor<2x8x8xf32>) -> tensor<2x8x8xf32>
    %qr = seq.reshape %qt : tensor<2x8xf32> -> tensor<2x1x8xf32>
    %o = seq.matmul %qr, %sn : (tensor<2x1x8xf32>, tensor<2x8x8xf32>) -> tensor<2x1x8xf32>
    %o2 = seq.reshape %o : tensor<2x1x8xf32> -> tensor<2x8xf32>
    seq.yield %sn, %o2 : tensor<2x8x8xf32>, tensor<2x8xf32>
  }
  %mT, %nT = seq.recur (%xt = %x : tensor<?x4xf32>) carry (%m = %h0 : tensor<4xf32>, %n = %h0 : tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
    %mn = seq.add %m, %xt : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %nn = seq.exp %n : tensor<4xf32>
    seq.yield %mn, %nn : tensor<4xf32>, tensor<4xf32>
  }
  %pT, %ps = seq.recur (%xt = %x : tensor<?x4xf32>) carry (%p = %h0 : tensor<4xf32>) -> (tensor<4xf32>, tensor<?x4xf32>) {
    %pn = seq.add %p, %xt : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %y = seq.mul %p, %xt : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    seq.yield %pn, %y : tensor<4xf32>, tensor<4xf32>
  }
  return %t, %os, %mT, %ps : tensor<4xf32>, tensor<?x2x8xf32>, tensor<4xf32>, tensor<?x4xf32>
}
