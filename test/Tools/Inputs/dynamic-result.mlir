func.func @f(%x: tensor<?xf32> {seq.role = "input", seq.name = "x", seq.shape = ["N"]}) -> tensor<?xf32> attributes {seq.model = "f"} {
  %y = seq.neg %x : tensor<?xf32>
  return %y : tensor<?xf32>
}
