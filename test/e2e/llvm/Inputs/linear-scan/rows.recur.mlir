// rows.scan.mlir as the seq.recur it comes from.
func.func @Rows(
    %w: tensor<1024xf32> {seq.role = "param", seq.name = "w", seq.shape = ["1024"]},
    %z: tensor<?x?x1024xf32> {seq.role = "input", seq.name = "z", seq.shape = ["T", "B", "1024"]},
    %x: tensor<?x?x1024xf32> {seq.role = "input", seq.name = "x", seq.shape = ["T", "B", "1024"]},
    %h0: tensor<?x1024xf32> {seq.role = "state", seq.name = "h", seq.init = 5.000000e-01 : f64, seq.shape = ["B", "1024"]})
    -> (tensor<?x?x1024xf32> {seq.role = "output", seq.name = "h", seq.shape = ["T", "B", "1024"]},
        tensor<?x1024xf32> {seq.role = "final", seq.name = "h.final", seq.shape = ["B", "1024"]})
    attributes {seq.model = "Rows"} {
  %r:2 = seq.recur (%z_t = %z : tensor<?x?x1024xf32>, %x_t = %x : tensor<?x?x1024xf32>)
      carry (%h = %h0 : tensor<?x1024xf32>) -> (tensor<?x1024xf32>, tensor<?x?x1024xf32>) {
    %a = seq.sigmoid %z_t : tensor<?x1024xf32>
    %b = seq.mul %x_t, %w : (tensor<?x1024xf32>, tensor<1024xf32>) -> tensor<?x1024xf32>
    %ah = seq.mul %a, %h : (tensor<?x1024xf32>, tensor<?x1024xf32>) -> tensor<?x1024xf32>
    %hn = seq.add %ah, %b : (tensor<?x1024xf32>, tensor<?x1024xf32>) -> tensor<?x1024xf32>
    seq.yield %hn, %hn : tensor<?x1024xf32>, tensor<?x1024xf32>
  }
  return %r#1, %r#0 : tensor<?x?x1024xf32>, tensor<?x1024xf32>
}
