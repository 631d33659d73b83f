// RUN: seq-opt --convert-seq-to-linalg %s | FileCheck %s
// RUN: seq-opt --convert-seq-to-linalg %s | FileCheck %s --check-prefix=NOSEQ
// RUN: seq-opt --convert-seq-to-linalg %s | FileCheck %s --check-prefix=ERRORS

// conv1d reads its input padded in front with K - 1 zeros and skips the
// taps before the first step. attention runs the (batch, head) pairs in
// parallel (scf.forall) and, per pair, loops over blocks of 64 queries: per
// block, one matmul_transpose_b of 2-d slices for the scores against only
// the keys the block may read (into a view of the pair's scores buffer), a
// row-wise masked softmax without the division (maximum, exponentials,
// sum), one matmul with the values, and the division of its rows by the
// sums, inserted into the pair's slice.

// NOSEQ-NOT: {{(^ *|= )seq\.}}

// Conv: loops (t, b, c, j).
// CHECK-DAG: #[[$TAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0 + d3, d1, d2)>
// CHECK-DAG: #[[$WEIGHT:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-DAG: #[[$OUT3:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// Attention softmax: loops (i, j) over one block's rows and keys.
// CHECK-DAG: #[[$MAT:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d0)>

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
// CHECK-DAG: %[[S:.*]] = tensor.dim %[[K]], %c0{{.*}} : tensor<?x?x4x16xf32>
// Sizes known only at run time are checked first, as the verifier checks
// static ones: keys and values of one length, one batch for all three, and
// (causal) as many keys as queries at least. Where one fails, the error is
// reported (the texts: test/e2e/llvm/attention-sizes-error.mlir) and no
// pair runs.
// CHECK: scf.if
// CHECK:   func.call @seq_runtime_error
// CHECK: }
// CHECK: %[[FEW:.*]] = arith.cmpi ult, %[[S]], %[[T]] : index
// CHECK: scf.if %[[FEW]] {
// CHECK:   func.call @seq_runtime_error
// CHECK: }
// CHECK: %[[FAILS:.*]] = arith.ori %{{.*}}, %[[FEW]] : i1
// The B * 4 (batch, head) pairs in parallel, each into its [T, 8] slice.
// CHECK: %[[ALL:.*]] = arith.muli %{{.*}}, %c4{{.*}} : index
// CHECK: %[[PAIRS:.*]] = arith.select %[[FAILS]], %{{.*}}, %[[ALL]] : index
// CHECK-DAG: %[[GS:.*]] = arith.divui %c4{{.*}}, %c4{{.*}} : index
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : index
// CHECK-DAG: %[[SCALE:.*]] = arith.constant 2.500000e-01 : f32
// CHECK: %[[INIT:.*]] = tensor.empty({{.*}}) : tensor<?x?x4x8xf32>
// CHECK: %[[OUT:.*]] = scf.forall (%[[PAIR:.*]]) in (%[[PAIRS]]) shared_outs(%[[O1:.*]] = %[[INIT]])
// CHECK: %[[B:.*]] = arith.divui %[[PAIR]], %c4{{.*}} : index
// CHECK: %[[H:.*]] = arith.remui %[[PAIR]], %c4{{.*}} : index
// CHECK: %[[G:.*]] = arith.divui %[[H]], %[[GS]] : index
// CHECK: %[[O2:.*]] = tensor.extract_slice %[[O1]][0, %[[B]], %[[H]], 0] [%{{.*}}, 1, 1, 8] [1, 1, 1, 1] : tensor<?x?x4x8xf32> to tensor<?x8xf32>
// One [64, S] buffer of scores per pair, carried from block to block.
// CHECK: %[[SBUF:.*]] = tensor.empty(%[[S]]) : tensor<64x?xf32>
// CHECK: %[[HEAD:.*]]:2 = scf.for %[[T0:.*]] = %{{.*}} to %[[T]] step %[[C64]] iter_args(%[[O3:.*]] = %[[O2]], %[[SB:.*]] = %[[SBUF]])
//
// rows = min(64, T - t0); the keys end after the last row's position
// t0 + S - T + rows (clamped to [0, S]) and, without a window, start at 0.
// CHECK: %[[LEFT:.*]] = arith.subi %[[T]], %[[T0]] : index
// CHECK: %[[ROWS:.*]] = arith.minsi %[[C64]], %[[LEFT]] : index
// CHECK: %[[OFF:.*]] = arith.subi %[[S]], %[[T]] : index
// CHECK: %[[FIRST:.*]] = arith.addi %[[T0]], %[[OFF]] : index
// CHECK: %[[LAST:.*]] = arith.addi %[[FIRST]], %[[ROWS]] : index
// CHECK: %[[END0:.*]] = arith.minsi %[[LAST]], %[[S]] : index
// CHECK: %[[END:.*]] = arith.maxsi %[[END0]], %[[ZERO:.*]] : index
// CHECK: %[[KEYS:.*]] = arith.subi %[[END]], %[[ZERO]] : index
// CHECK: %[[QB:.*]] = tensor.extract_slice %[[Q]][%[[T0]], %[[B]], %[[H]], 0] [%[[ROWS]], 1, 1, 16] [1, 1, 1, 1] : tensor<?x?x4x16xf32> to tensor<?x16xf32>
// CHECK: %[[KB:.*]] = tensor.extract_slice %[[K]][%[[ZERO]], %[[B]], %[[G]], 0] [%[[KEYS]], 1, 1, 16] [1, 1, 1, 1] : tensor<?x?x4x16xf32> to tensor<?x16xf32>
// CHECK: %[[VB:.*]] = tensor.extract_slice %[[V]][%[[ZERO]], %[[B]], %[[G]], 0] [%[[KEYS]], 1, 1, 8] [1, 1, 1, 1] : tensor<?x?x4x8xf32> to tensor<?x8xf32>
// CHECK: %[[BASE:.*]] = arith.subi %[[FIRST]], %[[ZERO]] : index
// The block's scores are the view [rows, keys] of the pair's buffer.
// CHECK: %[[SE:.*]] = tensor.extract_slice %[[SB]][0, 0] [%[[ROWS]], %[[KEYS]]] [1, 1] : tensor<64x?xf32> to tensor<?x?xf32>
// CHECK: %[[SF:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[SE]] : tensor<?x?xf32>)
// CHECK: %[[SCORES:.*]] = linalg.matmul_transpose_b ins(%[[QB]], %[[KB]] : tensor<?x16xf32>, tensor<?x16xf32>) outs(%[[SF]] : tensor<?x?xf32>)
//
// The row maximum of scale * score over the allowed keys, from -inf: key j
// is allowed for row i when (i + base) - j >= 0; a masked key reads as
// -inf, so the body is a plain maximum (a reduction LLVM vectorizes).
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MINIT:.*]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.*}} : tensor<?xf32>)
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[$MAT]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[SCORES]] : tensor<?x?xf32>) outs(%[[MINIT]] : tensor<?xf32>)
// CHECK-NEXT: ^bb0(%[[SC:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[LOWEST:.*]] = arith.constant 0xFF800000 : f32
// CHECK-NEXT: %[[SCALED:.*]] = arith.mulf %[[SCALE]], %[[SC]] : f32
// CHECK-NEXT: %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[J:.*]] = linalg.index 1 : index
// CHECK-NEXT: %[[TI:.*]] = arith.addi %[[I]], %[[BASE]] : index
// CHECK-NEXT: %[[DIFF:.*]] = arith.subi %[[TI]], %[[J]] : index
// CHECK-NEXT: %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[OK:.*]] = arith.cmpi sge, %[[DIFF]], %[[C0]] : index
// CHECK-NEXT: %[[S:.*]] = arith.select %[[OK]], %[[SCALED]], %[[LOWEST]] : f32
// CHECK-NEXT: %[[M:.*]] = arith.maximumf %[[ACC]], %[[S]] : f32
// CHECK-NEXT: linalg.yield %[[M]] : f32
//
// exp(scale * score - max) where allowed, else exactly 0, over the scores.
// The scores are read through the output, which the exponentials overwrite.
// CHECK: %[[EXPS:.*]] = linalg.generic {indexing_maps = [#[[$ROW]], #[[$MAT]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[MAX]] : tensor<?xf32>) outs(%[[SCORES]] : tensor<?x?xf32>)
// CHECK: math.exp
// CHECK: arith.cmpi sge
// CHECK: arith.select
//
// Their sum.
// CHECK: %[[SUMS:.*]] = linalg.generic {indexing_maps = [#[[$MAT]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[EXPS]] : tensor<?x?xf32>)
// CHECK: arith.addf
//
// The weighted values divided by the sums (0 for a row without keys), into
// rows t0.. of the pair's slice.
// CHECK: %[[OF:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x8xf32>)
// CHECK: %[[PV:.*]] = linalg.matmul ins(%[[EXPS]], %[[VB]] : tensor<?x?xf32>, tensor<?x8xf32>) outs(%[[OF]] : tensor<?x8xf32>)
// CHECK: %[[NORM:.*]] = linalg.generic {indexing_maps = [#[[$ROW]], #[[$MAT]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[SUMS]] : tensor<?xf32>) outs(%[[PV]] : tensor<?x8xf32>)
// CHECK: arith.cmpf oeq
// CHECK: arith.divf
// CHECK: arith.select
// CHECK: %[[INS:.*]] = tensor.insert_slice %[[NORM]] into %[[O3]][%[[T0]], 0] [%[[ROWS]], 8] [1, 1] : tensor<?x8xf32> into tensor<?x8xf32>
// CHECK: %[[CARRIED:.*]] = tensor.insert_slice %[[EXPS]] into %[[SB]][0, 0] [%[[ROWS]], %[[KEYS]]] [1, 1] : tensor<?x?xf32> into tensor<64x?xf32>
// CHECK: scf.yield %[[INS]], %[[CARRIED]]
// CHECK: scf.forall.in_parallel
// CHECK-NEXT: tensor.parallel_insert_slice %[[HEAD]]#0 into %[[O1]][0, %[[B]], %[[H]], 0] [%{{.*}}, 1, 1, 8] [1, 1, 1, 1] : tensor<?x8xf32> into tensor<?x?x4x8xf32>
// CHECK: return %[[OUT]]
func.func @attention_causal(%q: tensor<?x?x4x16xf32>, %k: tensor<?x?x4x16xf32>, %v: tensor<?x?x4x8xf32>) -> tensor<?x?x4x8xf32> {
  %o = seq.attention %q, %k, %v {causal, scale = 0.25 : f64} : (tensor<?x?x4x16xf32>, tensor<?x?x4x16xf32>, tensor<?x?x4x8xf32>) -> tensor<?x?x4x8xf32>
  return %o : tensor<?x?x4x8xf32>
}

