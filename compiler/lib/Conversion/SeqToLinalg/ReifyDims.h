//===- ReifyDims.h - Sizes of values inside a recurrence, outside it -*- C++ -*-===//
//
// A recurrence's per-step outputs are stacked into `[T, ...]` tensors that
// must exist before the loop, so the sizes of their dynamic dimensions have
// to be computed before the body runs. Every seq op's result sizes follow
// from its operands' (that is what its verifier checks), so a size inside the
// body can be traced back to values defined outside it: the sequences (minus
// their time dimension), the initial states, and anything defined above.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_LIB_CONVERSION_SEQTOLINALG_REIFYDIMS_H
#define SEQ_LIB_CONVERSION_SEQTOLINALG_REIFYDIMS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"

#include <functional>

namespace mlir::seq::lowering {

/// Says what a block argument of the region stands for outside it: the
/// value and the axis whose size equals the argument's dimension `dim`, or
/// a null value when unknown.
using BlockArgSize =
    std::function<std::pair<Value, int64_t>(BlockArgument arg, int64_t dim)>;

/// The size of dimension `dim` of `value` (defined in `region` or above it),
/// built at `builder`'s insertion point (outside `region`) from values
/// defined outside; null when an op's sizes cannot be traced.
Value reifyDimOutside(OpBuilder &builder, Location loc, Region &region,
                      Value value, int64_t dim, const BlockArgSize &blockArgs);

} // namespace mlir::seq::lowering

#endif // SEQ_LIB_CONVERSION_SEQTOLINALG_REIFYDIMS_H
