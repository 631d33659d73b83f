// RUN: seq-opt --convert-seq-to-linalg %s | FileCheck %s
// RUN: seq-opt --convert-seq-to-linalg %s | FileCheck %s --check-prefix=NOSEQ

// linear and matmul become linalg's named GEMMs on operands whose leading
// (batch) dimensions are merged into one; einsum becomes one linalg.generic
// with a loop per letter, the output's letters first. A real operand of a
// complex contraction is converted to complex first.

// NOSEQ-NOT: seq.

// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[$BHK:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[$BHKV:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3, d2)>
// CHECK-DAG: #[[$BHV:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[$IIJ:.*]] = affine_map<(d0, d1) -> (d1, d1, d0)>
// CHECK-DAG: #[[$SCALAR2:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[$SECOND2:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[$FIRST2:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[$BK:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$BKV:.*]] = affine_map<(d0, d1, d2) -> (d0, d2, d1)>
// CHECK-DAG: #[[$BV:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>

//===----------------------------------------------------------------------===//
// linear
//===----------------------------------------------------------------------===//

// [T, B, 32] rows merged to [T*B, 32]; the product accumulates onto the
// bias broadcast to every row (the interpreter's order: bias first). Both
// T and B are dynamic, so the rows are split back with tensor.reshape
// (LLVM 19 cannot bufferize an expand_shape to two dynamic sizes).
// CHECK-LABEL: func.func @linear_bias_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x?x32xf32>, %[[W:.*]]: tensor<64x32xf32>, %[[B:.*]]: tensor<64xf32>)
// CHECK-DAG: %[[T:.*]] = tensor.dim %[[X]], %c0{{.*}} : tensor<?x?x32xf32>
// CHECK-DAG: %[[BATCH:.*]] = tensor.dim %[[X]], %c1{{.*}} : tensor<?x?x32xf32>
// CHECK: %[[ROWS:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<?x?x32xf32> into tensor<?x32xf32>
// CHECK: %[[N:.*]] = tensor.dim %[[ROWS]], %{{.*}} : tensor<?x32xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x64xf32>
// CHECK: %[[INIT:.*]] = linalg.broadcast ins(%[[B]] : tensor<64xf32>) outs(%[[E]] : tensor<?x64xf32>) dimensions = [0]
// CHECK: %[[P:.*]] = linalg.matmul_transpose_b ins(%[[ROWS]], %[[W]] : tensor<?x32xf32>, tensor<64x32xf32>) outs(%[[INIT]] : tensor<?x64xf32>) -> tensor<?x64xf32>
// CHECK: %[[C64:.*]] = arith.constant 64 : index
// CHECK: %[[SHAPE:.*]] = tensor.from_elements %[[T]], %[[BATCH]], %[[C64]] : tensor<3xindex>
// CHECK: %[[Y:.*]] = tensor.reshape %[[P]](%[[SHAPE]]) : (tensor<?x64xf32>, tensor<3xindex>) -> tensor<?x?x64xf32>
// CHECK: return %[[Y]]
func.func @linear_bias_dynamic(%x: tensor<?x?x32xf32>, %w: tensor<64x32xf32>, %b: tensor<64xf32>) -> tensor<?x?x64xf32> {
  %y = seq.linear %x, %w, %b : (tensor<?x?x32xf32>, tensor<64x32xf32>, tensor<64xf32>) -> tensor<?x?x64xf32>
  return %y : tensor<?x?x64xf32>
}

