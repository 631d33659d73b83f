// RUN: seq-opt --convert-seq-to-linalg %s | FileCheck %s
// RUN: seq-opt --convert-seq-to-linalg %s | FileCheck %s --check-prefix=NOSEQ

// Reductions accumulate in a linalg.generic with reduction iterators into a
// tensor of the kept dimensions initialized by linalg.fill; the elementwise
// steps after them read those per-row values through projections.

// NOSEQ-NOT: seq.

// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROWS2:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[$COLS2:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[$ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[$ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$KEEP0_3:.*]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-DAG: #[[$DROP0_3:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[$NONE3:.*]] = affine_map<(d0, d1, d2) -> ()>
// CHECK-DAG: #[[$DROP1_3:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$ROWS3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[$LAST3:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG: #[[$NONE1:.*]] = affine_map<(d0) -> ()>
// CHECK-DAG: #[[$ID0:.*]] = affine_map<() -> ()>

//===----------------------------------------------------------------------===//
// reduce
//===----------------------------------------------------------------------===//

// Row sums: 0 is the initial value, dimension 1 is reduced.
// CHECK-LABEL: func.func @reduce_sum
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<2xf32>) -> tensor<2xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROWS2]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<2x3xf32>) outs(%[[INIT]] : tensor<2xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[ACC]], %[[IN]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: return %[[R]] : tensor<2xf32>
func.func @reduce_sum(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = seq.reduce sum %x axes [1] : tensor<2x3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// The mean over the last two axes (given as -1 and 1) of [?, 2, 16]
// divides by the constant count 32; keep_dims expands [?] back to
// [?, 1, 1] with the kept size.
// CHECK-LABEL: func.func @reduce_mean_keep_dims
// CHECK-SAME: (%[[X:.*]]: tensor<?x2x16xf32>)
// CHECK: %[[T:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x2x16xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[T]]) : tensor<?xf32>
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<?xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ID3]], #[[$KEEP0_3]]], iterator_types = ["parallel", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<?x2x16xf32>) outs(%[[INIT]] : tensor<?xf32>)
// CHECK: arith.addf
// CHECK: %[[COUNT:.*]] = arith.constant 3.200000e+01 : f32
// CHECK: %[[MEAN:.*]] = linalg.generic {indexing_maps = [#[[$ID1]], #[[$ID1]]], iterator_types = ["parallel"]}
// CHECK-SAME: ins(%[[SUM]] : tensor<?xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[Q:.*]] = arith.divf %[[IN]], %[[COUNT]] : f32
// CHECK-NEXT: linalg.yield %[[Q]] : f32
// CHECK: %[[N:.*]] = tensor.dim %[[MEAN]], %{{.*}} : tensor<?xf32>
// CHECK: %[[R:.*]] = tensor.expand_shape %[[MEAN]] {{\[}}[0, 1, 2]] output_shape [%[[N]], 1, 1] : tensor<?xf32> into tensor<?x1x1xf32>
// CHECK: return %[[R]]
func.func @reduce_mean_keep_dims(%x: tensor<?x2x16xf32>) -> tensor<?x1x1xf32> {
  %0 = seq.reduce mean %x axes [-1, 1] keep_dims : tensor<?x2x16xf32> -> tensor<?x1x1xf32>
  return %0 : tensor<?x1x1xf32>
}