// Grouped-query attention: query head h reads key/value head h / (8 / 2).
// CHECK-LABEL: func.func @attention_grouped
// CHECK-SAME: (%[[Q:.*]]: tensor<5x2x8x16xf32>, %[[K:.*]]: tensor<5x2x2x16xf32>, %[[V:.*]]: tensor<5x2x2x16xf32>)
// CHECK-DAG: %[[GS:.*]] = arith.divui %c8{{.*}}, %c2{{.*}} : index
// CHECK: scf.forall
// CHECK: %[[H:.*]] = arith.remui %{{.*}}, %c8{{.*}} : index
// CHECK: %[[G:.*]] = arith.divui %[[H]], %[[GS]] : index
// CHECK: tensor.extract_slice %[[K]][%{{.*}}, %{{.*}}, %[[G]], 0] [%{{.*}}, 1, 1, 16] [1, 1, 1, 1] : tensor<5x2x2x16xf32> to tensor<?x16xf32>
// CHECK: tensor.extract_slice %[[V]][%{{.*}}, %{{.*}}, %[[G]], 0] [%{{.*}}, 1, 1, 16] [1, 1, 1, 1] : tensor<5x2x2x16xf32> to tensor<?x16xf32>
// CHECK: linalg.matmul_transpose_b
// CHECK: linalg.matmul ins
func.func @attention_grouped(%q: tensor<5x2x8x16xf32>, %k: tensor<5x2x2x16xf32>, %v: tensor<5x2x2x16xf32>) -> tensor<5x2x8x16xf32> {
  %o = seq.attention %q, %k, %v {causal, scale = 0.25 : f64} : (tensor<5x2x8x16xf32>, tensor<5x2x2x16xf32>, tensor<5x2x2x16xf32>) -> tensor<5x2x8x16xf32>
  return %o : tensor<5x2x8x16xf32>
}

