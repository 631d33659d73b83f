// RUN: seqc run %s --backend=interp --print-values | FileCheck %s
// RUN: seqc run %s --print-values --backend=llvm | FileCheck %s

// Complex values print as interleaved (re, im) pairs.

// exp(i pi) = -1: real part -1, modulus 1; exp(ln 2 + i pi / 2) = 2i.
// CHECK: result0 = [-1]
// CHECK: result1 = [1]
// CHECK: result2 = [2]
// (1 + 2i)(3 + 4i) = -5 + 10i; (1 + 2i) / (3 + 4i) = (11 + 2i) / 25;
// (1 + 2i) - (3 + 4i) = -2 - 2i; -(1 + 2i) conjugated = -1 + 2i.
// CHECK: result3 = [-5, 10, 0.44, 0.08, -2, -2, -1, 2]
// A real tensor times a complex one is promoted: 2 * (1 + 2i) = 2 + 4i,
// plus the real 1 added to it: 3 + 4i, whose modulus is 5.
// CHECK: result4 = [2, 4, 3, 4]
// CHECK: result5 = [5]
// complex(re = [1, 2], im = 3) broadcasts its parts.
// CHECK: result6 = [1, 3, 2, 3]
// A complex diagonal recurrence h_t = lambda h_{t-1} + x_t with lambda = i,
// h_0 = 0, x = [1, 1, 1]: 1, 1 + i, i - 1 + 1 = i.
// CHECK: result7 = [0, 1]
// A linear layer with a complex weight [[i, 1]] on x = [1, 2]: i + 2.
// CHECK: result8 = [2, 1]
// The complex sum of [1 + 2i, 3 + 4i] is 4 + 6i.
// CHECK: result9 = [4, 6]
func.func @complex() -> (tensor<1xf64>, tensor<1xf64>, tensor<1xf64>,
    tensor<4xcomplex<f64>>, tensor<2xcomplex<f64>>, tensor<1xf64>,
    tensor<2xcomplex<f64>>, tensor<complex<f64>>, tensor<1xcomplex<f64>>,
    tensor<complex<f64>>) {
  %ipi = arith.constant dense<(0.0, 3.141592653589793)> : tensor<1xcomplex<f64>>
  %e = seq.exp %ipi : tensor<1xcomplex<f64>>
  %0 = seq.real %e : tensor<1xcomplex<f64>> -> tensor<1xf64>
  %1 = seq.abs %e : tensor<1xcomplex<f64>> -> tensor<1xf64>
  %z2 = arith.constant dense<(0.6931471805599453, 1.5707963267948966)> : tensor<1xcomplex<f64>>
  %e2 = seq.exp %z2 : tensor<1xcomplex<f64>>
  %2 = seq.imag %e2 : tensor<1xcomplex<f64>> -> tensor<1xf64>

  %a = arith.constant dense<(1.0, 2.0)> : tensor<1xcomplex<f64>>
  %b = arith.constant dense<(3.0, 4.0)> : tensor<1xcomplex<f64>>
  %mul = seq.mul %a, %b : (tensor<1xcomplex<f64>>, tensor<1xcomplex<f64>>) -> tensor<1xcomplex<f64>>
  %div = seq.div %a, %b : (tensor<1xcomplex<f64>>, tensor<1xcomplex<f64>>) -> tensor<1xcomplex<f64>>
  %sub = seq.sub %a, %b : (tensor<1xcomplex<f64>>, tensor<1xcomplex<f64>>) -> tensor<1xcomplex<f64>>
  %neg = seq.neg %a : tensor<1xcomplex<f64>>
  %conj = seq.conj %neg : tensor<1xcomplex<f64>>
  %3 = seq.concat %mul, %div, %sub, %conj axis 0 : (tensor<1xcomplex<f64>>, tensor<1xcomplex<f64>>, tensor<1xcomplex<f64>>, tensor<1xcomplex<f64>>) -> tensor<4xcomplex<f64>>

  %two = arith.constant dense<2.0> : tensor<f64>
  %one = arith.constant dense<1.0> : tensor<f64>
  %p = seq.mul %two, %a : (tensor<f64>, tensor<1xcomplex<f64>>) -> tensor<1xcomplex<f64>>
  %p1 = seq.add %p, %one : (tensor<1xcomplex<f64>>, tensor<f64>) -> tensor<1xcomplex<f64>>
  %4 = seq.concat %p, %p1 axis 0 : (tensor<1xcomplex<f64>>, tensor<1xcomplex<f64>>) -> tensor<2xcomplex<f64>>
  %5 = seq.abs %p1 : tensor<1xcomplex<f64>> -> tensor<1xf64>

  %re = arith.constant dense<[1.0, 2.0]> : tensor<2xf64>
  %im = arith.constant dense<3.0> : tensor<f64>
  %6 = seq.complex %re, %im : (tensor<2xf64>, tensor<f64>) -> tensor<2xcomplex<f64>>

  %x = arith.constant dense<(1.0, 0.0)> : tensor<3xcomplex<f64>>
  %h0 = arith.constant dense<(0.0, 0.0)> : tensor<complex<f64>>
  %lambda = arith.constant dense<(0.0, 1.0)> : tensor<complex<f64>>
  %7 = seq.recur (%xt = %x : tensor<3xcomplex<f64>>)
      carry (%h = %h0 : tensor<complex<f64>>) -> (tensor<complex<f64>>) {
    %lh = seq.mul %lambda, %h : (tensor<complex<f64>>, tensor<complex<f64>>) -> tensor<complex<f64>>
    %hn = seq.add %lh, %xt : (tensor<complex<f64>>, tensor<complex<f64>>) -> tensor<complex<f64>>
    seq.yield %hn : tensor<complex<f64>>
  }

  %xr = arith.constant dense<[[1.0, 2.0]]> : tensor<1x2xf64>
  %W = arith.constant dense<[[(0.0, 1.0), (1.0, 0.0)]]> : tensor<1x2xcomplex<f64>>
  %y = seq.linear %xr, %W : (tensor<1x2xf64>, tensor<1x2xcomplex<f64>>) -> tensor<1x1xcomplex<f64>>
  %8 = seq.reshape %y : tensor<1x1xcomplex<f64>> -> tensor<1xcomplex<f64>>

  %ab = seq.concat %a, %b axis 0 : (tensor<1xcomplex<f64>>, tensor<1xcomplex<f64>>) -> tensor<2xcomplex<f64>>
  %9 = seq.reduce sum %ab axes [0] : tensor<2xcomplex<f64>> -> tensor<complex<f64>>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : tensor<1xf64>, tensor<1xf64>,
      tensor<1xf64>, tensor<4xcomplex<f64>>, tensor<2xcomplex<f64>>,
      tensor<1xf64>, tensor<2xcomplex<f64>>, tensor<complex<f64>>,
      tensor<1xcomplex<f64>>, tensor<complex<f64>>
}
