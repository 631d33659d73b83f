func.func @f(%x: tensor<8xf32> {seq.role = "input", seq.name = "x", seq.shape = ["8"]})
    -> (tensor<4xf32> {seq.role = "output", seq.name = "y"}) {
  %y = tensor.extract_slice %x[0] [4] [0] : tensor<8xf32> to tensor<4xf32>
  return %y : tensor<4xf32>
}
