// h[t] = a[t] * h[t-1] + b[t] with complex a and b (an LRU-like rotating
// decay, |a| < 1) as a seq.linear_scan (complex<f32>); rotating.recur.mlir
// is the same model as a seq.recur.
func.func @Rotating(
    %theta: tensor<64xf32> {seq.role = "param", seq.name = "theta", seq.shape = ["64"]},
    %z: tensor<?x?x64xf32> {seq.role = "input", seq.name = "z", seq.shape = ["T", "B", "64"]},
    %x: tensor<?x?x64xf32> {seq.role = "input", seq.name = "x", seq.shape = ["T", "B", "64"]},
    %h0: tensor<?x64xcomplex<f32>> {seq.role = "state", seq.name = "h", seq.init = 5.000000e-01 : f64, seq.shape = ["B", "64"]})
    -> (tensor<?x?x64xcomplex<f32>> {seq.role = "output", seq.name = "h", seq.shape = ["T", "B", "64"]},
        tensor<?x64xcomplex<f32>> {seq.role = "final", seq.name = "h.final", seq.shape = ["B", "64"]})
    attributes {seq.model = "Rotating"} {
  %hT, %hs = seq.linear_scan (%z_t = %z : tensor<?x?x64xf32>, %x_t = %x : tensor<?x?x64xf32>)
      init %h0 : tensor<?x64xcomplex<f32>> -> (tensor<?x64xcomplex<f32>>, tensor<?x?x64xcomplex<f32>>) {
    %c = arith.constant dense<6.000000e-01> : tensor<f32>
    %s = seq.sigmoid %z_t : tensor<?x64xf32>
    %re = seq.mul %s, %c : (tensor<?x64xf32>, tensor<f32>) -> tensor<?x64xf32>
    %im = seq.mul %re, %theta : (tensor<?x64xf32>, tensor<64xf32>) -> tensor<?x64xf32>
    %a = seq.complex %re, %im : (tensor<?x64xf32>, tensor<?x64xf32>) -> tensor<?x64xcomplex<f32>>
    %xim = seq.mul %x_t, %theta : (tensor<?x64xf32>, tensor<64xf32>) -> tensor<?x64xf32>
    %b = seq.complex %x_t, %xim : (tensor<?x64xf32>, tensor<?x64xf32>) -> tensor<?x64xcomplex<f32>>
    seq.yield %a, %b : tensor<?x64xcomplex<f32>>, tensor<?x64xcomplex<f32>>
  }
  return %hs, %hT : tensor<?x?x64xcomplex<f32>>, tensor<?x64xcomplex<f32>>
}
