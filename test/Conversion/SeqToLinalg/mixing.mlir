// RUN: seq-opt --convert-seq-to-linalg %s | FileCheck %s
// RUN: seq-opt --convert-seq-to-linalg %s | FileCheck %s --check-prefix=NOSEQ

// conv1d reads its input padded in front with K - 1 zeros and skips the
// taps before the first step. attention is five linalg.generics: q . k,
// the row maximum, the exponentials, their sum, and the weighted sum of the
// values; the causal/window mask is recomputed from linalg.index in each.

// NOSEQ-NOT: seq.

// Conv: loops (t, b, c, j).
// CHECK-DAG: #[[$TAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0 + d3, d1, d2)>
// CHECK-DAG: #[[$WEIGHT:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-DAG: #[[$OUT3:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// Attention scores: loops (t, b, h, s, d).
// CHECK-DAG: #[[$Q:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d4)>
// CHECK-DAG: #[[$K:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d3, d1, d2, d4)>
// CHECK-DAG: #[[$SCORES:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// Row statistics: loops (t, b, h, s).
// CHECK-DAG: #[[$ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// Weighted values: loops (t, b, h, e, s).
// CHECK-DAG: #[[$ROW5:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2)>
// CHECK-DAG: #[[$V:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d4, d1, d2, d3)>
// Grouped (H = 8, G = 2) and multi-query (G = 1) key/value heads.
// CHECK-DAG: #[[$KG:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d3, d1, d2 floordiv 4, d4)>
// CHECK-DAG: #[[$VG:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d4, d1, d2 floordiv 4, d3)>
// CHECK-DAG: #[[$KMQ:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d3, d1, 0, d4)>
// CHECK-DAG: #[[$VMQ:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d4, d1, 0, d3)>
// Dynamic heads split into (g, r): loops (t, b, g, r, s, d).
// CHECK-DAG: #[[$QSPLIT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d5)>
// CHECK-DAG: #[[$KSPLIT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d1, d2, d5)>

//===----------------------------------------------------------------------===//
// conv1d
//===----------------------------------------------------------------------===//

// K = 4: three zeros in front; y[t] accumulates onto the bias the taps
// j with t + j >= 3, i.e. x[t - 3 + j] at or after the first step.
// CHECK-LABEL: func.func @conv1d_static_bias
// CHECK-SAME: (%[[X:.*]]: tensor<5x2x16xf32>, %[[W:.*]]: tensor<16x4xf32>, %[[B:.*]]: tensor<16xf32>)
// CHECK: %[[HISTORY:.*]] = arith.constant 3 : index
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[XP:.*]] = tensor.pad %[[X]] low[3, 0, 0] high[0, 0, 0]
// CHECK: tensor.yield %[[ZERO]] : f32
// CHECK: } : tensor<5x2x16xf32> to tensor<8x2x16xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<5x2x16xf32>
// CHECK: %[[INIT:.*]] = linalg.broadcast ins(%[[B]] : tensor<16xf32>) outs(%[[E]] : tensor<5x2x16xf32>) dimensions = [0, 1]
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[$TAP]], #[[$WEIGHT]], #[[$OUT3]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[XP]], %[[W]] : tensor<8x2x16xf32>, tensor<16x4xf32>) outs(%[[INIT]] : tensor<5x2x16xf32>)
// CHECK-NEXT: ^bb0(%[[XE:.*]]: f32, %[[WE:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[WE]], %[[XE]] : f32
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT: %[[J:.*]] = linalg.index 3 : index
// CHECK-NEXT: %[[T:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[STEP:.*]] = arith.addi %[[T]], %[[J]] : index
// CHECK-NEXT: %[[IN:.*]] = arith.cmpi uge, %[[STEP]], %[[HISTORY]] : index
// CHECK-NEXT: %[[NEXT:.*]] = arith.select %[[IN]], %[[SUM]], %[[ACC]] : f32
// CHECK-NEXT: linalg.yield %[[NEXT]] : f32
// CHECK: return %[[Y]]
func.func @conv1d_static_bias(%x: tensor<5x2x16xf32>, %w: tensor<16x4xf32>, %b: tensor<16xf32>) -> tensor<5x2x16xf32> {
  %y = seq.conv1d %x, %w, %b : (tensor<5x2x16xf32>, tensor<16x4xf32>, tensor<16xf32>) -> tensor<5x2x16xf32>
  return %y : tensor<5x2x16xf32>
}

