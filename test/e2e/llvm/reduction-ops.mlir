// Reductions, softmax and the norms compiled through LLVM compute what the
// reference interpreter computes: every model runs on both backends with the
// same seeded-random inputs, and the LLVM run must print the interpreter's
// shapes and values to the printed 6 digits. In f64 the lowering adds in the
// interpreter's order, so only exp may differ, in the last bits. The CHECK
// lines are the interpreter's output, turned into FileCheck patterns.
//
// RUN: seqc run %s --entry=Reduce --dim T=4 --dim B=3 --seed=1 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.reduce
// RUN: seqc run %s --entry=Reduce --dim T=4 --dim B=3 --seed=1 --print-values --backend=llvm | FileCheck --match-full-lines %t.reduce
// RUN: seqc run %s --entry=ReduceNaN --dim T=4 --seed=2 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.nan
// RUN: seqc run %s --entry=ReduceNaN --dim T=4 --seed=2 --print-values --backend=llvm | FileCheck --match-full-lines %t.nan
// RUN: seqc run %s --entry=Softmax --dim T=3 --dim B=2 --seed=3 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.softmax
// RUN: seqc run %s --entry=Softmax --dim T=3 --dim B=2 --seed=3 --print-values --backend=llvm | FileCheck --match-full-lines %t.softmax
// RUN: seqc run %s --entry=Norms --dim T=3 --dim B=2 --seed=4 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.norms
// RUN: seqc run %s --entry=Norms --dim T=3 --dim B=2 --seed=4 --print-values --backend=llvm | FileCheck --match-full-lines %t.norms
//
// The interpreter really printed every output, and the NaN column is NaN.
// RUN: FileCheck %s --check-prefix=OUTPUTS --input-file=%t.reduce
// OUTPUTS: CHECK: row_sums: [4, 5] f64
// OUTPUTS: CHECK: feature_means: [4, 3, 1] f64
// OUTPUTS: CHECK: batch_max: [3] f64
// OUTPUTS: CHECK: overall_min: [1, 1, 1] f64
// OUTPUTS: CHECK: complex_sum: [3] complex<f64>
// OUTPUTS: CHECK: complex_mean: [1, 3] complex<f64>
// Softmax does not change when every logit is shifted by the same amount.
// RUN: FileCheck %s --check-prefix=SHIFT --input-file=%t.softmax
// SHIFT: CHECK: over_features = [[VALUES:.*]]
// SHIFT: CHECK: large_logits = [[VALUES]]
// RUN: FileCheck %s --check-prefix=NAN --input-file=%t.nan
// NAN: CHECK: column_max = [{{[-0-9.e]+}}, {{-?nan}}, {{[-0-9.e]+}}]
// NAN: CHECK: column_min = [{{[-0-9.e]+}}, {{-?nan}}, {{[-0-9.e]+}}]

// sum, mean (keep_dims), max and min over one, the last, two and every
// axis; the complex sum and mean over time.
func.func @Reduce(
    %x: tensor<?x?x5xf64> {seq.role = "input", seq.name = "x", seq.shape = ["T", "B", "5"]},
    %z: tensor<?x3xcomplex<f64>> {seq.role = "input", seq.name = "z", seq.shape = ["T", "3"]})
    -> (tensor<?x5xf64> {seq.role = "output", seq.name = "row_sums", seq.shape = ["T", "5"]},
        tensor<?x?x1xf64> {seq.role = "output", seq.name = "feature_means", seq.shape = ["T", "B", "1"]},
        tensor<?xf64> {seq.role = "output", seq.name = "batch_max", seq.shape = ["B"]},
        tensor<1x1x1xf64> {seq.role = "output", seq.name = "overall_min", seq.shape = ["1", "1", "1"]},
        tensor<3xcomplex<f64>> {seq.role = "output", seq.name = "complex_sum", seq.shape = ["3"]},
        tensor<1x3xcomplex<f64>> {seq.role = "output", seq.name = "complex_mean", seq.shape = ["1", "3"]})
    attributes {seq.model = "Reduce"} {
  %sum = seq.reduce sum %x axes [1] : tensor<?x?x5xf64> -> tensor<?x5xf64>
  %mean = seq.reduce mean %x axes [-1] keep_dims : tensor<?x?x5xf64> -> tensor<?x?x1xf64>
  %max = seq.reduce max %x axes [0, 2] : tensor<?x?x5xf64> -> tensor<?xf64>
  %min = seq.reduce min %x axes [0, 1, 2] keep_dims : tensor<?x?x5xf64> -> tensor<1x1x1xf64>
  %zsum = seq.reduce sum %z axes [0] : tensor<?x3xcomplex<f64>> -> tensor<3xcomplex<f64>>
  %zmean = seq.reduce mean %z axes [0] keep_dims : tensor<?x3xcomplex<f64>> -> tensor<1x3xcomplex<f64>>
  return %sum, %mean, %max, %min, %zsum, %zmean : tensor<?x5xf64>, tensor<?x?x1xf64>, tensor<?xf64>, tensor<1x1x1xf64>, tensor<3xcomplex<f64>>, tensor<1x3xcomplex<f64>>
}

