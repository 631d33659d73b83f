// RUN: seq-opt %s -split-input-file -verify-diagnostics

// Every verifier message of the seq dialect, with the op it points at.

func.func @broadcast_mismatch(%a: tensor<3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'seq.add' op cannot broadcast shapes [3] and [4]}}
  %0 = seq.add %a, %b : (tensor<3xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @binary_result_shape(%a: tensor<3xf32>, %b: tensor<f32>) {
  // expected-error @+1 {{'seq.mul' op expects result of shape [3] but got [4]}}
  %0 = seq.mul %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<4xf32>
  return
}

// -----

func.func @binary_element_mismatch(%a: tensor<3xf32>, %b: tensor<3xf64>) {
  // expected-error @+1 {{'seq.sub' op has incompatible element types 'f32' and 'f64'}}
  %0 = seq.sub %a, %b : (tensor<3xf32>, tensor<3xf64>) -> tensor<3xf32>
  return
}

// -----

func.func @binary_result_element(%a: tensor<3xf32>, %b: tensor<3xcomplex<f32>>) {
  // expected-error @+1 {{'seq.div' op expects result element type 'complex<f32>' but got 'f32'}}
  %0 = seq.div %a, %b : (tensor<3xf32>, tensor<3xcomplex<f32>>) -> tensor<3xf32>
  return
}

// -----

func.func @max_complex(%a: tensor<3xcomplex<f32>>) {
  // expected-error @+1 {{'seq.max' op is not defined on complex numbers}}
  %0 = seq.max %a, %a : (tensor<3xcomplex<f32>>, tensor<3xcomplex<f32>>) -> tensor<3xcomplex<f32>>
  return
}

// -----

func.func @real_of_real(%a: tensor<3xf32>) {
  // expected-error @+1 {{'seq.real' op expects a complex operand but got 'f32'}}
  %0 = seq.real %a : tensor<3xf32> -> tensor<3xf32>
  return
}

// -----

func.func @abs_result(%a: tensor<3xcomplex<f32>>) {
  // expected-error @+1 {{'seq.abs' op expects result element type 'f32' but got 'f64'}}
  %0 = seq.abs %a : tensor<3xcomplex<f32>> -> tensor<3xf64>
  return
}

// -----

func.func @complex_parts(%a: tensor<3xf32>, %b: tensor<3xf64>) {
  // expected-error @+1 {{'seq.complex' op expects parts of one element type but got 'f32' and 'f64'}}
  %0 = seq.complex %a, %b : (tensor<3xf32>, tensor<3xf64>) -> tensor<3xcomplex<f32>>
  return
}

// -----

func.func @broadcast_bad(%a: tensor<3xf32>) {
  // expected-error @+1 {{'seq.broadcast' op cannot broadcast shape [3] to [2, 4]}}
  %0 = seq.broadcast %a : tensor<3xf32> -> tensor<2x4xf32>
  return
}

// -----

func.func @broadcast_dims(%a: tensor<f32>) {
  // expected-error @+1 {{'seq.broadcast' op expects 1 dynamic dimension values for result type 'tensor<?x4xf32>' but got 0}}
  %0 = seq.broadcast %a : tensor<f32> -> tensor<?x4xf32>
  return
}

// -----

func.func @reshape_count(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'seq.reshape' op cannot reshape [2, 3] (6 elements) to [4, 2] (8 elements)}}
  %0 = seq.reshape %a : tensor<2x3xf32> -> tensor<4x2xf32>
  return
}

// -----

func.func @reshape_element(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'seq.reshape' op expects the result element type 'f32' but got 'f64'}}
  %0 = seq.reshape %a : tensor<2x3xf32> -> tensor<6xf64>
  return
}

// -----

func.func @permute_bad(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'seq.permute' op expects a permutation of [0, 2) but got [0, 0]}}
  %0 = seq.permute %a [0, 0] : tensor<2x3xf32> -> tensor<2x2xf32>
  return
}

// -----

