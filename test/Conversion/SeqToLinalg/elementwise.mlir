// RUN: seq-opt --convert-seq-to-linalg %s | FileCheck %s
// RUN: seq-opt --convert-seq-to-linalg %s | FileCheck %s --check-prefix=NOSEQ

// Every elementwise op becomes one linalg.generic over the broadcast result.
// Operands are aligned at their trailing dimensions: a missing leading
// dimension is dropped from the operand's map and a static 1 that stretches
// is read at index 0. Each dynamic result size is a tensor.dim of the first
// operand whose aligned dimension is dynamic. A real operand of a complex op
// is promoted with a zero imaginary part.

// NOSEQ-NOT: seq.

// CHECK-DAG: #[[$ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[$SCALAR1:.*]] = affine_map<(d0) -> ()>
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$LAST2:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[$COL_STRETCH:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[$SCALAR2:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[$ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$ROW_STRETCH3:.*]] = affine_map<(d0, d1, d2) -> (0, d2)>

//===----------------------------------------------------------------------===//
// Binary ops and broadcasting
//===----------------------------------------------------------------------===//

// [?, 4] + [4]: the vector drops d0; the result's T is the matrix's.
// CHECK-LABEL: func.func @add_row
// CHECK-SAME: (%[[A:.*]]: tensor<?x4xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[T:.*]] = tensor.dim %[[A]], %[[C0]] : tensor<?x4xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[T]]) : tensor<?x4xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$LAST2]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<?x4xf32>, tensor<4xf32>) outs(%[[E]] : tensor<?x4xf32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: return %[[R]]
func.func @add_row(%a: tensor<?x4xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = seq.add %a, %b : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// [T, B, 8] + [1, 8]: the bias drops d0 and reads its size-1 row at 0; both
// dynamic sizes come from %x.
// CHECK-LABEL: func.func @add_bias
// CHECK-SAME: (%[[X:.*]]: tensor<?x?x8xf32>, %[[B:.*]]: tensor<1x8xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[T:.*]] = tensor.dim %[[X]], %[[C0]]
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[BATCH:.*]] = tensor.dim %[[X]], %[[C1]]
// CHECK: %[[E:.*]] = tensor.empty(%[[T]], %[[BATCH]]) : tensor<?x?x8xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID3]], #[[$ROW_STRETCH3]], #[[$ID3]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[B]] : tensor<?x?x8xf32>, tensor<1x8xf32>) outs(%[[E]] : tensor<?x?x8xf32>)
func.func @add_bias(%x: tensor<?x?x8xf32>, %b: tensor<1x8xf32>) -> tensor<?x?x8xf32> {
  %0 = seq.add %x, %b : (tensor<?x?x8xf32>, tensor<1x8xf32>) -> tensor<?x?x8xf32>
  return %0 : tensor<?x?x8xf32>
}

// [?, 1] - [3] -> [?, 3]: the column stretches along d1, the row drops d0.
// CHECK-LABEL: func.func @sub_outer
// CHECK-SAME: (%[[A:.*]]: tensor<?x1xf64>, %[[B:.*]]: tensor<3xf64>)
// CHECK: %[[T:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x1xf64>
// CHECK: %[[E:.*]] = tensor.empty(%[[T]]) : tensor<?x3xf64>
// CHECK: linalg.generic {indexing_maps = [#[[$COL_STRETCH]], #[[$LAST2]], #[[$ID2]]]
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<?x1xf64>, tensor<3xf64>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f64, %[[Y:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[D:.*]] = arith.subf %[[X]], %[[Y]] : f64
// CHECK-NEXT: linalg.yield %[[D]] : f64
func.func @sub_outer(%a: tensor<?x1xf64>, %b: tensor<3xf64>) -> tensor<?x3xf64> {
  %0 = seq.sub %a, %b : (tensor<?x1xf64>, tensor<3xf64>) -> tensor<?x3xf64>
  return %0 : tensor<?x3xf64>
}

// A rank-0 lhs reads no index; the dynamic size comes from the rhs.
// CHECK-LABEL: func.func @mul_scalar
// CHECK-SAME: (%[[A:.*]]: tensor<f32>, %[[B:.*]]: tensor<2x?xf32>)
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[N:.*]] = tensor.dim %[[B]], %[[C1]] : tensor<2x?xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[N]]) : tensor<2x?xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$SCALAR2]], #[[$ID2]], #[[$ID2]]]
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<f32>, tensor<2x?xf32>) outs(%[[E]] : tensor<2x?xf32>)
// CHECK: arith.mulf
func.func @mul_scalar(%a: tensor<f32>, %b: tensor<2x?xf32>) -> tensor<2x?xf32> {
  %0 = seq.mul %a, %b : (tensor<f32>, tensor<2x?xf32>) -> tensor<2x?xf32>
  return %0 : tensor<2x?xf32>
}

