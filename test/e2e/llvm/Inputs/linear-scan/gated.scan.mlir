// h[t] = sigmoid(z[t]) * h[t-1] + w * x[t] as a seq.linear_scan (f32);
// gated.recur.mlir is the same model as the seq.recur it comes from.
// D = 256, so that T = 1000 spans several blocks of chunks.
func.func @Gated(
    %w: tensor<256xf32> {seq.role = "param", seq.name = "w", seq.shape = ["256"]},
    %z: tensor<?x?x256xf32> {seq.role = "input", seq.name = "z", seq.shape = ["T", "B", "256"]},
    %x: tensor<?x?x256xf32> {seq.role = "input", seq.name = "x", seq.shape = ["T", "B", "256"]},
    %h0: tensor<?x256xf32> {seq.role = "state", seq.name = "h", seq.init = 5.000000e-01 : f64, seq.shape = ["B", "256"]})
    -> (tensor<?x?x256xf32> {seq.role = "output", seq.name = "h", seq.shape = ["T", "B", "256"]},
        tensor<?x256xf32> {seq.role = "final", seq.name = "h.final", seq.shape = ["B", "256"]})
    attributes {seq.model = "Gated"} {
  %hT, %hs = seq.linear_scan (%z_t = %z : tensor<?x?x256xf32>, %x_t = %x : tensor<?x?x256xf32>)
      init %h0 : tensor<?x256xf32> -> (tensor<?x256xf32>, tensor<?x?x256xf32>) {
    %a = seq.sigmoid %z_t : tensor<?x256xf32>
    %b = seq.mul %x_t, %w : (tensor<?x256xf32>, tensor<256xf32>) -> tensor<?x256xf32>
    seq.yield %a, %b : tensor<?x256xf32>, tensor<?x256xf32>
  }
  return %hs, %hT : tensor<?x?x256xf32>, tensor<?x256xf32>
}