// Dynamic K: max(K, 1) - 1 zeros in front; no bias, so zeros to start.
// CHECK-LABEL: func.func @conv1d_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x?x16xf64>, %[[W:.*]]: tensor<16x?xf64>)
// CHECK: %[[K:.*]] = tensor.dim %[[W]], %{{.*}} : tensor<16x?xf64>
// CHECK: %[[K1:.*]] = arith.maxui %[[K]], %[[ONE:.*]] : index
// CHECK: %[[HISTORY:.*]] = arith.subi %[[K1]], %[[ONE]] : index
// CHECK: %[[XP:.*]] = tensor.pad %[[X]] low[%[[HISTORY]], 0, 0] high[0, 0, 0]
// CHECK: } : tensor<?x?x16xf64> to tensor<?x?x16xf64>
// CHECK: %[[T:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x?x16xf64>
// CHECK: %[[B:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x?x16xf64>
// CHECK: %[[E:.*]] = tensor.empty(%[[T]], %[[B]]) : tensor<?x?x16xf64>
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%[[E]] : tensor<?x?x16xf64>)
// CHECK: linalg.generic {indexing_maps = [#[[$TAP]], #[[$WEIGHT]], #[[$OUT3]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[XP]], %[[W]] : tensor<?x?x16xf64>, tensor<16x?xf64>) outs(%[[INIT]] : tensor<?x?x16xf64>)
// CHECK: arith.cmpi uge, %{{.*}}, %[[HISTORY]] : index
func.func @conv1d_dynamic(%x: tensor<?x?x16xf64>, %w: tensor<16x?xf64>) -> tensor<?x?x16xf64> {
  %y = seq.conv1d %x, %w : (tensor<?x?x16xf64>, tensor<16x?xf64>) -> tensor<?x?x16xf64>
  return %y : tensor<?x?x16xf64>
}

//===----------------------------------------------------------------------===//
// attention
//===----------------------------------------------------------------------===//