// [?, 1] max [?] -> [?, ?]: d0 from the lhs, d1 from the rhs (the lhs's
// size there is a static 1, which stretches).
// CHECK-LABEL: func.func @max_outer
// CHECK-SAME: (%[[A:.*]]: tensor<?x1xf32>, %[[B:.*]]: tensor<?xf32>)
// CHECK: %[[M:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x1xf32>
// CHECK: %[[N:.*]] = tensor.dim %[[B]], %{{.*}} : tensor<?xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[M]], %[[N]]) : tensor<?x?xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$COL_STRETCH]], #[[$LAST2]], #[[$ID2]]]
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[V:.*]] = arith.maximumf %[[X]], %[[Y]] : f32
// CHECK-NEXT: linalg.yield %[[V]] : f32
func.func @max_outer(%a: tensor<?x1xf32>, %b: tensor<?xf32>) -> tensor<?x?xf32> {
  %0 = seq.max %a, %b : (tensor<?x1xf32>, tensor<?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// min and pow: the NaN-propagating minimum, and powf.
// CHECK-LABEL: func.func @min_pow
// CHECK: linalg.generic {indexing_maps = [#[[$ID1]], #[[$ID1]], #[[$ID1]]]
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[V:.*]] = arith.minimumf %[[X]], %[[Y]] : f32
// CHECK-NEXT: linalg.yield %[[V]] : f32
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[V:.*]] = math.powf %[[X]], %[[Y]] : f32
// CHECK-NEXT: linalg.yield %[[V]] : f32
func.func @min_pow(%a: tensor<3xf32>, %b: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = seq.min %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = seq.pow %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}

//===----------------------------------------------------------------------===//
// Complex operands
//===----------------------------------------------------------------------===//

// A real lhs divided by a complex rhs: the real element becomes x + 0i.
// CHECK-LABEL: func.func @div_real_by_complex
// CHECK-SAME: (%[[A:.*]]: tensor<3xf32>, %[[B:.*]]: tensor<3xcomplex<f32>>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<3xcomplex<f32>>
// CHECK: linalg.generic {indexing_maps = [#[[$ID1]], #[[$ID1]], #[[$ID1]]], iterator_types = ["parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<3xf32>, tensor<3xcomplex<f32>>) outs(%[[E]] : tensor<3xcomplex<f32>>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: complex<f32>, %{{.*}}: complex<f32>):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[XC:.*]] = complex.create %[[X]], %[[ZERO]] : complex<f32>
// CHECK-NEXT: %[[Q:.*]] = complex.div %[[XC]], %[[Y]] : complex<f32>
// CHECK-NEXT: linalg.yield %[[Q]] : complex<f32>
func.func @div_real_by_complex(%a: tensor<3xf32>, %b: tensor<3xcomplex<f32>>) -> tensor<3xcomplex<f32>> {
  %0 = seq.div %a, %b : (tensor<3xf32>, tensor<3xcomplex<f32>>) -> tensor<3xcomplex<f32>>
  return %0 : tensor<3xcomplex<f32>>
}

// A real scalar added to a complex vector: the rhs is promoted, in place.
// CHECK-LABEL: func.func @add_complex_real_scalar
// CHECK: linalg.generic {indexing_maps = [#[[$ID1]], #[[$SCALAR1]], #[[$ID1]]]
// CHECK-NEXT: ^bb0(%[[X:.*]]: complex<f64>, %[[Y:.*]]: f64, %{{.*}}: complex<f64>):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT: %[[YC:.*]] = complex.create %[[Y]], %[[ZERO]] : complex<f64>
// CHECK-NEXT: %[[S:.*]] = complex.add %[[X]], %[[YC]] : complex<f64>
// CHECK-NEXT: linalg.yield %[[S]] : complex<f64>
func.func @add_complex_real_scalar(%z: tensor<2xcomplex<f64>>, %r: tensor<f64>) -> tensor<2xcomplex<f64>> {
  %0 = seq.add %z, %r : (tensor<2xcomplex<f64>>, tensor<f64>) -> tensor<2xcomplex<f64>>
  return %0 : tensor<2xcomplex<f64>>
}