// Static shapes, no bias: 5 * 2 = 10 rows accumulate onto zeros and are
// split back with expand_shape.
// CHECK-LABEL: func.func @linear_static_no_bias
// CHECK-SAME: (%[[X:.*]]: tensor<5x2x32xf64>, %[[W:.*]]: tensor<64x32xf64>)
// CHECK: %[[ROWS:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<5x2x32xf64> into tensor<10x32xf64>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<10x64xf64>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f64) outs(%[[E]] : tensor<10x64xf64>)
// CHECK: %[[P:.*]] = linalg.matmul_transpose_b ins(%[[ROWS]], %[[W]] : tensor<10x32xf64>, tensor<64x32xf64>) outs(%[[INIT]] : tensor<10x64xf64>)
// CHECK: %[[Y:.*]] = tensor.expand_shape %[[P]] {{\[}}[0, 1], [2]] output_shape [5, 2, 64] : tensor<10x64xf64> into tensor<5x2x64xf64>
// CHECK: return %[[Y]]
func.func @linear_static_no_bias(%x: tensor<5x2x32xf64>, %w: tensor<64x32xf64>) -> tensor<5x2x64xf64> {
  %y = seq.linear %x, %w : (tensor<5x2x32xf64>, tensor<64x32xf64>) -> tensor<5x2x64xf64>
  return %y : tensor<5x2x64xf64>
}

// One dynamic leading dimension splits back with expand_shape; the output
// size 64 is known from the bias although the weight's is dynamic.
// CHECK-LABEL: func.func @linear_one_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x2x32xf32>, %[[W:.*]]: tensor<?x32xf32>, %[[B:.*]]: tensor<64xf32>)
// CHECK: %[[T:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x2x32xf32>
// CHECK: %[[ROWS:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<?x2x32xf32> into tensor<?x32xf32>
// CHECK: %[[INIT:.*]] = linalg.broadcast ins(%[[B]] : tensor<64xf32>) outs(%{{.*}} : tensor<?x64xf32>) dimensions = [0]
// CHECK: %[[P:.*]] = linalg.matmul_transpose_b ins(%[[ROWS]], %[[W]] : tensor<?x32xf32>, tensor<?x32xf32>) outs(%[[INIT]] : tensor<?x64xf32>)
// CHECK: %[[Y:.*]] = tensor.expand_shape %[[P]] {{\[}}[0, 1], [2]] output_shape [%[[T]], 2, 64] : tensor<?x64xf32> into tensor<?x2x64xf32>
// CHECK: return %[[Y]]
func.func @linear_one_dynamic(%x: tensor<?x2x32xf32>, %w: tensor<?x32xf32>, %b: tensor<64xf32>) -> tensor<?x2x64xf32> {
  %y = seq.linear %x, %w, %b : (tensor<?x2x32xf32>, tensor<?x32xf32>, tensor<64xf32>) -> tensor<?x2x64xf32>
  return %y : tensor<?x2x64xf32>
}

// A single vector is one row.
// CHECK-LABEL: func.func @linear_vector
// CHECK-SAME: (%[[X:.*]]: tensor<32xf32>, %[[W:.*]]: tensor<64x32xf32>)
// CHECK: %[[ROW:.*]] = tensor.expand_shape %[[X]] {{\[}}[0, 1]] output_shape [1, 32] : tensor<32xf32> into tensor<1x32xf32>
// CHECK: %[[P:.*]] = linalg.matmul_transpose_b ins(%[[ROW]], %[[W]] : tensor<1x32xf32>, tensor<64x32xf32>) outs(%{{.*}} : tensor<1x64xf32>)
// CHECK: %[[Y:.*]] = tensor.collapse_shape %[[P]] {{\[}}[0, 1]] : tensor<1x64xf32> into tensor<64xf32>
// CHECK: return %[[Y]]
func.func @linear_vector(%x: tensor<32xf32>, %w: tensor<64x32xf32>) -> tensor<64xf32> {
  %y = seq.linear %x, %w : (tensor<32xf32>, tensor<64x32xf32>) -> tensor<64xf32>
  return %y : tensor<64xf32>
}