// Causal multi-head attention (H = G = 4), Dv = 8 != Dk = 16.
// CHECK-LABEL: func.func @attention_causal
// CHECK-SAME: (%[[Q:.*]]: tensor<?x?x4x16xf32>, %[[K:.*]]: tensor<?x?x4x16xf32>, %[[V:.*]]: tensor<?x?x4x8xf32>)
// CHECK-DAG: %[[T:.*]] = tensor.dim %[[Q]], %c0{{.*}} : tensor<?x?x4x16xf32>
// CHECK-DAG: %[[B:.*]] = tensor.dim %[[Q]], %c1{{.*}} : tensor<?x?x4x16xf32>
// CHECK-DAG: %[[S:.*]] = tensor.dim %[[K]], %c0{{.*}} : tensor<?x?x4x16xf32>
// CHECK: %[[E0:.*]] = tensor.empty(%[[T]], %[[B]], %[[S]]) : tensor<?x?x4x?xf32>
// CHECK: %[[DINIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E0]] : tensor<?x?x4x?xf32>)
//
// The dot products q[t, b, h] . k[s, b, h].
// CHECK: %[[DOTS:.*]] = linalg.generic {indexing_maps = [#[[$Q]], #[[$K]], #[[$SCORES]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[Q]], %[[K]] : tensor<?x?x4x16xf32>, tensor<?x?x4x16xf32>) outs(%[[DINIT]] : tensor<?x?x4x?xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
//
// The maximum of scale * dot over the allowed s <= t, from -inf.
// CHECK: %[[SCALE:.*]] = arith.constant 2.500000e-01 : f32
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MINIT:.*]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.*}} : tensor<?x?x4xf32>)
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[$ID4]], #[[$OUT3]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[DOTS]] : tensor<?x?x4x?xf32>) outs(%[[MINIT]] : tensor<?x?x4xf32>)
// CHECK-NEXT: ^bb0(%[[DOT:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[SC:.*]] = arith.mulf %[[SCALE]], %[[DOT]] : f32
// CHECK-NEXT: %[[M:.*]] = arith.maxnumf %[[ACC]], %[[SC]] : f32
// CHECK-NEXT: %[[T0:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[TI:.*]] = arith.addi %[[T0]], %{{.*}} : index
// CHECK-NEXT: %[[SI:.*]] = linalg.index 3 : index
// CHECK-NEXT: %[[OK:.*]] = arith.cmpi sle, %[[SI]], %[[TI]] : index
// CHECK-NEXT: %[[R:.*]] = arith.select %[[OK]], %[[M]], %[[ACC]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
//
// exp(scale * dot - max) where allowed, else exactly 0.
// CHECK: %[[EXPS:.*]] = linalg.generic {indexing_maps = [#[[$ID4]], #[[$OUT3]], #[[$ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[DOTS]], %[[MAX]] : tensor<?x?x4x?xf32>, tensor<?x?x4xf32>)
// CHECK-NEXT: ^bb0(%[[DOT:.*]]: f32, %[[ROWMAX:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SC:.*]] = arith.mulf %[[SCALE]], %[[DOT]] : f32
// CHECK-NEXT: %[[SH:.*]] = arith.subf %[[SC]], %[[ROWMAX]] : f32
// CHECK-NEXT: %[[EX:.*]] = math.exp %[[SH]] : f32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[T0:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[TI:.*]] = arith.addi %[[T0]], %{{.*}} : index
// CHECK-NEXT: %[[SI:.*]] = linalg.index 3 : index
// CHECK-NEXT: %[[OK:.*]] = arith.cmpi sle, %[[SI]], %[[TI]] : index
// CHECK-NEXT: %[[R:.*]] = arith.select %[[OK]], %[[EX]], %[[Z]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
//
// Their sum over s.
// CHECK: %[[SUMS:.*]] = linalg.generic {indexing_maps = [#[[$ID4]], #[[$OUT3]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[EXPS]] : tensor<?x?x4x?xf32>)
// CHECK: arith.addf
//
// o[t, b, h, e] = sum over allowed s of (exp / sum) v[s, b, h, e], from 0.
// CHECK: %[[OE:.*]] = tensor.empty(%[[T]], %[[B]]) : tensor<?x?x4x8xf32>
// CHECK: %[[OINIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[OE]] : tensor<?x?x4x8xf32>)
// CHECK: %[[O:.*]] = linalg.generic {indexing_maps = [#[[$Q]], #[[$ROW5]], #[[$V]], #[[$SCORES]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[EXPS]], %[[SUMS]], %[[V]] : tensor<?x?x4x?xf32>, tensor<?x?x4xf32>, tensor<?x?x4x8xf32>) outs(%[[OINIT]] : tensor<?x?x4x8xf32>)
// CHECK-NEXT: ^bb0(%[[EX:.*]]: f32, %[[SUM:.*]]: f32, %[[VE:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[W:.*]] = arith.divf %[[EX]], %[[SUM]] : f32
// CHECK-NEXT: %[[WV:.*]] = arith.mulf %[[W]], %[[VE]] : f32
// CHECK-NEXT: %[[NEXT:.*]] = arith.addf %[[ACC]], %[[WV]] : f32
// CHECK-NEXT: %[[T0:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[TI:.*]] = arith.addi %[[T0]], %{{.*}} : index
// CHECK-NEXT: %[[SI:.*]] = linalg.index 4 : index
// CHECK-NEXT: %[[OK:.*]] = arith.cmpi sle, %[[SI]], %[[TI]] : index
// CHECK-NEXT: %[[R:.*]] = arith.select %[[OK]], %[[NEXT]], %[[ACC]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
// CHECK: return %[[O]] : tensor<?x?x4x8xf32>
func.func @attention_causal(%q: tensor<?x?x4x16xf32>, %k: tensor<?x?x4x16xf32>, %v: tensor<?x?x4x8xf32>) -> tensor<?x?x4x8xf32> {
  %o = seq.attention %q, %k, %v {causal, scale = 0.25 : f64} : (tensor<?x?x4x16xf32>, tensor<?x?x4x16xf32>, tensor<?x?x4x8xf32>) -> tensor<?x?x4x8xf32>
  return %o : tensor<?x?x4x8xf32>
}

// Grouped-query attention: query head h reads key/value head h floordiv 4.
// CHECK-LABEL: func.func @attention_grouped
// CHECK-SAME: (%[[Q:.*]]: tensor<5x2x8x16xf32>, %[[K:.*]]: tensor<5x2x2x16xf32>, %[[V:.*]]: tensor<5x2x2x16xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[$Q]], #[[$KG]], #[[$SCORES]]]
// CHECK-SAME: ins(%[[Q]], %[[K]] : tensor<5x2x8x16xf32>, tensor<5x2x2x16xf32>) outs(%{{.*}} : tensor<5x2x8x5xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[$Q]], #[[$ROW5]], #[[$VG]], #[[$SCORES]]]
// CHECK-SAME: tensor<5x2x2x16xf32>) outs(%{{.*}} : tensor<5x2x8x16xf32>)
func.func @attention_grouped(%q: tensor<5x2x8x16xf32>, %k: tensor<5x2x2x16xf32>, %v: tensor<5x2x2x16xf32>) -> tensor<5x2x8x16xf32> {
  %o = seq.attention %q, %k, %v {causal, scale = 0.25 : f64} : (tensor<5x2x8x16xf32>, tensor<5x2x2x16xf32>, tensor<5x2x2x16xf32>) -> tensor<5x2x8x16xf32>
  return %o : tensor<5x2x8x16xf32>
}