func.func @permute_rank(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'seq.permute' op expects a permutation of 2 dimensions but got 3}}
  %0 = seq.permute %a [0, 1, 2] : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @permute_shape(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'seq.permute' op expects result of shape [3, 2] but got [2, 3]}}
  %0 = seq.permute %a [1, 0] : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @split_sizes(%a: tensor<2x8xf32>) {
  // expected-error @+1 {{'seq.split' op expects sizes along axis 1 to add up to 8 but they add up to 6}}
  %0:2 = seq.split %a axis 1 : tensor<2x8xf32> -> tensor<2x3xf32>, tensor<2x3xf32>
  return
}

// -----

func.func @split_axis(%a: tensor<2x8xf32>) {
  // expected-error @+1 {{'seq.split' op axis 2 is out of range for rank 2}}
  %0:2 = seq.split %a axis 2 : tensor<2x8xf32> -> tensor<2x4xf32>, tensor<2x4xf32>
  return
}

// -----

func.func @split_other_dims(%a: tensor<2x8xf32>) {
  // expected-error @+1 {{'seq.split' op expects result shape [3, 4] to match [2, 8] outside axis 1}}
  %0:2 = seq.split %a axis 1 : tensor<2x8xf32> -> tensor<3x4xf32>, tensor<2x4xf32>
  return
}

// -----

func.func @concat_rank(%a: tensor<2x8xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{'seq.concat' op expects every operand of rank 2 but got rank 1}}
  %0 = seq.concat %a, %b axis 1 : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x16xf32>
  return
}

// -----

func.func @slice_step(%a: tensor<8xf32>) {
  // expected-error @+1 {{'seq.slice' op expects positive steps but step 0 is 0}}
  %0 = seq.slice %a [0] [0] : tensor<8xf32> -> tensor<4xf32>
  return
}

// -----

func.func @slice_range(%a: tensor<8xf32>) {
  // expected-error @+1 {{'seq.slice' op slice of dimension 0 takes 4 elements but only 3 are available}}
  %0 = seq.slice %a [5] [1] : tensor<8xf32> -> tensor<4xf32>
  return
}

// -----

func.func @slice_rank(%a: tensor<8xf32>) {
  // expected-error @+1 {{'seq.slice' op expects starts, steps and result of rank 1}}
  %0 = seq.slice %a [0, 0] [1, 1] : tensor<8xf32> -> tensor<4xf32>
  return
}

// -----