// A complex weight: the real input and bias become complex (zero imaginary
// part), then the named op multiplies complex numbers.
// CHECK-LABEL: func.func @linear_complex_weight
// CHECK-SAME: (%[[X:.*]]: tensor<?x32xf32>, %[[W:.*]]: tensor<64x32xcomplex<f32>>, %[[B:.*]]: tensor<64xf32>)
// CHECK: %[[XC:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]] : tensor<?x32xf32>) outs(%{{.*}} : tensor<?x32xcomplex<f32>>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: complex<f32>):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[Z:.*]] = complex.create %[[IN]], %[[ZERO]] : complex<f32>
// CHECK-NEXT: linalg.yield %[[Z]] : complex<f32>
// CHECK: %[[BC:.*]] = linalg.generic {indexing_maps = [#[[$ID1]], #[[$ID1]]], iterator_types = ["parallel"]} ins(%[[B]] : tensor<64xf32>) outs(%{{.*}} : tensor<64xcomplex<f32>>)
// CHECK: complex.create
// CHECK: %[[INIT:.*]] = linalg.broadcast ins(%[[BC]] : tensor<64xcomplex<f32>>) outs(%{{.*}} : tensor<?x64xcomplex<f32>>) dimensions = [0]
// CHECK: %[[Y:.*]] = linalg.matmul_transpose_b ins(%[[XC]], %[[W]] : tensor<?x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>) outs(%[[INIT]] : tensor<?x64xcomplex<f32>>)
// CHECK: return %[[Y]]
func.func @linear_complex_weight(%x: tensor<?x32xf32>, %w: tensor<64x32xcomplex<f32>>, %b: tensor<64xf32>) -> tensor<?x64xcomplex<f32>> {
  %y = seq.linear %x, %w, %b : (tensor<?x32xf32>, tensor<64x32xcomplex<f32>>, tensor<64xf32>) -> tensor<?x64xcomplex<f32>>
  return %y : tensor<?x64xcomplex<f32>>
}

//===----------------------------------------------------------------------===//
// matmul
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @matmul_2d
// CHECK-SAME: (%[[A:.*]]: tensor<?x16xf32>, %[[B:.*]]: tensor<16x?xf32>)
// CHECK-DAG: %[[M:.*]] = tensor.dim %[[A]], %c0{{.*}} : tensor<?x16xf32>
// CHECK-DAG: %[[N:.*]] = tensor.dim %[[B]], %c1{{.*}} : tensor<16x?xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[M]], %[[N]]) : tensor<?x?xf32>
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<?x?xf32>)
// CHECK: %[[C:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<?x16xf32>, tensor<16x?xf32>) outs(%[[INIT]] : tensor<?x?xf32>)
// CHECK: return %[[C]]
func.func @matmul_2d(%a: tensor<?x16xf32>, %b: tensor<16x?xf32>) -> tensor<?x?xf32> {
  %c = seq.matmul %a, %b : (tensor<?x16xf32>, tensor<16x?xf32>) -> tensor<?x?xf32>
  return %c : tensor<?x?xf32>
}

// CHECK-LABEL: func.func @matmul_batched
// CHECK-SAME: (%[[A:.*]]: tensor<8x4x16xf32>, %[[B:.*]]: tensor<8x16x4xf32>)
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<8x4x4xf32>)
// CHECK: %[[C:.*]] = linalg.batch_matmul ins(%[[A]], %[[B]] : tensor<8x4x16xf32>, tensor<8x16x4xf32>) outs(%[[INIT]] : tensor<8x4x4xf32>)
// CHECK: return %[[C]]
func.func @matmul_batched(%a: tensor<8x4x16xf32>, %b: tensor<8x16x4xf32>) -> tensor<8x4x4xf32> {
  %c = seq.matmul %a, %b : (tensor<8x4x16xf32>, tensor<8x16x4xf32>) -> tensor<8x4x4xf32>
  return %c : tensor<8x4x4xf32>
}

