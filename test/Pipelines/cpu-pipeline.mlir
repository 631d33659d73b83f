// RUN: seq-opt --seq-cpu-pipeline %s | FileCheck %s
// RUN: seq-opt --seq-cpu-pipeline %s | FileCheck %s --check-prefix=ONLY-LLVM

// The CPU pipeline takes a model (here minGRU, Feng et al. 2024, with D = 4
// and D_in = 3: z_t = sigmoid(W_z x_t + b_z), hc_t = W_h x_t + b_h,
// h_t = (1 - z_t) h_{t-1} + z_t hc_t) all the way to the LLVM dialect.

// Nothing but llvm ops is left: no op of the dialects on the way, and no
// unrealized casts between them.
// ONLY-LLVM-NOT: {{^ *(%[^ ]+ = )?"?(seq|linalg|tensor|bufferization|memref|scf|cf|affine|arith|math|complex|vector|index|func)\.}}
// ONLY-LLVM-NOT: unrealized_conversion_cast
// The f32 exponential of the sigmoid is a polynomial, not a libm call.
// ONLY-LLVM-NOT: @expf

// The entry point is the buffer form of @MinGRU with every memref expanded
// into its descriptor: allocated and aligned pointers, offset, then one size
// and one stride per dimension. Inputs first (W_z, b_z, W_h, b_h, x, h0),
// then the outputs (hs, hT); it returns nothing.
// CHECK-LABEL: llvm.func @MinGRU(
// W_z: memref<4x3xf32>
// CHECK-SAME: %arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: i64, %arg3: i64, %arg4: i64, %arg5: i64, %arg6: i64,
// b_z: memref<4xf32>
// CHECK-SAME: %arg7: !llvm.ptr, %arg8: !llvm.ptr, %arg9: i64, %arg10: i64, %arg11: i64,
// W_h: memref<4x3xf32>
// CHECK-SAME: %arg12: !llvm.ptr, %arg13: !llvm.ptr, %arg14: i64, %arg15: i64, %arg16: i64, %arg17: i64, %arg18: i64,
// b_h: memref<4xf32>
// CHECK-SAME: %arg19: !llvm.ptr, %arg20: !llvm.ptr, %arg21: i64, %arg22: i64, %arg23: i64,
// x: memref<?x?x3xf32>
// CHECK-SAME: %arg24: !llvm.ptr, %arg25: !llvm.ptr, %arg26: i64, %arg27: i64, %arg28: i64, %arg29: i64, %arg30: i64, %arg31: i64, %arg32: i64,
// h0: memref<?x4xf32>
// CHECK-SAME: %arg33: !llvm.ptr, %arg34: !llvm.ptr, %arg35: i64, %arg36: i64, %arg37: i64, %arg38: i64, %arg39: i64,
// hs: memref<?x?x4xf32>
// CHECK-SAME: %arg40: !llvm.ptr, %arg41: !llvm.ptr, %arg42: i64, %arg43: i64, %arg44: i64, %arg45: i64, %arg46: i64, %arg47: i64, %arg48: i64,
// hT: memref<?x4xf32>
// CHECK-SAME: %arg49: !llvm.ptr, %arg50: !llvm.ptr, %arg51: i64, %arg52: i64, %arg53: i64, %arg54: i64, %arg55: i64)
// CHECK-NOT: ->
// CHECK-SAME: attributes {seq.model = "MinGRU", seq.num_inputs = 6 : i64}
// The loop over time is a conditional branch back to its header.
// CHECK: llvm.cond_br
// CHECK: llvm.return{{$}}
func.func @MinGRU(%W_z: tensor<4x3xf32> {seq.role = "param", seq.name = "W_z", seq.shape = ["D", "D_in"]},
                  %b_z: tensor<4xf32> {seq.role = "param", seq.name = "b_z", seq.shape = ["D"]},
                  %W_h: tensor<4x3xf32> {seq.role = "param", seq.name = "W_h", seq.shape = ["D", "D_in"]},
                  %b_h: tensor<4xf32> {seq.role = "param", seq.name = "b_h", seq.shape = ["D"]},
                  %x: tensor<?x?x3xf32> {seq.role = "input", seq.name = "x", seq.shape = ["T", "B", "D_in"]},
                  %h0: tensor<?x4xf32> {seq.role = "state", seq.name = "h", seq.shape = ["B", "D"], seq.init = 0.0 : f64})
    -> (tensor<?x?x4xf32> {seq.role = "output", seq.name = "h"},
        tensor<?x4xf32> {seq.role = "final", seq.name = "h.final"})
    attributes {seq.model = "MinGRU"} {
  %zl = seq.linear %x, %W_z, %b_z : (tensor<?x?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x?x4xf32>
  %z = seq.sigmoid %zl : tensor<?x?x4xf32>
  %hc = seq.linear %x, %W_h, %b_h : (tensor<?x?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x?x4xf32>
  %hT, %hs = seq.recur (%z_t = %z : tensor<?x?x4xf32>, %c_t = %hc : tensor<?x?x4xf32>)
      carry (%h = %h0 : tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x?x4xf32>) {
    %one = arith.constant dense<1.0> : tensor<f32>
    %a = seq.sub %one, %z_t : (tensor<f32>, tensor<?x4xf32>) -> tensor<?x4xf32>
    %ah = seq.mul %a, %h : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
    %zc = seq.mul %z_t, %c_t : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
    %hn = seq.add %ah, %zc : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
    seq.yield %hn, %hn : tensor<?x4xf32>, tensor<?x4xf32>
  }
  return %hs, %hT : tensor<?x?x4xf32>, tensor<?x4xf32>
}
