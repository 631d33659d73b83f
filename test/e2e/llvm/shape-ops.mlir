// The shape ops compiled through LLVM (convert-seq-to-linalg, bufferization,
// loops) move the same elements as the reference interpreter: every model
// runs on both backends with the same seeded-random inputs, and the LLVM
// run must print exactly the interpreter's shapes and values (f64 and
// complex<f64>, so data movement is bit-exact). The CHECK lines are the
// interpreter's output, turned into FileCheck patterns.
//
// RUN: seqc run %s --entry=Broadcast --dim T=3 --seed=1 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.broadcast
// RUN: seqc run %s --entry=Broadcast --dim T=3 --seed=1 --print-values --backend=llvm | FileCheck --match-full-lines %t.broadcast
// RUN: seqc run %s --entry=Reshape --dim T=3 --seed=2 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.reshape
// RUN: seqc run %s --entry=Reshape --dim T=3 --seed=2 --print-values --backend=llvm | FileCheck --match-full-lines %t.reshape
// RUN: seqc run %s --entry=Permute --dim T=3 --seed=3 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.permute
// RUN: seqc run %s --entry=Permute --dim T=3 --seed=3 --print-values --backend=llvm | FileCheck --match-full-lines %t.permute
// RUN: seqc run %s --entry=Split --dim T=3 --dim K=2 --dim N=8 --dim H=3 --seed=4 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.split
// RUN: seqc run %s --entry=Split --dim T=3 --dim K=2 --dim N=8 --dim H=3 --seed=4 --print-values --backend=llvm | FileCheck --match-full-lines %t.split
// RUN: seqc run %s --entry=Concat --dim T=3 --dim U=7 --seed=5 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.concat
// RUN: seqc run %s --entry=Concat --dim T=3 --dim U=7 --seed=5 --print-values --backend=llvm | FileCheck --match-full-lines %t.concat
// RUN: seqc run %s --entry=Slice --dim K=3 --seed=6 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.slice
// RUN: seqc run %s --entry=Slice --dim K=3 --seed=6 --print-values --backend=llvm | FileCheck --match-full-lines %t.slice
//
// The interpreter really printed every output (FileCheck also fails on an
// empty check file).
// RUN: FileCheck %s --check-prefix=OUTPUTS --input-file=%t.split
// OUTPUTS: CHECK: halves_a: [2, 3] f64
// OUTPUTS: CHECK: halves_b: [2, 3] f64
// OUTPUTS: CHECK: around_a: [3] f64
// OUTPUTS: CHECK: around_middle: [2] f64
// OUTPUTS: CHECK: around_b: [3] f64
// OUTPUTS: CHECK: gates_z = [

// A row stretched along a dynamic and a static dimension; a complex scalar
// to [T, 2].
func.func @Broadcast(
    %v: tensor<1x3xf64> {seq.role = "input", seq.name = "v", seq.shape = ["1", "3"]},
    %z: tensor<complex<f64>> {seq.role = "input", seq.name = "z", seq.shape = []},
    %x: tensor<?x3xf64> {seq.role = "input", seq.name = "x", seq.shape = ["T", "3"]})
    -> (tensor<?x2x3xf64> {seq.role = "output", seq.name = "rows", seq.shape = ["T", "2", "3"]},
        tensor<?x2xcomplex<f64>> {seq.role = "output", seq.name = "scalar", seq.shape = ["T", "2"]})
    attributes {seq.model = "Broadcast"} {
  %c0 = arith.constant 0 : index
  %t = tensor.dim %x, %c0 : tensor<?x3xf64>
  %rows = seq.broadcast %v (%t) : tensor<1x3xf64> -> tensor<?x2x3xf64>
  %scalar = seq.broadcast %z (%t) : tensor<complex<f64>> -> tensor<?x2xcomplex<f64>>
  return %rows, %scalar : tensor<?x2x3xf64>, tensor<?x2xcomplex<f64>>
}

