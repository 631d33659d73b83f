func.func @f(%x: tensor<?xf32> {seq.role = "input", seq.name = "x", seq.shape = ["N"]})
    -> (tensor<?xf32> {seq.role = "output", seq.name = "y"}) {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %n = tensor.dim %x, %c0 : tensor<?xf32>
  %h = arith.divui %n, %c2 : index
  %y = tensor.extract_slice %x[%h] [%h] [1] : tensor<?xf32> to tensor<?xf32>
  return %y : tensor<?xf32>
}