// A NaN in column 1 of every row wins over the numbers in max and min.
func.func @ReduceNaN(
    %x: tensor<?x3xf64> {seq.role = "input", seq.name = "x", seq.shape = ["T", "3"]})
    -> (tensor<3xf64> {seq.role = "output", seq.name = "column_max", seq.shape = ["3"]},
        tensor<3xf64> {seq.role = "output", seq.name = "column_min", seq.shape = ["3"]})
    attributes {seq.model = "ReduceNaN"} {
  %mask = arith.constant dense<[0.0, 0x7FF8000000000000, 0.0]> : tensor<3xf64>
  %y = seq.add %x, %mask : (tensor<?x3xf64>, tensor<3xf64>) -> tensor<?x3xf64>
  %max = seq.reduce max %y axes [0] : tensor<?x3xf64> -> tensor<3xf64>
  %min = seq.reduce min %y axes [0] : tensor<?x3xf64> -> tensor<3xf64>
  return %max, %min : tensor<3xf64>, tensor<3xf64>
}

// Along the batch (a middle axis) and the last axis; logits shifted by 1000
// would overflow exp without subtracting the maximum first.
func.func @Softmax(
    %x: tensor<?x?x6xf64> {seq.role = "input", seq.name = "x", seq.shape = ["T", "B", "6"]})
    -> (tensor<?x?x6xf64> {seq.role = "output", seq.name = "over_batch", seq.shape = ["T", "B", "6"]},
        tensor<?x?x6xf64> {seq.role = "output", seq.name = "over_features", seq.shape = ["T", "B", "6"]},
        tensor<?x?x6xf64> {seq.role = "output", seq.name = "large_logits", seq.shape = ["T", "B", "6"]})
    attributes {seq.model = "Softmax"} {
  %batch = seq.softmax %x axis 1 : tensor<?x?x6xf64>
  %features = seq.softmax %x axis -1 : tensor<?x?x6xf64>
  %shift = arith.constant dense<1000.0> : tensor<f64>
  %big = seq.add %x, %shift : (tensor<?x?x6xf64>, tensor<f64>) -> tensor<?x?x6xf64>
  %large = seq.softmax %big axis -1 : tensor<?x?x6xf64>
  return %batch, %features, %large : tensor<?x?x6xf64>, tensor<?x?x6xf64>, tensor<?x?x6xf64>
}

// rms_norm and layer_norm over the last dimension of a sequence, and
// layer_norm of a single vector.
func.func @Norms(
    %x: tensor<?x?x8xf64> {seq.role = "input", seq.name = "x", seq.shape = ["T", "B", "8"]},
    %v: tensor<8xf64> {seq.role = "input", seq.name = "v", seq.shape = ["8"]},
    %w: tensor<8xf64> {seq.role = "param", seq.name = "w", seq.shape = ["8"]},
    %b: tensor<8xf64> {seq.role = "param", seq.name = "b", seq.shape = ["8"]})
    -> (tensor<?x?x8xf64> {seq.role = "output", seq.name = "rms", seq.shape = ["T", "B", "8"]},
        tensor<?x?x8xf64> {seq.role = "output", seq.name = "layer", seq.shape = ["T", "B", "8"]},
        tensor<8xf64> {seq.role = "output", seq.name = "vector_layer", seq.shape = ["8"]})
    attributes {seq.model = "Norms"} {
  %rms = seq.rms_norm %x, %w {epsilon = 1.0e-06 : f64} : (tensor<?x?x8xf64>, tensor<8xf64>) -> tensor<?x?x8xf64>
  %layer = seq.layer_norm %x, %w, %b {epsilon = 1.0e-05 : f64} : (tensor<?x?x8xf64>, tensor<8xf64>, tensor<8xf64>) -> tensor<?x?x8xf64>
  %vector = seq.layer_norm %v, %w, %b {epsilon = 1.0e-05 : f64} : (tensor<8xf64>, tensor<8xf64>, tensor<8xf64>) -> tensor<8xf64>
  return %rms, %layer, %vector : tensor<?x?x8xf64>, tensor<?x?x8xf64>, tensor<8xf64>
}