// Splitting and merging heads (expand_shape, collapse_shape), a reshape
// that regroups nothing (tensor.reshape), also of complex numbers.
func.func @Reshape(
    %x: tensor<?x2x6xf64> {seq.role = "input", seq.name = "x", seq.shape = ["T", "2", "6"]},
    %z: tensor<2x6xcomplex<f64>> {seq.role = "input", seq.name = "z", seq.shape = ["2", "6"]})
    -> (tensor<?x2x2x3xf64> {seq.role = "output", seq.name = "heads", seq.shape = ["T", "2", "2", "3"]},
        tensor<?x6xf64> {seq.role = "output", seq.name = "merged", seq.shape = ["2*T", "6"]},
        tensor<?x6x2xf64> {seq.role = "output", seq.name = "regrouped", seq.shape = ["T", "6", "2"]},
        tensor<3x4xcomplex<f64>> {seq.role = "output", seq.name = "complex_regrouped", seq.shape = ["3", "4"]})
    attributes {seq.model = "Reshape"} {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %t = tensor.dim %x, %c0 : tensor<?x2x6xf64>
  %t2 = arith.muli %t, %c2 : index
  %heads = seq.reshape %x (%t) : tensor<?x2x6xf64> -> tensor<?x2x2x3xf64>
  %merged = seq.reshape %heads (%t2) : tensor<?x2x2x3xf64> -> tensor<?x6xf64>
  %regrouped = seq.reshape %x (%t) : tensor<?x2x6xf64> -> tensor<?x6x2xf64>
  %zr = seq.reshape %z : tensor<2x6xcomplex<f64>> -> tensor<3x4xcomplex<f64>>
  return %heads, %merged, %regrouped, %zr : tensor<?x2x2x3xf64>, tensor<?x6xf64>, tensor<?x6x2xf64>, tensor<3x4xcomplex<f64>>
}

// Result dimension i is input dimension perm[i].
func.func @Permute(
    %x: tensor<?x2x3xcomplex<f64>> {seq.role = "input", seq.name = "x", seq.shape = ["T", "2", "3"]},
    %m: tensor<4x?xf64> {seq.role = "input", seq.name = "m", seq.shape = ["4", "T"]})
    -> (tensor<3x?x2xcomplex<f64>> {seq.role = "output", seq.name = "rotated", seq.shape = ["3", "T", "2"]},
        tensor<?x4xf64> {seq.role = "output", seq.name = "transposed", seq.shape = ["T", "4"]})
    attributes {seq.model = "Permute"} {
  %rotated = seq.permute %x [2, 0, 1] : tensor<?x2x3xcomplex<f64>> -> tensor<3x?x2xcomplex<f64>>
  %transposed = seq.permute %m [1, 0] : tensor<4x?xf64> -> tensor<?x4xf64>
  return %rotated, %transposed : tensor<3x?x2xcomplex<f64>>, tensor<?x4xf64>
}

