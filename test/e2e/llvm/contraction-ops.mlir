// linear, matmul and einsum compiled through LLVM (convert-seq-to-linalg,
// bufferization, loops) compute what the reference interpreter computes:
// every model runs on both backends with the same seeded-random inputs, and
// the LLVM run must print exactly the interpreter's shapes and values. The
// models are f64 and complex<f64> and the lowering sums in the
// interpreter's order (linear from the bias, the others from zero, the
// contracted index ascending), so the printed digits agree exactly. The
// CHECK lines are the interpreter's output, turned into FileCheck patterns.
//
// RUN: seqc run %s --entry=Linear --dim T=3 --dim B=2 --seed=11 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.linear
// RUN: seqc run %s --entry=Linear --dim T=3 --dim B=2 --seed=11 --print-values --backend=llvm | FileCheck --match-full-lines %t.linear
// RUN: seqc run %s --entry=ComplexLinear --dim T=3 --seed=12 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.complex_linear
// RUN: seqc run %s --entry=ComplexLinear --dim T=3 --seed=12 --print-values --backend=llvm | FileCheck --match-full-lines %t.complex_linear
// RUN: seqc run %s --entry=Matmul --dim T=3 --seed=13 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.matmul
// RUN: seqc run %s --entry=Matmul --dim T=3 --seed=13 --print-values --backend=llvm | FileCheck --match-full-lines %t.matmul
// RUN: seqc run %s --entry=Einsum --dim T=3 --dim B=2 --seed=14 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.einsum
// RUN: seqc run %s --entry=Einsum --dim T=3 --dim B=2 --seed=14 --print-values --backend=llvm | FileCheck --match-full-lines %t.einsum
//
// The interpreter really printed every output (FileCheck also fails on an
// empty check file).
// RUN: FileCheck %s --check-prefix=OUTPUTS --input-file=%t.linear
// OUTPUTS: CHECK: y: [3, 2, 6] f64
// OUTPUTS: CHECK: y = [
// OUTPUTS: CHECK: z: [3, 6] f64
// OUTPUTS: CHECK: z = [
// RUN: FileCheck %s --check-prefix=EINSUM --input-file=%t.einsum
// EINSUM: CHECK: read: [3, 2, 3] f64
// EINSUM: CHECK: trace: [] f64
// EINSUM: CHECK: mixed: [4, 3] complex<f64>

// x W^T + b over [T, B] rows (both dynamic: the rows are split back with
// tensor.reshape), and without a bias over [T] rows.
func.func @Linear(
    %W: tensor<6x8xf64> {seq.role = "param", seq.name = "W", seq.shape = ["6", "8"]},
    %b: tensor<6xf64> {seq.role = "param", seq.name = "b", seq.shape = ["6"]},
    %x: tensor<?x?x8xf64> {seq.role = "input", seq.name = "x", seq.shape = ["T", "B", "8"]},
    %u: tensor<?x8xf64> {seq.role = "input", seq.name = "u", seq.shape = ["T", "8"]})
    -> (tensor<?x?x6xf64> {seq.role = "output", seq.name = "y", seq.shape = ["T", "B", "6"]},
        tensor<?x6xf64> {seq.role = "output", seq.name = "z", seq.shape = ["T", "6"]})
    attributes {seq.model = "Linear"} {
  %y = seq.linear %x, %W, %b : (tensor<?x?x8xf64>, tensor<6x8xf64>, tensor<6xf64>) -> tensor<?x?x6xf64>
  %z = seq.linear %u, %W : (tensor<?x8xf64>, tensor<6x8xf64>) -> tensor<?x6xf64>
  return %y, %z : tensor<?x?x6xf64>, tensor<?x6xf64>
}

