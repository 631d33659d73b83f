// RUN: seq-opt --convert-seq-to-linalg %s | FileCheck %s
// RUN: seq-opt --convert-seq-to-linalg %s | FileCheck %s --check-prefix=NOSEQ

// The shape ops lower to ops that only move elements: a broadcasting
// linalg.generic, tensor.expand_shape/collapse_shape or tensor.reshape,
// linalg.transpose and tensor slices. Dynamic result sizes come from the
// ops' index operands or are computed from the operands' sizes.

// NOSEQ-NOT: seq.

// Broadcast maps (trailing dimensions aligned; a static 1 is read at 0).
// CHECK-DAG: #[[$VEC_3D:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG: #[[$ID_3D:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$ROW_STRETCH:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-DAG: #[[$ID_2D:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$SCALAR_3D:.*]] = affine_map<(d0, d1, d2) -> ()>

//===----------------------------------------------------------------------===//
// broadcast
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @broadcast_vector
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[T:.*]]: index)
// CHECK: %[[E:.*]] = tensor.empty(%[[T]]) : tensor<?x3x4xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$VEC_3D]], #[[$ID_3D]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<4xf32>) outs(%[[E]] : tensor<?x3x4xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[IN]] : f32
// CHECK: return %[[R]]
func.func @broadcast_vector(%x: tensor<4xf32>, %t: index) -> tensor<?x3x4xf32> {
  %0 = seq.broadcast %x (%t) : tensor<4xf32> -> tensor<?x3x4xf32>
  return %0 : tensor<?x3x4xf32>
}

// A size-1 dimension stretches to a dynamic one: read at index 0.
// CHECK-LABEL: func.func @broadcast_stretch
// CHECK-SAME: (%[[X:.*]]: tensor<1x4xf64>, %[[T:.*]]: index)
// CHECK: %[[E:.*]] = tensor.empty(%[[T]]) : tensor<?x4xf64>
// CHECK: linalg.generic {indexing_maps = [#[[$ROW_STRETCH]], #[[$ID_2D]]]
// CHECK-SAME: ins(%[[X]] : tensor<1x4xf64>) outs(%[[E]] : tensor<?x4xf64>)
func.func @broadcast_stretch(%x: tensor<1x4xf64>, %t: index) -> tensor<?x4xf64> {
  %0 = seq.broadcast %x (%t) : tensor<1x4xf64> -> tensor<?x4xf64>
  return %0 : tensor<?x4xf64>
}

// A complex scalar to [T, B, 1]; the dynamic sizes are the operands, in
// order.
// CHECK-LABEL: func.func @broadcast_complex_scalar
// CHECK-SAME: (%[[X:.*]]: tensor<complex<f32>>, %[[T:.*]]: index, %[[B:.*]]: index)
// CHECK: %[[E:.*]] = tensor.empty(%[[T]], %[[B]]) : tensor<?x?x1xcomplex<f32>>
// CHECK: linalg.generic {indexing_maps = [#[[$SCALAR_3D]], #[[$ID_3D]]]
// CHECK-SAME: ins(%[[X]] : tensor<complex<f32>>) outs(%[[E]] : tensor<?x?x1xcomplex<f32>>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: complex<f32>, %{{.*}}: complex<f32>):
// CHECK-NEXT: linalg.yield %[[IN]] : complex<f32>
func.func @broadcast_complex_scalar(%x: tensor<complex<f32>>, %t: index, %b: index) -> tensor<?x?x1xcomplex<f32>> {
  %0 = seq.broadcast %x (%t, %b) : tensor<complex<f32>> -> tensor<?x?x1xcomplex<f32>>
  return %0 : tensor<?x?x1xcomplex<f32>>
}

//===----------------------------------------------------------------------===//
// reshape
//===----------------------------------------------------------------------===//

// Splitting the last dimension into heads: 32 = 4 * 8.
// CHECK-LABEL: func.func @reshape_expand
// CHECK-SAME: (%[[X:.*]]: tensor<5x2x32xf32>)
// CHECK: %[[R:.*]] = tensor.expand_shape %[[X]] {{\[}}[0], [1], [2, 3]] output_shape [5, 2, 4, 8] : tensor<5x2x32xf32> into tensor<5x2x4x8xf32>
// CHECK: return %[[R]]
func.func @reshape_expand(%x: tensor<5x2x32xf32>) -> tensor<5x2x4x8xf32> {
  %0 = seq.reshape %x : tensor<5x2x32xf32> -> tensor<5x2x4x8xf32>
  return %0 : tensor<5x2x4x8xf32>
}