// A dynamic count (T * 4) is converted to a float at run time.
// CHECK-LABEL: func.func @reduce_mean_dynamic_count
// CHECK-SAME: (%[[X:.*]]: tensor<?x4x3xf64>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ID3]], #[[$LAST3]]], iterator_types = ["reduction", "reduction", "parallel"]}
// CHECK: %[[T:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x4x3xf64>
// CHECK: %[[C4:.*]] = arith.constant 4 : index
// CHECK: %[[N:.*]] = arith.muli %[[T]], %[[C4]] : index
// CHECK: %[[N64:.*]] = arith.index_castui %[[N]] : index to i64
// CHECK: %[[COUNT:.*]] = arith.uitofp %[[N64]] : i64 to f64
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[SUM]] : tensor<3xf64>)
// CHECK: arith.divf %{{.*}}, %[[COUNT]] : f64
func.func @reduce_mean_dynamic_count(%x: tensor<?x4x3xf64>) -> tensor<3xf64> {
  %0 = seq.reduce mean %x axes [0, 1] : tensor<?x4x3xf64> -> tensor<3xf64>
  return %0 : tensor<3xf64>
}

// max starts from -inf and min from +inf; arith.maximumf/minimumf
// propagate NaN.
// CHECK-LABEL: func.func @reduce_max_min
// CHECK: %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: linalg.fill ins(%[[NEG_INF]] : f32)
// CHECK: linalg.generic {indexing_maps = [#[[$ID3]], #[[$DROP0_3]]], iterator_types = ["reduction", "parallel", "parallel"]}
// CHECK: arith.maximumf %{{.*}}, %{{.*}} : f32
// CHECK: %[[INF:.*]] = arith.constant 0x7FF0000000000000 : f64
// CHECK: linalg.fill ins(%[[INF]] : f64)
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROWS2]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.minimumf %{{.*}}, %{{.*}} : f64
func.func @reduce_max_min(%x: tensor<?x2x16xf32>, %y: tensor<4x5xf64>) -> (tensor<2x16xf32>, tensor<4xf64>) {
  %0 = seq.reduce max %x axes [0] : tensor<?x2x16xf32> -> tensor<2x16xf32>
  %1 = seq.reduce min %y axes [-1] : tensor<4x5xf64> -> tensor<4xf64>
  return %0, %1 : tensor<2x16xf32>, tensor<4xf64>
}

