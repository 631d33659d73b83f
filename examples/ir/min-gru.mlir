// minGRU (Feng et al. 2024, "Were RNNs All We Needed?") in the seq dialect,
// written by hand (the interpreter and tool tests use it; seqc --emit=mlir
// examples/min-gru.seq gives the same IR):
//   z_t = sigmoid(W_z x_t + b_z),  hc_t = W_h x_t + b_h,
//   h_t = (1 - z_t) * h_{t-1} + z_t * hc_t
// T and B are dynamic; `seqc run` binds them by name (seq.shape) from --dim.
func.func @MinGRU(%W_z: tensor<64x32xf32> {seq.role = "param", seq.name = "W_z", seq.shape = ["D", "D_in"]},
                  %b_z: tensor<64xf32> {seq.role = "param", seq.name = "b_z", seq.shape = ["D"]},
                  %W_h: tensor<64x32xf32> {seq.role = "param", seq.name = "W_h", seq.shape = ["D", "D_in"]},
                  %b_h: tensor<64xf32> {seq.role = "param", seq.name = "b_h", seq.shape = ["D"]},
                  %x: tensor<?x?x32xf32> {seq.role = "input", seq.name = "x", seq.shape = ["T", "B", "D_in"]},
                  %h0: tensor<?x64xf32> {seq.role = "state", seq.name = "h", seq.shape = ["B", "D"], seq.init = 0.0 : f64})
    -> (tensor<?x?x64xf32> {seq.role = "output", seq.name = "h"},
        tensor<?x64xf32> {seq.role = "final", seq.name = "h.final"})
    attributes {seq.model = "MinGRU"} {
  %zl = seq.linear %x, %W_z, %b_z : (tensor<?x?x32xf32>, tensor<64x32xf32>, tensor<64xf32>) -> tensor<?x?x64xf32>
  %z = seq.sigmoid %zl : tensor<?x?x64xf32>
  %hc = seq.linear %x, %W_h, %b_h : (tensor<?x?x32xf32>, tensor<64x32xf32>, tensor<64xf32>) -> tensor<?x?x64xf32>
  %hT, %hs = seq.recur (%z_t = %z : tensor<?x?x64xf32>, %c_t = %hc : tensor<?x?x64xf32>)
      carry (%h = %h0 : tensor<?x64xf32>) -> (tensor<?x64xf32>, tensor<?x?x64xf32>) {
    %one = arith.constant dense<1.0> : tensor<f32>
    %a = seq.sub %one, %z_t : (tensor<f32>, tensor<?x64xf32>) -> tensor<?x64xf32>
    %ah = seq.mul %a, %h : (tensor<?x64xf32>, tensor<?x64xf32>) -> tensor<?x64xf32>
    %zc = seq.mul %z_t, %c_t : (tensor<?x64xf32>, tensor<?x64xf32>) -> tensor<?x64xf32>
    %hn = seq.add %ah, %zc : (tensor<?x64xf32>, tensor<?x64xf32>) -> tensor<?x64xf32>
    seq.yield %hn, %hn : tensor<?x64xf32>, tensor<?x64xf32>
  }
  return %hs, %hT : tensor<?x?x64xf32>, tensor<?x64xf32>
}