// Two batch dimensions merge into one for batch_matmul.
// CHECK-LABEL: func.func @matmul_rank4
// CHECK-SAME: (%[[A:.*]]: tensor<?x?x4x16xf64>, %[[B:.*]]: tensor<?x?x16x8xf64>)
// CHECK-DAG: %[[D0:.*]] = tensor.dim %[[A]], %c0{{.*}} : tensor<?x?x4x16xf64>
// CHECK-DAG: %[[D1:.*]] = tensor.dim %[[A]], %c1{{.*}} : tensor<?x?x4x16xf64>
// CHECK: %[[A3:.*]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1], [2], [3]] : tensor<?x?x4x16xf64> into tensor<?x4x16xf64>
// CHECK: %[[B3:.*]] = tensor.collapse_shape %[[B]] {{\[}}[0, 1], [2], [3]] : tensor<?x?x16x8xf64> into tensor<?x16x8xf64>
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%{{.*}} : tensor<?x4x8xf64>)
// CHECK: %[[C3:.*]] = linalg.batch_matmul ins(%[[A3]], %[[B3]] : tensor<?x4x16xf64>, tensor<?x16x8xf64>) outs(%[[INIT]] : tensor<?x4x8xf64>)
// CHECK: %[[SHAPE:.*]] = tensor.from_elements %[[D0]], %[[D1]], %{{.*}}, %{{.*}} : tensor<4xindex>
// CHECK: %[[C:.*]] = tensor.reshape %[[C3]](%[[SHAPE]]) : (tensor<?x4x8xf64>, tensor<4xindex>) -> tensor<?x?x4x8xf64>
// CHECK: return %[[C]]
func.func @matmul_rank4(%a: tensor<?x?x4x16xf64>, %b: tensor<?x?x16x8xf64>) -> tensor<?x?x4x8xf64> {
  %c = seq.matmul %a, %b : (tensor<?x?x4x16xf64>, tensor<?x?x16x8xf64>) -> tensor<?x?x4x8xf64>
  return %c : tensor<?x?x4x8xf64>
}

// A factor that is a transpose of its last two dimensions (the chunkwise
// forms' K^T) is read in place: batch_matmul_transpose_a/_b on the
// transpose's input; the transpose is left unused (canonicalization
// erases it).
// CHECK-LABEL: func.func @matmul_transposed
// CHECK-SAME: (%[[Q:.*]]: tensor<?x2x4x16xf32>, %[[K:.*]]: tensor<?x2x4x16xf32>, %[[V:.*]]: tensor<?x2x4x8xf32>)
// CHECK: %[[KT:.*]] = linalg.transpose ins(%[[K]]
// CHECK-NOT: %[[KT]]
// CHECK-DAG: %[[Q3:.*]] = tensor.collapse_shape %[[Q]] {{\[}}[0, 1], [2], [3]] : tensor<?x2x4x16xf32> into tensor<?x4x16xf32>
// CHECK-DAG: %[[K3:.*]] = tensor.collapse_shape %[[K]] {{\[}}[0, 1], [2], [3]] : tensor<?x2x4x16xf32> into tensor<?x4x16xf32>
// CHECK: linalg.batch_matmul_transpose_b ins(%[[Q3]], %[[K3]] : tensor<?x4x16xf32>, tensor<?x4x16xf32>) outs(%{{.*}} : tensor<?x4x4xf32>)
// CHECK: %[[V3:.*]] = tensor.collapse_shape %[[V]] {{\[}}[0, 1], [2], [3]] : tensor<?x2x4x8xf32> into tensor<?x4x8xf32>
// CHECK: linalg.batch_matmul_transpose_a ins(%{{.*}}, %[[V3]] : tensor<?x4x16xf32>, tensor<?x4x8xf32>) outs(%{{.*}} : tensor<?x16x8xf32>)
// CHECK: return
func.func @matmul_transposed(%q: tensor<?x2x4x16xf32>, %k: tensor<?x2x4x16xf32>, %v: tensor<?x2x4x8xf32>) -> (tensor<?x2x4x4xf32>, tensor<?x2x16x8xf32>) {
  %kt = seq.permute %k [0, 1, 3, 2] : tensor<?x2x4x16xf32> -> tensor<?x2x16x4xf32>
  %w = seq.matmul %q, %kt : (tensor<?x2x4x16xf32>, tensor<?x2x16x4xf32>) -> tensor<?x2x4x4xf32>
  %u = seq.matmul %kt, %v : (tensor<?x2x16x4xf32>, tensor<?x2x4x8xf32>) -> tensor<?x2x16x8xf32>
  return %w, %u : tensor<?x2x4x4xf32>, tensor<?x2x16x8xf32>
}