// Every axis, kept: a scalar accumulator expanded to [1, 1, 1].
// CHECK-LABEL: func.func @reduce_all_keep_dims
// CHECK: %[[E:.*]] = tensor.empty() : tensor<f32>
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<f32>)
// CHECK: %[[S:.*]] = linalg.generic {indexing_maps = [#[[$ID3]], #[[$NONE3]]], iterator_types = ["reduction", "reduction", "reduction"]}
// CHECK: tensor.expand_shape %[[S]] [] output_shape [1, 1, 1] : tensor<f32> into tensor<1x1x1xf32>
func.func @reduce_all_keep_dims(%x: tensor<?x2x16xf32>) -> tensor<1x1x1xf32> {
  %0 = seq.reduce sum %x axes [0, 1, 2] keep_dims : tensor<?x2x16xf32> -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// A leading reduced axis joins the first kept dimension's group.
// CHECK-LABEL: func.func @reduce_keep_leading
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [1, 3] : tensor<3xf32> into tensor<1x3xf32>
func.func @reduce_keep_leading(%x: tensor<2x3xf32>) -> tensor<1x3xf32> {
  %0 = seq.reduce max %x axes [0] keep_dims : tensor<2x3xf32> -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// Complex sums add complex numbers from a complex zero.
// CHECK-LABEL: func.func @reduce_complex_sum
// CHECK-SAME: (%[[X:.*]]: tensor<4x?xcomplex<f64>>)
// CHECK: %[[ZERO:.*]] = complex.constant [0.000000e+00, 0.000000e+00] : complex<f64>
// CHECK: linalg.fill ins(%[[ZERO]] : complex<f64>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$COLS2]]], iterator_types = ["reduction", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<4x?xcomplex<f64>>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: complex<f64>, %[[ACC:.*]]: complex<f64>):
// CHECK-NEXT: %[[S:.*]] = complex.add %[[ACC]], %[[IN]] : complex<f64>
// CHECK-NEXT: linalg.yield %[[S]]
// CHECK: return %[[SUM]]
func.func @reduce_complex_sum(%x: tensor<4x?xcomplex<f64>>) -> tensor<?xcomplex<f64>> {
  %0 = seq.reduce sum %x axes [0] : tensor<4x?xcomplex<f64>> -> tensor<?xcomplex<f64>>
  return %0 : tensor<?xcomplex<f64>>
}

// The complex mean divides both parts by the real count, as the
// interpreter does.
// CHECK-LABEL: func.func @reduce_complex_mean
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$COLS2]]], iterator_types = ["reduction", "parallel"]}
// CHECK: complex.add
// CHECK: %[[COUNT:.*]] = arith.constant 4.000000e+00 : f64
// CHECK: %[[MEAN:.*]] = linalg.generic
// CHECK-SAME: ins(%[[SUM]] : tensor<?xcomplex<f64>>)
// CHECK-NEXT: ^bb0(%[[Z:.*]]: complex<f64>, %{{.*}}: complex<f64>):
// CHECK-NEXT: %[[RE:.*]] = complex.re %[[Z]] : complex<f64>
// CHECK-NEXT: %[[RE_Q:.*]] = arith.divf %[[RE]], %[[COUNT]] : f64
// CHECK-NEXT: %[[IM:.*]] = complex.im %[[Z]] : complex<f64>
// CHECK-NEXT: %[[IM_Q:.*]] = arith.divf %[[IM]], %[[COUNT]] : f64
// CHECK-NEXT: %[[Q:.*]] = complex.create %[[RE_Q]], %[[IM_Q]] : complex<f64>
// CHECK-NEXT: linalg.yield %[[Q]]
// CHECK: tensor.expand_shape %[[MEAN]] {{\[}}[0, 1]] output_shape [1, %{{.*}}] : tensor<?xcomplex<f64>> into tensor<1x?xcomplex<f64>>
func.func @reduce_complex_mean(%x: tensor<4x?xcomplex<f64>>) -> tensor<1x?xcomplex<f64>> {
  %0 = seq.reduce mean %x axes [0] keep_dims : tensor<4x?xcomplex<f64>> -> tensor<1x?xcomplex<f64>>
  return %0 : tensor<1x?xcomplex<f64>>
}

//===----------------------------------------------------------------------===//
// softmax
//===----------------------------------------------------------------------===//

// Along the middle axis: the max and the sum drop dimension 1, and the
// elementwise steps read them through the same projection.
// CHECK-LABEL: func.func @softmax_middle_axis
// CHECK-SAME: (%[[X:.*]]: tensor<?x5x3xf32>)
// CHECK: %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MAX_INIT:.*]] = linalg.fill ins(%[[NEG_INF]] : f32) outs(%{{.*}} : tensor<?x3xf32>)
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[$ID3]], #[[$DROP1_3]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<?x5x3xf32>) outs(%[[MAX_INIT]] : tensor<?x3xf32>)
// CHECK: arith.maximumf
// CHECK: %[[EXPS:.*]] = linalg.generic {indexing_maps = [#[[$ID3]], #[[$DROP1_3]], #[[$ID3]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[MAX]] : tensor<?x5x3xf32>, tensor<?x3xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %[[M:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[D:.*]] = arith.subf %[[IN]], %[[M]] : f32
// CHECK-NEXT: %[[EXP:.*]] = math.exp %[[D]] : f32
// CHECK-NEXT: linalg.yield %[[EXP]]
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[SUM_INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<?x3xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ID3]], #[[$DROP1_3]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK-SAME: ins(%[[EXPS]] : tensor<?x5x3xf32>) outs(%[[SUM_INIT]] : tensor<?x3xf32>)
// CHECK: arith.addf
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID3]], #[[$DROP1_3]], #[[$ID3]]]
// CHECK-SAME: ins(%[[EXPS]], %[[SUM]] : tensor<?x5x3xf32>, tensor<?x3xf32>)
// CHECK-NEXT: ^bb0(%[[E:.*]]: f32, %[[S:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[Q:.*]] = arith.divf %[[E]], %[[S]] : f32
// CHECK-NEXT: linalg.yield %[[Q]]
// CHECK: return %[[R]]
func.func @softmax_middle_axis(%x: tensor<?x5x3xf32>) -> tensor<?x5x3xf32> {
  %0 = seq.softmax %x axis 1 : tensor<?x5x3xf32>
  return %0 : tensor<?x5x3xf32>
}

