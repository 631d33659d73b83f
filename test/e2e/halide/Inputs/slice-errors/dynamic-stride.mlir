func.func @f(%x: tensor<?xf32> {seq.role = "input", seq.name = "x", seq.shape = ["N"]})
    -> (tensor<2xf32> {seq.role = "output", seq.name = "y"}) {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %n = tensor.dim %x, %c0 : tensor<?xf32>
  %s = arith.divui %n, %c4 : index
  %y = tensor.extract_slice %x[0] [2] [%s] : tensor<?xf32> to tensor<2xf32>
  return %y : tensor<2xf32>
}
