//===- SeqToLinalg.h - Patterns lowering seq ops ----------------*- C++ -*-===//
//
// The rewrite patterns behind `convert-seq-to-linalg`, one family per file in
// compiler/lib/Conversion/SeqToLinalg/. Each rewrites seq ops into upstream
// ops on tensors with exactly the semantics of the reference interpreter
// (compiler/interpreter), which is the oracle of every lowering test.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_CONVERSION_SEQTOLINALG_SEQTOLINALG_H
#define SEQ_CONVERSION_SEQTOLINALG_SEQTOLINALG_H

#include <cstdint>

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace mlir::seq {

/// add ... pow, the unary functions, real/imag/abs, complex: linalg.generic.
void populateSeqElementwiseToLinalgPatterns(RewritePatternSet &patterns);
/// broadcast, reshape, permute, split, concat, slice: tensor and linalg ops.
void populateSeqShapeToTensorPatterns(RewritePatternSet &patterns);
/// reduce, softmax, rms_norm, layer_norm: linalg.generic reductions.
void populateSeqReductionToLinalgPatterns(RewritePatternSet &patterns);
/// linear, matmul, einsum: linalg contractions.
void populateSeqContractionToLinalgPatterns(RewritePatternSet &patterns);
/// conv1d and attention.
void populateSeqMixingToLinalgPatterns(RewritePatternSet &patterns);
/// recur and scan: scf.for over time.
void populateSeqSequenceToSCFPatterns(RewritePatternSet &patterns);
/// linear_scan: split over channels (scf.forall) where the body allows and
/// the rows are wide enough, else a two-level chunked parallel scan over
/// time, each chunk's inputs and outputs within `chunkBytes`.
void populateSeqLinearScanToSCFPatterns(RewritePatternSet &patterns,
                                        int64_t chunkBytes);

/// The attribute (a unit attribute) on the scf.for over a chunk's steps
/// that the linear_scan lowering runs on one register tile of the state;
/// seq-vectorize-register-tiles turns its body into vector arithmetic.
constexpr const char kRegisterTileAttrName[] = "seq.register_tile";

} // namespace mlir::seq

#endif // SEQ_CONVERSION_SEQTOLINALG_SEQTOLINALG_H
