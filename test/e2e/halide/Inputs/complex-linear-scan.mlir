func.func @f(%a: tensor<?x4xcomplex<f32>> {seq.name = "a", seq.role = "input", seq.shape = ["T", "4"]}, %h0: tensor<4xcomplex<f32>> {seq.name = "h", seq.role = "state", seq.shape = ["4"]}) -> (tensor<4xcomplex<f32>> {seq.name = "h.final", seq.role = "final", seq.shape = ["4"]}) {
  %hT, %hs = seq.linear_scan (%a_t = %a : tensor<?x4xcomplex<f32>>) init %h0 : tensor<4xcomplex<f32>> -> (tensor<4xcomplex<f32>>, tensor<?x4xcomplex<f32>>) {
    seq.yield %a_t, %a_t : tensor<4xcomplex<f32>>, tensor<4xcomplex<f32>>
  }
  return %hT : tensor<4xcomplex<f32>>
}
