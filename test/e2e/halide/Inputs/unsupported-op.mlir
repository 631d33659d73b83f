func.func @f(%x: tensor<4xf32> {seq.role = "input", seq.name = "x"})
    -> (tensor<4xf32> {seq.role = "output", seq.name = "y"}) {
  %y = arith.negf %x : tensor<4xf32>
  return %y : tensor<4xf32>
}
