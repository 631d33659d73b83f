// tensor.extract_slice on the Halide backend (test/e2e/halide/slices.test):
// static offsets, unit strides, sizes known at compile time or only at run
// time (T, B, and ceil(T / 2)).
func.func @f(%x: tensor<?x?x6xf32> {seq.role = "input", seq.name = "x", seq.shape = ["T", "B", ""]})
    -> (tensor<?x?x3xf32> {seq.role = "output", seq.name = "middle"},
        tensor<?x?x2xf32> {seq.role = "output", seq.name = "first_half"}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %t = tensor.dim %x, %c0 : tensor<?x?x6xf32>
  %b = tensor.dim %x, %c1 : tensor<?x?x6xf32>
  %h = arith.ceildivsi %t, %c2 : index
  %middle = tensor.extract_slice %x[0, 0, 1] [%t, %b, 3] [1, 1, 1] : tensor<?x?x6xf32> to tensor<?x?x3xf32>
  %first = tensor.extract_slice %x[0, 0, 4] [%h, %b, 2] [1, 1, 1] : tensor<?x?x6xf32> to tensor<?x?x2xf32>
  return %middle, %first : tensor<?x?x3xf32>, tensor<?x?x2xf32>
}
