func.func @f(%x: tensor<2x8xf32> {seq.role = "input", seq.name = "x", seq.shape = ["2", "8"]})
    -> (tensor<8xf32> {seq.role = "output", seq.name = "y"}) {
  %y = tensor.extract_slice %x[1, 0] [1, 8] [1, 1] : tensor<2x8xf32> to tensor<8xf32>
  return %y : tensor<8xf32>
}