// Multi-query attention, not causal, window 3: the keys run from the
// window's start for the block's first row, max(t0 + S - T - 2, 0), to S,
// and key j is allowed for row i when (i + base) - j < 3.
// CHECK-LABEL: func.func @attention_multi_query_window
// CHECK-SAME: (%[[Q:.*]]: tensor<?x?x8x16xf64>, %[[K:.*]]: tensor<?x?x1x16xf64>, %[[V:.*]]: tensor<?x?x1x16xf64>)
// CHECK-DAG: %[[S:.*]] = tensor.dim %[[K]], %c0{{.*}} : tensor<?x?x1x16xf64>
// CHECK: %[[FIRST:.*]] = arith.addi %{{.*}}, %{{.*}} : index
// CHECK: %[[W1:.*]] = arith.constant 2 : index
// CHECK: %[[B0:.*]] = arith.subi %[[FIRST]], %[[W1]] : index
// CHECK: %[[B1:.*]] = arith.maxsi %[[B0]], %{{.*}} : index
// CHECK: %[[BEGIN:.*]] = arith.minsi %[[B1]], %[[S]] : index
// CHECK: %[[KEYS:.*]] = arith.subi %[[S]], %[[BEGIN]] : index
// CHECK: tensor.extract_slice %[[K]][%[[BEGIN]], %{{.*}}, %{{.*}}, 0] [%[[KEYS]], 1, 1, 16]
// CHECK: %[[BASE:.*]] = arith.subi %[[FIRST]], %[[BEGIN]] : index
// CHECK: linalg.matmul_transpose_b ins(%{{.*}}, %{{.*}} : tensor<?x16xf64>, tensor<?x16xf64>)
// CHECK: linalg.generic
// CHECK: %[[TI:.*]] = arith.addi %{{.*}}, %[[BASE]] : index
// CHECK-NEXT: %[[DIFF:.*]] = arith.subi %[[TI]], %{{.*}} : index
// CHECK-NEXT: %[[C3:.*]] = arith.constant 3 : index
// CHECK-NEXT: %[[OK:.*]] = arith.cmpi slt, %[[DIFF]], %[[C3]] : index
// CHECK-NOT: arith.cmpi sge
// CHECK: linalg.matmul ins
func.func @attention_multi_query_window(%q: tensor<?x?x8x16xf64>, %k: tensor<?x?x1x16xf64>, %v: tensor<?x?x1x16xf64>) -> tensor<?x?x8x16xf64> {
  %o = seq.attention %q, %k, %v {scale = 0.25 : f64, window = 3 : i64} : (tensor<?x?x8x16xf64>, tensor<?x?x1x16xf64>, tensor<?x?x1x16xf64>) -> tensor<?x?x8x16xf64>
  return %o : tensor<?x?x8x16xf64>
}