// The dynamic dimension is a group of its own: the element count fixes it,
// and its value is the op's operand.
// CHECK-LABEL: func.func @reshape_expand_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x2x32xf32>, %[[T:.*]]: index)
// CHECK: tensor.expand_shape %[[X]] {{\[}}[0], [1], [2, 3]] output_shape [%[[T]], 2, 4, 8] : tensor<?x2x32xf32> into tensor<?x2x4x8xf32>
func.func @reshape_expand_dynamic(%x: tensor<?x2x32xf32>, %t: index) -> tensor<?x2x4x8xf32> {
  %0 = seq.reshape %x (%t) : tensor<?x2x32xf32> -> tensor<?x2x4x8xf32>
  return %0 : tensor<?x2x4x8xf32>
}

// Heads split off with both the count and the size known only at run
// time: a group of two dynamic sizes, which MLIR 19 cannot bufferize as an
// expand_shape; a tensor.reshape holds the sizes.
// CHECK-LABEL: func.func @reshape_expand_two_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<5x2x?xf32>, %[[H:.*]]: index, %[[D:.*]]: index)
// CHECK-NOT: tensor.expand_shape
// CHECK: %[[SHAPE:.*]] = tensor.from_elements %{{.*}}, %{{.*}}, %[[H]], %[[D]] : tensor<4xindex>
// CHECK: tensor.reshape %[[X]](%[[SHAPE]]) : (tensor<5x2x?xf32>, tensor<4xindex>) -> tensor<5x2x?x?xf32>
func.func @reshape_expand_two_dynamic(%x: tensor<5x2x?xf32>, %h: index, %d: index) -> tensor<5x2x?x?xf32> {
  %0 = seq.reshape %x (%h, %d) : tensor<5x2x?xf32> -> tensor<5x2x?x?xf32>
  return %0 : tensor<5x2x?x?xf32>
}

// A dynamic group of several dimensions: [T, B, D] -> [T * B, D].
// CHECK-LABEL: func.func @reshape_collapse_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x?x16xf32>, %[[N:.*]]: index)
// CHECK: tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<?x?x16xf32> into tensor<?x16xf32>
func.func @reshape_collapse_dynamic(%x: tensor<?x?x16xf32>, %n: index) -> tensor<?x16xf32> {
  %0 = seq.reshape %x (%n) : tensor<?x?x16xf32> -> tensor<?x16xf32>
  return %0 : tensor<?x16xf32>
}

// Two dynamic sizes, one of them the input's own dimension (tensor.dim of
// it): that dimension is a group of its own, and the split of time into
// chunks an expand_shape (a view), not a tensor.reshape (a copy).
// CHECK-LABEL: func.func @reshape_pinned_batch
// CHECK-SAME: (%[[X:.*]]: tensor<?x?x8x64xf32>, %[[N:.*]]: index)
// CHECK: %[[B:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x?x8x64xf32>
// CHECK: %[[S:.*]] = tensor.expand_shape %[[X]] {{\[}}[0, 1], [2], [3], [4]] output_shape [%[[N]], 32, %[[B]], 8, 64] : tensor<?x?x8x64xf32> into tensor<?x32x?x8x64xf32>
// CHECK: %[[B2:.*]] = tensor.dim %[[S]], %{{.*}} : tensor<?x32x?x8x64xf32>
// CHECK: tensor.collapse_shape %[[S]] {{\[}}[0, 1], [2], [3], [4]] : tensor<?x32x?x8x64xf32> into tensor<?x?x8x64xf32>
// Without the pin the grouping is ambiguous: a tensor.reshape.
// CHECK: tensor.reshape %[[X]]
func.func @reshape_pinned_batch(%x: tensor<?x?x8x64xf32>, %n: index) -> (tensor<?x?x8x64xf32>, tensor<?x32x?x8x64xf32>) {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %b = tensor.dim %x, %c1 : tensor<?x?x8x64xf32>
  %0 = seq.reshape %x (%n, %b) : tensor<?x?x8x64xf32> -> tensor<?x32x?x8x64xf32>
  %b2 = tensor.dim %0, %c2 : tensor<?x32x?x8x64xf32>
  %t = arith.muli %n, %c1 : index
  %1 = seq.reshape %0 (%t, %b2) : tensor<?x32x?x8x64xf32> -> tensor<?x?x8x64xf32>
  %2 = seq.reshape %x (%n, %n) : tensor<?x?x8x64xf32> -> tensor<?x32x?x8x64xf32>
  return %1, %2 : tensor<?x?x8x64xf32>, tensor<?x32x?x8x64xf32>
}