func.func @reduce_axis(%a: tensor<2x8xf32>) {
  // expected-error @+1 {{'seq.reduce' op axis 2 is out of range for rank 2}}
  %0 = seq.reduce sum %a axes [2] : tensor<2x8xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_twice(%a: tensor<2x8xf32>) {
  // expected-error @+1 {{'seq.reduce' op reduces axis 1 twice}}
  %0 = seq.reduce sum %a axes [1, -1] : tensor<2x8xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_shape(%a: tensor<2x8xf32>) {
  // expected-error @+1 {{'seq.reduce' op expects result of rank 2 but got rank 1}}
  %0 = seq.reduce mean %a axes [1] keep_dims : tensor<2x8xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_complex_max(%a: tensor<2xcomplex<f32>>) {
  // expected-error @+1 {{'seq.reduce' op cannot take the max of complex numbers}}
  %0 = seq.reduce max %a axes [0] : tensor<2xcomplex<f32>> -> tensor<complex<f32>>
  return
}

// -----

func.func @softmax_axis(%a: tensor<2x8xf32>) {
  // expected-error @+1 {{'seq.softmax' op axis -3 is out of range for rank 2}}
  %0 = seq.softmax %a axis -3 : tensor<2x8xf32>
  return
}

// -----

func.func @rms_norm_weight(%a: tensor<2x8xf32>, %w: tensor<4xf32>) {
  // expected-error @+1 {{'seq.rms_norm' op expects weight of shape [8] but got [4]}}
  %0 = seq.rms_norm %a, %w {epsilon = 1.0e-6 : f64} : (tensor<2x8xf32>, tensor<4xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @rms_norm_eps(%a: tensor<2x8xf32>, %w: tensor<8xf32>) {
  // expected-error @+1 {{'seq.rms_norm' op expects a non-negative epsilon}}
  %0 = seq.rms_norm %a, %w {epsilon = -1.0 : f64} : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @layer_norm_bias(%a: tensor<2x8xf32>, %w: tensor<8xf32>, %b: tensor<2xf32>) {
  // expected-error @+1 {{'seq.layer_norm' op expects bias of shape [8] but got [2]}}
  %0 = seq.layer_norm %a, %w, %b {epsilon = 1.0e-5 : f64} : (tensor<2x8xf32>, tensor<8xf32>, tensor<2xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @linear_in(%x: tensor<5x32xf32>, %W: tensor<64x16xf32>) {
  // expected-error @+1 {{'seq.linear' op expects weight [out, in] with in = 32 but got weight shape [64, 16]}}
  %0 = seq.linear %x, %W : (tensor<5x32xf32>, tensor<64x16xf32>) -> tensor<5x64xf32>
  return
}

// -----

func.func @linear_rank(%x: tensor<5x32xf32>, %W: tensor<32xf32>) {
  // expected-error @+1 {{'seq.linear' op expects a weight of rank 2 [out, in] but got rank 1}}
  %0 = seq.linear %x, %W : (tensor<5x32xf32>, tensor<32xf32>) -> tensor<5x64xf32>
  return
}

// -----

func.func @linear_bias(%x: tensor<5x32xf32>, %W: tensor<64x32xf32>, %b: tensor<32xf32>) {
  // expected-error @+1 {{'seq.linear' op expects bias of shape [64] but got [32]}}
  %0 = seq.linear %x, %W, %b : (tensor<5x32xf32>, tensor<64x32xf32>, tensor<32xf32>) -> tensor<5x64xf32>
  return
}

// -----

func.func @linear_result(%x: tensor<5x32xf32>, %W: tensor<64x32xf32>) {
  // expected-error @+1 {{'seq.linear' op expects result of shape [5, 64] but got [5, 32]}}
  %0 = seq.linear %x, %W : (tensor<5x32xf32>, tensor<64x32xf32>) -> tensor<5x32xf32>
  return
}

// -----

func.func @matmul_rank(%a: tensor<4x16xf32>, %b: tensor<2x16x4xf32>) {
  // expected-error @+1 {{'seq.matmul' op expects operands of equal rank, at least 2, but got ranks 2 and 3}}
  %0 = seq.matmul %a, %b : (tensor<4x16xf32>, tensor<2x16x4xf32>) -> tensor<2x4x4xf32>
  return
}

// -----

func.func @matmul_k(%a: tensor<4x16xf32>, %b: tensor<8x4xf32>) {
  // expected-error @+1 {{'seq.matmul' op contracts 16 with 8 elements}}
  %0 = seq.matmul %a, %b : (tensor<4x16xf32>, tensor<8x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @einsum_arrow(%a: tensor<4x16xf32>) {
  // expected-error @+1 {{'seq.einsum' op expects a spec with '->' but got 'ij'}}
  %0 = seq.einsum "ij" %a : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return
}

// -----

func.func @einsum_letters(%a: tensor<4x16xf32>) {
  // expected-error @+1 {{'seq.einsum' op spec term 'ijk' has 3 letters but its operand has rank 2}}
  %0 = seq.einsum "ijk->i" %a : (tensor<4x16xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @einsum_sizes(%a: tensor<4x16xf32>, %b: tensor<8x4xf32>) {
  // expected-error @+1 {{'seq.einsum' op letter 'j' has sizes 16 and 8}}
  %0 = seq.einsum "ij,jk->ik" %a, %b : (tensor<4x16xf32>, tensor<8x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @einsum_output(%a: tensor<4x16xf32>) {
  // expected-error @+1 {{'seq.einsum' op output letter 'k' does not appear in an operand}}
  %0 = seq.einsum "ij->k" %a : (tensor<4x16xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @einsum_operands(%a: tensor<4x16xf32>) {
  // expected-error @+1 {{'seq.einsum' op spec 'ij,jk->ik' names 2 operands but the op has 1}}
  %0 = seq.einsum "ij,jk->ik" %a : (tensor<4x16xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @einsum_three_operands(%a: tensor<4x4xf32>) {
  // expected-error @+1 {{'seq.einsum' op takes one or two operands, got 3}}
  %0 = seq.einsum "ij,jk,kl->il" %a, %a, %a : (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @conv_weight(%x: tensor<5x2x16xf32>, %w: tensor<8x4xf32>) {
  // expected-error @+1 {{'seq.conv1d' op expects weight [C, K] with C = 16 but got [8, 4]}}
  %0 = seq.conv1d %x, %w : (tensor<5x2x16xf32>, tensor<8x4xf32>) -> tensor<5x2x16xf32>
  return
}

// -----

func.func @conv_rank(%x: tensor<2x16xf32>, %w: tensor<16x4xf32>) {
  // expected-error @+1 {{'seq.conv1d' op expects an input [T, B, C] but got rank 2}}
  %0 = seq.conv1d %x, %w : (tensor<2x16xf32>, tensor<16x4xf32>) -> tensor<2x16xf32>
  return
}

// -----

func.func @attention_heads(%q: tensor<5x2x8x16xf32>, %k: tensor<5x2x3x16xf32>) {
  // expected-error @+1 {{'seq.attention' op expects key/value heads (3) to divide query heads (8)}}
  %0 = seq.attention %q, %k, %k {causal, scale = 0.25 : f64} : (tensor<5x2x8x16xf32>, tensor<5x2x3x16xf32>, tensor<5x2x3x16xf32>) -> tensor<5x2x8x16xf32>
  return
}

// -----

func.func @attention_dim(%q: tensor<5x2x8x16xf32>, %k: tensor<5x2x1x8xf32>) {
  // expected-error @+1 {{'seq.attention' op expects query and key head dimensions to match but got 16 and 8}}
  %0 = seq.attention %q, %k, %k {causal, scale = 0.25 : f64} : (tensor<5x2x8x16xf32>, tensor<5x2x1x8xf32>, tensor<5x2x1x8xf32>) -> tensor<5x2x8x8xf32>
  return
}

// -----

func.func @attention_rank(%q: tensor<5x2x16xf32>) {
  // expected-error @+1 {{'seq.attention' op expects query of rank 4 [T, B, heads, dim] but got rank 3}}
  %0 = seq.attention %q, %q, %q {scale = 0.25 : f64} : (tensor<5x2x16xf32>, tensor<5x2x16xf32>, tensor<5x2x16xf32>) -> tensor<5x2x16xf32>
  return
}

// -----

func.func @attention_window(%q: tensor<5x2x8x16xf32>) {
  // expected-error @+1 {{'seq.attention' op expects a non-negative window but got -1}}
  %0 = seq.attention %q, %q, %q {causal, scale = 0.25 : f64, window = -1 : i64} : (tensor<5x2x8x16xf32>, tensor<5x2x8x16xf32>, tensor<5x2x8x16xf32>) -> tensor<5x2x8x16xf32>
  return
}

// -----

func.func @recur_no_sequence(%h0: tensor<2xf32>) {
  // expected-error @+1 {{'seq.recur' op expects at least one sequence operand to define the number of steps}}
  %0 = seq.recur () carry (%h = %h0 : tensor<2xf32>) -> (tensor<2xf32>) {
    seq.yield %h : tensor<2xf32>
  }
  return
}

// -----

func.func @recur_lengths(%a: tensor<5x2xf32>, %b: tensor<6x2xf32>, %h0: tensor<2xf32>) {
  // expected-error @+1 {{'seq.recur' op expects sequence operands of one length but got 5 and 6}}
  %0 = seq.recur (%x = %a : tensor<5x2xf32>, %y = %b : tensor<6x2xf32>) carry (%h = %h0 : tensor<2xf32>) -> (tensor<2xf32>) {
    seq.yield %h : tensor<2xf32>
  }
  return
}

// -----

func.func @recur_final(%a: tensor<5x2xf32>, %h0: tensor<2xf32>) {
  // expected-error @+1 {{'seq.recur' op expects final state 0 of type 'tensor<2xf32>' but got 'tensor<3xf32>'}}
  %0 = seq.recur (%x = %a : tensor<5x2xf32>) carry (%h = %h0 : tensor<2xf32>) -> (tensor<3xf32>) {
    seq.yield %h : tensor<2xf32>
  }
  return
}

// -----

func.func @recur_output_length(%a: tensor<5x2xf32>, %h0: tensor<2xf32>) {
  // expected-error @+1 {{'seq.recur' op expects per-step output sequences [T, ...] with T = 5 but got 'tensor<4x2xf32>'}}
  %0:2 = seq.recur (%x = %a : tensor<5x2xf32>) carry (%h = %h0 : tensor<2xf32>) -> (tensor<2xf32>, tensor<4x2xf32>) {
    seq.yield %h, %h : tensor<2xf32>, tensor<2xf32>
  }
  return
}

// -----

func.func @recur_yield_count(%a: tensor<5x2xf32>, %h0: tensor<2xf32>) {
  %0:2 = seq.recur (%x = %a : tensor<5x2xf32>) carry (%h = %h0 : tensor<2xf32>) -> (tensor<2xf32>, tensor<5x2xf32>) {
    // expected-error @+1 {{'seq.yield' op yields 1 values but the recurrence expects 2 (1 states, then 1 per-step outputs)}}
    seq.yield %h : tensor<2xf32>
  }
  return
}

// -----

func.func @recur_yield_type(%a: tensor<5x2xf32>, %h0: tensor<2xf32>) {
  %0:2 = seq.recur (%x = %a : tensor<5x2xf32>) carry (%h = %h0 : tensor<2xf32>) -> (tensor<2xf32>, tensor<5x3xf32>) {
    %c = arith.constant dense<1.0> : tensor<2xf32>
    // expected-error @+1 {{'seq.yield' op yields value 1 of type 'tensor<2xf32>' but the recurrence expects 'tensor<3xf32>'}}
    seq.yield %h, %c : tensor<2xf32>, tensor<2xf32>
  }
  return
}

// -----

func.func @scan_counts(%a: tensor<5x2xf32>, %h0: tensor<2xf32>) {
  // expected-error @+1 {{'seq.scan' op expects the same number (at least 1) of elements, initial values and results but got 2, 1 and 1}}
  %0 = seq.scan (%a, %a) init (%h0) : (tensor<5x2xf32>, tensor<5x2xf32>), (tensor<2xf32>) -> (tensor<5x2xf32>) {
  ^bb0(%x: tensor<2xf32>, %y: tensor<2xf32>):
    seq.yield %x : tensor<2xf32>
  }
  return
}

// -----

func.func @scan_init(%a: tensor<5x2xf32>, %h0: tensor<3xf32>) {
  // expected-error @+1 {{'seq.scan' op expects initial value 0 of type 'tensor<2xf32>' (a step of element 0) but got 'tensor<3xf32>'}}
  %0 = seq.scan (%a) init (%h0) : (tensor<5x2xf32>), (tensor<3xf32>) -> (tensor<5x2xf32>) {
  ^bb0(%x: tensor<3xf32>, %y: tensor<3xf32>):
    seq.yield %x : tensor<3xf32>
  }
  return
}

// -----

func.func @scan_arity(%a: tensor<5x2xf32>, %h0: tensor<2xf32>) {
  // expected-error @+1 {{'seq.scan' op expects a combiner of 2 arguments (two tuples of 1) but got 3}}
  %0 = seq.scan (%a) init (%h0) : (tensor<5x2xf32>), (tensor<2xf32>) -> (tensor<5x2xf32>) {
  ^bb0(%x: tensor<2xf32>, %y: tensor<2xf32>, %z: tensor<2xf32>):
    seq.yield %x : tensor<2xf32>
  }
  return
}

// -----

func.func @scan_yield(%a: tensor<5x2xf32>, %h0: tensor<2xf32>) {
  %0 = seq.scan (%a) init (%h0) : (tensor<5x2xf32>), (tensor<2xf32>) -> (tensor<5x2xf32>) {
  ^bb0(%x: tensor<2xf32>, %y: tensor<2xf32>):
    // expected-error @+1 {{'seq.yield' op yields 2 values but the scan has 1 components}}
    seq.yield %x, %y : tensor<2xf32>, tensor<2xf32>
  }
  return
}

// -----

func.func @yield_outside(%a: tensor<2xf32>) {
  // expected-error @+1 {{'seq.yield' op expects parent op to be one of 'seq.recur, seq.scan, seq.linear_scan'}}
  seq.yield %a : tensor<2xf32>
}

// -----

func.func @causal_attention_fewer_keys(%q: tensor<5x2x8x16xf32>, %k: tensor<4x2x8x16xf32>) -> tensor<5x2x8x16xf32> {
  // expected-error @+1 {{expects causal attention to have at least as many keys as queries but got 4 keys for 5 queries}}
  %0 = seq.attention %q, %k, %k {causal, scale = 0.25 : f64} : (tensor<5x2x8x16xf32>, tensor<4x2x8x16xf32>, tensor<4x2x8x16xf32>) -> tensor<5x2x8x16xf32>
  return %0 : tensor<5x2x8x16xf32>
}

// -----

func.func @linear_scan_state_sequence(%a: tensor<5x4xf32>, %h0: tensor<4xf32>) {
  // expected-error @+1 {{'seq.linear_scan' op expects the state sequence of type [T, ...] of 'tensor<4xf32>' with T = 5 but got 'tensor<6x4xf32>'}}
  %hT, %hs = seq.linear_scan (%a_t = %a : tensor<5x4xf32>) init %h0 : tensor<4xf32> -> (tensor<4xf32>, tensor<6x4xf32>) {
    seq.yield %a_t, %a_t : tensor<4xf32>, tensor<4xf32>
  }
  return
}

// -----

func.func @linear_scan_final(%a: tensor<5x4xf32>, %h0: tensor<4xf32>) {
  // expected-error @+1 {{'seq.linear_scan' op expects the final state of type 'tensor<4xf32>' but got 'tensor<3xf32>'}}
  %hT, %hs = seq.linear_scan (%a_t = %a : tensor<5x4xf32>) init %h0 : tensor<4xf32> -> (tensor<3xf32>, tensor<5x4xf32>) {
    seq.yield %a_t, %a_t : tensor<4xf32>, tensor<4xf32>
  }
  return
}

// -----

func.func @linear_scan_yield_count(%a: tensor<5x4xf32>, %h0: tensor<4xf32>) {
  %hT, %hs = seq.linear_scan (%a_t = %a : tensor<5x4xf32>) init %h0 : tensor<4xf32> -> (tensor<4xf32>, tensor<5x4xf32>) {
    // expected-error @+1 {{'seq.yield' op yields 1 values but a linear scan expects 2 (the coefficient and the offset)}}
    seq.yield %a_t : tensor<4xf32>
  }
  return
}

// -----

func.func @linear_scan_yield_type(%a: tensor<5x4xf32>, %h0: tensor<4xf32>, %c: tensor<f32>) {
  %hT, %hs = seq.linear_scan (%a_t = %a : tensor<5x4xf32>) init %h0 : tensor<4xf32> -> (tensor<4xf32>, tensor<5x4xf32>) {
    // expected-error @+1 {{'seq.yield' op yields the offset of type 'tensor<f32>' but the state has type 'tensor<4xf32>'}}
    seq.yield %a_t, %c : tensor<4xf32>, tensor<f32>
  }
  return
}

// -----

func.func @linear_scan_body_args(%a: tensor<5x4xf32>, %h0: tensor<4xf32>) {
  // expected-error @+1 {{'seq.linear_scan' op expects body argument 0 of type 'tensor<4xf32>' but got 'tensor<5xf32>'}}
  %hT, %hs = "seq.linear_scan"(%a, %h0) ({
  ^bb0(%x: tensor<5xf32>):
    seq.yield %h0, %h0 : tensor<4xf32>, tensor<4xf32>
  }) : (tensor<5x4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<5x4xf32>)
  return
}
