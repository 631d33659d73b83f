// A model function without seq.* attributes: its buffers are named by
// position and each dynamic size becomes a parameter of its own.
func.func @Copy(%x: tensor<?x4xf32>) -> tensor<?x4xf32> attributes {seq.model = "Copy"} {
  return %x : tensor<?x4xf32>
}
