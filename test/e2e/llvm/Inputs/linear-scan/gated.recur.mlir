// gated.scan.mlir as the seq.recur it comes from.
func.func @Gated(
    %w: tensor<256xf32> {seq.role = "param", seq.name = "w", seq.shape = ["256"]},
    %z: tensor<?x?x256xf32> {seq.role = "input", seq.name = "z", seq.shape = ["T", "B", "256"]},
    %x: tensor<?x?x256xf32> {seq.role = "input", seq.name = "x", seq.shape = ["T", "B", "256"]},
    %h0: tensor<?x256xf32> {seq.role = "state", seq.name = "h", seq.init = 5.000000e-01 : f64, seq.shape = ["B", "256"]})
    -> (tensor<?x?x256xf32> {seq.role = "output", seq.name = "h", seq.shape = ["T", "B", "256"]},
        tensor<?x256xf32> {seq.role = "final", seq.name = "h.final", seq.shape = ["B", "256"]})
    attributes {seq.model = "Gated"} {
  %r:2 = seq.recur (%z_t = %z : tensor<?x?x256xf32>, %x_t = %x : tensor<?x?x256xf32>)
      carry (%h = %h0 : tensor<?x256xf32>) -> (tensor<?x256xf32>, tensor<?x?x256xf32>) {
    %a = seq.sigmoid %z_t : tensor<?x256xf32>
    %b = seq.mul %x_t, %w : (tensor<?x256xf32>, tensor<256xf32>) -> tensor<?x256xf32>
    %ah = seq.mul %a, %h : (tensor<?x256xf32>, tensor<?x256xf32>) -> tensor<?x256xf32>
    %hn = seq.add %ah, %b : (tensor<?x256xf32>, tensor<?x256xf32>) -> tensor<?x256xf32>
    seq.yield %hn, %hn : tensor<?x256xf32>, tensor<?x256xf32>
  }
  return %r#1, %r#0 : tensor<?x?x256xf32>, tensor<?x256xf32>
}