// Two complex operands: complex.sub / complex.mul directly.
// CHECK-LABEL: func.func @complex_sub_mul
// CHECK: ^bb0(%[[X:.*]]: complex<f32>, %[[Y:.*]]: complex<f32>, %{{.*}}: complex<f32>):
// CHECK-NEXT: %[[D:.*]] = complex.sub %[[X]], %[[Y]] : complex<f32>
// CHECK-NEXT: linalg.yield %[[D]]
// CHECK: ^bb0(%[[X:.*]]: complex<f32>, %[[Y:.*]]: complex<f32>, %{{.*}}: complex<f32>):
// CHECK-NEXT: %[[P:.*]] = complex.mul %[[X]], %[[Y]] : complex<f32>
// CHECK-NEXT: linalg.yield %[[P]]
func.func @complex_sub_mul(%a: tensor<2xcomplex<f32>>, %b: tensor<2xcomplex<f32>>) -> (tensor<2xcomplex<f32>>, tensor<2xcomplex<f32>>) {
  %0 = seq.sub %a, %b : (tensor<2xcomplex<f32>>, tensor<2xcomplex<f32>>) -> tensor<2xcomplex<f32>>
  %1 = seq.mul %a, %b : (tensor<2xcomplex<f32>>, tensor<2xcomplex<f32>>) -> tensor<2xcomplex<f32>>
  return %0, %1 : tensor<2xcomplex<f32>>, tensor<2xcomplex<f32>>
}

// seq.complex pairs its broadcast parts with complex.create.
// CHECK-LABEL: func.func @make_complex
// CHECK-SAME: (%[[RE:.*]]: tensor<2xf64>, %[[IM:.*]]: tensor<f64>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2xcomplex<f64>>
// CHECK: linalg.generic {indexing_maps = [#[[$ID1]], #[[$SCALAR1]], #[[$ID1]]]
// CHECK-SAME: ins(%[[RE]], %[[IM]] : tensor<2xf64>, tensor<f64>) outs(%[[E]] : tensor<2xcomplex<f64>>)
// CHECK-NEXT: ^bb0(%[[R:.*]]: f64, %[[I:.*]]: f64, %{{.*}}: complex<f64>):
// CHECK-NEXT: %[[Z:.*]] = complex.create %[[R]], %[[I]] : complex<f64>
// CHECK-NEXT: linalg.yield %[[Z]] : complex<f64>
func.func @make_complex(%re: tensor<2xf64>, %im: tensor<f64>) -> tensor<2xcomplex<f64>> {
  %0 = seq.complex %re, %im : (tensor<2xf64>, tensor<f64>) -> tensor<2xcomplex<f64>>
  return %0 : tensor<2xcomplex<f64>>
}

// real / imag / abs of a complex tensor produce a real tensor of the same
// (dynamic) shape.
// CHECK-LABEL: func.func @complex_parts
// CHECK-SAME: (%[[Z:.*]]: tensor<?xcomplex<f32>>)
// CHECK: %[[N0:.*]] = tensor.dim %[[Z]], %{{.*}} : tensor<?xcomplex<f32>>
// CHECK: %[[E0:.*]] = tensor.empty(%[[N0]]) : tensor<?xf32>
// CHECK: linalg.generic {{.*}} ins(%[[Z]] : tensor<?xcomplex<f32>>) outs(%[[E0]] : tensor<?xf32>)
// CHECK-NEXT: ^bb0(%[[C:.*]]: complex<f32>, %{{.*}}: f32):
// CHECK-NEXT: %[[V:.*]] = complex.re %[[C]] : complex<f32>
// CHECK-NEXT: linalg.yield %[[V]] : f32
// CHECK: } -> tensor<?xf32>
// CHECK: ^bb0(%[[C:.*]]: complex<f32>, %{{.*}}: f32):
// CHECK-NEXT: %[[V:.*]] = complex.im %[[C]] : complex<f32>
// CHECK-NEXT: linalg.yield %[[V]] : f32
// CHECK: ^bb0(%[[C:.*]]: complex<f32>, %{{.*}}: f32):
// CHECK-NEXT: %[[V:.*]] = complex.abs %[[C]] : complex<f32>
// CHECK-NEXT: linalg.yield %[[V]] : f32
func.func @complex_parts(%z: tensor<?xcomplex<f32>>) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %0 = seq.real %z : tensor<?xcomplex<f32>> -> tensor<?xf32>
  %1 = seq.imag %z : tensor<?xcomplex<f32>> -> tensor<?xf32>
  %2 = seq.abs %z : tensor<?xcomplex<f32>> -> tensor<?xf32>
  return %0, %1, %2 : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// abs of a real tensor is math.absf. (seq.real and seq.imag accept complex