// A dimension kept whole by the slice the input is (the chunks' leading
// steps) pins as well.
// CHECK-LABEL: func.func @reshape_pinned_slice
// CHECK: %[[S:.*]] = tensor.extract_slice
// CHECK: tensor.expand_shape %[[S]] {{\[}}[0, 1], [2], [3]]
func.func @reshape_pinned_slice(%x: tensor<?x?x8xf32>, %n: index, %t: index) -> tensor<?x4x?x8xf32> {
  %c1 = arith.constant 1 : index
  %b = tensor.dim %x, %c1 : tensor<?x?x8xf32>
  %s = tensor.extract_slice %x[0, 0, 0] [%t, %b, 8] [1, 1, 1] : tensor<?x?x8xf32> to tensor<?x?x8xf32>
  %0 = seq.reshape %s (%n, %b) : tensor<?x?x8xf32> -> tensor<?x4x?x8xf32>
  return %0 : tensor<?x4x?x8xf32>
}

// Merging heads back, static sizes after the dynamic group.
// CHECK-LABEL: func.func @reshape_collapse_heads
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1], [2, 3]] : tensor<?x2x4x8xf32> into tensor<?x2x32xf32>
func.func @reshape_collapse_heads(%x: tensor<?x2x4x8xf32>, %t: index) -> tensor<?x2x32xf32> {
  %0 = seq.reshape %x (%t) : tensor<?x2x4x8xf32> -> tensor<?x2x32xf32>
  return %0 : tensor<?x2x32xf32>
}

// Trailing 1s join the last group; all 1s collapse to a scalar.
// CHECK-LABEL: func.func @reshape_ones
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2]] : tensor<2x3x1xf32> into tensor<2x3xf32>
// CHECK: tensor.collapse_shape %{{.*}} [] : tensor<1x1xf32> into tensor<f32>
// CHECK: tensor.expand_shape %{{.*}} [] output_shape [1] : tensor<f32> into tensor<1xf32>
func.func @reshape_ones(%x: tensor<2x3x1xf32>, %y: tensor<1x1xf32>) -> (tensor<2x3xf32>, tensor<1xf32>) {
  %0 = seq.reshape %x : tensor<2x3x1xf32> -> tensor<2x3xf32>
  %1 = seq.reshape %y : tensor<1x1xf32> -> tensor<f32>
  %2 = seq.reshape %1 : tensor<f32> -> tensor<1xf32>
  return %0, %2 : tensor<2x3xf32>, tensor<1xf32>
}

// [2, 3] -> [3, 2] regroups nothing: tensor.reshape with the result's
// sizes. Complex elements move as they are.
// CHECK-LABEL: func.func @reshape_general_complex
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xcomplex<f64>>)
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : index
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[S:.*]] = tensor.from_elements %[[C3]], %[[C2]] : tensor<2xindex>
// CHECK: tensor.reshape %[[X]](%[[S]]) : (tensor<2x3xcomplex<f64>>, tensor<2xindex>) -> tensor<3x2xcomplex<f64>>
func.func @reshape_general_complex(%x: tensor<2x3xcomplex<f64>>) -> tensor<3x2xcomplex<f64>> {
  %0 = seq.reshape %x : tensor<2x3xcomplex<f64>> -> tensor<3x2xcomplex<f64>>
  return %0 : tensor<3x2xcomplex<f64>>
}

