func.func @f(%x: tensor<4xf64> {seq.role = "input", seq.name = "x"})
    -> (tensor<4xf64> {seq.role = "output", seq.name = "y"}) {
  %y = seq.exp %x : tensor<4xf64>
  return %y : tensor<4xf64>
}
