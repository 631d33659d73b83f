//===- SeqExpandIntegerDivisions.cpp - ceil/floor divisions to arith ------===//
//
// arith.ceildivsi, floordivsi and ceildivui (slice sizes, head groups) have
// no LLVM lowering; they become divisions, remainders and selects. The rest
// of upstream's arith-expand stays out: it turns arith.maximumf/minimumf
// into a compare and selects, a reduction LLVM 19 vectorizes only with
// no-NaN flags, while the llvm.maximum/minimum intrinsics that
// arith-to-llvm makes of them are vectorized as they are.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "seq/Conversion/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQEXPANDINTEGERDIVISIONSPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {
struct SeqExpandIntegerDivisionsPass
    : mlir::seq::impl::SeqExpandIntegerDivisionsPassBase<
          SeqExpandIntegerDivisionsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    arith::populateCeilFloorDivExpandOpsPatterns(patterns);
    if (failed(
            applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