// Two dynamic dimensions on each side: [a, b] -> [c, d] need not keep a = c,
// so this is a tensor.reshape too.
// CHECK-LABEL: func.func @reshape_two_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xf32>, %[[A:.*]]: index, %[[B:.*]]: index)
// CHECK: %[[S:.*]] = tensor.from_elements %[[A]], %[[B]] : tensor<2xindex>
// CHECK: tensor.reshape %[[X]](%[[S]]) : (tensor<?x?xf32>, tensor<2xindex>) -> tensor<?x?xf32>
func.func @reshape_two_dynamic(%x: tensor<?x?xf32>, %a: index, %b: index) -> tensor<?x?xf32> {
  %0 = seq.reshape %x (%a, %b) : tensor<?x?xf32> -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// The same shape with one dynamic dimension is the input itself.
// CHECK-LABEL: func.func @reshape_same
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>, %{{.*}}: index)
// CHECK-NEXT: return %[[X]] : tensor<?x4xf32>
func.func @reshape_same(%x: tensor<?x4xf32>, %t: index) -> tensor<?x4xf32> {
  %0 = seq.reshape %x (%t) : tensor<?x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

//===----------------------------------------------------------------------===//
// permute
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @permute_static
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<8x4xf32>
// CHECK: linalg.transpose ins(%[[X]] : tensor<4x8xf32>) outs(%[[E]] : tensor<8x4xf32>) permutation = [1, 0]
func.func @permute_static(%x: tensor<4x8xf32>) -> tensor<8x4xf32> {
  %0 = seq.permute %x [1, 0] : tensor<4x8xf32> -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// Result dimension 1 is input dimension 0, the dynamic one.
// CHECK-LABEL: func.func @permute_dynamic_complex
// CHECK-SAME: (%[[X:.*]]: tensor<?x4x8xcomplex<f32>>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[D0:.*]] = tensor.dim %[[X]], %[[C0]]
// CHECK: %[[E:.*]] = tensor.empty(%[[D0]]) : tensor<8x?x4xcomplex<f32>>
// CHECK: linalg.transpose ins(%[[X]] : tensor<?x4x8xcomplex<f32>>) outs(%[[E]] : tensor<8x?x4xcomplex<f32>>) permutation = [2, 0, 1]
func.func @permute_dynamic_complex(%x: tensor<?x4x8xcomplex<f32>>) -> tensor<8x?x4xcomplex<f32>> {
  %0 = seq.permute %x [2, 0, 1] : tensor<?x4x8xcomplex<f32>> -> tensor<8x?x4xcomplex<f32>>
  return %0 : tensor<8x?x4xcomplex<f32>>
}

//===----------------------------------------------------------------------===//
// split
//===----------------------------------------------------------------------===//

// The LSTM gates: four consecutive quarters of the last dimension.
// CHECK-LABEL: func.func @split_gates
// CHECK-SAME: (%[[X:.*]]: tensor<2x64xf32>)
// CHECK: %[[I:.*]] = tensor.extract_slice %[[X]][0, 0] [2, 16] [1, 1] : tensor<2x64xf32> to tensor<2x16xf32>
// CHECK: %[[F:.*]] = tensor.extract_slice %[[X]][0, 16] [2, 16] [1, 1]
// CHECK: %[[G:.*]] = tensor.extract_slice %[[X]][0, 32] [2, 16] [1, 1]
// CHECK: %[[O:.*]] = tensor.extract_slice %[[X]][0, 48] [2, 16] [1, 1]
// CHECK: return %[[I]], %[[F]], %[[G]], %[[O]]
func.func @split_gates(%x: tensor<2x64xf32>) -> (tensor<2x16xf32>, tensor<2x16xf32>, tensor<2x16xf32>, tensor<2x16xf32>) {
  %i, %f, %g, %o = seq.split %x axis -1 : tensor<2x64xf32> -> tensor<2x16xf32>, tensor<2x16xf32>, tensor<2x16xf32>, tensor<2x16xf32>
  return %i, %f, %g, %o : tensor<2x16xf32>, tensor<2x16xf32>, tensor<2x16xf32>, tensor<2x16xf32>
}

// Two dynamic parts share what the static part of 2 leaves: (n - 2) / 2
// each, at offsets 0, (n - 2) / 2 and (n - 2) / 2 + 2.
// CHECK-LABEL: func.func @split_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf64>)
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3xf64>
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[REST:.*]] = arith.subi %[[N]], %[[C2]] : index
// CHECK: %[[PARTS:.*]] = arith.constant 2 : index
// CHECK: %[[SHARE:.*]] = arith.divsi %[[REST]], %[[PARTS]] : index
// CHECK: %[[A:.*]] = tensor.extract_slice %[[X]][0, 0] [%[[SHARE]], 3] [1, 1] : tensor<?x3xf64> to tensor<?x3xf64>
// CHECK: %[[M:.*]] = tensor.extract_slice %[[X]][%[[SHARE]], 0] [2, 3] [1, 1] : tensor<?x3xf64> to tensor<2x3xf64>
// CHECK: %[[C2B:.*]] = arith.constant 2 : index
// CHECK: %[[OFF:.*]] = arith.addi %[[SHARE]], %[[C2B]] : index
// CHECK: %[[B:.*]] = tensor.extract_slice %[[X]][%[[OFF]], 0] [%[[SHARE]], 3] [1, 1] : tensor<?x3xf64> to tensor<?x3xf64>
// CHECK: return %[[A]], %[[M]], %[[B]]
func.func @split_dynamic(%x: tensor<?x3xf64>) -> (tensor<?x3xf64>, tensor<2x3xf64>, tensor<?x3xf64>) {
  %a, %m, %b = seq.split %x axis 0 : tensor<?x3xf64> -> tensor<?x3xf64>, tensor<2x3xf64>, tensor<?x3xf64>
  return %a, %m, %b : tensor<?x3xf64>, tensor<2x3xf64>, tensor<?x3xf64>
}

// A static input size makes the dynamic part's size a constant; the slice
// is cast to the declared dynamic type.
// CHECK-LABEL: func.func @split_static_input_complex
// CHECK: %[[A:.*]] = tensor.extract_slice %{{.*}}[0] [2] [1] : tensor<6xcomplex<f32>> to tensor<2xcomplex<f32>>
// CHECK: %[[B:.*]] = tensor.extract_slice %{{.*}}[2] [4] [1] : tensor<6xcomplex<f32>> to tensor<4xcomplex<f32>>
// CHECK: %[[BC:.*]] = tensor.cast %[[B]] : tensor<4xcomplex<f32>> to tensor<?xcomplex<f32>>
// CHECK: return %[[A]], %[[BC]]
func.func @split_static_input_complex(%x: tensor<6xcomplex<f32>>) -> (tensor<2xcomplex<f32>>, tensor<?xcomplex<f32>>) {
  %a, %b = seq.split %x axis 0 : tensor<6xcomplex<f32>> -> tensor<2xcomplex<f32>>, tensor<?xcomplex<f32>>
  return %a, %b : tensor<2xcomplex<f32>>, tensor<?xcomplex<f32>>
}

//===----------------------------------------------------------------------===//
// concat
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @concat_static
// CHECK-SAME: (%[[A:.*]]: tensor<2x4xf32>, %[[B:.*]]: tensor<2x8xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x12xf32>
// CHECK: %[[R1:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0] [2, 4] [1, 1] : tensor<2x4xf32> into tensor<2x12xf32>
// CHECK: %[[R2:.*]] = tensor.insert_slice %[[B]] into %[[R1]][0, 4] [2, 8] [1, 1] : tensor<2x8xf32> into tensor<2x12xf32>
// CHECK: return %[[R2]]
func.func @concat_static(%a: tensor<2x4xf32>, %b: tensor<2x8xf32>) -> tensor<2x12xf32> {
  %0 = seq.concat %a, %b axis -1 : (tensor<2x4xf32>, tensor<2x8xf32>) -> tensor<2x12xf32>
  return %0 : tensor<2x12xf32>
}

// The result's size along the axis is the sum of the operands'; a size the
// result type knows statically (2) refines the operand that does not.
// CHECK-LABEL: func.func @concat_dynamic
// CHECK-SAME: (%[[A:.*]]: tensor<2x?xf32>, %[[B:.*]]: tensor<?x8xf32>)
// CHECK: %[[N:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<2x?xf32>
// CHECK: %[[BC:.*]] = tensor.cast %[[B]] : tensor<?x8xf32> to tensor<2x8xf32>
// CHECK: %[[C8:.*]] = arith.constant 8 : index
// CHECK: %[[TOTAL:.*]] = arith.addi %[[N]], %[[C8]] : index
// CHECK: %[[E:.*]] = tensor.empty(%[[TOTAL]]) : tensor<2x?xf32>
// CHECK: %[[R1:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0] [2, %[[N]]] [1, 1] : tensor<2x?xf32> into tensor<2x?xf32>
// CHECK: %[[R2:.*]] = tensor.insert_slice %[[BC]] into %[[R1]][0, %[[N]]] [2, 8] [1, 1] : tensor<2x8xf32> into tensor<2x?xf32>
// CHECK: return %[[R2]]
func.func @concat_dynamic(%a: tensor<2x?xf32>, %b: tensor<?x8xf32>) -> tensor<2x?xf32> {
  %0 = seq.concat %a, %b axis 1 : (tensor<2x?xf32>, tensor<?x8xf32>) -> tensor<2x?xf32>
  return %0 : tensor<2x?xf32>
}

// Along the leading, dynamic axis of complex tensors.
// CHECK-LABEL: func.func @concat_time_complex
// CHECK-SAME: (%[[A:.*]]: tensor<?x2xcomplex<f64>>, %[[B:.*]]: tensor<1x2xcomplex<f64>>)
// CHECK: %[[N:.*]] = tensor.dim %[[A]], %{{.*}}
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[TOTAL:.*]] = arith.addi %[[N]], %[[C1]] : index
// CHECK: %[[E:.*]] = tensor.empty(%[[TOTAL]]) : tensor<?x2xcomplex<f64>>
// CHECK: %[[R1:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0] [%[[N]], 2] [1, 1]
// CHECK: tensor.insert_slice %[[B]] into %[[R1]][%[[N]], 0] [1, 2] [1, 1] : tensor<1x2xcomplex<f64>> into tensor<?x2xcomplex<f64>>
func.func @concat_time_complex(%a: tensor<?x2xcomplex<f64>>, %b: tensor<1x2xcomplex<f64>>) -> tensor<?x2xcomplex<f64>> {
  %0 = seq.concat %a, %b axis 0 : (tensor<?x2xcomplex<f64>>, tensor<1x2xcomplex<f64>>) -> tensor<?x2xcomplex<f64>>
  return %0 : tensor<?x2xcomplex<f64>>
}