// Other permutations, and f64 factors, stay transposes.
// CHECK-LABEL: func.func @matmul_permuted
// CHECK: linalg.transpose
// CHECK: linalg.matmul ins
// CHECK: linalg.transpose
// CHECK: linalg.batch_matmul ins
func.func @matmul_permuted(%a: tensor<4x16xf64>, %b: tensor<2x4x16xf32>, %c: tensor<2x4x8xf32>) -> (tensor<16x16xf64>, tensor<4x16x8xf32>) {
  %at = seq.permute %a [1, 0] : tensor<4x16xf64> -> tensor<16x4xf64>
  %p = seq.matmul %at, %a : (tensor<16x4xf64>, tensor<4x16xf64>) -> tensor<16x16xf64>
  %bt = seq.permute %b [1, 2, 0] : tensor<2x4x16xf32> -> tensor<4x16x2xf32>
  %cc = seq.permute %c [1, 0, 2] : tensor<2x4x8xf32> -> tensor<4x2x8xf32>
  %r = seq.matmul %bt, %cc : (tensor<4x16x2xf32>, tensor<4x2x8xf32>) -> tensor<4x16x8xf32>
  return %p, %r : tensor<16x16xf64>, tensor<4x16x8xf32>
}

// CHECK-LABEL: func.func @matmul_complex
// CHECK-SAME: (%[[A:.*]]: tensor<4x16xcomplex<f64>>, %[[B:.*]]: tensor<16x4xf64>)
// CHECK: %[[BC:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<16x4xf64>) outs(%{{.*}} : tensor<16x4xcomplex<f64>>)
// CHECK: complex.create
// CHECK: %[[ZERO:.*]] = complex.constant [0.000000e+00, 0.000000e+00] : complex<f64>
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : complex<f64>) outs(%{{.*}} : tensor<4x4xcomplex<f64>>)
// CHECK: %[[C:.*]] = linalg.matmul ins(%[[A]], %[[BC]] : tensor<4x16xcomplex<f64>>, tensor<16x4xcomplex<f64>>) outs(%[[INIT]] : tensor<4x4xcomplex<f64>>)
// CHECK: return %[[C]]
func.func @matmul_complex(%a: tensor<4x16xcomplex<f64>>, %b: tensor<16x4xf64>) -> tensor<4x4xcomplex<f64>> {
  %c = seq.matmul %a, %b : (tensor<4x16xcomplex<f64>>, tensor<16x4xf64>) -> tensor<4x4xcomplex<f64>>
  return %c : tensor<4x4xcomplex<f64>>
}

//===----------------------------------------------------------------------===//
// einsum
//===----------------------------------------------------------------------===//

// Loops (b, h, v, k): the output's letters, then the summed k.
// CHECK-LABEL: func.func @einsum_state
// CHECK-SAME: (%[[Q:.*]]: tensor<?x4x8xf32>, %[[S:.*]]: tensor<?x4x8x16xf32>)
// CHECK: %[[B:.*]] = tensor.dim %[[Q]], %{{.*}} : tensor<?x4x8xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[B]]) : tensor<?x4x16xf32>
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<?x4x16xf32>)
// CHECK: %[[O:.*]] = linalg.generic {indexing_maps = [#[[$BHK]], #[[$BHKV]], #[[$BHV]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[Q]], %[[S]] : tensor<?x4x8xf32>, tensor<?x4x8x16xf32>) outs(%[[INIT]] : tensor<?x4x16xf32>)
// CHECK-NEXT: ^bb0(%[[QE:.*]]: f32, %[[SE:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[QE]], %[[SE]] : f32
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[SUM]] : f32
// CHECK: return %[[O]]
func.func @einsum_state(%q: tensor<?x4x8xf32>, %s: tensor<?x4x8x16xf32>) -> tensor<?x4x16xf32> {
  %o = seq.einsum "bhk,bhkv->bhv" %q, %s : (tensor<?x4x8xf32>, tensor<?x4x8x16xf32>) -> tensor<?x4x16xf32>
  return %o : tensor<?x4x16xf32>
}

