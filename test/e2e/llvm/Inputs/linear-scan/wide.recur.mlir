// wide.scan.mlir as the seq.recur it comes from.
func.func @Wide(
    %z: tensor<?x?x1600xf32> {seq.role = "input", seq.name = "z", seq.shape = ["T", "B", "1600"]},
    %x: tensor<?x?x1600xf32> {seq.role = "input", seq.name = "x", seq.shape = ["T", "B", "1600"]},
    %h0: tensor<?x1600xcomplex<f32>> {seq.role = "state", seq.name = "h", seq.init = 5.000000e-01 : f64, seq.shape = ["B", "1600"]})
    -> (tensor<?x?x1600xcomplex<f32>> {seq.role = "output", seq.name = "h", seq.shape = ["T", "B", "1600"]},
        tensor<?x1600xcomplex<f32>> {seq.role = "final", seq.name = "h.final", seq.shape = ["B", "1600"]})
    attributes {seq.model = "Wide"} {
  %half = arith.constant dense<5.000000e-01> : tensor<f32>
  %r:2 = seq.recur (%z_t = %z : tensor<?x?x1600xf32>, %x_t = %x : tensor<?x?x1600xf32>)
      carry (%h = %h0 : tensor<?x1600xcomplex<f32>>) -> (tensor<?x1600xcomplex<f32>>, tensor<?x?x1600xcomplex<f32>>) {
    %c = arith.constant dense<6.000000e-01> : tensor<f32>
    %s = seq.sigmoid %z_t : tensor<?x1600xf32>
    %re = seq.mul %s, %c : (tensor<?x1600xf32>, tensor<f32>) -> tensor<?x1600xf32>
    %im = seq.mul %re, %half : (tensor<?x1600xf32>, tensor<f32>) -> tensor<?x1600xf32>
    %a = seq.complex %re, %im : (tensor<?x1600xf32>, tensor<?x1600xf32>) -> tensor<?x1600xcomplex<f32>>
    %xim = seq.mul %x_t, %half : (tensor<?x1600xf32>, tensor<f32>) -> tensor<?x1600xf32>
    %b = seq.complex %x_t, %xim : (tensor<?x1600xf32>, tensor<?x1600xf32>) -> tensor<?x1600xcomplex<f32>>
    %ah = seq.mul %a, %h : (tensor<?x1600xcomplex<f32>>, tensor<?x1600xcomplex<f32>>) -> tensor<?x1600xcomplex<f32>>
    %hn = seq.add %ah, %b : (tensor<?x1600xcomplex<f32>>, tensor<?x1600xcomplex<f32>>) -> tensor<?x1600xcomplex<f32>>
    seq.yield %hn, %hn : tensor<?x1600xcomplex<f32>>, tensor<?x1600xcomplex<f32>>
  }
  return %r#1, %r#0 : tensor<?x?x1600xcomplex<f32>>, tensor<?x1600xcomplex<f32>>
}
