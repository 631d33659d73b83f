// RUN: seq-opt %s | seq-opt | FileCheck %s
// RUN: seq-opt %s --mlir-print-op-generic | seq-opt | FileCheck %s

// Every seq op parses, verifies, prints and parses again.

// CHECK-LABEL: func @elementwise
func.func @elementwise(%a: tensor<4x8xf32>, %s: tensor<f32>, %z: tensor<8xcomplex<f32>>) -> tensor<4x8xf32> {
  // CHECK: seq.add %{{.*}}, %{{.*}} : (tensor<f32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %0 = seq.add %s, %a : (tensor<f32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  // CHECK: seq.sub
  %1 = seq.sub %0, %a : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  // CHECK: seq.mul %{{.*}} : (tensor<4x8xf32>, tensor<8xcomplex<f32>>) -> tensor<4x8xcomplex<f32>>
  %2 = seq.mul %1, %z : (tensor<4x8xf32>, tensor<8xcomplex<f32>>) -> tensor<4x8xcomplex<f32>>
  // CHECK: seq.div
  %3 = seq.div %1, %a : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  // CHECK: seq.max
  %4 = seq.max %3, %s : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  // CHECK: seq.min
  %5 = seq.min %4, %s : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  // CHECK: seq.pow
  %6 = seq.pow %5, %s : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  // CHECK: seq.neg %{{.*}} : tensor<4x8xf32>
  %7 = seq.neg %6 : tensor<4x8xf32>
  // CHECK: seq.exp %{{.*}} : tensor<8xcomplex<f32>>
  %8 = seq.exp %z : tensor<8xcomplex<f32>>
  %9 = seq.log %7 : tensor<4x8xf32>
  %10 = seq.tanh %9 : tensor<4x8xf32>
  %11 = seq.sigmoid %10 : tensor<4x8xf32>
  %12 = seq.relu %11 : tensor<4x8xf32>
  %13 = seq.silu %12 : tensor<4x8xf32>
  %14 = seq.gelu %13 : tensor<4x8xf32>
  %15 = seq.softplus %14 : tensor<4x8xf32>
  %16 = seq.elu %15 : tensor<4x8xf32>
  %17 = seq.sqrt %16 : tensor<4x8xf32>
  %18 = seq.rsqrt %17 : tensor<4x8xf32>
  %19 = seq.sin %18 : tensor<4x8xf32>
  // CHECK: seq.cos
  %20 = seq.cos %19 : tensor<4x8xf32>
  // CHECK: seq.conj %{{.*}} : tensor<8xcomplex<f32>>
  %21 = seq.conj %8 : tensor<8xcomplex<f32>>
  // CHECK: seq.real %{{.*}} : tensor<8xcomplex<f32>> -> tensor<8xf32>
  %22 = seq.real %21 : tensor<8xcomplex<f32>> -> tensor<8xf32>
  // CHECK: seq.imag
  %23 = seq.imag %21 : tensor<8xcomplex<f32>> -> tensor<8xf32>
  // CHECK: seq.abs %{{.*}} : tensor<8xcomplex<f32>> -> tensor<8xf32>
  %24 = seq.abs %21 : tensor<8xcomplex<f32>> -> tensor<8xf32>
  // CHECK: seq.complex %{{.*}}, %{{.*}} : (tensor<8xf32>, tensor<f32>) -> tensor<8xcomplex<f32>>
  %25 = seq.complex %22, %s : (tensor<8xf32>, tensor<f32>) -> tensor<8xcomplex<f32>>
  return %20 : tensor<4x8xf32>
}

// CHECK-LABEL: func @shapes
func.func @shapes(%x: tensor<?x2x32xf32>, %s: tensor<f32>, %t: index) -> tensor<?x2x4x8xf32> {
  // CHECK: seq.broadcast %{{.*}}(%{{.*}}) : tensor<f32> -> tensor<?x2x1xf32>
  %0 = seq.broadcast %s (%t) : tensor<f32> -> tensor<?x2x1xf32>
  // CHECK: seq.reshape %{{.*}}(%{{.*}}) : tensor<?x2x32xf32> -> tensor<?x2x4x8xf32>
  %1 = seq.reshape %x (%t) : tensor<?x2x32xf32> -> tensor<?x2x4x8xf32>
  // CHECK: seq.permute %{{.*}} [0, 2, 1, 3] : tensor<?x2x4x8xf32> -> tensor<?x4x2x8xf32>
  %2 = seq.permute %1 [0, 2, 1, 3] : tensor<?x2x4x8xf32> -> tensor<?x4x2x8xf32>
  // CHECK: seq.split %{{.*}} axis 2 : tensor<?x2x32xf32> -> tensor<?x2x8xf32>, tensor<?x2x24xf32>
  %3:2 = seq.split %x axis 2 : tensor<?x2x32xf32> -> tensor<?x2x8xf32>, tensor<?x2x24xf32>
  // CHECK: seq.concat %{{.*}}, %{{.*}} axis -1 : (tensor<?x2x24xf32>, tensor<?x2x8xf32>) -> tensor<?x2x32xf32>
  %4 = seq.concat %3#1, %3#0 axis -1 : (tensor<?x2x24xf32>, tensor<?x2x8xf32>) -> tensor<?x2x32xf32>
  // CHECK: seq.slice %{{.*}} [0, 0, 1] [1, 1, 2] : tensor<?x2x32xf32> -> tensor<?x2x16xf32>
  %5 = seq.slice %4 [0, 0, 1] [1, 1, 2] : tensor<?x2x32xf32> -> tensor<?x2x16xf32>
  return %1 : tensor<?x2x4x8xf32>
}