// A repeated letter reads a diagonal: loops (j, i), x read at (i, i, j).
// CHECK-LABEL: func.func @einsum_diagonal_transpose
// CHECK-SAME: (%[[X:.*]]: tensor<3x3x?xf32>)
// CHECK: %[[J:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<3x3x?xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[J]]) : tensor<?x3xf32>
// CHECK: %[[O:.*]] = linalg.generic {indexing_maps = [#[[$IIJ]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<3x3x?xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[IN]] : f32
// CHECK-NEXT: linalg.yield %[[SUM]] : f32
// CHECK: return %[[O]]
func.func @einsum_diagonal_transpose(%x: tensor<3x3x?xf32>) -> tensor<?x3xf32> {
  %o = seq.einsum "iij->ji" %x : (tensor<3x3x?xf32>) -> tensor<?x3xf32>
  return %o : tensor<?x3xf32>
}

// Every letter summed: a rank-0 result.
// CHECK-LABEL: func.func @einsum_total
// CHECK-SAME: (%[[X:.*]]: tensor<?x5xf64>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<f64>
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%[[E]] : tensor<f64>)
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$SCALAR2]]], iterator_types = ["reduction", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<?x5xf64>) outs(%[[INIT]] : tensor<f64>)
func.func @einsum_total(%x: tensor<?x5xf64>) -> tensor<f64> {
  %o = seq.einsum "ij->" %x : (tensor<?x5xf64>) -> tensor<f64>
  return %o : tensor<f64>
}

// The outer product, transposed: loops (j, i), u read at i, v at j; the
// dynamic i comes from u.
// CHECK-LABEL: func.func @einsum_outer
// CHECK-SAME: (%[[U:.*]]: tensor<?xf32>, %[[V:.*]]: tensor<4xf32>)
// CHECK: %[[I:.*]] = tensor.dim %[[U]], %{{.*}} : tensor<?xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[I]]) : tensor<4x?xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$SECOND2]], #[[$FIRST2]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[U]], %[[V]] : tensor<?xf32>, tensor<4xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @einsum_outer(%u: tensor<?xf32>, %v: tensor<4xf32>) -> tensor<4x?xf32> {
  %o = seq.einsum "i,j->ji" %u, %v : (tensor<?xf32>, tensor<4xf32>) -> tensor<4x?xf32>
  return %o : tensor<4x?xf32>
}

// A real operand times a complex one: converted inside the body.
// CHECK-LABEL: func.func @einsum_complex
// CHECK-SAME: (%[[Q:.*]]: tensor<?x8xf32>, %[[S:.*]]: tensor<?x8x16xcomplex<f32>>)
// CHECK: %[[ZERO:.*]] = complex.constant [0.000000e+00 : f32, 0.000000e+00 : f32] : complex<f32>
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : complex<f32>) outs(%{{.*}} : tensor<?x16xcomplex<f32>>)
// CHECK: linalg.generic {indexing_maps = [#[[$BK]], #[[$BKV]], #[[$BV]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[Q]], %[[S]] : tensor<?x8xf32>, tensor<?x8x16xcomplex<f32>>) outs(%[[INIT]] : tensor<?x16xcomplex<f32>>)
// CHECK-NEXT: ^bb0(%[[QE:.*]]: f32, %[[SE:.*]]: complex<f32>, %[[ACC:.*]]: complex<f32>):
// CHECK-NEXT: %[[IM:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[QC:.*]] = complex.create %[[QE]], %[[IM]] : complex<f32>
// CHECK-NEXT: %[[P:.*]] = complex.mul %[[QC]], %[[SE]] : complex<f32>
// CHECK-NEXT: %[[SUM:.*]] = complex.add %[[ACC]], %[[P]] : complex<f32>
// CHECK-NEXT: linalg.yield %[[SUM]] : complex<f32>
func.func @einsum_complex(%q: tensor<?x8xf32>, %s: tensor<?x8x16xcomplex<f32>>) -> tensor<?x16xcomplex<f32>> {
  %o = seq.einsum "bk,bkv->bv" %q, %s : (tensor<?x8xf32>, tensor<?x8x16xcomplex<f32>>) -> tensor<?x16xcomplex<f32>>
  return %o : tensor<?x16xcomplex<f32>>
}