// Equal dynamic halves of a dynamic axis; two dynamic parts around a static
// one of 2 (N = 8: H = (8 - 2) / 2 = 3 each); static gates of a complex
// tensor. The LLVM backend allocates results of the declared sizes, so those
// that are not products of the inputs' names are bound by --dim.
func.func @Split(
    %x: tensor<?x3xf64> {seq.role = "input", seq.name = "x", seq.shape = ["2*K", "3"]},
    %y: tensor<?xf64> {seq.role = "input", seq.name = "y", seq.shape = ["N"]},
    %g: tensor<?x6xcomplex<f64>> {seq.role = "input", seq.name = "g", seq.shape = ["T", "6"]})
    -> (tensor<?x3xf64> {seq.role = "output", seq.name = "halves_a", seq.shape = ["K", "3"]},
        tensor<?x3xf64> {seq.role = "output", seq.name = "halves_b", seq.shape = ["K", "3"]},
        tensor<?xf64> {seq.role = "output", seq.name = "around_a", seq.shape = ["H"]},
        tensor<2xf64> {seq.role = "output", seq.name = "around_middle", seq.shape = ["2"]},
        tensor<?xf64> {seq.role = "output", seq.name = "around_b", seq.shape = ["H"]},
        tensor<?x1xcomplex<f64>> {seq.role = "output", seq.name = "gates_x", seq.shape = ["T", "1"]},
        tensor<?x2xcomplex<f64>> {seq.role = "output", seq.name = "gates_y", seq.shape = ["T", "2"]},
        tensor<?x3xcomplex<f64>> {seq.role = "output", seq.name = "gates_z", seq.shape = ["T", "3"]})
    attributes {seq.model = "Split"} {
  %a, %b = seq.split %x axis 0 : tensor<?x3xf64> -> tensor<?x3xf64>, tensor<?x3xf64>
  %ya, %ym, %yb = seq.split %y axis 0 : tensor<?xf64> -> tensor<?xf64>, tensor<2xf64>, tensor<?xf64>
  %gx, %gy, %gz = seq.split %g axis -1 : tensor<?x6xcomplex<f64>> -> tensor<?x1xcomplex<f64>>, tensor<?x2xcomplex<f64>>, tensor<?x3xcomplex<f64>>
  return %a, %b, %ya, %ym, %yb, %gx, %gy, %gz : tensor<?x3xf64>, tensor<?x3xf64>, tensor<?xf64>, tensor<2xf64>, tensor<?xf64>, tensor<?x1xcomplex<f64>>, tensor<?x2xcomplex<f64>>, tensor<?x3xcomplex<f64>>
}

// Along a static axis, and along the dynamic time axis (complex):
// T + 1 + T = 7 steps for T = 3, bound as U.
func.func @Concat(
    %a: tensor<?x2xf64> {seq.role = "input", seq.name = "a", seq.shape = ["T", "2"]},
    %b: tensor<?x3xf64> {seq.role = "input", seq.name = "b", seq.shape = ["T", "3"]},
    %p: tensor<?x2xcomplex<f64>> {seq.role = "input", seq.name = "p", seq.shape = ["T", "2"]},
    %q: tensor<1x2xcomplex<f64>> {seq.role = "input", seq.name = "q", seq.shape = ["1", "2"]})
    -> (tensor<?x5xf64> {seq.role = "output", seq.name = "features", seq.shape = ["T", "5"]},
        tensor<?x2xcomplex<f64>> {seq.role = "output", seq.name = "steps", seq.shape = ["U", "2"]})
    attributes {seq.model = "Concat"} {
  %features = seq.concat %b, %a axis -1 : (tensor<?x3xf64>, tensor<?x2xf64>) -> tensor<?x5xf64>
  %steps = seq.concat %p, %q, %p axis 0 : (tensor<?x2xcomplex<f64>>, tensor<1x2xcomplex<f64>>, tensor<?x2xcomplex<f64>>) -> tensor<?x2xcomplex<f64>>
  return %features, %steps : tensor<?x5xf64>, tensor<?x2xcomplex<f64>>
}

// Strided windows: every third row from row 2 of 3 * K rows (K of them),
// columns 1, 3, 5, 7; a static corner of a complex matrix.
func.func @Slice(
    %x: tensor<?x8xf64> {seq.role = "input", seq.name = "x", seq.shape = ["3*K", "8"]},
    %z: tensor<4x5xcomplex<f64>> {seq.role = "input", seq.name = "z", seq.shape = ["4", "5"]})
    -> (tensor<?x4xf64> {seq.role = "output", seq.name = "strided", seq.shape = ["K", "4"]},
        tensor<2x2xcomplex<f64>> {seq.role = "output", seq.name = "corner", seq.shape = ["2", "2"]})
    attributes {seq.model = "Slice"} {
  %strided = seq.slice %x [2, 1] [3, 2] : tensor<?x8xf64> -> tensor<?x4xf64>
  %corner = seq.slice %z [1, 2] [2, 2] : tensor<4x5xcomplex<f64>> -> tensor<2x2xcomplex<f64>>
  return %strided, %corner : tensor<?x4xf64>, tensor<2x2xcomplex<f64>>
}