// CHECK-LABEL: func @reductions
func.func @reductions(%x: tensor<5x2x16xf32>, %w: tensor<16xf32>) -> tensor<5x2xf32> {
  // CHECK: seq.reduce sum %{{.*}} axes [2] keep_dims : tensor<5x2x16xf32> -> tensor<5x2x1xf32>
  %0 = seq.reduce sum %x axes [2] keep_dims : tensor<5x2x16xf32> -> tensor<5x2x1xf32>
  // CHECK: seq.reduce max %{{.*}} axes [-1] : tensor<5x2x16xf32> -> tensor<5x2xf32>
  %1 = seq.reduce max %x axes [-1] : tensor<5x2x16xf32> -> tensor<5x2xf32>
  // CHECK: seq.softmax %{{.*}} axis -1 : tensor<5x2x16xf32>
  %2 = seq.softmax %x axis -1 : tensor<5x2x16xf32>
  // CHECK: seq.rms_norm %{{.*}}, %{{.*}} {epsilon = 9.9999999999999995E-7 : f64}
  %3 = seq.rms_norm %x, %w {epsilon = 1.0e-06 : f64} : (tensor<5x2x16xf32>, tensor<16xf32>) -> tensor<5x2x16xf32>
  // CHECK: seq.layer_norm
  %4 = seq.layer_norm %x, %w, %w {epsilon = 1.0e-05 : f64} : (tensor<5x2x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<5x2x16xf32>
  return %1 : tensor<5x2xf32>
}

// CHECK-LABEL: func @contractions
func.func @contractions(%x: tensor<5x2x32xf32>, %W: tensor<64x32xf32>, %b: tensor<64xf32>,
                        %q: tensor<2x4x8xf32>, %S: tensor<2x4x8x8xf32>, %m: tensor<8x4x16xf32>, %n: tensor<8x16x4xf32>) -> tensor<5x2x64xf32> {
  // CHECK: seq.linear %{{.*}}, %{{.*}}, %{{.*}} : (tensor<5x2x32xf32>, tensor<64x32xf32>, tensor<64xf32>) -> tensor<5x2x64xf32>
  %0 = seq.linear %x, %W, %b : (tensor<5x2x32xf32>, tensor<64x32xf32>, tensor<64xf32>) -> tensor<5x2x64xf32>
  // CHECK: seq.linear %{{.*}}, %{{.*}} : (tensor<5x2x32xf32>, tensor<64x32xf32>) -> tensor<5x2x64xf32>
  %1 = seq.linear %x, %W : (tensor<5x2x32xf32>, tensor<64x32xf32>) -> tensor<5x2x64xf32>
  // CHECK: seq.matmul
  %2 = seq.matmul %m, %n : (tensor<8x4x16xf32>, tensor<8x16x4xf32>) -> tensor<8x4x4xf32>
  // CHECK: seq.einsum "bhk,bhkv->bhv"
  %3 = seq.einsum "bhk,bhkv->bhv" %q, %S : (tensor<2x4x8xf32>, tensor<2x4x8x8xf32>) -> tensor<2x4x8xf32>
  // CHECK: seq.einsum "ij->ji"
  %4 = seq.einsum "ij->ji" %W : (tensor<64x32xf32>) -> tensor<32x64xf32>
  return %0 : tensor<5x2x64xf32>
}

// CHECK-LABEL: func @mixing
func.func @mixing(%x: tensor<5x2x16xf32>, %w: tensor<16x4xf32>, %b: tensor<16xf32>,
                  %q: tensor<5x2x8x16xf32>, %k: tensor<5x2x2x16xf32>) -> tensor<5x2x8x16xf32> {
  // CHECK: seq.conv1d %{{.*}}, %{{.*}} : (tensor<5x2x16xf32>, tensor<16x4xf32>) -> tensor<5x2x16xf32>
  %0 = seq.conv1d %x, %w : (tensor<5x2x16xf32>, tensor<16x4xf32>) -> tensor<5x2x16xf32>
  // CHECK: seq.conv1d %{{.*}}, %{{.*}}, %{{.*}} :
  %1 = seq.conv1d %x, %w, %b : (tensor<5x2x16xf32>, tensor<16x4xf32>, tensor<16xf32>) -> tensor<5x2x16xf32>
  // CHECK: seq.attention %{{.*}}, %{{.*}}, %{{.*}} {causal, scale = 2.500000e-01 : f64, window = 3 : i64}
  %2 = seq.attention %q, %k, %k {causal, scale = 0.25 : f64, window = 3 : i64} : (tensor<5x2x8x16xf32>, tensor<5x2x2x16xf32>, tensor<5x2x2x16xf32>) -> tensor<5x2x8x16xf32>
  return %2 : tensor<5x2x8x16xf32>
}

// CHECK-LABEL: func @recurrences
func.func @recurrences(%z: tensor<?x2x16xf32>, %hc: tensor<?x2x16xf32>, %h0: tensor<2x16xf32>)
    -> (tensor<2x16xf32>, tensor<?x2x16xf32>) {
  // CHECK: %[[R:.*]]:2 = seq.recur (%[[Z:.*]] = %{{.*}} : tensor<?x2x16xf32>, %[[C:.*]] = %{{.*}} : tensor<?x2x16xf32>) carry (%[[H:.*]] = %{{.*}} : tensor<2x16xf32>) -> (tensor<2x16xf32>, tensor<?x2x16xf32>) {
  %hT, %hs = seq.recur (%z_t = %z : tensor<?x2x16xf32>, %c_t = %hc : tensor<?x2x16xf32>)
      carry (%h = %h0 : tensor<2x16xf32>) -> (tensor<2x16xf32>, tensor<?x2x16xf32>) {
    // CHECK: seq.mul %[[Z]], %[[H]]
    %a = seq.mul %z_t, %h : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    %n = seq.add %a, %c_t : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    // CHECK: seq.yield %{{.*}}, %{{.*}} : tensor<2x16xf32>, tensor<2x16xf32>
    seq.yield %n, %n : tensor<2x16xf32>, tensor<2x16xf32>
  }
  // CHECK: seq.scan(%{{.*}}, %{{.*}}) init(%{{.*}}, %{{.*}}) : (tensor<?x2x16xf32>, tensor<?x2x16xf32>), (tensor<2x16xf32>, tensor<2x16xf32>) -> (tensor<?x2x16xf32>, tensor<?x2x16xf32>)
  %s:2 = seq.scan (%z, %hc) init (%h0, %h0) : (tensor<?x2x16xf32>, tensor<?x2x16xf32>), (tensor<2x16xf32>, tensor<2x16xf32>) -> (tensor<?x2x16xf32>, tensor<?x2x16xf32>) {
  ^bb0(%a1: tensor<2x16xf32>, %b1: tensor<2x16xf32>, %a2: tensor<2x16xf32>, %b2: tensor<2x16xf32>):
    %a = seq.mul %a1, %a2 : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    %ab = seq.mul %a2, %b1 : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    %b = seq.add %ab, %b2 : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    seq.yield %a, %b : tensor<2x16xf32>, tensor<2x16xf32>
  }
  return %hT, %hs : tensor<2x16xf32>, tensor<?x2x16xf32>
}

// CHECK-LABEL: func @linear_scan
func.func @linear_scan(%z: tensor<?x2x16xf32>, %hc: tensor<?x2x16xf32>, %h0: tensor<2x16xf32>)
    -> (tensor<2x16xf32>, tensor<?x2x16xf32>) {
  // CHECK: %{{.*}}, %{{.*}} = seq.linear_scan (%[[Z:.*]] = %{{.*}} : tensor<?x2x16xf32>, %[[C:.*]] = %{{.*}} : tensor<?x2x16xf32>) init %{{.*}} : tensor<2x16xf32> -> (tensor<2x16xf32>, tensor<?x2x16xf32>) {
  %hT, %hs = seq.linear_scan (%z_t = %z : tensor<?x2x16xf32>, %c_t = %hc : tensor<?x2x16xf32>)
      init %h0 : tensor<2x16xf32> -> (tensor<2x16xf32>, tensor<?x2x16xf32>) {
    // CHECK: seq.mul %[[Z]], %[[C]]
    %b = seq.mul %z_t, %c_t : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    // CHECK: seq.yield %[[Z]], %{{.*}} : tensor<2x16xf32>, tensor<2x16xf32>
    seq.yield %z_t, %b : tensor<2x16xf32>, tensor<2x16xf32>
  }
  return %hT, %hs : tensor<2x16xf32>, tensor<?x2x16xf32>
}