// operands only, so their real-input branches cannot be reached.)
// CHECK-LABEL: func.func @abs_real
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[V:.*]] = math.absf %[[X]] : f32
// CHECK-NEXT: linalg.yield %[[V]] : f32
func.func @abs_real(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = seq.abs %x : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// neg / exp / conj of complex elements use the complex dialect.
// CHECK-LABEL: func.func @complex_unary
// CHECK: ^bb0(%[[C:.*]]: complex<f32>, %{{.*}}: complex<f32>):
// CHECK-NEXT: %[[V:.*]] = complex.neg %[[C]] : complex<f32>
// CHECK-NEXT: linalg.yield %[[V]]
// CHECK: ^bb0(%[[C:.*]]: complex<f32>, %{{.*}}: complex<f32>):
// CHECK-NEXT: %[[V:.*]] = complex.exp %[[C]] : complex<f32>
// CHECK-NEXT: linalg.yield %[[V]]
// CHECK: ^bb0(%[[C:.*]]: complex<f32>, %{{.*}}: complex<f32>):
// CHECK-NEXT: %[[V:.*]] = complex.conj %[[C]] : complex<f32>
// CHECK-NEXT: linalg.yield %[[V]]
func.func @complex_unary(%z: tensor<2xcomplex<f32>>) -> (tensor<2xcomplex<f32>>, tensor<2xcomplex<f32>>, tensor<2xcomplex<f32>>) {
  %0 = seq.neg %z : tensor<2xcomplex<f32>>
  %1 = seq.exp %z : tensor<2xcomplex<f32>>
  %2 = seq.conj %z : tensor<2xcomplex<f32>>
  return %0, %1, %2 : tensor<2xcomplex<f32>>, tensor<2xcomplex<f32>>, tensor<2xcomplex<f32>>
}

//===----------------------------------------------------------------------===//
// Real unary ops: the scalar body of each
//===----------------------------------------------------------------------===//

// sigmoid with e = exp(-|x|) and s = 1 / (1 + e): s for x >= 0 (= 1 / (1 +
// exp(-x))), e * s below (= exp(x) / (1 + exp(x))); exp never overflows.
// The divisor is in [1, 2]: the division may use a reciprocal estimate
// (arcp, ninf), unlike rsqrt's below (sqrt(0) = 0).
// CHECK-LABEL: func.func @sigmoid
// CHECK-SAME: (%[[X:.*]]: tensor<?x16xf32>)
// CHECK: %[[T:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x16xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[T]]) : tensor<?x16xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<?x16xf32>) outs(%[[E]] : tensor<?x16xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[ABS:.*]] = math.absf %[[IN]] : f32
// CHECK-NEXT: %[[NEG:.*]] = arith.negf %[[ABS]] : f32
// CHECK-NEXT: %[[EXP:.*]] = math.exp %[[NEG]] : f32
// CHECK-NEXT: %[[DEN:.*]] = arith.addf %[[ONE]], %[[EXP]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.divf %[[ONE]], %[[DEN]] fastmath<ninf,arcp> : f32
// CHECK-NEXT: %[[NONNEG:.*]] = arith.cmpf oge, %[[IN]], %[[ZERO]] : f32
// CHECK-NEXT: %[[ES:.*]] = arith.mulf %[[EXP]], %[[S]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[NONNEG]], %[[S]], %[[ES]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @sigmoid(%x: tensor<?x16xf32>) -> tensor<?x16xf32> {
  %0 = seq.sigmoid %x : tensor<?x16xf32>
  return %0 : tensor<?x16xf32>
}

