func.func @Count(%n: tensor<4xi32> {seq.name = "n", seq.role = "input", seq.shape = ["4"]}) -> (tensor<4xi32> {seq.name = "m", seq.role = "output", seq.shape = ["4"]}) attributes {seq.model = "Count"} {
  return %n : tensor<4xi32>
}
