// conv1d compiled through LLVM (convert-seq-to-linalg, bufferization,
// loops) computes what the reference interpreter computes: the model runs
// on both backends with the same seeded-random inputs, and the LLVM run
// must print exactly the interpreter's shapes and values. The model is f64
// and the lowering sums in the interpreter's order (from the bias, taps
// ascending, taps before the first step skipped), so the printed digits
// agree exactly. The CHECK lines are the interpreter's output, turned into
// FileCheck patterns.
//
// RUN: seqc run %s --entry=Conv1D --dim T=5 --dim B=2 --seed=21 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.conv
// RUN: seqc run %s --entry=Conv1D --dim T=5 --dim B=2 --seed=21 --print-values --backend=llvm | FileCheck --match-full-lines %t.conv
//
// The interpreter really printed every output (FileCheck also fails on an
// empty check file).
// RUN: FileCheck %s --check-prefix=CONV --input-file=%t.conv
// CONV: CHECK: y: [5, 2, 3] f64
// CONV: CHECK: long: [5, 2, 3] f64

// Causal depthwise convolution with K = 3 and a bias, and with K = 7 > T
// and no bias (most taps read before the first step).
func.func @Conv1D(
    %w: tensor<3x3xf64> {seq.role = "param", seq.name = "w", seq.shape = ["3", "3"]},
    %b: tensor<3xf64> {seq.role = "param", seq.name = "b", seq.shape = ["3"]},
    %wl: tensor<3x7xf64> {seq.role = "param", seq.name = "wl", seq.shape = ["3", "7"]},
    %x: tensor<?x?x3xf64> {seq.role = "input", seq.name = "x", seq.shape = ["T", "B", "3"]})
    -> (tensor<?x?x3xf64> {seq.role = "output", seq.name = "y", seq.shape = ["T", "B", "3"]},
        tensor<?x?x3xf64> {seq.role = "output", seq.name = "long", seq.shape = ["T", "B", "3"]})
    attributes {seq.model = "Conv1D"} {
  %y = seq.conv1d %x, %w, %b : (tensor<?x?x3xf64>, tensor<3x3xf64>, tensor<3xf64>) -> tensor<?x?x3xf64>
  %long = seq.conv1d %x, %wl : (tensor<?x?x3xf64>, tensor<3x7xf64>) -> tensor<?x?x3xf64>
  return %y, %long : tensor<?x?x3xf64>, tensor<?x?x3xf64>
}
