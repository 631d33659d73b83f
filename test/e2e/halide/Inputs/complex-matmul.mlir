func.func @f(%a: tensor<4x4xcomplex<f32>> {seq.name = "a", seq.role = "input", seq.shape = ["4", "4"]}) -> (tensor<4x4xcomplex<f32>> {seq.name = "p", seq.role = "output", seq.shape = ["4", "4"]}) {
  %p = seq.matmul %a, %a : (tensor<4x4xcomplex<f32>>, tensor<4x4xcomplex<f32>>) -> tensor<4x4xcomplex<f32>>
  return %p : tensor<4x4xcomplex<f32>>
}