// A complex weight on a real input, with a real bias; and a complex input.
func.func @ComplexLinear(
    %W: tensor<3x4xcomplex<f64>> {seq.role = "param", seq.name = "W", seq.shape = ["3", "4"]},
    %b: tensor<3xf64> {seq.role = "param", seq.name = "b", seq.shape = ["3"]},
    %x: tensor<?x4xf64> {seq.role = "input", seq.name = "x", seq.shape = ["T", "4"]},
    %z: tensor<?x2x4xcomplex<f64>> {seq.role = "input", seq.name = "z", seq.shape = ["T", "2", "4"]})
    -> (tensor<?x3xcomplex<f64>> {seq.role = "output", seq.name = "y", seq.shape = ["T", "3"]},
        tensor<?x2x3xcomplex<f64>> {seq.role = "output", seq.name = "w", seq.shape = ["T", "2", "3"]})
    attributes {seq.model = "ComplexLinear"} {
  %y = seq.linear %x, %W, %b : (tensor<?x4xf64>, tensor<3x4xcomplex<f64>>, tensor<3xf64>) -> tensor<?x3xcomplex<f64>>
  %w = seq.linear %z, %W : (tensor<?x2x4xcomplex<f64>>, tensor<3x4xcomplex<f64>>) -> tensor<?x2x3xcomplex<f64>>
  return %y, %w : tensor<?x3xcomplex<f64>>, tensor<?x2x3xcomplex<f64>>
}

// Per-step, per-head products (batch dimensions [T, 2] merged for
// linalg.batch_matmul), a plain dynamic product, and a real matrix times a
// complex one.
func.func @Matmul(
    %a: tensor<?x2x4x5xf64> {seq.role = "input", seq.name = "a", seq.shape = ["T", "2", "4", "5"]},
    %b: tensor<?x2x5x3xf64> {seq.role = "input", seq.name = "b", seq.shape = ["T", "2", "5", "3"]},
    %m: tensor<?x5xf64> {seq.role = "input", seq.name = "m", seq.shape = ["T", "5"]},
    %c: tensor<5x2xcomplex<f64>> {seq.role = "input", seq.name = "c", seq.shape = ["5", "2"]})
    -> (tensor<?x2x4x3xf64> {seq.role = "output", seq.name = "heads", seq.shape = ["T", "2", "4", "3"]},
        tensor<?x2xcomplex<f64>> {seq.role = "output", seq.name = "mixed", seq.shape = ["T", "2"]})
    attributes {seq.model = "Matmul"} {
  %heads = seq.matmul %a, %b : (tensor<?x2x4x5xf64>, tensor<?x2x5x3xf64>) -> tensor<?x2x4x3xf64>
  %mixed = seq.matmul %m, %c : (tensor<?x5xf64>, tensor<5x2xcomplex<f64>>) -> tensor<?x2xcomplex<f64>>
  return %heads, %mixed : tensor<?x2x4x3xf64>, tensor<?x2xcomplex<f64>>
}

// Linear attention reading a state, a trace (a diagonal summed), and a real
// matrix contracted with a complex one into a transposed result.
func.func @Einsum(
    %q: tensor<?x?x4xf64> {seq.role = "input", seq.name = "q", seq.shape = ["T", "B", "4"]},
    %S: tensor<?x?x4x3xf64> {seq.role = "input", seq.name = "S", seq.shape = ["T", "B", "4", "3"]},
    %sq: tensor<5x5xf64> {seq.role = "input", seq.name = "sq", seq.shape = ["5", "5"]},
    %r: tensor<?x2xf64> {seq.role = "input", seq.name = "r", seq.shape = ["T", "2"]},
    %c: tensor<2x4xcomplex<f64>> {seq.role = "input", seq.name = "c", seq.shape = ["2", "4"]})
    -> (tensor<?x?x3xf64> {seq.role = "output", seq.name = "read", seq.shape = ["T", "B", "3"]},
        tensor<f64> {seq.role = "output", seq.name = "trace", seq.shape = []},
        tensor<4x?xcomplex<f64>> {seq.role = "output", seq.name = "mixed", seq.shape = ["4", "T"]})
    attributes {seq.model = "Einsum"} {
  %read = seq.einsum "tbk,tbkv->tbv" %q, %S : (tensor<?x?x4xf64>, tensor<?x?x4x3xf64>) -> tensor<?x?x3xf64>
  %trace = seq.einsum "ii->" %sq : (tensor<5x5xf64>) -> tensor<f64>
  %mixed = seq.einsum "tk,kv->vt" %r, %c : (tensor<?x2xf64>, tensor<2x4xcomplex<f64>>) -> tensor<4x?xcomplex<f64>>
  return %read, %trace, %mixed : tensor<?x?x3xf64>, tensor<f64>, tensor<4x?xcomplex<f64>>
}