// Multi-query attention (every head reads key/value head 0), not causal,
// window 3: key s is allowed for query t when s + 3 > t + S - T.
// CHECK-LABEL: func.func @attention_multi_query_window
// CHECK: linalg.generic {indexing_maps = [#[[$Q]], #[[$KMQ]], #[[$SCORES]]]
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFFF0000000000000 : f64
// CHECK: linalg.generic
// CHECK: arith.maxnumf
// CHECK-NEXT: %[[T0:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[TI:.*]] = arith.addi %[[T0]], %{{.*}} : index
// CHECK-NEXT: %[[SI:.*]] = linalg.index 3 : index
// CHECK-NEXT: %[[W:.*]] = arith.constant 3 : index
// CHECK-NEXT: %[[END:.*]] = arith.addi %[[SI]], %[[W]] : index
// CHECK-NEXT: %[[OK:.*]] = arith.cmpi sgt, %[[END]], %[[TI]] : index
// CHECK-NEXT: arith.select %[[OK]]
// CHECK: linalg.generic {indexing_maps = [#[[$Q]], #[[$ROW5]], #[[$VMQ]], #[[$SCORES]]]
// CHECK-NOT: arith.cmpi sle
// CHECK: return
func.func @attention_multi_query_window(%q: tensor<?x?x8x16xf64>, %k: tensor<?x?x1x16xf64>, %v: tensor<?x?x1x16xf64>) -> tensor<?x?x8x16xf64> {
  %o = seq.attention %q, %k, %v {scale = 0.25 : f64, window = 3 : i64} : (tensor<?x?x8x16xf64>, tensor<?x?x1x16xf64>, tensor<?x?x1x16xf64>) -> tensor<?x?x8x16xf64>
  return %o : tensor<?x?x8x16xf64>
}

// Dynamic H and G: the query heads are split into [G, H / G] (a
// tensor.reshape, as LLVM 19 cannot bufferize an expand_shape to two
// dynamic sizes), and merged back at the end. No mask: no linalg.index.
// CHECK-LABEL: func.func @attention_dynamic_heads
// CHECK-SAME: (%[[Q:.*]]: tensor<?x?x?x16xf32>, %[[K:.*]]: tensor<?x?x?x16xf32>, %[[V:.*]]: tensor<?x?x?x16xf32>)
// CHECK-DAG: %[[T:.*]] = tensor.dim %[[Q]], %c0{{.*}} : tensor<?x?x?x16xf32>
// CHECK-DAG: %[[B:.*]] = tensor.dim %[[Q]], %c1{{.*}} : tensor<?x?x?x16xf32>
// CHECK-DAG: %[[G:.*]] = tensor.dim %[[K]], %c2{{.*}} : tensor<?x?x?x16xf32>
// CHECK-DAG: %[[H:.*]] = tensor.dim %[[Q]], %c2{{.*}} : tensor<?x?x?x16xf32>
// CHECK: %[[R:.*]] = arith.divui %[[H]], %[[G]] : index
// CHECK: %[[G2:.*]] = tensor.dim %[[K]], %c2{{.*}} : tensor<?x?x?x16xf32>
// CHECK: %[[SHAPE:.*]] = tensor.from_elements %[[T]], %[[B]], %[[G2]], %[[R]], %{{.*}} : tensor<5xindex>
// CHECK: %[[QS:.*]] = tensor.reshape %[[Q]](%[[SHAPE]]) : (tensor<?x?x?x16xf32>, tensor<5xindex>) -> tensor<?x?x?x?x16xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$QSPLIT]], #[[$KSPLIT]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[QS]], %[[K]] : tensor<?x?x?x?x16xf32>, tensor<?x?x?x16xf32>)
// CHECK-NOT: linalg.index
// CHECK: %[[O:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<?x?x?x?x16xf32>)
// CHECK: %[[OM:.*]] = tensor.collapse_shape %[[O]] {{\[}}[0], [1], [2, 3], [4]] : tensor<?x?x?x?x16xf32> into tensor<?x?x?x16xf32>
// CHECK: return %[[OM]]
func.func @attention_dynamic_heads(%q: tensor<?x?x?x16xf32>, %k: tensor<?x?x?x16xf32>, %v: tensor<?x?x?x16xf32>) -> tensor<?x?x?x16xf32> {
  %o = seq.attention %q, %k, %v {scale = 0.25 : f64} : (tensor<?x?x?x16xf32>, tensor<?x?x?x16xf32>, tensor<?x?x?x16xf32>) -> tensor<?x?x?x16xf32>
  return %o : tensor<?x?x?x16xf32>
}
