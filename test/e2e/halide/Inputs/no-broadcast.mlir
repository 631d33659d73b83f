func.func @f(%a: tensor<?xf32> {seq.role = "input", seq.name = "a", seq.shape = ["N"]},
             %b: tensor<?xf32> {seq.role = "input", seq.name = "b", seq.shape = ["M"]})
    -> (tensor<?xf32> {seq.role = "output", seq.name = "y", seq.shape = ["N"]}) {
  %y = seq.add %a, %b : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  return %y : tensor<?xf32>
}