//===----------------------------------------------------------------------===//
// slice
//===----------------------------------------------------------------------===//

// Columns 1 and 3 of every row: starts are offsets, steps are strides.
// CHECK-LABEL: func.func @slice_static
// CHECK-SAME: (%[[X:.*]]: tensor<2x4xf64>)
// CHECK: tensor.extract_slice %[[X]][0, 1] [2, 2] [1, 2] : tensor<2x4xf64> to tensor<2x2xf64>
func.func @slice_static(%x: tensor<2x4xf64>) -> tensor<2x2xf64> {
  %0 = seq.slice %x [0, 1] [1, 2] : tensor<2x4xf64> -> tensor<2x2xf64>
  return %0 : tensor<2x2xf64>
}

// A dynamic result size is ceil(max(n - start, 0) / step), computed as
// (max(n - start, 0) + step - 1) / step.
// CHECK-LABEL: func.func @slice_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x16xf32>)
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x16xf32>
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[D:.*]] = arith.subi %[[N]], %[[C2]] : index
// CHECK: %[[L:.*]] = arith.maxsi %[[D]], %[[C0]] : index
// CHECK: %[[STEP_M1:.*]] = arith.constant 2 : index
// CHECK: %[[U:.*]] = arith.addi %[[L]], %[[STEP_M1]] : index
// CHECK: %[[C3:.*]] = arith.constant 3 : index
// CHECK: %[[S:.*]] = arith.divui %[[U]], %[[C3]] : index
// CHECK: tensor.extract_slice %[[X]][2, 1] [%[[S]], 4] [3, 4] : tensor<?x16xf32> to tensor<?x4xf32>
func.func @slice_dynamic(%x: tensor<?x16xf32>) -> tensor<?x4xf32> {
  %0 = seq.slice %x [2, 1] [3, 4] : tensor<?x16xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// From a static input a dynamic size is a constant: elements 2 and 5 of 7
// (ceil(5 / 3) = 2), and none from start 9 of 7 (read from 0, in bounds).
// CHECK-LABEL: func.func @slice_static_input_complex
// CHECK-SAME: (%[[X:.*]]: tensor<7xcomplex<f32>>)
// CHECK: %[[S:.*]] = tensor.extract_slice %[[X]][2] [2] [3] : tensor<7xcomplex<f32>> to tensor<2xcomplex<f32>>
// CHECK: tensor.cast %[[S]] : tensor<2xcomplex<f32>> to tensor<?xcomplex<f32>>
// CHECK: %[[E:.*]] = tensor.extract_slice %[[X]][0] [0] [1] : tensor<7xcomplex<f32>> to tensor<0xcomplex<f32>>
// CHECK: tensor.cast %[[E]] : tensor<0xcomplex<f32>> to tensor<?xcomplex<f32>>
func.func @slice_static_input_complex(%x: tensor<7xcomplex<f32>>) -> (tensor<?xcomplex<f32>>, tensor<?xcomplex<f32>>) {
  %0 = seq.slice %x [2] [3] : tensor<7xcomplex<f32>> -> tensor<?xcomplex<f32>>
  %1 = seq.slice %x [9] [1] : tensor<7xcomplex<f32>> -> tensor<?xcomplex<f32>>
  return %0, %1 : tensor<?xcomplex<f32>>, tensor<?xcomplex<f32>>
}