// axis -1 is the last dimension.
// CHECK-LABEL: func.func @softmax_last_axis
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROWS2]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.maximumf
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROWS2]], #[[$ID2]]]
// CHECK: math.exp
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROWS2]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.addf
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROWS2]], #[[$ID2]]]
// CHECK: arith.divf
func.func @softmax_last_axis(%x: tensor<2x16xf64>) -> tensor<2x16xf64> {
  %0 = seq.softmax %x axis -1 : tensor<2x16xf64>
  return %0 : tensor<2x16xf64>
}

//===----------------------------------------------------------------------===//
// rms_norm and layer_norm
//===----------------------------------------------------------------------===//

// sum(x^2) per row, 1 / sqrt(sum / 16 + epsilon) per row, then
// x * inv * weight with the weight along the last dimension.
// CHECK-LABEL: func.func @rms_norm
// CHECK-SAME: (%[[X:.*]]: tensor<5x2x16xf32>, %[[W:.*]]: tensor<16xf32>)
// CHECK: %[[D:.*]] = arith.constant 1.600000e+01 : f32
// CHECK: %[[SQ:.*]] = linalg.generic {indexing_maps = [#[[$ID3]], #[[$ROWS3]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<5x2x16xf32>) outs(%{{.*}} : tensor<5x2xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[X2:.*]] = arith.mulf %[[IN]], %[[IN]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[ACC]], %[[X2]] : f32
// CHECK-NEXT: linalg.yield %[[S]]
// CHECK: %[[EPS:.*]] = arith.constant 9.99999997E-7 : f32
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[INV:.*]] = linalg.generic
// CHECK-SAME: ins(%[[SQ]] : tensor<5x2xf32>)
// CHECK-NEXT: ^bb0(%[[SS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[MS:.*]] = arith.divf %[[SS]], %[[D]] : f32
// CHECK-NEXT: %[[V:.*]] = arith.addf %[[MS]], %[[EPS]] : f32
// CHECK-NEXT: %[[ROOT:.*]] = math.sqrt %[[V]] : f32
// CHECK-NEXT: %[[I:.*]] = arith.divf %[[ONE]], %[[ROOT]] : f32
// CHECK-NEXT: linalg.yield %[[I]]
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID3]], #[[$ROWS3]], #[[$LAST3]], #[[$ID3]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[INV]], %[[W]] : tensor<5x2x16xf32>, tensor<5x2xf32>, tensor<16xf32>)
// CHECK-NEXT: ^bb0(%[[XI:.*]]: f32, %[[II:.*]]: f32, %[[WI:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[Y:.*]] = arith.mulf %[[XI]], %[[II]] : f32
// CHECK-NEXT: %[[YW:.*]] = arith.mulf %[[Y]], %[[WI]] : f32
// CHECK-NEXT: linalg.yield %[[YW]]
// CHECK: return %[[R]]
func.func @rms_norm(%x: tensor<5x2x16xf32>, %w: tensor<16xf32>) -> tensor<5x2x16xf32> {
  %0 = seq.rms_norm %x, %w {epsilon = 1.0e-06 : f64} : (tensor<5x2x16xf32>, tensor<16xf32>) -> tensor<5x2x16xf32>
  return %0 : tensor<5x2x16xf32>
}