// Dynamic H and G: query head h reads key/value head h / (H / G). No mask:
// no linalg.index. Unless G is positive and divides H at run time, the
// error is reported (its text is checked in
// test/e2e/llvm/attention-heads-error.mlir) and no pair runs; the division
// divides by max(G, 1), which never traps.
// CHECK-LABEL: func.func @attention_dynamic_heads
// CHECK-SAME: (%[[Q:.*]]: tensor<?x?x?x16xf32>, %[[K:.*]]: tensor<?x?x?x16xf32>, %[[V:.*]]: tensor<?x?x?x16xf32>)
// CHECK-DAG: %[[NG:.*]] = tensor.dim %[[K]], %c2{{.*}} : tensor<?x?x?x16xf32>
// CHECK-DAG: %[[NH:.*]] = tensor.dim %[[Q]], %c2{{.*}} : tensor<?x?x?x16xf32>
// CHECK: %[[MISFIT:.*]] = arith.ori
// CHECK-NEXT: arith.cmpi ne
// CHECK-NEXT: %[[MISFIT:.*]] = arith.ori
// CHECK-NEXT: arith.cmpi ne
// CHECK-NEXT: %[[MISFIT:.*]] = arith.ori
// CHECK-NEXT: scf.if %[[MISFIT]] {
// CHECK:   func.call @seq_runtime_error
// CHECK: }
// CHECK: %[[DIVISOR:.*]] = arith.maxui %[[NG]], %[[ONE:.*]] : index
// CHECK: %[[NONE:.*]] = arith.cmpi eq, %[[NG]], %[[ZERO:.*]] : index
// CHECK: %[[REM:.*]] = arith.remui %[[NH]], %[[DIVISOR]] : index
// CHECK: %[[INEXACT:.*]] = arith.cmpi ne, %[[REM]], %[[ZERO]] : index
// CHECK: %[[UNDIVIDED:.*]] = arith.ori %[[NONE]], %[[INEXACT]] : i1
// CHECK: scf.if %[[UNDIVIDED]] {
// CHECK:   %[[TEXT:.*]] = memref.get_global @[[MESSAGE:.*]] : memref<{{[0-9]+}}xi8>
// CHECK:   %[[ANY:.*]] = memref.cast %[[TEXT]] : memref<{{[0-9]+}}xi8> to memref<?xi8>
// CHECK:   func.call @seq_runtime_error(%[[ANY]]) : (memref<?xi8>) -> ()
// CHECK: }
// CHECK: %[[FAILS:.*]] = arith.ori %[[MISFIT]], %[[UNDIVIDED]] : i1
// CHECK: %[[ALL:.*]] = arith.muli %{{.*}}, %[[NH]] : index
// CHECK: %[[PAIRS:.*]] = arith.select %[[FAILS]], %[[ZERO]], %[[ALL]] : index
// CHECK: %[[GS:.*]] = arith.divui %[[NH]], %[[DIVISOR]] : index
// CHECK: scf.forall (%{{.*}}) in (%[[PAIRS]])
// CHECK: arith.divui %{{.*}}, %[[GS]] : index
// CHECK-NOT: linalg.index
// CHECK: return
func.func @attention_dynamic_heads(%q: tensor<?x?x?x16xf32>, %k: tensor<?x?x?x16xf32>, %v: tensor<?x?x?x16xf32>) -> tensor<?x?x?x16xf32> {
  %o = seq.attention %q, %k, %v {scale = 0.25 : f64} : (tensor<?x?x?x16xf32>, tensor<?x?x?x16xf32>, tensor<?x?x?x16xf32>) -> tensor<?x?x?x16xf32>
  return %o : tensor<?x?x?x16xf32>
}

// Only sizes known only at run time are checked: the static grouped
// attention nothing, the multi-query one its run-time lengths and batches
// (one condition), the causal one those and causality, the dynamic heads
// those and the heads. One global per message (each names its op's place);
// the runtime function only reads it.
// ERRORS-COUNT-5: memref.global "private" constant @seq_runtime_error_message_{{[0-9]}} : memref<{{[0-9]+}}xi8>
// ERRORS-NOT: memref.global
// ERRORS-LABEL: func.func @attention_causal
// ERRORS-COUNT-2: func.call @seq_runtime_error
// ERRORS-LABEL: func.func @attention_grouped
// ERRORS-NOT: func.call @seq_runtime_error
// ERRORS-LABEL: func.func @attention_multi_query_window
// ERRORS-COUNT-1: func.call @seq_runtime_error
// ERRORS-LABEL: func.func @attention_dynamic_heads
// ERRORS-COUNT-2: func.call @seq_runtime_error
// ERRORS-NOT: func.call @seq_runtime_error
// ERRORS: func.func private @seq_runtime_error(memref<?xi8> {seq.readonly})
