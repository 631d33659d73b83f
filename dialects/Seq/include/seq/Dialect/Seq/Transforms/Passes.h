//===- Passes.h - Transformations of seq IR ---------------------*- C++ -*-===//

#ifndef SEQ_DIALECT_SEQ_TRANSFORMS_PASSES_H
#define SEQ_DIALECT_SEQ_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::seq {

/// The most steps per chunk seq-chunk-matrix-recurrences takes: its
/// intra-chunk masks and decays are C x C (a chunk of a million steps asked
/// for a million-squared constant).
constexpr int64_t kMaxMatrixChunkSize = 1024;

#define GEN_PASS_DECL
#include "seq/Dialect/Seq/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "seq/Dialect/Seq/Transforms/Passes.h.inc"

} // namespace mlir::seq

#endif // SEQ_DIALECT_SEQ_TRANSFORMS_PASSES_H