// A vector normalizes into scalar statistics.
// CHECK-LABEL: func.func @rms_norm_vector
// CHECK: linalg.generic {indexing_maps = [#[[$ID1]], #[[$NONE1]]], iterator_types = ["reduction"]}
// CHECK: linalg.generic {indexing_maps = [#[[$ID0]], #[[$ID0]]], iterator_types = []}
// CHECK: linalg.generic {indexing_maps = [#[[$ID1]], #[[$NONE1]], #[[$ID1]], #[[$ID1]]], iterator_types = ["parallel"]}
func.func @rms_norm_vector(%x: tensor<8xf64>, %w: tensor<8xf64>) -> tensor<8xf64> {
  %0 = seq.rms_norm %x, %w {epsilon = 0.0 : f64} : (tensor<8xf64>, tensor<8xf64>) -> tensor<8xf64>
  return %0 : tensor<8xf64>
}

// The mean, then the biased variance mean((x - mean)^2); the feature size
// is dynamic, so it is converted at run time.
// CHECK-LABEL: func.func @layer_norm
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xf32>, %[[W:.*]]: tensor<?xf32>, %[[B:.*]]: tensor<?xf32>)
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x?xf32>
// CHECK: %[[N64:.*]] = arith.index_castui %[[N]] : index to i64
// CHECK: %[[D:.*]] = arith.uitofp %[[N64]] : i64 to f32
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROWS2]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<?x?xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[ACC]], %[[IN]] : f32
// CHECK: %[[MEAN:.*]] = linalg.generic
// CHECK-SAME: ins(%[[SUM]] : tensor<?xf32>)
// CHECK: arith.divf %{{.*}}, %[[D]] : f32
// CHECK: %[[VAR:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROWS2]], #[[$ROWS2]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]], %[[MEAN]] : tensor<?x?xf32>, tensor<?xf32>)
// CHECK-NEXT: ^bb0(%[[XI:.*]]: f32, %[[MI:.*]]: f32, %[[ACC2:.*]]: f32):
// CHECK-NEXT: %[[C:.*]] = arith.subf %[[XI]], %[[MI]] : f32
// CHECK-NEXT: %[[C2:.*]] = arith.mulf %[[C]], %[[C]] : f32
// CHECK-NEXT: %[[S2:.*]] = arith.addf %[[ACC2]], %[[C2]] : f32
// CHECK: %[[EPS:.*]] = arith.constant 9.99999974E-6 : f32
// CHECK: %[[INV:.*]] = linalg.generic
// CHECK-SAME: ins(%[[VAR]] : tensor<?xf32>)
// CHECK: arith.divf %{{.*}}, %[[D]] : f32
// CHECK: arith.addf %{{.*}}, %[[EPS]] : f32
// CHECK: math.sqrt
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROWS2]], #[[$ROWS2]], #[[$COLS2]], #[[$COLS2]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[MEAN]], %[[INV]], %[[W]], %[[B]] : tensor<?x?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>)
// CHECK-NEXT: ^bb0(%[[XJ:.*]]: f32, %[[MJ:.*]]: f32, %[[IJ:.*]]: f32, %[[WJ:.*]]: f32, %[[BJ:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[CJ:.*]] = arith.subf %[[XJ]], %[[MJ]] : f32
// CHECK-NEXT: %[[NJ:.*]] = arith.mulf %[[CJ]], %[[IJ]] : f32
// CHECK-NEXT: %[[SJ:.*]] = arith.mulf %[[NJ]], %[[WJ]] : f32
// CHECK-NEXT: %[[YJ:.*]] = arith.addf %[[SJ]], %[[BJ]] : f32
// CHECK-NEXT: linalg.yield %[[YJ]]
// CHECK: return %[[R]]
func.func @layer_norm(%x: tensor<?x?xf32>, %w: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<?x?xf32> {
  %0 = seq.layer_norm %x, %w, %b {epsilon = 1.0e-05 : f64} : (tensor<?x?xf32>, tensor<?xf32>, tensor<?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