// silu is x times the same sigmoid.
// CHECK-LABEL: func.func @silu
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[EXP:.*]] = math.exp
// CHECK: %[[SIG:.*]] = arith.select
// CHECK-NEXT: %[[R:.*]] = arith.mulf %[[IN]], %[[SIG]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @silu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = seq.silu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// relu keeps x when x > 0 or x is NaN (unordered compare), else 0.
// CHECK-LABEL: func.func @relu
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[KEEP:.*]] = arith.cmpf ugt, %[[IN]], %[[ZERO]] : f32
// CHECK-NEXT: %[[ZERO2:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[KEEP]], %[[IN]], %[[ZERO2]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @relu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = seq.relu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// softplus = max(x, 0) + log1p(exp(-|x|)): no overflow for large x, no
// loss of the small tail for very negative x.
// CHECK-LABEL: func.func @softplus
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ABS:.*]] = math.absf %[[IN]] : f32
// CHECK-NEXT: %[[NEG:.*]] = arith.negf %[[ABS]] : f32
// CHECK-NEXT: %[[EXP:.*]] = math.exp %[[NEG]] : f32
// CHECK-NEXT: %[[TAIL:.*]] = math.log1p %[[EXP]] : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[POS:.*]] = arith.maximumf %[[IN]], %[[ZERO]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.addf %[[POS]], %[[TAIL]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @softplus(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = seq.softplus %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// gelu = 0.5 x (1 + erf(x / sqrt 2)); 1 / sqrt 2 = 0.70710678118654757.
// CHECK-LABEL: func.func @gelu
// CHECK: ^bb0(%[[IN:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[RSQRT2:.*]] = arith.constant 0.70710678118654757 : f64
// CHECK-NEXT: %[[SCALED:.*]] = arith.mulf %[[IN]], %[[RSQRT2]] : f64
// CHECK-NEXT: %[[ERF:.*]] = math.erf %[[SCALED]] : f64
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK-NEXT: %[[CDF:.*]] = arith.addf %[[ONE]], %[[ERF]] : f64
// CHECK-NEXT: %[[HALF:.*]] = arith.constant 5.000000e-01 : f64
// CHECK-NEXT: %[[HALFX:.*]] = arith.mulf %[[HALF]], %[[IN]] : f64
// CHECK-NEXT: %[[R:.*]] = arith.mulf %[[HALFX]], %[[CDF]] : f64
// CHECK-NEXT: linalg.yield %[[R]] : f64
func.func @gelu(%x: tensor<4xf64>) -> tensor<4xf64> {
  %0 = seq.gelu %x : tensor<4xf64>
  return %0 : tensor<4xf64>
}

// elu (alpha = 1) = x if x > 0 else expm1(x).
// CHECK-LABEL: func.func @elu
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[POS:.*]] = arith.cmpf ogt, %[[IN]], %[[ZERO]] : f32
// CHECK-NEXT: %[[EM1:.*]] = math.expm1 %[[IN]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[POS]], %[[IN]], %[[EM1]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @elu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = seq.elu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// rsqrt = 1 / sqrt(x).
// CHECK-LABEL: func.func @rsqrt
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SQRT:.*]] = math.sqrt %[[IN]] : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[R:.*]] = arith.divf %[[ONE]], %[[SQRT]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @rsqrt(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = seq.rsqrt %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// The rest map one-to-one onto arith/math ops.
// CHECK-LABEL: func.func @direct_unary
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[V:.*]] = arith.negf %[[IN]] : f32
// CHECK-NEXT: linalg.yield %[[V]]
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[V:.*]] = math.exp %[[IN]] : f32
// CHECK-NEXT: linalg.yield %[[V]]
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[V:.*]] = math.log %[[IN]] : f32
// CHECK-NEXT: linalg.yield %[[V]]
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[V:.*]] = math.tanh %[[IN]] : f32
// CHECK-NEXT: linalg.yield %[[V]]
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[V:.*]] = math.sqrt %[[IN]] : f32
// CHECK-NEXT: linalg.yield %[[V]]
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[V:.*]] = math.sin %[[IN]] : f32
// CHECK-NEXT: linalg.yield %[[V]]
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[V:.*]] = math.cos %[[IN]] : f32
// CHECK-NEXT: linalg.yield %[[V]]
func.func @direct_unary(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = seq.neg %x : tensor<4xf32>
  %1 = seq.exp %x : tensor<4xf32>
  %2 = seq.log %x : tensor<4xf32>
  %3 = seq.tanh %x : tensor<4xf32>
  %4 = seq.sqrt %x : tensor<4xf32>
  %5 = seq.sin %x : tensor<4xf32>
  %6 = seq.cos %x : tensor<4xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
